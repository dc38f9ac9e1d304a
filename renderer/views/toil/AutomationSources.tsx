// What to automate first: the sources of toil this quarter with their effort and payback.

import type { ToilReport } from '../../../shared/toil-contract';
import { hours } from './figures';

export function AutomationSources({ sources }: { sources: ToilReport['sources'] }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">What to automate first</h2>
      {sources.length === 0 ? (
        <p className="muted">Nothing yet. Mark entries as automatable with a rough effort to see their payback.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Hours this quarter</th>
              <th scope="col">Entries</th>
              <th scope="col">Effort to automate</th>
              <th scope="col">Payback per quarter</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.key}>
                <td>{s.label}</td>
                <td>{hours(s.hours)}</td>
                <td>{s.entries}</td>
                <td>{s.effortHours === null ? '—' : hours(s.effortHours)}</td>
                <td>{s.payback === null ? '—' : `${Math.round(s.payback * 10) / 10}×`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
