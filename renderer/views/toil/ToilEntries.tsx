// The quarter's toil entries: when, who (for the team), how long, what; automatable and its
// effort, edited in place; delete with undo.

import { formatMinutes } from '../../../shared/domain/duration';
import type { ToilEntry } from '../../../shared/toil-contract';
import { DataTable } from '../../components/DataTable';
import { useApp } from '../../state/app';
import { deleteToilEntry } from '../../state/toil';
import { AutomationCell } from './AutomationCell';

export function ToilEntries({ entries, scope }: { entries: ToilEntry[]; scope: 'me' | 'team' }): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  return (
    <section className="panel" aria-labelledby="entries-title">
      <h2 id="entries-title">{scope === 'me' ? 'My entries' : 'Entries'} this quarter</h2>
      <DataTable
        rows={entries}
        rowKey={(e) => e.id}
        columns={[
          { title: 'Day', cell: (e) => e.day },
          scope === 'team' && { title: 'Who', cell: (e) => `@${e.personHandle}` },
          { title: 'Time', cell: (e) => formatMinutes(e.minutes) },
          { title: 'Category', cell: (e) => e.category },
          { title: 'Service', cell: (e) => e.service ?? '—' },
          {
            title: 'What',
            cell: (e) => (
              <>
                {e.description}
                {e.recurringTask && <span className="chip">{e.recurringTask}</span>}
              </>
            ),
          },
          { title: 'Automatable, effort (h)', cell: (e) => <AutomationCell entry={e} onSaved={changed} /> },
          {
            title: 'Actions',
            hiddenTitle: true,
            cell: (e) => (
              <button
                type="button"
                className="icon"
                aria-label={`Delete toil entry: ${e.description}`}
                onClick={() => void deleteToilEntry(e)}
              >
                ✕
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
