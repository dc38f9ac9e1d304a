// Import a schedule (.ics): the file and the rotation it goes into, a preview of what changes,
// the names the feed uses mapped to people, then Import.

import { useState } from 'react';
import type { Person } from '../../../shared/contract';
import { Field, FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { importSchedule, type ImportPreview } from '../../state/rotations';
import { PersonOptions } from './PersonOptions';

const chosen = (mapping: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));

export function ScheduleImport({ people, zone }: { people: Person[]; zone: string }): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const [feed, setFeed] = useState<{ name: string; ics: string } | null>(null);
  const [importName, setImportName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function previewImport(
    file: { name: string; ics: string },
    name: string,
    map: Record<string, string>,
    apply = false,
  ): Promise<void> {
    try {
      // The file's name goes with its text: a refusal names the file.
      const result = await importSchedule({
        rotation: name,
        ics: file.ics,
        fileName: file.name,
        map,
        timeZone: zone,
        apply,
      });
      setPreview(result);
      setError(null);
      if (result.applied) {
        const count = result.added + result.changed;
        toast(`Imported ${count} ${count === 1 ? 'shift' : 'shifts'} into “${name}”.`);
        setFeed(null);
        setPreview(null);
        changed();
      }
    } catch (caught) {
      setError((caught as Error).message.replace(/^(ics|map|rotation):\s*/, ''));
    }
  }
  const unknown = preview?.unknownNames ?? [];

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import a schedule (.ics)</h2>
      <div className="inline-form">
        <Field layout="inline" label="Calendar file">
          <input
            type="file"
            accept=".ics,text/calendar"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              void file.text().then((ics) => {
                const name = importName || file.name.replace(/\.ics$/i, '');
                setImportName(name);
                const opened = { name: file.name, ics };
                setFeed(opened);
                setMapping({});
                void previewImport(opened, name, {});
              });
            }}
          />
        </Field>
        <InputField
          layout="inline"
          label="Into rotation"
          value={importName}
          onValue={(value) => setImportName(value)}
          placeholder="e.g. Payments primary"
        />
      </div>
      <FormError message={error} />
      {feed && preview && (
        <div className="import-preview" role="status">
          <p>
            {feed.name}: {preview.added} new, {preview.changed} changed, {preview.removed} removed, {preview.unchanged}{' '}
            unchanged shifts.
          </p>
          {preview.skipped.map((s, i) => (
            <p key={i} className="muted">
              Skipped {s.uid ?? 'an event'}: {s.reason}
            </p>
          ))}
          {unknown.map((name) => (
            <Field key={name} layout="inline" className="inline" label={<>“{name}” is</>}>
              <select
                aria-label={`Who is ${name}?`}
                value={mapping[name] ?? ''}
                onChange={(e) => {
                  const next = { ...mapping, [name]: e.target.value };
                  setMapping(next);
                  void previewImport(feed, importName, chosen(next));
                }}
              >
                <PersonOptions people={people} none="choose a person" />
              </select>
            </Field>
          ))}
          <button
            type="button"
            className="primary"
            disabled={unknown.length > 0 || !importName}
            onClick={() => void previewImport(feed, importName, chosen(mapping), true)}
          >
            Import
          </button>
        </div>
      )}
    </section>
  );
}
