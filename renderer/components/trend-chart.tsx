// Actionable pages per on-call week, week by week, against the target: the Load view's first
// chart, drawn on the light week plot (./week-chart says why it is not recharts).

import { ChartFrame, SeriesLegend, height, useHidden } from './chart-frame';
import { linePath, WeekChart } from './week-chart';

export interface TrendWeek {
  label: string;
  actionablePerOnCallWeek: number | null;
  pages: number;
  sleepHour: number;
}

const series = [
  { key: 'actionablePerOnCallWeek', name: 'Actionable per on-call week', color: 'var(--actionable)' },
  { key: 'sleepHour', name: 'Sleep-hour pages', color: 'var(--sleep)' },
] as const;

export function LoadTrendChart({
  title,
  definition,
  weeks,
  target,
  loading = false,
}: {
  title: string;
  definition: string;
  weeks: TrendWeek[];
  target: number;
  /** The data is on its way: the frame and its plot stand empty. */
  loading?: boolean;
}): React.JSX.Element {
  const [hidden, toggle] = useHidden();
  const shown = series.filter((s) => !hidden.has(s.key));
  const max = Math.max(target * 1.5, ...shown.flatMap((s) => weeks.map((w) => w[s.key] ?? 0)));
  return (
    <ChartFrame
      id="trend"
      title={title}
      definition={definition}
      loading={loading}
      data={{
        header: ['week', 'actionable_per_on_call_week', 'pages', 'sleep_hour_pages'],
        rows: weeks.map((w) => [w.label, w.actionablePerOnCallWeek, w.pages, w.sleepHour]),
      }}
    >
      {!loading && <SeriesLegend label={`${title}: series`} series={[...series]} hidden={hidden} onToggle={toggle} />}
      <WeekChart
        label={title}
        loading={loading}
        weeks={weeks.map((w) => w.label)}
        max={max}
        height={height}
        tooltip={(i) => {
          const week = weeks[i];
          return (
            week && (
              <>
                <p>Week of {week.label}</p>
                <p>Actionable per on-call week: {week.actionablePerOnCallWeek ?? '—'}</p>
                <p>Sleep-hour pages: {week.sleepHour}</p>
                <p>Pages: {week.pages}</p>
              </>
            )
          );
        }}
      >
        {(scale) => (
          <>
            <g className="reference-line">
              <line
                x1={scale.left}
                x2={scale.right}
                y1={scale.y(target)}
                y2={scale.y(target)}
                stroke="var(--danger)"
                strokeDasharray="6 3"
              />
              <text x={scale.left + 6} y={scale.y(target) - 6} fontSize={12} fill="var(--danger)">
                target &lt; {target}
              </text>
            </g>
            {shown.map((s) => (
              <path
                key={s.key}
                className="series-line"
                d={linePath(
                  scale,
                  weeks.map((w) => w[s.key]),
                )}
                fill="none"
                stroke={s.color}
                strokeWidth={s.key === 'sleepHour' ? 1.5 : 2}
              />
            ))}
          </>
        )}
      </WeekChart>
    </ChartFrame>
  );
}
