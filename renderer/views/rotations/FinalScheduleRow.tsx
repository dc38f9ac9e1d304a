// A team's final schedule under its layers: who is paged first at each moment, after layers and
// overrides; stretches that come from an override are striped and say so. A table for screen readers.

import { shortTime } from '../../format';
import type { FinalRow } from './timeline-span';

const iso = (ms: number): string => new Date(ms).toISOString();

export function FinalScheduleRow({
  row,
  from,
  to,
  now,
  zone,
  colour,
  left,
  width,
}: {
  row: FinalRow;
  from: number;
  to: number;
  now: number;
  zone: string;
  colour: (handle: string) => string;
  left: (ms: number) => string;
  width: (fromMs: number, toMs: number) => string;
}): React.JSX.Element {
  const label = `Final schedule · ${row.team}`;
  return (
    <div className="timeline-lane final-lane" data-team={row.team}>
      <span className="lane-name" title="Who is paged first, after layers and overrides">
        Final <span className="muted">· {row.team}</span>
      </span>
      <div className="lane-track final-track">
        <div className="final-items" role="list" aria-label={label}>
          {row.stretches.map((s) => {
            const text = `${s.name}${s.overrideId ? ' (override)' : ''}, ${s.rotation}: ${shortTime(iso(s.startMs), zone)} – ${shortTime(iso(s.endMs), zone)}`;
            return (
              <span
                key={`${s.startMs}-${s.personId}`}
                role="listitem"
                className={`segment final${s.overrideId ? ' override' : ''}`}
                data-handle={s.personId}
                data-override={s.overrideId ? 'yes' : 'no'}
                data-starts={iso(s.startMs)}
                data-ends={iso(s.endMs)}
                style={{ left: left(s.startMs), width: width(s.startMs, s.endMs), background: colour(s.personId) }}
                title={text}
                aria-label={text}
              >
                {s.personId}
                {s.overrideId ? ' ⇄' : ''}
              </span>
            );
          })}
        </div>
        {now >= from && now < to && <span className="today" style={{ left: left(now) }} aria-hidden="true" />}
      </div>
    </div>
  );
}
