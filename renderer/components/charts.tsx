// Small chart wrappers over recharts that take plain data.

import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface DayLoad {
  label: string;
  actionable: number;
  noise: number;
  untriaged: number;
  sleepHour: number;
}

export function DailyPagesChart({ days, title }: { days: DayLoad[]; title: string }): React.JSX.Element {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer>
          <BarChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: -16 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" vertical={false} />
            <XAxis dataKey="label" stroke="var(--muted)" tickLine={false} />
            <YAxis allowDecimals={false} stroke="var(--muted)" tickLine={false} />
            <Tooltip
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Legend />
            <Bar dataKey="actionable" name="Actionable" stackId="pages" fill="var(--actionable)" />
            <Bar dataKey="untriaged" name="Not triaged" stackId="pages" fill="var(--untriaged)" />
            <Bar dataKey="noise" name="Noise" stackId="pages" fill="var(--noise)" />
            <Bar dataKey="sleepHour" name="Woke me (sleep hours)" fill="var(--sleep)" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>Day</th>
            <th>Actionable</th>
            <th>Not triaged</th>
            <th>Noise</th>
            <th>Sleep hours</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.label}>
              <td>{d.label}</td>
              <td>{d.actionable}</td>
              <td>{d.untriaged}</td>
              <td>{d.noise}</td>
              <td>{d.sleepHour}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface WeekShare {
  label: string;
  /** Percent, or null for a week without engineering time (leave). */
  toil: number | null;
  trend: number | null;
}

/** Toil % per week against the cap, with the trend line. */
export function ToilShareChart({
  weeks,
  cap,
  title,
}: {
  weeks: WeekShare[];
  cap: number;
  title: string;
}): React.JSX.Element {
  const top = Math.max(cap + 10, ...weeks.map((w) => w.toil ?? 0));
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer>
          <ComposedChart data={weeks} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" vertical={false} />
            <XAxis dataKey="label" stroke="var(--muted)" tickLine={false} interval="preserveStartEnd" />
            <YAxis
              stroke="var(--muted)"
              tickLine={false}
              domain={[0, Math.ceil(top / 10) * 10]}
              ticks={Array.from({ length: Math.ceil(top / 10) + 1 }, (_, i) => i * 10)}
              allowDataOverflow
              unit="%"
            />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? `${Math.round(value)}%` : String(value))}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Legend />
            <ReferenceLine
              y={cap}
              stroke="var(--danger)"
              strokeDasharray="6 3"
              label={{ value: `${cap}% cap`, fill: 'var(--danger)', position: 'insideTopLeft' }}
            />
            <Bar dataKey="toil" name="Toil % of the week" fill="var(--untriaged)" />
            <Line dataKey="trend" name="Trend" stroke="var(--accent)" strokeDasharray="4 4" dot={false} connectNulls />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>Week of</th>
            <th>Toil %</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.label}>
              <td>{w.label}</td>
              <td>{w.toil === null ? 'no engineering time' : `${Math.round(w.toil)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
