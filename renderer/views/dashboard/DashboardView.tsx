// On-call load: my own or my team's load over a range against the targets, equity across the
// rotation, when pages arrive, the noisiest services, time to acknowledge and resolve — every
// metric with its one-line definition, every chart saved as PNG or CSV — and the weekly,
// monthly and quarterly reviews as Markdown. Blameless: people are listed by name, never
// ranked; broken targets are sentences about services, alerts and the schedule.

import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { Dashboard } from '../../../shared/report-contract';
import { ChartRange } from '../../components/chart-frame';
import { FormError } from '../../components/Field';
import { browserZone, startOfLocalDay, toLocalInput } from '../../format';
import { useApp } from '../../state/app';
import { dashboardRequest, defaultRange, fetchDashboard, presetRange, type Range } from '../../state/dashboard';
import { Holidays } from './Holidays';
import { LoadCharts } from './LoadCharts';
import { PeopleTable } from './PeopleTable';
import { Reviews } from './Reviews';
import { ServiceBudgets } from './ServiceBudgets';
import { Targets } from './Targets';
import { Tiles } from './Tiles';
import './dashboard.css';

const presets = [
  { id: '4w', label: '4 weeks', days: 28 },
  { id: '13w', label: '13 weeks', days: 91 },
  { id: '26w', label: '26 weeks', days: 182 },
  { id: '52w', label: 'A year', days: 364 },
] as const;

/** A day as YYYY-MM-DD in the person's own zone, as My week shows days. */
const dateOf = (ms: number, zone: string): string => toLocalInput(new Date(ms).toISOString(), zone).slice(0, 10);

export function DashboardView(): React.JSX.Element {
  const revision = useApp((s) => s.revision);
  const toast = useApp((s) => s.toast);
  const zone = useApp((s) => s.info?.me.timeZone) ?? browserZone();
  const [scope, setScope] = useState<'team' | 'me'>('team');
  const [range, setRange] = useState<Range>(defaultRange);
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What lies below the charts (the people table, targets, holidays, reviews) is drawn once the
  // charts first are: off the path from choosing the view to its charts. Later loads draw it at once.
  const [chartsDrawn, setChartsDrawn] = useState(false);
  const onChartsDrawn = useCallback(() => startTransition(() => setChartsDrawn(true)), []);

  const load = useCallback(async () => {
    try {
      setDashboard(await fetchDashboard(dashboardRequest(scope, range)));
      setError(null);
    } catch (caught) {
      toast((caught as Error).message, 'error');
    }
  }, [scope, range, toast]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  function applyCustom(event: React.FormEvent): void {
    event.preventDefault();
    // Days begin and end in the person's own zone.
    const fromMs = Date.parse(startOfLocalDay(custom.from, zone) ?? '');
    const toMs = Date.parse(startOfLocalDay(custom.to, zone, 1) ?? '');
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return setError('Range: give both dates.');
    if (toMs <= fromMs) return setError('Range: the end must be after the start.');
    setRange({ preset: 'custom', fromMs, toMs });
  }

  const d = dashboard;
  const below = d && (chartsDrawn || !d.hasData) ? d : null;
  const title = scope === 'me' ? 'My load' : `Team load${d?.team ? ` — ${d.team}` : ''}`;
  const shownRange = useMemo(
    () => `${dateOf(range.fromMs, zone)} – ${dateOf(range.toMs - 1, zone)} (${zone})`,
    [range, zone],
  );
  return (
    <section className="dashboard-view" aria-labelledby="dashboard-title">
      <header className="view-header">
        <h1 id="dashboard-title">{title}</h1>
        <span className="muted">{shownRange}</span>
        <div className="week-nav">
          <div role="group" aria-label="Whose load" className="segmented">
            <button type="button" aria-pressed={scope === 'team'} onClick={() => setScope('team')}>
              Team
            </button>
            <button type="button" aria-pressed={scope === 'me'} onClick={() => setScope('me')}>
              Me
            </button>
          </div>
          <div role="group" aria-label="Range" className="segmented">
            {presets.map((p) => (
              <button
                key={p.id}
                type="button"
                aria-pressed={range.preset === p.id}
                onClick={() => setRange(presetRange(p.id, p.days))}
              >
                {p.label}
              </button>
            ))}
          </div>
          <form className="inline-form range-form" onSubmit={applyCustom} aria-label="Custom range">
            <input
              type="date"
              aria-label="From"
              value={custom.from}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
            />
            <input
              type="date"
              aria-label="To"
              value={custom.to}
              onChange={(e) => setCustom({ ...custom, to: e.target.value })}
            />
            <button type="submit">Show</button>
          </form>
        </div>
      </header>
      <div className="dashboard-scroll">
        <FormError message={error} />
        {!d && <p className="muted">Loading…</p>}
        {d && !d.hasData && (
          <div className="panel empty-panel" data-testid="dashboard-empty">
            <p>
              <strong>No pages and no time on call in this range yet.</strong> Log pages as they come (<kbd>n</kbd>) and
              set up your rotation (<kbd>r</kbd>): load per on-call week, sleep-hour pages per shift and how evenly the
              rotation shares them will show here. To look around first, run <code>oncall demo</code> on an empty data
              directory.
            </p>
          </div>
        )}
        {/* While the first data is on its way the first charts' frames stand where they will be drawn
            (LoadCharts): the same elements, so the data draws into them in one pass. */}
        {(!d || d.hasData) && (
          <>
            {d && d.findings.length > 0 && (
              <section className="panel findings" aria-labelledby="findings-title">
                <h2 id="findings-title">Against the targets</h2>
                <ul>
                  {d.findings.map((f) => (
                    <li key={f.metric} className={f.met ? 'met' : 'broken'}>
                      <span className="finding-mark">{f.met ? 'Met' : 'Not met'}</span> {f.sentence}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {d && <Tiles d={d} />}
            <ChartRange value={shownRange}>
              <LoadCharts d={d} scope={scope} onDrawn={onChartsDrawn} />
            </ChartRange>
            {d && chartsDrawn && <ServiceBudgets d={d} />}
            {d && d.scope === 'team' && chartsDrawn && <PeopleTable d={d} />}
          </>
        )}
        {below && below.scope === 'team' && below.team && (
          <Targets
            key={JSON.stringify(below.targets)}
            team={below.team}
            targets={below.targets}
            onSaved={() => void load()}
          />
        )}
        {below && below.scope === 'team' && below.team && <Holidays team={below.team} onChanged={() => void load()} />}
        {below && <Reviews team={d?.team ?? null} />}
      </div>
    </section>
  );
}
