// Small chart wrappers over recharts that take plain data.

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

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
