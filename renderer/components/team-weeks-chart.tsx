// The team's pages per week, stacked by the person who received them: one of the Load view's first
// charts, drawn on the light week plot (./week-chart says why it is not recharts). Each person is
// ONE path holding their segment of every week — a team of 50 over 13 weeks is 50 nodes, not 650.

import { ChartFrame, height, palette, SeriesLegend, useHidden } from './chart-frame';
import { WeekChart, type WeekScale } from './week-chart';

interface Series {
  key: string;
  name: string;
  color: string;
}

export function TeamWeeksChart({
  definition,
  weeks,
  handles,
  loading = false,
}: {
  definition: string;
  weeks: { label: string; byPerson: Record<string, number> }[];
  handles: string[];
  /** The data is on its way: the frame and its plot stand empty. */
  loading?: boolean;
}): React.JSX.Element {
  const [hidden, toggle] = useHidden();
  const series: Series[] = handles.map((h, i) => ({
    key: h,
    name: `@${h}`,
    color: palette[i % palette.length] ?? '#888',
  }));
  const shown = series.filter((s) => !hidden.has(s.key));
  const totals = weeks.map((w) => shown.reduce((sum, s) => sum + (w.byPerson[s.key] ?? 0), 0));
  const title = 'Team pages per week, by person';
  return (
    <ChartFrame
      id="team-weeks"
      title={title}
      definition={definition}
      loading={loading}
      data={{
        header: ['week', ...handles],
        rows: weeks.map((w) => [w.label, ...handles.map((h) => w.byPerson[h] ?? 0)]),
      }}
    >
      {!loading && <SeriesLegend label={`${title}: people`} series={series} hidden={hidden} onToggle={toggle} />}
      <WeekChart
        label={title}
        loading={loading}
        weeks={weeks.map((w) => w.label)}
        max={Math.max(0, ...totals)}
        height={height}
        tooltip={(i) => <TeamWeekTooltip week={weeks[i]} total={totals[i] ?? 0} series={shown} />}
      >
        {(scale) => <PeopleStacks scale={scale} weeks={weeks} series={shown} />}
      </WeekChart>
    </ChartFrame>
  );
}

/** Every week's bar, bottom up in the legend's order: one path per person shown. */
function PeopleStacks({
  scale,
  weeks,
  series,
}: {
  scale: WeekScale;
  weeks: { byPerson: Record<string, number> }[];
  series: Series[];
}): React.JSX.Element {
  // Bars fill 80% of their week's band, as recharts' did.
  const barWidth = (scale.band * 0.8).toFixed(1);
  const stackTop = weeks.map(() => 0);
  return (
    <g className="people-stacks">
      {series.map((s) => {
        let d = '';
        weeks.forEach((w, i) => {
          const pages = w.byPerson[s.key] ?? 0;
          if (pages <= 0) return;
          const below = stackTop[i] ?? 0;
          stackTop[i] = below + pages;
          const y = scale.y(below + pages);
          d += `M${(scale.x(i) - scale.band * 0.4).toFixed(1)},${y.toFixed(1)}h${barWidth}V${scale.y(below).toFixed(1)}h-${barWidth}Z`;
        });
        return d ? <path key={s.key} className="series-bars" data-person={s.key} d={d} fill={s.color} /> : null;
      })}
    </g>
  );
}

function TeamWeekTooltip({
  week,
  total,
  series,
}: {
  week: { label: string; byPerson: Record<string, number> } | undefined;
  total: number;
  series: Series[];
}): React.JSX.Element | null {
  if (!week) return null;
  const people = series.filter((s) => (week.byPerson[s.key] ?? 0) > 0);
  return (
    <div className="team-week-tooltip">
      <p>
        Week of {week.label}: {total} page{total === 1 ? '' : 's'}
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
