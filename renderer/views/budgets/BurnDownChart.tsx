// The selected SLO's budget over its window, a point a day, with the policy's at-risk and
// exhausted lines and each incident marked on the day its impact ended; PNG and CSV like the
// Load view's charts.

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BudgetStatusOutput } from '../../../shared/slo-contract';
import { burnDownRows, windowPhrase } from '../../../shared/domain/slo/budget-view';
import { ChartFrame, grid, height, tooltipStyle } from '../../components/chart-frame';

export function BurnDownChart({ status, now }: { status: BudgetStatusOutput; now: number }): React.JSX.Element {
  const rows = burnDownRows(status, now);
  const title = `${status.slo.service} · ${status.slo.name}: budget left, ${windowPhrase(status.slo)}`;
  const atRisk = Math.round((1 - status.slo.policy.atRisk) * 100);
  const exhausted = Math.round((1 - status.slo.policy.exhausted) * 100);
  const low = Math.min(exhausted, 0, ...rows.map((r) => Math.min(r.remaining ?? 0, r.projected ?? 0)));
  return (
    <ChartFrame
      id="burn-down"
      title={title}
      definition={`Share of the error budget left at the end of each day (${windowPhrase(status.slo)}; ${status.basis === 'events' ? 'from SLI data, with incident impact where there is none' : 'from incidents’ customer impact'}). Dashed lines: the policy’s at risk (${100 - atRisk}% spent) and exhausted → freeze (${100 - exhausted}% spent). Red marks: incidents, on the day their impact ended.${status.slo.rolling ? '' : ' Dotted: the rest of the period at the current burn rate.'}`}
      data={{
        header: ['day', 'budget_left_pct', 'projected_pct', 'incidents'],
        rows: rows.map((r) => [r.day, r.remaining, r.projected, r.incidents.join('; ')]),
      }}
    >
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer>
            <CartesianGrid {...grid} vertical={false} />
            <XAxis dataKey="day" stroke="var(--muted)" tickLine={false} interval="preserveStartEnd" />
            <YAxis
              stroke="var(--muted)"
              tickLine={false}
              domain={[Math.floor(low / 10) * 10, 100]}
              unit="%"
              allowDataOverflow
            />
            <Tooltip contentStyle={tooltipStyle} formatter={(value, name) => [`${String(value)}%`, name]} />
            <ReferenceLine
              y={atRisk}
              stroke="var(--untriaged)"
              strokeDasharray="6 3"
              label={{ value: 'at risk', fill: 'var(--muted)', position: 'insideTopRight' }}
            />
            <ReferenceLine
              y={exhausted}
              stroke="var(--danger)"
              strokeDasharray="6 3"
              label={{ value: 'exhausted → freeze', fill: 'var(--muted)', position: 'insideBottomRight' }}
            />
            {rows
              .filter((r) => r.incidents.length > 0)
              .map((r) => (
                <ReferenceLine
                  key={r.day}
                  x={r.day}
                  stroke="var(--danger)"
                  className="incident-mark"
                  label={{ value: '▼', fill: 'var(--danger)', position: 'insideTop' }}
                />
              ))}
            <Line
              dataKey="remaining"
              name="Budget left"
              stroke="var(--actionable)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="projected"
              name="Projected at the current burn"
              stroke="var(--actionable)"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
