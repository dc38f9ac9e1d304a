// The on-call load dashboard's charts: small wrappers over recharts that take plain data. Each
// sits in a ChartFrame that shows its one-line definition and saves it as PNG or its data as CSV.
// Legends are buttons (Tab to reach, Enter/Space to show or hide a series).

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { ChartFrame, grid, height, SeriesLegend, tooltipStyle, useHidden } from './chart-frame';
import { niceTicks } from './chart-ticks';

export { ChartFrame, palette, SeriesLegend, type ChartData } from './chart-frame';
export { TeamWeeksChart } from './team-weeks-chart';
export { LoadTrendChart, type TrendWeek } from './trend-chart';

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
      legend={[
        { name: 'Share of load', color: 'var(--accent)' },
        { name: 'Perfect equality', color: 'var(--noise)' },
      ]}
    >
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: -8 }} accessibilityLayer>
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
  const ticks = niceTicks(
    Math.max(0, ...services.map((s) => Math.max(s.actionable + s.noise + s.untriaged, s.sleepHourPages))),
  );
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
            <XAxis
              type="number"
              ticks={ticks}
              domain={[0, ticks.at(-1) ?? 1]}
              interval={0}
              stroke="var(--muted)"
              tickLine={false}
            />
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
  const ticks = niceTicks(Math.max(0, ...buckets.map((b) => Math.max(b.acknowledged, b.resolved))));
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
            <YAxis ticks={ticks} domain={[0, ticks.at(-1) ?? 1]} interval={0} stroke="var(--muted)" tickLine={false} />
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
