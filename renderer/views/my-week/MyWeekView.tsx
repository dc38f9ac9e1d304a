// "My week": my load this week against the targets, in plain sentences and a daily chart.

import { useCallback, useEffect, useState } from 'react';
import type { Week } from '../../../shared/contract';
import { DailyPagesChart } from '../../components/charts';
import { minutesText } from '../../format';
import { useApp } from '../../state/app';
import { loadWeek } from '../../state/people';
import './my-week.css';

const dayMs = 86_400_000;

function Stat({
  label,
  value,
  target,
  met,
  id,
}: {
  label: string;
  value: string;
  target?: string;
  met?: boolean;
  id: string;
}) {
  return (
    <div className={`stat${met === false ? ' broken' : met ? ' met' : ''}`} data-testid={id}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {target && <span className="stat-target">{target}</span>}
    </div>
  );
}

export function MyWeekView(): React.JSX.Element {
  const revision = useApp((s) => s.revision);
  const toast = useApp((s) => s.toast);
  const [at, setAt] = useState<number | null>(null);
  const [week, setWeek] = useState<Week | null>(null);

  const load = useCallback(async () => {
    try {
      setWeek(await loadWeek(at));
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }, [at, toast]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  if (!week) return <p className="muted">Loading…</p>;
  const c = week.counts;
  const actionable = week.targets.find((t) => t.metric === 'actionablePages');
  const sleep = week.targets.find((t) => t.metric === 'sleepHourPages');
  const broken = week.targets.filter((t) => !t.met);
  // Met so far, but some pages are not triaged: the sentence says how many are not counted.
  const uncertain = week.targets.filter((t) => t.met && t.untriaged > 0);
  const range = `${new Date(week.startsAt).toLocaleDateString(undefined, { timeZone: week.timeZone, day: 'numeric', month: 'short' })} – ${new Date(Date.parse(week.endsAt) - 1).toLocaleDateString(undefined, { timeZone: week.timeZone, day: 'numeric', month: 'short', year: 'numeric' })}`;
  const startMs = Date.parse(week.startsAt);

  return (
    <section className="week-view" aria-labelledby="week-title">
      <header className="view-header">
        <h1 id="week-title">My week</h1>
        <span className="muted">
          {week.person.name} · {range} · {week.timeZone}
        </span>
        <div className="week-nav">
          <button type="button" onClick={() => setAt(startMs - dayMs)} aria-label="Previous week">
            ← Previous
          </button>
          <button type="button" onClick={() => setAt(null)} disabled={at === null}>
            This week
          </button>
          <button
            type="button"
            onClick={() => {
              // The week after the one shown; stepping past this week comes back to "this week".
              const next = Date.parse(week.endsAt) + dayMs;
              setAt(next > Date.now() ? null : next);
            }}
            aria-label="Next week"
            disabled={at === null}
          >
            Next →
          </button>
        </div>
      </header>
      <div className="stats">
        <Stat
          id="stat-pages"
          label="Pages"
          value={String(c.pages)}
          target={`${c.noise} noise · ${c.untriaged} not triaged`}
        />
        <Stat
          id="stat-actionable"
          label="Actionable pages"
          value={String(c.actionable)}
          target={`target: fewer than ${actionable?.below ?? 2} a week${c.untriaged > 0 ? ` · ${c.untriaged} not triaged` : ''}`}
          met={actionable?.met}
        />
        <Stat
          id="stat-sleep"
          label="Sleep-hour pages"
          value={String(c.sleepHour)}
          target={`target: fewer than ${sleep?.below ?? 1} a shift`}
          met={sleep?.met}
        />
        <Stat
          id="stat-time"
          label="Time spent"
          value={minutesText(c.minutesSpent)}
          target={`${c.offHours} pages off hours`}
        />
      </div>
      <div className={`verdict${broken.length > 0 ? ' broken' : ''}`} role="status">
        {broken.length === 0 && uncertain.length === 0 ? (
          <p>Within both targets this week.</p>
        ) : (
          [...broken, ...uncertain].map((t) => <p key={t.metric}>{t.sentence}</p>)
        )}
      </div>
      <DailyPagesChart
        title="Pages per day this week"
        days={week.days.map((d) => ({
          label: new Date(`${d.date}T12:00:00Z`).toLocaleDateString(undefined, {
            weekday: 'short',
            day: 'numeric',
            timeZone: 'UTC',
          }),
          actionable: d.actionable,
          noise: d.noise,
          untriaged: d.untriaged,
          sleepHour: d.sleepHour,
        }))}
      />
    </section>
  );
}
