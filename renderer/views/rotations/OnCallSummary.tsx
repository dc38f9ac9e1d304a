// Each person's on-call hours in the range, and how many of them fell in their nights and weekends;
// the pay file (CSV, as `oncall report oncall-hours --csv`) one click away.

import { DateTime } from 'luxon';
import { useMemo } from 'react';
import type { Person } from '../../../shared/contract';
import type { ShiftView } from '../../../shared/rotation-contract';
import { useApp } from '../../state/app';
import { downloadOnCallHours } from '../../state/rotations';

/** On-call hours per person in the range, and how many of them fell in their nights and weekends. */
function summarise(shifts: ShiftView[], people: Person[], from: number, to: number) {
  const byHandle = new Map(people.map((p) => [p.handle, p]));
  const rows = new Map<string, { name: string; hours: number; nights: number; weekends: number }>();
  for (const s of shifts) {
    const person = byHandle.get(s.handle);
    const row = rows.get(s.handle) ?? { name: s.name, hours: 0, nights: 0, weekends: 0 };
    const start = Math.max(Date.parse(s.startsAt), from);
    const end = Math.min(Date.parse(s.endsAt), to);
    for (let t = start; t < end; t += 3_600_000) {
      const slice = Math.min(3_600_000, end - t) / 3_600_000;
      const local = DateTime.fromMillis(t, { zone: person?.timeZone ?? 'UTC' });
      row.hours += slice;
      if (local.hour >= 22 || local.hour < 8) row.nights += slice;
      if (local.weekday >= 6) row.weekends += slice;
    }
    rows.set(s.handle, row);
  }
  return [...rows.entries()].sort((a, b) => b[1].hours - a[1].hours);
}

export function OnCallSummary({
  shifts,
  people,
  from,
  to,
  weeks,
}: {
  shifts: ShiftView[];
  people: Person[];
  from: number;
  to: number;
  weeks: number;
}): React.JSX.Element | null {
  const summary = useMemo(() => summarise(shifts, people, from, to), [shifts, people, from, to]);
  const toast = useApp((s) => s.toast);
  if (summary.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="summary-title">
      <div className="panel-title">
        <h2 id="summary-title">On call in these {weeks} weeks</h2>
        <button
          type="button"
          onClick={() =>
            downloadOnCallHours(from, to).catch((error: unknown) => toast((error as Error).message, 'error'))
          }
        >
          Hours as CSV
        </button>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Hours on call</th>
            <th scope="col">Of them at night (22–08, their zone)</th>
            <th scope="col">On weekends</th>
          </tr>
        </thead>
        <tbody>
          {summary.map(([handle, row]) => (
            <tr key={handle}>
              <td>{row.name}</td>
              <td>{Math.round(row.hours)}</td>
              <td>{Math.round(row.nights)}</td>
              <td>{Math.round(row.weekends)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
