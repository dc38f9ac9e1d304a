// The on-call load dashboard's charts: small wrappers over recharts that take plain data. Each
// sits in a ChartFrame that shows its one-line definition and saves it as PNG or its data as CSV.
// Legends are buttons (Tab to reach, Enter/Space to show or hide a series).

import { Definition } from './Definition';
import { useRef, useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  type CartesianGridProps,
  ComposedChart,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { toCsv, type CsvCell } from '../../shared/domain/csv';
import { download, downloadText, fileSlug, svgToPng } from './export';
import './load-charts.css';

const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };
/** Distinct, colour-blind-friendly enough series colours (Okabe–Ito plus greys). */
export const palette = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7a3fc4',
  '#8c6d31',
  '#F0E442',
  '#6b7483',
];

export interface ChartData {
  header: string[];
  rows: CsvCell[][];
}

export function ChartFrame({
  id,
  title,
  definition,
  data,
  children,
}: {
  id: string;
  title: string;
  definition: string;
  data: ChartData;
  children: ReactNode;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  async function savePng(): Promise<void> {
    const svg = box.current?.querySelector('svg.recharts-surface, svg.heatmap') as SVGSVGElement | null;
    if (!svg) return setError('There is no chart to save yet.');
    try {
      const background = getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() || '#ffffff';
      download(await svgToPng(svg, background), `${fileSlug(title)}.png`);
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  return (
    <figure className="chart load-chart" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption>
        <span>
          <span id={`${id}-title`}>{title}</span> <Definition term={title} text={definition} />
        </span>
        <span className="chart-actions">
          <button type="button" onClick={() => void savePng()} aria-label={`Save “${title}” as PNG`}>
            PNG
          </button>
          <button
            type="button"
            onClick={() =>
              downloadText(toCsv(data.header, data.rows), `${fileSlug(title)}.csv`, 'text/csv;charset=utf-8')
            }
            aria-label={`Save the data of “${title}” as CSV`}
          >
            CSV
          </button>
        </span>
      </figcaption>

      <div ref={box}>{children}</div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </figure>
  );
}

/** A legend of buttons: each shows or hides its series. */
export function SeriesLegend({
  label,
  series,
  hidden,
  onToggle,
}: {
  label: string;
  series: { key: string; name: string; color: string }[];
  hidden: Set<string>;
  onToggle: (key: string) => void;
}): React.JSX.Element {
  return (
    <div className="series-legend" role="group" aria-label={label}>
      {series.map((s) => (
        <button
          key={s.key}
          type="button"
          aria-pressed={!hidden.has(s.key)}
          onClick={() => onToggle(s.key)}
          title={hidden.has(s.key) ? `Show ${s.name}` : `Hide ${s.name}`}
        >
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </button>
      ))}
    </div>
  );
}

function useHidden(): [Set<string>, (key: string) => void] {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const toggle = (key: string): void =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return [hidden, toggle];
}

type GridAxis = Parameters<NonNullable<CartesianGridProps['horizontalCoordinatesGenerator']>>[0]['yAxis'];

/**
 * Grid lines at a numeric axis' ticks, from the scale alone. recharts' own generators lay the
 * ticks out again (measuring every label in the DOM) for each grid, even a grid whose lines in
 * that direction are off: about a quarter of drawing the Load view.
 */
function gridLines(axis: GridAxis, from: number, to: number): number[] {
  const lines = [from, to];
  const scale = axis?.scale;
  for (const value of axis?.ticks ?? axis?.niceTicks ?? []) {
    const at = scale?.map(value);
    if (at !== undefined && Number.isFinite(at) && at !== from && at !== to) lines.push(at);
  }
  return lines;
}

/** The grid props every load chart uses: dashed, and laid out from the axes' scales. */
const grid = {
  strokeDasharray: '3 3',
  stroke: 'var(--grid)',
  horizontalCoordinatesGenerator: ({ yAxis, offset }) =>
    gridLines(yAxis, offset.top ?? 0, (offset.top ?? 0) + (offset.height ?? 0)),
  verticalCoordinatesGenerator: ({ xAxis, offset }) =>
    gridLines(xAxis, offset.left ?? 0, (offset.left ?? 0) + (offset.width ?? 0)),
} satisfies CartesianGridProps;

const height = 240;

export interface TrendWeek {
  label: string;
  actionablePerOnCallWeek: number | null;
  pages: number;
  sleepHour: number;
}

/** Actionable pages per on-call week, week by week, against the target. */
export function LoadTrendChart({
  title,
  definition,
  weeks,
  target,
}: {
  title: string;
  definition: string;
  weeks: TrendWeek[];
  target: number;
}): React.JSX.Element {
  const [hidden, toggle] = useHidden();
  const series = [
    { key: 'actionablePerOnCallWeek', name: 'Actionable per on-call week', color: 'var(--actionable)' },
    { key: 'sleepHour', name: 'Sleep-hour pages', color: 'var(--sleep)' },
  ];
  const top = Math.max(
    target * 1.5,
    ...weeks.map((w) => w.actionablePerOnCallWeek ?? 0),
    ...weeks.map((w) => w.sleepHour),
  );
  return (
    <ChartFrame
      id="trend"
      title={title}
      definition={definition}
      data={{
        header: ['week', 'actionable_per_on_call_week', 'pages', 'sleep_hour_pages'],
        rows: weeks.map((w) => [w.label, w.actionablePerOnCallWeek, w.pages, w.sleepHour]),
      }}
    >
      <SeriesLegend label={`${title}: series`} series={series} hidden={hidden} onToggle={toggle} />
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <ComposedChart data={weeks} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer>
            <CartesianGrid {...grid} vertical={false} />
            <XAxis dataKey="label" stroke="var(--muted)" tickLine={false} interval="preserveStartEnd" />
            <YAxis stroke="var(--muted)" tickLine={false} domain={[0, Math.ceil(top)]} allowDataOverflow />
            <Tooltip contentStyle={tooltipStyle} />
            <ReferenceLine
              y={target}
              stroke="var(--danger)"
              strokeDasharray="6 3"
              label={{ value: `target < ${target}`, fill: 'var(--danger)', position: 'insideTopLeft' }}
            />
            <Line
              dataKey="actionablePerOnCallWeek"
              name="Actionable per on-call week"
              stroke="var(--actionable)"
              strokeWidth={2}
              dot={false}
              connectNulls
              hide={hidden.has('actionablePerOnCallWeek')}
              isAnimationActive={false}
            />
            <Line
              dataKey="sleepHour"
              name="Sleep-hour pages"
              stroke="var(--sleep)"
              dot={false}
              hide={hidden.has('sleepHour')}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

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

/** The Lorenz curve of load per on-call hour, against perfect equality. */
export function LorenzChart({
  definition,
  points,
  gini,
}: {
  definition: string;
  points: { people: number; load: number }[];
  gini: number | null;
}): React.JSX.Element {
  const data = points.map((p) => ({
    people: Math.round(p.people * 100),
    load: Math.round(p.load * 100),
    equal: Math.round(p.people * 100),
  }));
  const title = `Equity: Lorenz curve of load per on-call hour (Gini ${gini === null ? '—' : gini.toFixed(2)})`;
  return (
    <ChartFrame
      id="lorenz"
      title={title}
      definition={definition}
      data={{ header: ['share_of_people_pct', 'share_of_load_pct'], rows: data.map((d) => [d.people, d.load]) }}
    >
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: -8 }} accessibilityLayer>
            <CartesianGrid {...grid} />
            <XAxis dataKey="people" type="number" domain={[0, 100]} unit="%" stroke="var(--muted)" tickLine={false} />
            <YAxis domain={[0, 100]} unit="%" stroke="var(--muted)" tickLine={false} />
            <Tooltip
              contentStyle={tooltipStyle}
              formatter={(v) => `${String(v)}%`}
              labelFormatter={(l) => `${String(l)}% of people`}
            />
            <Line
              dataKey="equal"
              name="Perfect equality"
              stroke="var(--noise)"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="load"
              name="Share of load"
              stroke="var(--accent)"
              strokeWidth={2}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

/** Pages per on-call hour for each person on call, in name order (not a ranking). */
export function LoadPerHourChart({
  definition,
  people,
}: {
  definition: string;
  people: { handle: string; perHour: number; onCallHours: number }[];
}): React.JSX.Element {
  return (
    <ChartFrame
      id="per-hour"
      title="Pages per on-call hour, per person"
      definition={definition}
      data={{
        header: ['handle', 'pages_per_on_call_hour', 'on_call_hours'],
        rows: people.map((p) => [p.handle, p.perHour, p.onCallHours]),
      }}
    >
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <BarChart data={people} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer>
            <CartesianGrid {...grid} vertical={false} />
            <XAxis dataKey="handle" stroke="var(--muted)" tickLine={false} interval={0} />
            <YAxis stroke="var(--muted)" tickLine={false} />
            <Tooltip contentStyle={tooltipStyle} />
            <Bar dataKey="perHour" name="Pages per on-call hour" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Pages by hour of day and weekday, in each person's own zone. */
export function HeatmapChart({
  definition,
  cells,
}: {
  definition: string;
  cells: { weekday: number; hour: number; pages: number }[];
}): React.JSX.Element {
  const max = Math.max(1, ...cells.map((c) => c.pages));
  const cell = 22;
  const left = 40;
  const top = 18;
  return (
    <ChartFrame
      id="heatmap"
      title="When pages arrive: hour of day × weekday"
      definition={definition}
      data={{
        header: ['weekday', 'hour', 'pages'],
        rows: cells.map((c) => [weekdays[c.weekday - 1] ?? '', c.hour, c.pages]),
      }}
    >
      <svg
        className="heatmap"
        viewBox={`0 0 ${left + 24 * cell} ${top + 7 * cell}`}
        width="100%"
        role="img"
        aria-label="Pages by hour of day and weekday"
      >
        {Array.from({ length: 24 }, (_, h) =>
          h % 3 === 0 ? (
            <text
              key={`h${h}`}
              x={left + h * cell + cell / 2}
              y={12}
              textAnchor="middle"
              fontSize={10}
              fill="var(--muted)"
            >
              {String(h).padStart(2, '0')}
            </text>
          ) : null,
        )}
        {weekdays.map((d, i) => (
          <text
            key={d}
            x={left - 6}
            y={top + i * cell + cell / 2 + 4}
            textAnchor="end"
            fontSize={11}
            fill="var(--muted)"
          >
            {d}
          </text>
        ))}
        {cells.map((c) => (
          <rect
            key={`${c.weekday}-${c.hour}`}
            x={left + c.hour * cell + 1}
            y={top + (c.weekday - 1) * cell + 1}
            width={cell - 2}
            height={cell - 2}
            rx={3}
            fill="var(--accent)"
            fillOpacity={c.pages === 0 ? 0.04 : 0.12 + 0.88 * (c.pages / max)}
          >
            <title>{`${weekdays[c.weekday - 1] ?? ''} ${String(c.hour).padStart(2, '0')}:00 — ${c.pages} page${c.pages === 1 ? '' : 's'}`}</title>
          </rect>
        ))}
      </svg>
    </ChartFrame>
  );
}

/** Services by pages, actionable and noise stacked. */
export function ServicesChart({
  definition,
  services,
}: {
  definition: string;
  services: { service: string; actionable: number; noise: number; untriaged: number; sleepHourPages: number }[];
}): React.JSX.Element {
  const [hidden, toggle] = useHidden();
  const series = [
    { key: 'actionable', name: 'Actionable', color: 'var(--actionable)' },
    { key: 'noise', name: 'Noise', color: 'var(--noise)' },
    { key: 'untriaged', name: 'Not triaged', color: 'var(--untriaged)' },
    { key: 'sleepHourPages', name: 'In sleep hours', color: 'var(--sleep)' },
  ];
  return (
    <ChartFrame
      id="services"
      title="Noisiest services"
      definition={definition}
      data={{
        header: ['service', 'actionable', 'noise', 'untriaged', 'sleep_hour_pages'],
        rows: services.map((s) => [s.service, s.actionable, s.noise, s.untriaged, s.sleepHourPages]),
      }}
    >
      <SeriesLegend label="Noisiest services: series" series={series} hidden={hidden} onToggle={toggle} />
      <div style={{ width: '100%', height: Math.max(160, 34 * services.length + 40) }}>
        <ResponsiveContainer>
          <BarChart
            data={services}
            layout="vertical"
            margin={{ top: 8, right: 16, bottom: 0, left: 24 }}
            accessibilityLayer
          >
            <CartesianGrid {...grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} stroke="var(--muted)" tickLine={false} />
            <YAxis type="category" dataKey="service" stroke="var(--muted)" tickLine={false} width={110} />
            <Tooltip contentStyle={tooltipStyle} />
            {series.slice(0, 3).map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="pages"
                fill={s.color}
                hide={hidden.has(s.key)}
                isAnimationActive={false}
              />
            ))}
            <Bar
              dataKey="sleepHourPages"
              name="In sleep hours"
              fill="var(--sleep)"
              hide={hidden.has('sleepHourPages')}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

/** How long pages took to acknowledge and to resolve. */
export function DurationsChart({
  definition,
  buckets,
}: {
  definition: string;
  buckets: { bucket: string; acknowledged: number; resolved: number }[];
}): React.JSX.Element {
  const [hidden, toggle] = useHidden();
  const series = [
    { key: 'acknowledged', name: 'To acknowledge', color: 'var(--accent)' },
    { key: 'resolved', name: 'To resolve', color: 'var(--untriaged)' },
  ];
  return (
    <ChartFrame
      id="durations"
      title="Time to acknowledge and to resolve"
      definition={definition}
      data={{
        header: ['bucket', 'acknowledged', 'resolved'],
        rows: buckets.map((b) => [b.bucket, b.acknowledged, b.resolved]),
      }}
    >
      <SeriesLegend label="Time to acknowledge and resolve: series" series={series} hidden={hidden} onToggle={toggle} />
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <BarChart data={buckets} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer>
            <CartesianGrid {...grid} vertical={false} />
            <XAxis dataKey="bucket" stroke="var(--muted)" tickLine={false} interval={0} fontSize={12} />
            <YAxis allowDecimals={false} stroke="var(--muted)" tickLine={false} />
            <Tooltip contentStyle={tooltipStyle} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                hide={hidden.has(s.key)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
