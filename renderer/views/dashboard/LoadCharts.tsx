// The Load view's charts: the load trend (and the team's weeks) first, then equity, load per
// hour, when pages arrive, the noisiest services, time to acknowledge and resolve.

import { memo, startTransition, useEffect, useState } from 'react';
import type { Dashboard } from '../../../shared/report-contract';
import {
  DurationsChart,
  HeatmapChart,
  LoadPerHourChart,
  LoadTrendChart,
  LorenzChart,
  ServicesChart,
  TeamWeeksChart,
} from '../../components/load-charts';

/**
 * The charts, memoised on the dashboard they draw. While the view's first data is on its way
 * (`d` null) the first charts' frames stand empty in their places (for the `scope` asked for), so
 * their plots know their width when the data comes and draw it in one pass. The first charts (the
 * load trend and the team's weeks, the ones in the view's first screen) draw as the data comes;
 * the five below them are rendered only after the first charts have been painted (a frame, then a
 * task), one chart per task, so their work (recharts) never delays that paint and the page answers
 * between them. `onDrawn` is told once they are all in the page (the view draws what lies below
 * the charts after that).
 */
export const LoadCharts = memo(function LoadCharts({
  d,
  scope,
  onDrawn,
}: {
  d: Dashboard | null;
  scope: 'team' | 'me';
  onDrawn: () => void;
}): React.JSX.Element {
  const [later, setLater] = useState(false);
  const ready = d !== null;
  useEffect(() => {
    if (!ready) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setLater(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [ready]);
  return (
    <div className="chart-grid">
      {d ? <FirstCharts d={d} /> : <FirstCharts loading={scope} />}
      {later && d && <SecondaryCharts d={d} onDrawn={onDrawn} />}
    </div>
  );
});

const trendTitle = (scope: 'team' | 'me'): string =>
  scope === 'me' ? 'My load per on-call week vs the target' : 'Load per on-call week vs the target';
const teamWeeksDefinition = 'Pages received each week (Monday 00:00 UTC), stacked by who received them.';

/** The first charts of a dashboard, or their empty frames while the one for `loading` is on its way. */
const FirstCharts = memo(function FirstCharts(
  props: { d: Dashboard; loading?: undefined } | { d?: undefined; loading: 'team' | 'me' },
): React.JSX.Element {
  const { d } = props;
  if (!d)
    return (
      <>
        <LoadTrendChart title={trendTitle(props.loading)} definition="" target={0} weeks={[]} loading />
        {props.loading === 'team' && (
          <TeamWeeksChart definition={teamWeeksDefinition} weeks={[]} handles={[]} loading />
        )}
      </>
    );
  const scope = d.scope;
  const handles = d.people.filter((p) => p.pages > 0).map((p) => p.handle);
  return (
    <>
      <LoadTrendChart
        title={trendTitle(scope)}
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
          definition={teamWeeksDefinition}
          weeks={d.weeks.map((w) => ({ label: w.week, byPerson: w.byPerson }))}
          handles={handles}
        />
      )}
    </>
  );
});

const SecondaryCharts = memo(function SecondaryCharts({
  d,
  onDrawn,
}: {
  d: Dashboard;
  onDrawn: () => void;
}): React.JSX.Element {
  // One chart more per task: each recharts chart is a few tens of ms of work that does not yield
  // (its store re-renders synchronously while it mounts), so the page answers between them
  // (keys, clicks, the pointer) instead of waiting for all five at once.
  const [shown, setShown] = useState(1);
  const scope = d.scope;
  const charts = [
    scope === 'team' && (
      <LorenzChart key="lorenz" definition={d.definitions.gini ?? ''} points={d.equity.lorenz} gini={d.equity.gini} />
    ),
    scope === 'team' && (
      <LoadPerHourChart
        key="per-hour"
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
    ),
    <HeatmapChart
      key="heatmap"
      definition="Pages by the hour and weekday they arrived, in the receiving person’s own zone."
      cells={d.heatmap}
    />,
    <ServicesChart
      key="services"
      definition={`Pages by service. ${d.definitions.nonActionableRatio ?? ''}`}
      services={d.services.map((s) => ({
        service: s.service,
        actionable: s.actionable,
        noise: s.noise,
        untriaged: s.pages - s.actionable - s.noise,
        sleepHourPages: s.sleepHourPages,
      }))}
    />,
    <DurationsChart
      key="durations"
      definition={`${d.definitions.ack ?? ''} ${d.definitions.resolve ?? ''}`}
      buckets={d.ackDistribution.map((b, i) => ({
        bucket: b.bucket,
        acknowledged: b.pages,
        resolved: d.resolveDistribution[i]?.pages ?? 0,
      }))}
    />,
  ].filter((chart) => chart !== false);
  const all = shown >= charts.length;
  useEffect(() => {
    if (all) {
      onDrawn();
      return;
    }
    const timer = window.setTimeout(() => startTransition(() => setShown((n) => n + 1)));
    return () => window.clearTimeout(timer);
  }, [all, shown, onDrawn]);
  return <>{charts.slice(0, shown)}</>;
});
