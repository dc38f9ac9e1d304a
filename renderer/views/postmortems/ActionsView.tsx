// Action items across every postmortem: open, overdue, by owner, by team — with the postmortem
// quality figures a team reviews (postmortems written and published on time, actions closed on time).

import { useEffect, useMemo, useState } from 'react';
import type { OperationOutput } from '../../../shared/contract';
import type { ActionItem } from '../../../shared/postmortem-contract';
import { DataTable } from '../../components/DataTable';
import { useApp } from '../../state/app';
import { loadActionItems, setActionStatus, useStudio } from '../../state/postmortems';
import { StatusChip } from './StatusChip';
import './postmortems.css';

type Quality = OperationOutput<'postmortems.quality'>;
type Show = 'open' | 'overdue' | 'all';

const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

export function ActionsView(): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const revision = useApp((s) => s.revision);
  const [items, setItems] = useState<ActionItem[] | null>(null);
  const [quality, setQuality] = useState<Quality | null>(null);
  const [show, setShow] = useState<Show>('open');
  const [owner, setOwner] = useState('');
  const [team, setTeam] = useState('');

  useEffect(() => {
    loadActionItems()
      .then((loaded) => {
        setItems(loaded.items);
        setQuality(loaded.quality);
      })
      .catch((e: Error) => toast(e.message, 'error'));
  }, [revision, toast]);

  const owners = useMemo(
    () => [...new Set((items ?? []).map((i) => i.owner).filter((o): o is string => !!o))].sort(),
    [items],
  );
  const teams = useMemo(() => [...new Set((items ?? []).flatMap((i) => i.teams))].sort(), [items]);
  const shown = (items ?? []).filter(
    (i) =>
      (show === 'all' || (show === 'open' ? i.status === 'open' : i.overdue)) &&
      (!owner || i.owner === owner) &&
      (!team || i.teams.includes(team)),
  );

  async function setStatus(item: ActionItem, status: 'open' | 'done'): Promise<void> {
    try {
      await setActionStatus({ id: item.id, status });
      useApp.getState().changed();
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  }

  return (
    <section className="actions-view" aria-labelledby="actions-title">
      <header className="view-header">
        <h1 id="actions-title">Action items</h1>
      </header>
      {quality && (
        <div className="stats" aria-label="Postmortem quality">
          <div className="stat">
            <span className="stat-label">SEV1–2 incidents with a postmortem</span>
            <span className="stat-value">{share(quality.withPostmortem, quality.severeIncidents)}</span>
            <span className="stat-target">
              {quality.withPostmortem} of {quality.severeIncidents}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Published within 5 working days</span>
            <span className="stat-value">{share(quality.publishedWithin5WorkingDays, quality.severeIncidents)}</span>
            <span className="stat-target">
              {quality.publishedWithin5WorkingDays} of {quality.severeIncidents}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Action items closed on time</span>
            <span className="stat-value">{share(quality.actionsClosedOnTime, quality.actionsDue)}</span>
            <span className="stat-target">
              {quality.actionsClosedOnTime} of {quality.actionsDue} due so far
            </span>
          </div>
          <div className={`stat ${quality.overdue > 0 ? 'broken' : 'met'}`}>
            <span className="stat-label">Overdue</span>
            <span className="stat-value">{quality.overdue}</span>
            <span className="stat-target">{quality.open} open in all</span>
          </div>
        </div>
      )}
      <div className="filters">
        <div className="segmented" role="group" aria-label="Show">
          {(['open', 'overdue', 'all'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={show === s} onClick={() => setShow(s)}>
              {s === 'open' ? 'Open' : s === 'overdue' ? 'Overdue' : 'All'}
            </button>
          ))}
        </div>
        <select aria-label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">Every owner</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              @{o}
            </option>
          ))}
        </select>
        <select aria-label="Team" value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">Every team</option>
          {teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {items === null ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <div className="empty">
          <h2>No action items yet</h2>
          <p>They come from postmortems: each names a change to the system, its owner and its due date.</p>
        </div>
      ) : shown.length === 0 ? (
        <p className="empty-filter">{show === 'overdue' ? 'Nothing is overdue.' : 'No action items match.'}</p>
      ) : (
        <div className="toil-scroll">
          <DataTable
            rows={shown}
            rowKey={(item) => item.id}
            columns={[
              { title: 'Action', cell: (item) => item.title },
              {
                title: 'Postmortem',
                cell: (item) => (
                  <button
                    type="button"
                    className="link"
                    onClick={() => useStudio.getState().open({ kind: 'postmortem', id: item.postmortem })}
                  >
                    {item.postmortemTitle}
                  </button>
                ),
              },
              {
                title: 'Owner',
                cell: (item) => (
                  <>
                    {item.owner ? `@${item.owner}` : <span className="missing">no owner</span>}
                    {item.teams.length > 0 && <span className="muted small"> · {item.teams.join(', ')}</span>}
                  </>
                ),
              },
              { title: 'Due', cell: (item) => item.due ?? <span className="missing">no due date</span> },
              { title: 'Status', cell: (item) => <StatusChip item={item} /> },
              {
                title: 'Change',
                hiddenTitle: true,
                cell: (item) =>
                  item.status === 'open' ? (
                    <button type="button" onClick={() => void setStatus(item, 'done')}>
                      Done
                    </button>
                  ) : (
                    <button type="button" onClick={() => void setStatus(item, 'open')}>
                      Reopen
                    </button>
                  ),
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}
