// The timeline of a range: a lane per rotation, each shift a coloured segment (overrides marked),
// today drawn, week labels above, and under the lanes each team's final schedule (who is paged
// first after layers and overrides). Drag across a lane — or click a shift, or focus one with the
// arrow keys and press o or Enter — to pick a span for an override. A table of the shifts and of
// the final schedule for screen readers.

import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Rotation, ShiftView } from '../../../shared/rotation-contract';
import { shortTime } from '../../format';
import { FinalScheduleRow } from './FinalScheduleRow';
import { dayMs, finalRows, instantAt, shiftsByLane, type PickedSpan } from './timeline-span';

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

interface Drag {
  rotation: string;
  pointerId: number;
  startX: number;
  anchorMs: number;
  atMs: number;
  moved: boolean;
}

export function Timeline({
  shifts,
  rotations,
  from,
  to,
  now,
  zone,
  picked,
  onPick,
}: {
  shifts: ShiftView[];
  rotations: Rotation[];
  from: number;
  to: number;
  now: number;
  zone: string;
  picked: PickedSpan | null;
  onPick: (span: PickedSpan) => void;
}): React.JSX.Element {
  const span = to - from;
  const handles = [...new Set(shifts.map((s) => s.handle))].sort();
  const colour = (handle: string): string => palette[handles.indexOf(handle) % palette.length] ?? '#888';
  const weeks = Array.from({ length: Math.ceil(span / (7 * dayMs)) }, (_, i) => from + i * 7 * dayMs);
  const lanes = useMemo(() => shiftsByLane(rotations, shifts), [rotations, shifts]);
  const finals = useMemo(() => finalRows(rotations, shifts, from, to), [rotations, shifts, from, to]);
  // The one shift that takes Tab (roving focus): lane and index in it.
  const [active, setActive] = useState<{ lane: number; index: number }>({ lane: 0, index: 0 });
  const [drag, setDrag] = useState<Drag | null>(null);
  const segments = useRef(new Map<string, HTMLButtonElement>());
  const left = (ms: number): string => `${((Math.max(ms, from) - from) / span) * 100}%`;
  const width = (a: number, b: number): string => `${((Math.min(b, to) - Math.max(a, from)) / span) * 100}%`;
  const activeLane = Math.min(active.lane, Math.max(0, lanes.length - 1));
  const activeIndex = Math.min(active.index, Math.max(0, (lanes[activeLane]?.length ?? 1) - 1));

  const pickShift = (s: ShiftView): void =>
    onPick({
      rotation: s.rotation,
      fromMs: Math.max(Date.parse(s.startsAt), from),
      toMs: Math.min(Date.parse(s.endsAt), to),
    });

  function focusShift(lane: number, index: number): void {
    setActive({ lane, index });
    segments.current.get(`${lane}:${index}`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, lane: number, index: number): void {
    const shift = lanes[lane]?.[index];
    if (!shift) return;
    const count = lanes[lane]?.length ?? 0;
    if (event.key === 'ArrowRight') focusShift(lane, Math.min(count - 1, index + 1));
    else if (event.key === 'ArrowLeft') focusShift(lane, Math.max(0, index - 1));
    else if (event.key === 'Home') focusShift(lane, 0);
    else if (event.key === 'End') focusShift(lane, count - 1);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const next = lane + (event.key === 'ArrowDown' ? 1 : -1);
      const other = lanes[next];
      if (!other || other.length === 0) return;
      // The shift in that lane at the same moment (or the nearest one before it).
      const at = Date.parse(shift.startsAt);
      const found = other.findLastIndex((s) => Date.parse(s.startsAt) <= at);
      focusShift(next, Math.max(0, found));
    } else if (event.key === 'o') pickShift(shift);
    else return;
    // Handled here: the app's own keys (o is Toil) leave it alone.
    event.preventDefault();
  }

  function pointerDown(event: PointerEvent<HTMLDivElement>, rotation: string): void {
    if (event.button !== 0) return;
    const at = instantAt(event.clientX, event.currentTarget.getBoundingClientRect(), from, to);
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ rotation, pointerId: event.pointerId, startX: event.clientX, anchorMs: at, atMs: at, moved: false });
  }
  function pointerMove(event: PointerEvent<HTMLDivElement>): void {
    if (!drag || drag.pointerId !== event.pointerId) return;
    const at = instantAt(event.clientX, event.currentTarget.getBoundingClientRect(), from, to);
    const moved = drag.moved || Math.abs(event.clientX - drag.startX) > 4;
    if (moved !== drag.moved || at !== drag.atMs) setDrag({ ...drag, atMs: at, moved });
  }
  function pointerUp(event: PointerEvent<HTMLDivElement>, lane: number): void {
    if (!drag || drag.pointerId !== event.pointerId) return;
    setDrag(null);
    if (drag.moved) {
      const fromMs = Math.min(drag.anchorMs, drag.atMs);
      const toMs = Math.max(drag.anchorMs, drag.atMs);
      if (toMs > fromMs) onPick({ rotation: drag.rotation, fromMs, toMs });
      return;
    }
    // A click: the shift under the pointer, whole.
    const at =
      from +
      ((event.clientX - event.currentTarget.getBoundingClientRect().left) / event.currentTarget.clientWidth) * span;
    const index = lanes[lane]?.findIndex((s) => Date.parse(s.startsAt) <= at && at < Date.parse(s.endsAt)) ?? -1;
    const shift = lanes[lane]?.[index];
    if (shift) {
      setActive({ lane, index });
      pickShift(shift);
    }
  }

  const spanShown = (rotation: string): { fromMs: number; toMs: number } | null => {
    if (drag?.moved && drag.rotation === rotation)
      return { fromMs: Math.min(drag.anchorMs, drag.atMs), toMs: Math.max(drag.anchorMs, drag.atMs) };
    if (picked?.rotation === rotation) return picked;
    return null;
  };

  return (
    <div className="timeline" aria-label="Timeline">
      <p className="timeline-hint muted" id="timeline-hint">
        Drag across a rotation, or click a shift, to add an override. Keys: ←/→ shifts, ↑/↓ rotations, o or Enter picks
        the shift.
      </p>
      <div className="timeline-scale" aria-hidden="true">
        {weeks.map((w) => (
          <span key={w} style={{ left: `${((w - from) / span) * 100}%` }}>
            {new Date(w).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: zone })}
          </span>
        ))}
      </div>
      {rotations.map((rotation, lane) => {
        const shown = spanShown(rotation.name);
        return (
          <div key={rotation.id} className="timeline-lane">
            <span className="lane-name">
              {rotation.name} <span className="muted">· {rotation.layer}</span>
            </span>
            <div
              className={`lane-track${drag?.rotation === rotation.name ? ' dragging' : ''}`}
              role="group"
              aria-label={`${rotation.name} shifts`}
              aria-describedby="timeline-hint"
              data-rotation={rotation.name}
              onPointerDown={(e) => pointerDown(e, rotation.name)}
              onPointerMove={pointerMove}
              onPointerUp={(e) => pointerUp(e, lane)}
              onPointerCancel={() => setDrag(null)}
            >
              {(lanes[lane] ?? []).map((s, index) => (
                <button
                  type="button"
                  key={`${s.startsAt}-${s.handle}-${s.overrideId ?? ''}`}
                  ref={(element) => {
                    if (element) segments.current.set(`${lane}:${index}`, element);
                    else segments.current.delete(`${lane}:${index}`);
                  }}
                  tabIndex={lane === activeLane && index === activeIndex ? 0 : -1}
                  className={`segment${s.overrideId ? ' override' : ''}`}
                  style={{
                    left: left(Date.parse(s.startsAt)),
                    width: width(Date.parse(s.startsAt), Date.parse(s.endsAt)),
                    background: colour(s.handle),
                  }}
                  aria-label={`${rotation.name}: ${s.name}${s.overrideId ? ' (override)' : ''}, ${shortTime(s.startsAt, zone)} – ${shortTime(s.endsAt, zone)}`}
                  title={`${s.name}${s.overrideId ? ' (override)' : ''}: ${shortTime(s.startsAt, zone)} – ${shortTime(s.endsAt, zone)}`}
                  onFocus={() => setActive({ lane, index })}
                  onKeyDown={(e) => onKeyDown(e, lane, index)}
                  // Enter and Space (a click without a pointer); pointer clicks are handled by the track.
                  onClick={(e) => e.detail === 0 && pickShift(s)}
                >
                  {s.handle}
                </button>
              ))}
              {shown && (
                <span
                  className="picked-span"
                  style={{ left: left(shown.fromMs), width: width(shown.fromMs, shown.toMs) }}
                  aria-hidden="true"
                />
              )}
              {now >= from && now < to && <span className="today" style={{ left: left(now) }} aria-hidden="true" />}
            </div>
          </div>
        );
      })}
      {finals.map((row) => (
        <FinalScheduleRow
          key={row.team}
          row={row}
          from={from}
          to={to}
          now={now}
          zone={zone}
          colour={colour}
          left={left}
          width={width}
        />
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
