// The timeline of a range: a lane per rotation, each shift a coloured segment (overrides marked),
// today drawn, week labels above; a table of the shifts for screen readers.

import type { Rotation, ShiftView } from '../../../shared/rotation-contract';
import { shortTime } from '../../format';

export const dayMs = 86_400_000;
// Dark enough for white labels (WCAG AA, 4.5:1).
const palette = [
  '#1f5fa8',
  '#a04a00',
  '#2e7d32',
  '#7b3f9e',
  '#b3261e',
  '#00695c',
  '#6d4c41',
  '#4a5aa8',
  '#37474f',
  '#ad1457',
];

export function Timeline({
  shifts,
  rotations,
  from,
  to,
  now,
}: {
  shifts: ShiftView[];
  rotations: Rotation[];
  from: number;
  to: number;
  now: number;
}): React.JSX.Element {
  const span = to - from;
  const handles = [...new Set(shifts.map((s) => s.handle))].sort();
  const colour = (handle: string): string => palette[handles.indexOf(handle) % palette.length] ?? '#888';
  const weeks = Array.from({ length: Math.ceil(span / (7 * dayMs)) }, (_, i) => from + i * 7 * dayMs);
  return (
    <div className="timeline" aria-label="Timeline">
      <div className="timeline-scale" aria-hidden="true">
        {weeks.map((w) => (
          <span key={w} style={{ left: `${((w - from) / span) * 100}%` }}>
            {new Date(w).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}
          </span>
        ))}
      </div>
      {rotations.map((rotation) => (
        <div key={rotation.id} className="timeline-lane">
          <span className="lane-name">
            {rotation.name} <span className="muted">· {rotation.layer}</span>
          </span>
          <div className="lane-track">
            {shifts
              .filter((s) => s.rotation === rotation.name)
              .map((s) => {
                const start = Math.max(Date.parse(s.startsAt), from);
                const end = Math.min(Date.parse(s.endsAt), to);
                return (
                  <span
                    key={`${s.startsAt}-${s.handle}-${s.overrideId ?? ''}`}
                    className={`segment${s.overrideId ? ' override' : ''}`}
                    style={{
                      left: `${((start - from) / span) * 100}%`,
                      width: `${((end - start) / span) * 100}%`,
                      background: colour(s.handle),
                    }}
                    title={`${s.name}${s.overrideId ? ' (override)' : ''}: ${shortTime(s.startsAt)} – ${shortTime(s.endsAt)}`}
                  >
                    {s.handle}
                  </span>
                );
              })}
            {now >= from && now < to && (
              <span className="today" style={{ left: `${((now - from) / span) * 100}%` }} aria-hidden="true" />
            )}
          </div>
        </div>
      ))}
      <table className="sr-only">
        <caption>Shifts</caption>
        <tbody>
          {shifts.map((s) => (
            <tr key={`${s.rotation}-${s.startsAt}-${s.handle}`}>
              <td>{s.rotation}</td>
              <td>{s.name}</td>
              <td>{s.startsAt}</td>
              <td>{s.endsAt}</td>
              <td>{s.overrideId ? 'override' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
