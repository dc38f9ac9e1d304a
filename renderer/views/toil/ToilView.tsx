// Toil: its share of engineering time per week and quarter against the 50% cap, with the trend
// and a plain verdict; what to automate first (payback); chores that recur; my entries; my
// capacity and leave weeks.

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatMinutes } from '../../../shared/domain/duration';
import { previousQuarter, quarterOf } from '../../../shared/domain/toil';
import { toilReportMarkdown } from '../../../shared/domain/toil-markdown';
import type { ToilEntry, ToilReport } from '../../../shared/toil-contract';
import { call } from '../../api';
import { useApp } from '../../app/store';
import { ToilShareChart } from '../../components/charts';
import { useToil } from './toilStore';

const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const hours = (h: number): string => (h > 0 && h < 1 ? `${Math.round(h * 60)} min` : `${Math.round(h * 10) / 10} h`);

function nextQuarter(quarter: string): string {
  const [year, q] = quarter.split('Q').map(Number);
  return q === 4 ? `${(year ?? 0) + 1}Q1` : `${year}Q${(q ?? 0) + 1}`;
}

function Capacity({ weeklyHours, onSaved }: { weeklyHours: number; onSaved: () => void }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [normal, setNormal] = useState(String(weeklyHours));
  const [week, setWeek] = useState('');
  const [leaveHours, setLeaveHours] = useState('0');
  const [leave, setLeave] = useState<{ week: string; hours: number; note: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => setLeave(await call('toil.capacity.list', {})), []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setNormal(String(weeklyHours)), [weeklyHours]);

  async function save(event: FormEvent, input: { hours: number | null; week?: string }): Promise<void> {
    event.preventDefault();
    if (input.hours !== null && !Number.isFinite(input.hours)) {
      setError('Hours: give a number of hours, e.g. 32 or 0 for a week off.');
      return;
    }
    try {
      await call('toil.capacity.set', input);
      setError(null);
      toast(input.week ? 'Leave week saved.' : 'Normal week saved.');
      await load();
      onSaved();
    } catch (caught) {
      setError((caught as Error).message.replace(/^hours:/, 'Hours:').replace(/^week:/, 'Week:'));
    }
  }

  return (
    <section className="panel" aria-labelledby="capacity-title">
      <h2 id="capacity-title">My engineering time</h2>
      <form
        className="inline-form"
        onSubmit={(e) => void save(e, { hours: normal.trim() === '' ? NaN : Number(normal) })}
      >
        <label>
          A normal week
          <input
            inputMode="decimal"
            value={normal}
            onChange={(e) => setNormal(e.target.value)}
            size={4}
            aria-label="Hours in a normal week"
          />
          h
        </label>
        <button type="submit">Save</button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => void save(e, { hours: leaveHours.trim() === '' ? NaN : Number(leaveHours), week })}
      >
        <label>
          Leave: the week of
          <input
            type="date"
            value={week}
            onChange={(e) => setWeek(e.target.value)}
            aria-label="Week of leave"
            required
          />
        </label>
        <label>
          working
          <input
            inputMode="decimal"
            value={leaveHours}
            onChange={(e) => setLeaveHours(e.target.value)}
            size={4}
            aria-label="Hours worked that week"
          />
          h
        </label>
        <button type="submit">Add</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {leave.length > 0 && (
        <ul className="plain-list">
          {leave.map((l) => (
            <li key={l.week}>
              Week of {l.week}: {l.hours} h{l.note ? ` (${l.note})` : ''}{' '}
              <button type="button" className="link" onClick={(e) => void save(e, { hours: null, week: l.week })}>
                back to normal
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Whether an entry could be automated and a rough effort, saved as soon as it changes. */
function AutomationCell({ entry, onSaved }: { entry: ToilEntry; onSaved: () => void }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [effort, setEffort] = useState(entry.automationEffortHours === null ? '' : String(entry.automationEffortHours));
  async function save(patch: { automatable?: boolean; automationEffortHours?: number | null }): Promise<void> {
    try {
      await call('toil.update', { id: entry.id, patch });
      onSaved();
    } catch (error) {
      toast((error as Error).message.replace(/^patch\.automationEffortHours:/, 'Effort:'), 'error');
    }
  }
  return (
    <span className="automation">
      <input
        type="checkbox"
        checked={entry.automatable}
        aria-label={`Could be automated: ${entry.description}`}
        onChange={(e) => void save({ automatable: e.target.checked })}
      />
      <input
        inputMode="decimal"
        size={4}
        value={effort}
        placeholder="—"
        aria-label={`Hours to automate: ${entry.description}`}
        onChange={(e) => setEffort(e.target.value)}
        onBlur={() => {
          const next = effort.trim() === '' ? null : Number(effort);
          if (next !== null && (!Number.isFinite(next) || next < 0)) {
            toast('Effort: give the hours it would take to automate, e.g. 6.', 'error');
            setEffort(entry.automationEffortHours === null ? '' : String(entry.automationEffortHours));
            return;
          }
          if (next !== entry.automationEffortHours)
            void save({ automationEffortHours: next, automatable: next === null ? entry.automatable : true });
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </span>
  );
}

export function ToilView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const revision = useApp((s) => s.revision);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const pushUndo = useApp((s) => s.pushUndo);
  const setQuickOpen = useToil((s) => s.setQuickOpen);
  const [scope, setScope] = useState<'me' | 'team'>('me');
  const [quarter, setQuarter] = useState<string | null>(null);
  const [report, setReport] = useState<ToilReport | null>(null);
  const [entries, setEntries] = useState<ToilEntry[]>([]);
  const [suggestions, setSuggestions] = useState<{ title: string; entryIds: string[]; minutes: number }[]>([]);
  const [countPageTime, setCountPageTime] = useState(false);

  const load = useCallback(async () => {
    try {
      const next = await call('toil.report', { scope, ...(quarter ? { quarter } : {}) });
      setReport(next);
      setCountPageTime(next.countsPageTime);
      setEntries(await call('toil.list', { scope, from: next.first, to: next.last, limit: 200 }));
      setSuggestions(scope === 'me' ? await call('toil.recurring.suggest', { quarter: next.quarter }) : []);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }, [scope, quarter, toast]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  if (!report || !info) return <p className="muted">Loading…</p>;
  const broken = report.current.share !== null && report.current.share > report.cap;

  async function remove(entry: ToilEntry): Promise<void> {
    try {
      await call('toil.remove', { id: entry.id });
      const undoId = pushUndo(`delete toil “${entry.description}”`, async () => {
        await call('toil.restore', { id: entry.id });
      });
      changed();
      toast(
        `Toil entry deleted: ${entry.description}`,
        'info',
        { label: 'Undo', run: () => void useApp.getState().undo(undoId) },
        undoId,
      );
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  async function group(suggestion: { title: string; entryIds: string[] }): Promise<void> {
    try {
      await call('toil.recurring.confirm', { title: suggestion.title, entryIds: suggestion.entryIds });
      toast(`Grouped ${suggestion.entryIds.length} entries as “${suggestion.title}”.`);
      changed();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  async function copyMarkdown(): Promise<void> {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(toilReportMarkdown(report));
      toast('Report copied as Markdown.');
    } catch {
      toast('The clipboard is not available here; use `oncall toil report --md`.', 'error');
    }
  }

  const current = report.quarter;
  const today = quarterOf(new Date().toISOString().slice(0, 10));
  const empty = report.current.toilHours === 0 && entries.length === 0;
  const running = current === today;
  const thisWeek = running ? report.weeks.find((w) => w.week === thisMonday()) : undefined;

  return (
    <section className="toil-view" aria-labelledby="toil-title">
      <header className="view-header">
        <h1 id="toil-title">Toil</h1>
        <span className="muted">
          {report.who} · {current} ({report.first} –{' '}
          {report.through < report.last ? `${report.through}, so far` : report.last})
        </span>
        <div className="week-nav">
          <div role="group" aria-label="Whose toil" className="segmented">
            <button type="button" aria-pressed={scope === 'me'} onClick={() => setScope('me')}>
              Me
            </button>
            <button type="button" aria-pressed={scope === 'team'} onClick={() => setScope('team')}>
              Team
            </button>
          </div>
          <button type="button" onClick={() => setQuarter(previousQuarter(current))} aria-label="Previous quarter">
            ← {previousQuarter(current)}
          </button>
          <button
            type="button"
            onClick={() => setQuarter(nextQuarter(current))}
            aria-label="Next quarter"
            disabled={current >= today}
          >
            {nextQuarter(current)} →
          </button>
          <button type="button" onClick={() => void copyMarkdown()}>
            Copy as Markdown
          </button>
        </div>
      </header>
      <div className="toil-scroll">
        {empty && (
          <div className="panel empty-panel">
            <p>
              <strong>No toil logged in {current}.</strong> Press <kbd>t</kbd> and type how long and what — “45m alert
              triage payments” — or just what, to start a timer.
            </p>
            <button type="button" className="primary" onClick={() => setQuickOpen(true)}>
              Log toil <kbd>t</kbd>
            </button>
          </div>
        )}
        <div className="stats">
          <div
            className={`stat${broken ? ' broken' : report.current.share !== null ? ' met' : ''}`}
            data-testid="toil-share"
          >
            <span className="stat-label">{running ? 'Toil this quarter' : `Toil in ${current}`}</span>
            <span className="stat-value">{pct(report.current.share)}</span>
            <span className="stat-target">cap: {pct(report.cap)} of engineering time</span>
          </div>
          <div className="stat">
            <span className="stat-label">Toil hours</span>
            <span className="stat-value">{hours(report.current.toilHours)}</span>
            <span className="stat-target">of {hours(report.current.capacityHours)} engineering time</span>
          </div>
          <div className="stat">
            <span className="stat-label">{running ? 'Last quarter' : previousQuarter(current)}</span>
            <span className="stat-value">{report.previous.toilHours > 0 ? pct(report.previous.share) : '—'}</span>
            <span className="stat-target">should be falling</span>
          </div>
          {running && (
            <div className="stat" data-testid="toil-week">
              <span className="stat-label">This week</span>
              <span className="stat-value">{pct(thisWeek?.share ?? null)}</span>
              <span className="stat-target">{hours(thisWeek?.toilHours ?? 0)} of toil</span>
            </div>
          )}
        </div>
        {!empty && (
          <div className={`verdict${broken ? ' broken' : ''}`} role="status">
            <p>{running ? report.verdict : report.verdict.replace(/this quarter/g, `in ${current}`)}</p>
          </div>
        )}
        <ToilShareChart
          title="Toil per week, % of engineering time"
          cap={report.cap * 100}
          weeks={report.weeks.map((w) => ({
            label: w.week.slice(5),
            toil: w.share === null ? null : Math.round(w.share * 1000) / 10,
            trend: w.trend === null ? null : Math.max(0, Math.round(w.trend * 1000) / 10),
          }))}
        />
        <section className="panel" aria-labelledby="sources-title">
          <h2 id="sources-title">What to automate first</h2>
          {report.sources.length === 0 ? (
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
                {report.sources.map((s) => (
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
        {scope === 'team' && (
          <section className="panel" aria-labelledby="people-title">
            <h2 id="people-title">By person</h2>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Toil</th>
                  <th scope="col">Engineering time</th>
                  <th scope="col">Toil %</th>
                </tr>
              </thead>
              <tbody>
                {report.people.map((p) => (
                  <tr key={p.personId}>
                    <td>{p.name}</td>
                    <td>{hours(p.toilHours)}</td>
                    <td>{hours(p.capacityHours)}</td>
                    <td className={p.share !== null && p.share > report.cap ? 'over' : ''}>{pct(p.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {suggestions.length > 0 && (
          <section className="panel" aria-labelledby="recurring-title">
            <h2 id="recurring-title">Looks like the same chore</h2>
            <ul className="plain-list">
              {suggestions.map((s) => (
                <li key={s.entryIds.join()}>
                  “{s.title}” — {s.entryIds.length} times, {formatMinutes(s.minutes)}{' '}
                  <button type="button" onClick={() => void group(s)}>
                    Group as one recurring chore
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {entries.length > 0 && (
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
                        onClick={() => void remove(e)}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {scope === 'me' && <Capacity weeklyHours={info.me.weeklyCapacityHours} onSaved={changed} />}
        <label className="check panel">
          <input
            type="checkbox"
            checked={countPageTime}
            onChange={(e) => {
              void call('toil.settings', { countPageTime: e.target.checked }).then(changed);
            }}
          />
          Count time spent on pages as toil
        </label>
      </div>
    </section>
  );
}

function thisMonday(): string {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}
