// The quarter's toil entries: when, who (for the team), how long, what; automatable and its
// effort, edited in place; delete with undo.

import { formatMinutes } from '../../../shared/domain/duration';
import type { ToilEntry } from '../../../shared/toil-contract';
import { useApp } from '../../state/app';
import { deleteToilEntry } from '../../state/toil';
import { AutomationCell } from './AutomationCell';

export function ToilEntries({ entries, scope }: { entries: ToilEntry[]; scope: 'me' | 'team' }): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  return (
    <section className="panel" aria-labelledby="entries-title">
      <h2 id="entries-title">{scope === 'me' ? 'My entries' : 'Entries'} this quarter</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Day</th>
            {scope === 'team' && <th scope="col">Who</th>}
            <th scope="col">Time</th>
            <th scope="col">Category</th>
            <th scope="col">Service</th>
            <th scope="col">What</th>
            <th scope="col">Automatable, effort (h)</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{e.day}</td>
              {scope === 'team' && <td>@{e.personHandle}</td>}
              <td>{formatMinutes(e.minutes)}</td>
              <td>{e.category}</td>
              <td>{e.service ?? '—'}</td>
              <td>
                {e.description}
                {e.recurringTask && <span className="chip">{e.recurringTask}</span>}
              </td>
              <td>
                <AutomationCell entry={e} onSaved={changed} />
              </td>
              <td>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Delete toil entry: ${e.description}`}
                  onClick={() => void deleteToilEntry(e)}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
