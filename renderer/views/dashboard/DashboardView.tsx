// On-call load: my own or my team's load over a range against the targets, equity across the
// rotation, when pages arrive, the noisiest services, time to acknowledge and resolve — every
// metric with its one-line definition, every chart saved as PNG or CSV — and the weekly,
// monthly and quarterly reviews as Markdown. Blameless: people are listed by name, never
// ranked; broken targets are sentences about services, alerts and the schedule.

import { memo, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import type { Holiday } from '../../../shared/holiday-contract';
import type { Dashboard, LoadSummary, ReviewReport } from '../../../shared/report-contract';
import { call } from '../../api';
import { useApp } from '../../app/store';
import { downloadText } from '../../components/export';
import {
  DurationsChart,
  HeatmapChart,
  LoadPerHourChart,
  LoadTrendChart,
  LorenzChart,
  ServicesChart,
  TeamWeeksChart,
} from '../../components/load-charts';
import { dashboardRequest, dayMs, defaultRange, fetchDashboard, presetRange, type Range } from './prefetch';

const presets = [
  { id: '4w', label: '4 weeks', days: 28 },
  { id: '13w', label: '13 weeks', days: 91 },
  { id: '26w', label: '26 weeks', days: 182 },
  { id: '52w', label: 'A year', days: 364 },
] as const;

const n1 = (value: number | null): string => (value === null ? '—' : (Math.round(value * 10) / 10).toString());
const pct = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function Tile({
  label,
  value,
  detail,
  definition,
  status,
}: {
  label: string;
  value: string;
  detail?: string;
  definition: string;
  status?: 'met' | 'broken';
}): React.JSX.Element {
  return (
    <div className={`stat${status ? ` ${status}` : ''}`}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {detail && <span className="stat-target">{detail}</span>}
      <span className="definition">{definition}</span>
    </div>
  );
}

/** Memoised like the charts below: typing a date in the range form re-renders none of them. */
const Tiles = memo(function Tiles({ d }: { d: Dashboard }): React.JSX.Element {
  const t: LoadSummary = d.totals;
  const def = d.definitions;
  const status = (value: number | null, ok: boolean): 'met' | 'broken' | undefined =>
    value === null ? undefined : ok ? 'met' : 'broken';
  return (
    <div className="stats" aria-label="Load metrics" role="group">
      <Tile
        label="Actionable pages per on-call week"
        value={n1(t.actionablePerOnCallWeek)}
        detail={`target: fewer than ${d.targets.actionablePagesPerWeek} · all ${n1(t.pagesPerOnCallWeek)} · noise ${n1(t.noisePerOnCallWeek)}`}
        definition={def.actionablePerOnCallWeek ?? ''}
        status={status(t.actionablePerOnCallWeek, (t.actionablePerOnCallWeek ?? 0) < d.targets.actionablePagesPerWeek)}
      />
      <Tile
        label="Sleep-hour pages per shift"
        value={n1(t.sleepHourPagesPerShift)}
        detail={`target: fewer than ${d.targets.sleepHourPagesPerShift} · ${t.sleepHourPages} in ${t.shifts} shifts`}
        definition={def.sleepHourPagesPerShift ?? ''}
        status={status(t.sleepHourPagesPerShift, (t.sleepHourPagesPerShift ?? 0) < d.targets.sleepHourPagesPerShift)}
      />
      <Tile
        label="Incidents per 12 hours on call"
        value={n1(t.incidentsPer12Hours)}
        detail={`target: at most ${d.targets.incidentsPer12Hours}`}
        definition={def.incidentsPer12Hours ?? ''}
        status={status(t.incidentsPer12Hours, (t.incidentsPer12Hours ?? 0) <= d.targets.incidentsPer12Hours)}
      />
      <Tile
        label="Pages per on-call hour"
        value={t.pagesPerOnCallHour === null ? '—' : t.pagesPerOnCallHour.toFixed(2)}
        detail={`${t.pages} pages · ${t.actionable} actionable · ${t.noise} noise`}
        definition={def.pagesPerOnCallHour ?? ''}
      />
      <Tile
        label="Off-hours · weekend pages"
        value={`${t.offHoursPages} · ${t.weekendPages}`}
        definition={`${def.offHoursPages ?? ''} ${def.weekendPages ?? ''}`}
      />
      <Tile
        label="Time spent on pages"
        value={`${n1(t.minutesSpent / 60)} h`}
        detail={`${pct(t.over30Share)} took more than 30 minutes`}
        definition={`${def.minutesSpent ?? ''} ${def.over30Share ?? ''}`}
      />
      <Tile
        label="Time to acknowledge"
        value={`${n1(t.ackMeanMinutes)} min`}
        detail={`p90 ${n1(t.ackP90Minutes)} min`}
        definition={def.ack ?? ''}
      />
      <Tile
        label="Time to resolve"
        value={`${n1(t.resolveMeanMinutes)} min`}
        detail={`p90 ${n1(t.resolveP90Minutes)} min`}
        definition={def.resolve ?? ''}
      />
      <Tile
        label="Hours on call"
        value={n1(t.onCallHours)}
        detail={`business ${n1(t.businessHours)} · off ${n1(t.offHours)} · sleep ${n1(t.sleepHours)} · weekend ${n1(t.weekendHours)} · holiday ${n1(t.holidayHours)} · ${t.nights} nights · primary ${n1(t.primaryHours)}`}
        definition={`${def.onCallHours ?? ''} ${def.primaryHours ?? ''}`}
      />
      {d.scope === 'team' && (
        <Tile
          label="Top 20% share · Gini · balance"
          value={pct(d.equity.topShare)}
          detail={`Gini ${d.equity.gini === null ? '—' : d.equity.gini.toFixed(2)} · balance ${d.equity.balance === null ? '—' : d.equity.balance.toFixed(2)}${d.equity.topShareOverHalf ? ' · the top 20% carry more than half' : ''}`}
          definition={def.topShare ?? ''}
          status={status(d.equity.topShare, (d.equity.topShare ?? 0) <= d.targets.topShareMax)}
        />
      )}
    </div>
  );
});

/**
 * The charts, memoised on the dashboard they draw. The load trend (and the team's weeks) draw
 * first; the secondary charts follow in a deferred render, after the first paint.
 */
const Charts = memo(function Charts({ d }: { d: Dashboard }): React.JSX.Element {
  const later = useDeferredValue<Dashboard | null>(d, null);
  // The deferred pass re-renders this component only: the first charts are memoised on `d`.
  return (
    <div className="chart-grid">
      <FirstCharts d={d} />
      {later && <SecondaryCharts d={later} />}
    </div>
  );
});

const FirstCharts = memo(function FirstCharts({ d }: { d: Dashboard }): React.JSX.Element {
  const scope = d.scope;
  const handles = d.people.filter((p) => p.pages > 0).map((p) => p.handle);
  return (
    <>
      <LoadTrendChart
        title={scope === 'me' ? 'My load per on-call week vs the target' : 'Load per on-call week vs the target'}
        definition={d.definitions.actionablePerOnCallWeek ?? ''}
        target={d.targets.actionablePagesPerWeek}
        weeks={d.weeks.map((w) => ({
          label: w.week,
          actionablePerOnCallWeek: w.actionablePerOnCallWeek,
          pages: w.pages,
          sleepHour: w.sleepHour,
        }))}
      />
      {scope === 'team' && (
        <TeamWeeksChart
          definition="Pages received each week (Monday 00:00 UTC), stacked by who received them."
          weeks={d.weeks.map((w) => ({ label: w.week, byPerson: w.byPerson }))}
          handles={handles}
        />
      )}
    </>
  );
});

const SecondaryCharts = memo(function SecondaryCharts({ d }: { d: Dashboard }): React.JSX.Element {
  const scope = d.scope;
  return (
    <>
      {scope === 'team' && (
        <LorenzChart definition={d.definitions.gini ?? ''} points={d.equity.lorenz} gini={d.equity.gini} />
      )}
      {scope === 'team' && (
        <LoadPerHourChart
          definition={d.definitions.loadPerOnCallHour ?? ''}
          people={d.people
            .filter((p) => p.primaryHours > 0)
            .sort((a, b) => a.handle.localeCompare(b.handle))
            .map((p) => ({
              handle: p.handle,
              perHour: p.pagesPerOnCallHour ?? 0,
              onCallHours: p.primaryHours,
            }))}
        />
      )}
      <HeatmapChart
        definition="Pages by the hour and weekday they arrived, in the receiving person’s own zone."
        cells={d.heatmap}
      />
      <ServicesChart
        definition={`Pages by service. ${d.definitions.nonActionableRatio ?? ''}`}
        services={d.services.map((s) => ({
          service: s.service,
          actionable: s.actionable,
          noise: s.noise,
          untriaged: s.pages - s.actionable - s.noise,
          sleepHourPages: s.sleepHourPages,
        }))}
      />
      <DurationsChart
        definition={`${d.definitions.ack ?? ''} ${d.definitions.resolve ?? ''}`}
        buckets={d.ackDistribution.map((b, i) => ({
          bucket: b.bucket,
          acknowledged: b.pages,
          resolved: d.resolveDistribution[i]?.pages ?? 0,
        }))}
      />
    </>
  );
});

/** Hours on call and load per person, in name order. */
const PeopleTable = memo(function PeopleTable({ d }: { d: Dashboard }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="equity-title">
      <h2 id="equity-title">On-call time and load, per person</h2>
      <p className="definition">
        {d.definitions.onCallHours} {d.definitions.primaryHours} {d.definitions.nights} {d.definitions.weekends} In name
        order.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Hours on call</th>
            <th scope="col">Business · off · sleep</th>
            <th scope="col">Weekend · holiday</th>
            <th scope="col">Nights</th>
            <th scope="col">Weekends</th>
            <th scope="col">Share of time</th>
            <th scope="col">Pages</th>
            <th scope="col">Per on-call hour (primary)</th>
          </tr>
        </thead>
        <tbody>
          {[...d.people]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((p) => (
              <tr key={p.personId}>
                <td>
                  {p.name} <span className="muted">@{p.handle}</span>
                </td>
                <td>{n1(p.onCallHours)}</td>
                <td>
                  {n1(p.businessHours)} · {n1(p.offHours)} · {n1(p.sleepHours)}
                </td>
                <td>
                  {n1(p.weekendHours)} · {n1(p.holidayHours)}
                </td>
                <td>{p.nights}</td>
                <td>{p.weekends}</td>
                <td>{pct(p.onCallShare)}</td>
                <td>{p.pages}</td>
                <td>{p.pagesPerOnCallHour === null ? '—' : p.pagesPerOnCallHour.toFixed(2)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
});

const targetFields = [
  { key: 'actionablePagesPerWeek', label: 'Actionable pages per on-call week: fewer than', share: false },
  { key: 'sleepHourPagesPerShift', label: 'Sleep-hour pages per shift: fewer than', share: false },
  { key: 'incidentsPer12Hours', label: 'Incidents per 12 hours on call: at most', share: false },
  { key: 'topShareMax', label: 'Top 20% share of pages: at most (%)', share: true },
  { key: 'onCallShareMax', label: 'Share of time on call: at most (%)', share: true },
] as const;

/** The team's own targets, over the defaults. */
function Targets({ team, targets, onSaved }: { team: string; targets: Dashboard['targets']; onSaved: () => void }) {
  const toast = useApp((s) => s.toast);
  const shown = (key: (typeof targetFields)[number]['key'], share: boolean): string =>
    String(share ? Math.round(targets[key] * 1000) / 10 : targets[key]);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(targetFields.map((f) => [f.key, shown(f.key, f.share)])),
  );
  const [error, setError] = useState<string | null>(null);
  async function save(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    const next: Record<string, number> = {};
    for (const f of targetFields) {
      const value = Number((values[f.key] ?? '').trim());
      const name = f.label.replace(/:.*/, '');
      if (!Number.isFinite(value) || (values[f.key] ?? '').trim() === '') return setError(`${name}: give a number.`);
      if (f.share && (value <= 0 || value > 100))
        return setError(`${name}: must be a percentage above 0 and at most 100.`);
      next[f.key] = f.share ? value / 100 : value;
    }
    try {
      await call('targets.set', { team, targets: next });
      setError(null);
      toast('Targets saved.');
      onSaved();
    } catch (caught) {
      const message = (caught as Error).message;
      const field = targetFields.find((f) => message.startsWith(`targets.${f.key}:`));
      setError(
        field
          ? `${field.label.replace(/:.*/, '')}:${message.slice(`targets.${field.key}:`.length).replace(/ \(e\.g\. 0\.4\)/, '')}`
          : message,
      );
    }
  }
  return (
    <section className="panel" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets of {team}</h2>
      <form className="targets-form" onSubmit={(e) => void save(e)}>
        {targetFields.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input
              inputMode="decimal"
              size={5}
              value={values[f.key] ?? ''}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit">Save targets</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** The team's holiday calendar: on-call time on these dates counts as holiday hours. */
function Holidays({ team, onChanged }: { team: string; onChanged: () => void }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [holidays, setHolidays] = useState<Holiday[] | null>(null);
  const [draft, setDraft] = useState({ date: '', name: '' });
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('holidays.list', { team }).then(
      (calendar) => setHolidays(calendar.holidays),
      (caught: Error) => setError(caught.message),
    );
  }, [team]);
  const changed = (list: Holiday[], message: string): void => {
    setHolidays(list);
    setError(null);
    toast(message);
    onChanged();
  };
  // Field names as the form shows them.
  const label = (message: string): string =>
    message
      .replace(/^date:/, 'Date:')
      .replace(/^name:/, 'Name:')
      .replace(/^ics:/, 'Calendar file:');
  async function add(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    try {
      const calendar = await call('holidays.add', { team, date: draft.date, name: draft.name });
      setDraft({ date: '', name: '' });
      changed(calendar.holidays, `${draft.date} is a holiday.`);
    } catch (caught) {
      setError(label((caught as Error).message));
    }
  }
  async function remove(date: string): Promise<void> {
    try {
      changed((await call('holidays.remove', { team, date })).holidays, `${date} is no longer a holiday.`);
    } catch (caught) {
      setError(label((caught as Error).message));
    }
  }
  async function importFile(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const result = await call('holidays.import', { team, ics: await file.text() });
      changed(
        result.holidays,
        `${file.name}: ${result.added} added, ${result.renamed} renamed, ${result.unchanged} already there.`,
      );
    } catch (caught) {
      setError(label((caught as Error).message));
    }
  }
  const year = new Date().getUTCFullYear();
  const shown = (holidays ?? []).filter((h) => Number(h.date.slice(0, 4)) >= year - 1);
  return (
    <section className="panel" aria-labelledby="holidays-title">
      <h2 id="holidays-title">Holidays of {team}</h2>
      <p className="definition">
        Each date is judged in every person’s own zone. Hours on call on a holiday are counted as holiday hours, and a
        holiday has no business hours.
      </p>
      <div className="inline-form">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import a calendar (.ics)…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".ics,text/calendar"
          hidden
          aria-label="Import holidays from an iCalendar file"
          onChange={(e) => {
            void importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <form className="inline-form" onSubmit={(e) => void add(e)} aria-label="Add a holiday">
        <input
          type="date"
          aria-label="Holiday date"
          value={draft.date}
          onChange={(e) => setDraft({ ...draft, date: e.target.value })}
        />
        <input
          aria-label="Holiday name"
          placeholder="Name, e.g. New Year’s Day"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <button type="submit">Add holiday</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {holidays && holidays.length === 0 && (
        <p className="muted">No holidays yet: import the team’s public holidays from a calendar, or add dates.</p>
      )}
      {shown.length > 0 && (
        <table className="data" aria-label={`Holidays of ${team}`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Holiday</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((h) => (
              <tr key={h.date}>
                <td>{h.date}</td>
                <td>{h.name}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => void remove(h.date)}
                    aria-label={`Remove ${h.name} on ${h.date}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {holidays && shown.length < holidays.length && (
        <p className="muted small">{holidays.length - shown.length} earlier holidays are kept and not listed.</p>
      )}
    </section>
  );
}

function Reports({ team }: { team: string | null }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [kind, setKind] = useState<ReviewReport['kind'] | null>(null);
  const [report, setReport] = useState<ReviewReport | null>(null);
  useEffect(() => {
    if (!kind) return;
    call('report.review', { kind, ...(team ? { team } : {}) }).then(setReport, (error: Error) =>
      toast(error.message, 'error'),
    );
  }, [kind, team, toast]);

  async function copy(): Promise<void> {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.markdown);
      toast('Report copied as Markdown.');
    } catch {
      toast('The clipboard is not available here; use Save as Markdown.', 'error');
    }
  }

  return (
    <section className="panel" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <div className="inline-form">
        <div role="group" aria-label="Review" className="segmented">
          {(['weekly', 'monthly', 'quarterly'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {k[0]?.toUpperCase()}
              {k.slice(1)}
            </button>
          ))}
        </div>
        {report && (
          <>
            <button type="button" onClick={() => void copy()}>
              Copy Markdown
            </button>
            <button
              type="button"
              onClick={() =>
                downloadText(
                  report.markdown,
                  `${report.kind}-review-${report.from.slice(0, 10)}.md`,
                  'text/markdown;charset=utf-8',
                )
              }
            >
              Save as Markdown
            </button>
          </>
        )}
      </div>
      {report ? (
        <pre className="markdown-preview" aria-label={`${report.title} as Markdown`} tabIndex={0}>
          {report.markdown}
        </pre>
      ) : (
        <p className="muted">
          The on-call load review of the last complete week, month or quarter, as Markdown that pastes into a doc or a
          pull request.
        </p>
      )}
    </section>
  );
}

export function DashboardView(): React.JSX.Element {
  const revision = useApp((s) => s.revision);
  const toast = useApp((s) => s.toast);
  const [scope, setScope] = useState<'team' | 'me'>('team');
  const [range, setRange] = useState<Range>(defaultRange);
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    const fromMs = Date.parse(`${custom.from}T00:00:00Z`);
    const toMs = Date.parse(`${custom.to}T00:00:00Z`) + dayMs;
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return setError('Range: give both dates.');
    if (toMs <= fromMs) return setError('Range: the end must be after the start.');
    setRange({ preset: 'custom', fromMs, toMs });
  }

  const d = dashboard;
  const title = scope === 'me' ? 'My load' : `Team load${d?.team ? ` — ${d.team}` : ''}`;
  return (
    <section className="dashboard-view" aria-labelledby="dashboard-title">
      <header className="view-header">
        <h1 id="dashboard-title">{title}</h1>
        <span className="muted">
          {dateOf(range.fromMs)} – {dateOf(range.toMs - 1)} (UTC)
        </span>
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
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
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
        {d && d.hasData && (
          <>
            {d.findings.length > 0 && (
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
            <Tiles d={d} />
            <Charts d={d} />
            {d.scope === 'team' && <PeopleTable d={d} />}
          </>
        )}
        {d && d.scope === 'team' && d.team && (
          <Targets key={JSON.stringify(d.targets)} team={d.team} targets={d.targets} onSaved={() => void load()} />
        )}
        {d && d.scope === 'team' && d.team && <Holidays team={d.team} onChanged={() => void load()} />}
        <Reports team={d?.team ?? null} />
      </div>
    </section>
  );
}
