// After an apply: what was stored, and the way to the triage queue.

import type { HistoryImportOutput } from '../../../shared/history-contract';
import { useApp } from '../../state/app';
import { formatName } from '../../state/history';

export function ImportResult({ result }: { result: HistoryImportOutput }): React.JSX.Element {
  const setView = useApp((s) => s.setView);
  const created = result.people.filter((p) => p.created);
  return (
    <section className="panel import-result" aria-labelledby="import-result-title">
      <h2 id="import-result-title">Imported from {formatName(result.source)}</h2>
      <p role="status">
        {result.new} new, {result.updated} updated, {result.unchanged} unchanged, {result.merged} merged with pages
        logged by hand
        {result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : ''}.
        {created.length > 0 && ` New people: ${created.map((p) => `@${p.handle}`).join(', ')}.`}
      </p>
      {result.skipped.length > 0 && (
        <ul className="plain-list import-skipped">
          {result.skipped.slice(0, 50).map((s) => (
            <li key={`${s.file}:${s.record}`}>
              {s.file} record {s.record}: {s.reason}
            </li>
          ))}
        </ul>
      )}
      <p>
        Imported pages start not triaged, and targets count only pages known to be actionable.{' '}
        <button type="button" className="primary" onClick={() => setView('triage')}>
          Go to the triage queue <kbd>g</kbd>
        </button>
      </p>
    </section>
  );
}
