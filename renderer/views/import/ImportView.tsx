// The Import panel (key h): drop or choose a paging platform's export, see each file's format,
// say who the export's unknown people are, preview what importing would do, apply it with a
// progress bar, then go to the triage queue. docs/import.md "The Import panel and the triage queue".

import { useEffect } from 'react';
import { Field, FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { listPeople } from '../../state/people';
import { formatName, formatOf, hasCsvFile, useHistoryImport } from '../../state/history';
import { AcceptedExports } from './AcceptedExports';
import { DropZone } from './DropZone';
import { ImportFiles } from './ImportFiles';
import { ImportPreview } from './ImportPreview';
import { ImportResult } from './ImportResult';
import { PeopleMapping } from './PeopleMapping';
import { PullForm } from './PullForm';
import { usePeople } from './usePeople';
import './import.css';

const zones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

export function ImportView(): React.JSX.Element {
  const {
    files,
    pulled,
    columns,
    zone,
    preview,
    result,
    busy,
    progress,
    problem,
    setColumns,
    setZone,
    runPreview,
    apply,
    reset,
  } = useHistoryImport();
  const people = usePeople(
    listPeople,
    useApp((s) => s.revision),
  );
  const chosen = formatOf(files);
  const csv = 'format' in chosen && chosen.format === 'csv';

  useEffect(() => {
    // A drop anywhere else on the window would make the browser open the file instead.
    const stop = (event: DragEvent): void => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return (
    <section className="import-view" aria-labelledby="import-title">
      <header className="view-header">
        <h1 id="import-title">Import paging history</h1>
        <span className="muted">
          PagerDuty, Opsgenie, Grafana OnCall or any CSV — nothing is stored until you apply
        </span>
        {(files.length > 0 || pulled || result) && (
          <button type="button" className="import-reset" onClick={reset} disabled={busy !== null}>
            Start again
          </button>
        )}
      </header>
      <div className="import-scroll">
        {result && <ImportResult result={result} />}
        {!pulled && <DropZone busy={busy} />}
        <FormError message={problem?.message} />
        {files.length === 0 && !pulled && <PullForm disabled={busy !== null} />}
        {pulled && (
          <p className="panel pulled-summary" data-testid="pulled-summary">
            Pulled from {formatName(pulled.platform)} ({pulled.baseUrl}) since {pulled.since.slice(0, 10)}:{' '}
            {pulled.records} records in {pulled.pages} pages{pulled.resumed ? ', resumed where it had stopped' : ''}.
            {pulled.remembered ? ' The token is remembered in the keychain.' : ''}
          </p>
        )}
        {files.length === 0 && !pulled && !result && <AcceptedExports />}
        {files.length > 0 && <ImportFiles files={files} />}
        {csv && (
          <form
            className="inline-form import-columns"
            onSubmit={(e) => {
              e.preventDefault();
              void runPreview();
            }}
          >
            <InputField
              layout="inline"
              className="grow"
              label="Columns"
              value={columns}
              onValue={setColumns}
              placeholder="at=Created,summary=Title,service=Service,who=Assignee"
              spellCheck={false}
            />
            <button type="submit">Preview</button>
          </form>
        )}
        {hasCsvFile(files) && (
          <div className="inline-form import-zone">
            <Field layout="inline" label="Zone of times written without one">
              <select value={zone} disabled={busy !== null} onChange={(e) => setZone(e.target.value)}>
                <option value="">None given — such times are refused (PagerDuty) or skipped</option>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </Field>
            <span className="muted">PagerDuty writes its CSV in the account’s time zone.</span>
          </div>
        )}
        {preview && <PeopleMapping preview={preview} people={people} disabled={busy !== null} />}
        {preview && <ImportPreview preview={preview} />}
        {busy !== null && progress && (
          <div className="import-progress">
            <label htmlFor="import-progress-bar">
              {busy === 'applying' ? 'Importing' : 'Reading'} part {Math.min(progress.done + 1, progress.total)} of{' '}
              {progress.total} · {progress.pages} pages so far
            </label>
            <progress id="import-progress-bar" value={progress.done} max={progress.total} />
          </div>
        )}
        {preview && (
          <div className="import-apply">
            <button
              type="button"
              className="primary"
              disabled={busy !== null || preview.new + preview.updated + preview.merged === 0}
              onClick={() => void apply()}
            >
              Import {preview.new + preview.updated + preview.merged} pages
            </button>
            {preview.new + preview.updated + preview.merged === 0 && (
              <span className="muted">Nothing to import: every page is already here as it is.</span>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
