// Where an SLO's window lies at a moment: a rolling window is the `duration` before now; a
// calendar-aligned window is the period (of `duration`, counted from `calendar.startTime` in
// `calendar.timeZone`) that holds now — e.g. `1M` from 2026-01-01 00:00 is the calendar month.

import { DateTime, type DurationLikeObject } from 'luxon';
import { shorthandMs } from './duration';
import type { SloWindow } from './openslo';

export interface WindowBounds {
  start: number;
  end: number;
}

function step(window: SloWindow, times: number): DurationLikeObject {
  const n = window.duration.count * times;
  switch (window.duration.unit) {
    case 'm':
      return { minutes: n };
    case 'h':
      return { hours: n };
    case 'd':
      return { days: n };
    case 'w':
      return { weeks: n };
    case 'M':
      return { months: n };
    case 'Q':
      return { months: 3 * n };
    case 'Y':
      return { years: n };
  }
}

/** The window that holds `now` (rolling: ends at now; calendar: the whole period, possibly ending later). */
export function windowAt(window: SloWindow, now: number): WindowBounds {
  const length = shorthandMs(window.duration);
  if (window.rolling || !window.calendar) return { start: now - length, end: now };
  const zone = window.calendar.timeZone;
  const utc = zone === 'UTC' || zone === 'Etc/UTC' ? utcMonthWindow(window, now) : null;
  if (utc) return utc;
  let origin = DateTime.fromSQL(window.calendar.startTime, { zone });
  if (!origin.isValid) origin = DateTime.fromISO(window.calendar.startTime, { zone });
  if (!origin.isValid) origin = DateTime.fromMillis(0, { zone: 'UTC' });
  let n = Math.floor((now - origin.toMillis()) / length);
  // The estimate uses 30-day months; walk to the period that really holds now.
  while (origin.plus(step(window, n)).toMillis() > now) n--;
  while (origin.plus(step(window, n + 1)).toMillis() <= now) n++;
  return { start: origin.plus(step(window, n)).toMillis(), end: origin.plus(step(window, n + 1)).toMillis() };
}

/** Month, quarter and year windows in UTC by plain date arithmetic (luxon's zone work is slow in bulk). */
function utcMonthWindow(window: SloWindow, now: number): WindowBounds | null {
  const months = { M: 1, Q: 3, Y: 12 }[window.duration.unit as 'M' | 'Q' | 'Y'];
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(window.calendar?.startTime ?? '');
  if (!months || !match) return null;
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = match;
  const step = months * window.duration.count;
  const at = (k: number): number =>
    Date.UTC(Number(y), Number(mo) - 1 + k * step, Number(d), Number(h), Number(mi), Number(se));
  const nowDate = new Date(now);
  let k = Math.floor(((nowDate.getUTCFullYear() - Number(y)) * 12 + nowDate.getUTCMonth() - (Number(mo) - 1)) / step);
  while (at(k) > now) k--;
  while (at(k + 1) <= now) k++;
  return { start: at(k), end: at(k + 1) };
}
