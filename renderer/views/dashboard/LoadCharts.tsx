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
 * The charts, memoised on the dashboard they draw. The first charts (the load trend and the
 * team's weeks, the ones in the view's first screen) draw at once; the five below them are
 * rendered only after the first charts have been painted (a frame, then a task), so their work
 * (recharts) never delays that paint. `onDrawn` is told once they are all in the page (the view
 * draws what lies below the charts after that).
 */
export const LoadCharts = memo(function LoadCharts({
  d,
  onDrawn,
}: {
  d: Dashboard;
  onDrawn: () => void;
}): React.JSX.Element {
  const [later, setLater] = useState(false);
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setLater(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return (
    <div className="chart-grid">
      <FirstCharts d={d} />
      {later && <SecondaryCharts d={d} onDrawn={onDrawn} />}
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

const SecondaryCharts = memo(function SecondaryCharts({
  d,
  onDrawn,
}: {
  d: Dashboard;
  onDrawn: () => void;
}): React.JSX.Element {
  useEffect(onDrawn, [onDrawn]);
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
