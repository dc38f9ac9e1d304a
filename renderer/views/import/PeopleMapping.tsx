// People the export names who are not here yet: each gets a select, "create" by default, or
// someone already here (the import then logs their pages as that person).

import type { Person } from '../../../shared/contract';
import type { HistoryImportOutput } from '../../../shared/history-contract';
import { Field } from '../../components/Field';
import { useHistoryImport } from '../../state/history';

export function PeopleMapping({
  preview,
  people,
  disabled,
}: {
  preview: HistoryImportOutput;
  people: Person[];
  disabled: boolean;
}): React.JSX.Element | null {
  const map = useHistoryImport((s) => s.map);
  const mapPerson = useHistoryImport((s) => s.mapPerson);
  // Unknown: to be created — or mapped by this panel, so their select stays to change back.
  const unknown = preview.people.filter((p) => p.created || map[p.key] !== undefined);
  const matched = preview.people.filter((p) => !p.created && map[p.key] === undefined);
  if (unknown.length === 0 && matched.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="import-people-title">
      <h2 id="import-people-title">People</h2>
      {unknown.length > 0 && (
        <p className="hint">Not known here yet: each is created on import unless you choose someone already here.</p>
      )}
      <div className="people-map">
        {unknown.map((p) => (
          <Field key={p.key} label={p.key} className="narrow-select">
            <select
              value={map[p.key] ?? ''}
              disabled={disabled}
              onChange={(e) => mapPerson(p.key, e.target.value || null)}
            >
              <option value="">Create {p.created ? `@${p.handle}` : 'a new person'}</option>
              {people.map((person) => (
                <option key={person.id} value={person.handle}>
                  {person.name} (@{person.handle})
                </option>
              ))}
            </select>
          </Field>
        ))}
      </div>
      {matched.length > 0 && (
        <p className="muted small">
          Matched by email or name: {matched.map((p) => `${p.key} → @${p.handle}`).join(' · ')}
        </p>
      )}
    </section>
  );
}
