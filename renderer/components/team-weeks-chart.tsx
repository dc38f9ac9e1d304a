// The team's pages per week: one bar per week whose segments are the people shown (one recharts
// series, not one per person: restacking 50 series was the Load view's largest cost at 1M pages).

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';

import { ChartFrame, grid, height, palette, SeriesLegend, tooltipStyle, useHidden } from './chart-frame';

/** One week of the team chart: its pages by person, and the total of the people shown. */
interface TeamWeek {
  label: string;
  byPerson: Record<string, number>;
  shown: number;
}

/**
 * Pages per week, stacked by the person who received them. The stack is ONE recharts series
 * whose bar draws its people's segments itself: a team of 50 as 50 stacked <Bar>s made recharts
 * restack every series each time one registered (≈ 60% of the Load view's drawing at 1M pages).
 */
export function TeamWeeksChart({
  definition,
  weeks,
  handles,
}: {
  definition: string;
  weeks: { label: string; byPerson: Record<string, number> }[];
  handles: string[];
}): React.JSX.Element {
  const [hidden, toggle] = useHidden();
  const series = handles.map((h, i) => ({ key: h, name: `@${h}`, color: palette[i % palette.length] ?? '#888' }));
  const shown = series.filter((s) => !hidden.has(s.key));
  const data: TeamWeek[] = weeks.map((w) => ({
    label: w.label,
    byPerson: w.byPerson,
    shown: shown.reduce((sum, s) => sum + (w.byPerson[s.key] ?? 0), 0),
  }));
  const title = 'Team pages per week, by person';
  return (
    <ChartFrame
      id="team-weeks"
      title={title}
      definition={definition}
      data={{
        header: ['week', ...handles],
        rows: weeks.map((w) => [w.label, ...handles.map((h) => w.byPerson[h] ?? 0)]),
      }}
    >
      <SeriesLegend label={`${title}: people`} series={series} hidden={hidden} onToggle={toggle} />
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer>
            <CartesianGrid {...grid} vertical={false} />
            <XAxis dataKey="label" stroke="var(--muted)" tickLine={false} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} stroke="var(--muted)" tickLine={false} />
            <Tooltip contentStyle={tooltipStyle} content={(props) => <TeamWeekTooltip {...props} series={shown} />} />
            <Bar
              dataKey="shown"
              name="Pages"
              isAnimationActive={false}
              shape={(bar: BarShapeProps) => <PeopleStack bar={bar} series={shown} />}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

/** One week's bar: a segment per person shown, bottom up in the legend's order. */
function PeopleStack({
  bar,
  series,
}: {
  bar: BarShapeProps;
  series: { key: string; color: string }[];
}): React.JSX.Element | null {
  const week = bar.payload as TeamWeek | undefined;
  if (!week || week.shown <= 0 || bar.height <= 0) return null;
  const perPage = bar.height / week.shown;
  let bottom = bar.y + bar.height;
  const segments: React.JSX.Element[] = [];
  for (const s of series) {
    const pages = week.byPerson[s.key] ?? 0;
    if (pages <= 0) continue;
    const segment = pages * perPage;
    bottom -= segment;
    // Plain paths, not recharts' <Rectangle>s: a team of 50 over 13 weeks is 650 segments.
    segments.push(
      <path
        key={s.key}
        className="recharts-rectangle"
        d={`M${bar.x},${bottom}h${bar.width}v${segment}h${-bar.width}Z`}
        fill={s.color}
      />,
    );
  }
  return <g>{segments}</g>;
}

function TeamWeekTooltip({
  active,
  payload,
  series,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  series: { key: string; name: string; color: string }[];
}): React.JSX.Element | null {
  const week = payload?.[0]?.payload as TeamWeek | undefined;
  if (!active || !week) return null;
  const people = series.filter((s) => (week.byPerson[s.key] ?? 0) > 0);
  return (
    <div className="team-week-tooltip" style={tooltipStyle}>
      <p>
        Week of {week.label}: {week.shown} page{week.shown === 1 ? '' : 's'}
      </p>
      <ul>
        {people.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}:{' '}
            {week.byPerson[s.key]}
          </li>
        ))}
      </ul>
    </div>
  );
}
