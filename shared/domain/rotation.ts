// Who is on call when: shifts derived from a rotation's rules plus overrides. Pure.
//
// Handoffs are wall-clock times in the rotation's zone: a 09:00 Europe/Berlin handoff stays at
// 09:00 across DST changes (a daily shift on a change day is 23 or 25 hours long). Members take
// turns in their order; a member who joins or leaves from a date changes only the shifts after
// that date, never history. Overrides replace whoever was on call in their layer for their
// interval; a later override wins over an earlier one where they overlap.

import { DateTime } from 'luxon';

export interface RotationMember {
  personId: string;
  /** On the rotation from this local date (inclusive); absent: from the start. */
  from?: string;
  /** Off the rotation from this local date (exclusive); absent: for good. */
  until?: string;
}

export interface RotationRule {
  id: string;
  layer: string;
  timeZone: string;
  /** The first handoff, local wall-clock time in `timeZone`: "2026-01-05T09:00". */
  start: string;
  shiftLength: number;
  shiftUnit: 'hours' | 'days' | 'weeks';
  members: RotationMember[];
  /** On call only inside this daily window, in the rotation's zone (e.g. business hours). */
  restriction?: Restriction;
}

export interface Restriction {
  /** "HH:MM"; an end before the start runs past midnight. */
  start: string;
  end: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) a window starts on. */
  days: number[];
}

const clockMinutes = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The restriction's windows overlapping [fromMs, toMs), as UTC intervals. */
export function restrictionWindows(
  restriction: Restriction,
  timeZone: string,
  fromMs: number,
  toMs: number,
): { startMs: number; endMs: number }[] {
  const toUtc = createLocalToUtc(timeZone);
  const offsets = offsetsOf(timeZone);
  const startMin = clockMinutes(restriction.start);
  let endMin = clockMinutes(restriction.end);
  if (endMin <= startMin) endMin += 24 * 60;
  const windows: { startMs: number; endMs: number }[] = [];
  // Local midnights from the day before `from` (a window may run past midnight) to `to`.
  const firstLocal = fromMs + offsets.at(fromMs) * 60_000;
  let day = Math.floor(firstLocal / dayMs) * dayMs - dayMs;
  for (; toUtc(day) < toMs; day += dayMs) {
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    if (!restriction.days.includes(weekday)) continue;
    const startMs = toUtc(day + startMin * 60_000);
    const endMs = toUtc(day + endMin * 60_000);
    if (endMs > fromMs && startMs < toMs)
      windows.push({ startMs: Math.max(startMs, fromMs), endMs: Math.min(endMs, toMs) });
  }
  return windows;
}

/** Cuts shifts down to the restriction's windows. */
function restrict(shifts: Shift[], windows: { startMs: number; endMs: number }[]): Shift[] {
  const result: Shift[] = [];
  let w = 0;
  for (const shift of shifts) {
    while (w < windows.length && (windows[w]?.endMs ?? 0) <= shift.startMs) w++;
    for (let k = w; k < windows.length && (windows[k]?.startMs ?? Infinity) < shift.endMs; k++) {
      const window = windows[k] as { startMs: number; endMs: number };
      const startMs = Math.max(shift.startMs, window.startMs);
      const endMs = Math.min(shift.endMs, window.endMs);
      if (endMs > startMs) result.push({ ...shift, startMs, endMs });
    }
  }
  return result;
}

export interface Override {
  id: string;
  rotationId: string;
  personId: string;
  startMs: number;
  endMs: number;
}

export interface Shift {
  rotationId: string;
  layer: string;
  personId: string;
  startMs: number;
  endMs: number;
  /** The override that put this person here, if any. */
  overrideId: string | null;
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/**
 * A zone's UTC offsets by year, found once: sampled every week, each change narrowed down to the
 * minute by bisection. Offsets change a couple of times a year, so this costs a few hundred
 * zone look-ups per zone and year instead of several per shift.
 */
class ZoneOffsets {
  private readonly years = new Map<number, { startOffset: number; changes: { atMs: number; offset: number }[] }>();
  constructor(private readonly timeZone: string) {}

  private exact(utcMs: number): number {
    return DateTime.fromMillis(utcMs, { zone: this.timeZone }).offset;
  }

  private year(year: number) {
    let found = this.years.get(year);
    if (!found) {
      const from = Date.UTC(year, 0, 1) - 2 * dayMs;
      const to = Date.UTC(year + 1, 0, 1) + 2 * dayMs;
      const changes: { atMs: number; offset: number }[] = [];
      let previousAt = from;
      let previous = this.exact(from);
      for (let t = from + 7 * dayMs; ; t = Math.min(t + 7 * dayMs, to)) {
        const offset = this.exact(t);
        if (offset !== previous) {
          // Bisect to the first minute with the new offset (one change per week at most).
          let lo = previousAt;
          let hi = t;
          while (hi - lo > 60_000) {
            const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
            if (this.exact(mid) === previous) lo = mid;
            else hi = mid;
          }
          changes.push({ atMs: hi, offset });
        }
        previousAt = t;
        previous = offset;
        if (t >= to) break;
      }
      found = { startOffset: this.exact(from), changes };
      this.years.set(year, found);
    }
    return found;
  }

  /** Offset in minutes at a UTC instant. */
  at(utcMs: number): number {
    const { startOffset, changes } = this.year(new Date(utcMs).getUTCFullYear());
    let offset = startOffset;
    for (const change of changes) {
      if (change.atMs > utcMs) break;
      offset = change.offset;
    }
    return offset;
  }
}

const zoneOffsets = new Map<string, ZoneOffsets>();
function offsetsOf(timeZone: string): ZoneOffsets {
  let found = zoneOffsets.get(timeZone);
  if (!found) zoneOffsets.set(timeZone, (found = new ZoneOffsets(timeZone)));
  return found;
}

/**
 * Wall-clock time in a zone → UTC milliseconds. A time skipped by a DST change moves forward past
 * the gap (02:30 on a spring-forward night is 03:30); a repeated time is its first occurrence.
 */
function createLocalToUtc(timeZone: string): (localMs: number) => number {
  const offsets = offsetsOf(timeZone);
  return (localMs) => {
    const before = offsets.at(localMs - 14 * hourMs);
    const after = offsets.at(localMs + 14 * hourMs);
    if (before === after) return localMs - before * 60_000;
    const candidates = [localMs - before * 60_000, localMs - after * 60_000].filter(
      (utc, i) => offsets.at(utc) === (i === 0 ? before : after),
    );
    return candidates.length > 0 ? Math.min(...candidates) : localMs - before * 60_000;
  };
}

function activeOn(member: RotationMember, localDate: string): boolean {
  return (
    (member.from === undefined || localDate >= member.from) && (member.until === undefined || localDate < member.until)
  );
}

/** The rotation's own shifts overlapping [fromMs, toMs), before overrides; gaps where no member is active. */
export function baseShifts(rule: RotationRule, fromMs: number, toMs: number): Shift[] {
  const first = DateTime.fromISO(rule.start, { zone: rule.timeZone });
  if (!first.isValid || rule.shiftLength <= 0 || rule.members.length === 0) return [];
  // The first handoff as wall-clock milliseconds ("local time read as if it were UTC").
  const firstLocal = Date.UTC(first.year, first.month - 1, first.day, first.hour, first.minute, first.second);
  const firstUtc = first.toMillis();
  const toUtc = createLocalToUtc(rule.timeZone);
  const offsets = offsetsOf(rule.timeZone);
  const step = rule.shiftLength * (rule.shiftUnit === 'weeks' ? 7 * dayMs : rule.shiftUnit === 'days' ? dayMs : hourMs);
  // Days and weeks keep the wall-clock time across DST; hours are absolute.
  const handoffAt = (k: number): { utc: number; local: number } => {
    if (rule.shiftUnit === 'hours') {
      const utc = firstUtc + k * step;
      return { utc, local: utc + offsets.at(utc) * 60_000 };
    }
    const local = firstLocal + k * step;
    return { utc: toUtc(local), local };
  };
  const localDateOf = (at: { local: number }): string => new Date(at.local).toISOString().slice(0, 10);
  const shifts: Shift[] = [];
  let last = -1; // index in members of whoever took the previous shift
  let k0 = 0;
  // With nobody joining or leaving, shift k is simply member k mod n: start near the range
  // instead of walking the whole history (two shifts early, for DST-stretched handoffs).
  if (rule.members.every((m) => m.from === undefined && m.until === undefined)) {
    k0 = Math.max(0, Math.floor((fromMs - firstUtc) / step) - 2);
    last = (k0 - 1 + rule.members.length) % rule.members.length;
  }
  let start = handoffAt(k0);
  for (let k = k0; start.utc < toMs; k++) {
    const end = handoffAt(k + 1);
    const localDate = localDateOf(start);
    let pick = -1;
    for (let n = 1; n <= rule.members.length; n++) {
      const candidate = (last + n) % rule.members.length;
      const member = rule.members[candidate];
      if (member && activeOn(member, localDate)) {
        pick = candidate;
        break;
      }
    }
    if (pick >= 0) last = pick;
    if (pick >= 0 && end.utc > fromMs) {
      shifts.push({
        rotationId: rule.id,
        layer: rule.layer,
        personId: rule.members[pick]?.personId ?? '',
        startMs: Math.max(start.utc, fromMs),
        endMs: Math.min(end.utc, toMs),
        overrideId: null,
      });
    }
    start = end;
  }
  return rule.restriction
    ? restrict(shifts, restrictionWindows(rule.restriction, rule.timeZone, fromMs, toMs))
    : shifts;
}

/** Lays one rotation's overrides over its shifts (sorted, not overlapping), in the order given: later ones win. */
export function applyOverrides(shifts: Shift[], overrides: Override[], fromMs: number, toMs: number): Shift[] {
  const result = [...shifts];
  const layer = shifts[0]?.layer ?? '';
  for (const override of overrides) {
    const start = Math.max(override.startMs, fromMs);
    const end = Math.min(override.endMs, toMs);
    if (end <= start) continue;
    // The first shift that ends after the override starts.
    let lo = 0;
    let hi = result.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((result[mid] as Shift).endMs <= start) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < result.length && (result[last] as Shift).startMs < end) last++;
    const replaced = result.slice(lo, last);
    const pieces: Shift[] = [];
    const head = replaced[0];
    if (head && head.startMs < start) pieces.push({ ...head, endMs: start });
    pieces.push({
      rotationId: override.rotationId,
      layer: head?.layer ?? layer,
      personId: override.personId,
      startMs: start,
      endMs: end,
      overrideId: override.id,
    });
    const tail = replaced[replaced.length - 1];
    if (tail && tail.endMs > end) pieces.push({ ...tail, startMs: end });
    result.splice(lo, last - lo, ...pieces);
  }
  return result;
}

/** All shifts of a rotation in [fromMs, toMs), overrides applied. */
export function shiftsFor(rule: RotationRule, overrides: Override[], fromMs: number, toMs: number): Shift[] {
  const own = overrides.filter((o) => o.rotationId === rule.id);
  return applyOverrides(baseShifts(rule, fromMs, toMs), own, fromMs, toMs);
}

/** Uncovered time in a layer: the parts of [fromMs, toMs) no shift covers. */
export function gaps(shifts: Shift[], fromMs: number, toMs: number): { startMs: number; endMs: number }[] {
  const result: { startMs: number; endMs: number }[] = [];
  let cursor = fromMs;
  for (const shift of [...shifts].sort((a, b) => a.startMs - b.startMs)) {
    if (shift.startMs > cursor) result.push({ startMs: cursor, endMs: Math.min(shift.startMs, toMs) });
    cursor = Math.max(cursor, shift.endMs);
    if (cursor >= toMs) break;
  }
  if (cursor < toMs) result.push({ startMs: cursor, endMs: toMs });
  return result;
}

/** The shift on call at an instant (shifts sorted by start, not overlapping), by binary search. */
export function shiftAt(shifts: Shift[], instantMs: number): Shift | undefined {
  let lo = 0;
  let hi = shifts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const shift = shifts[mid] as Shift;
    if (instantMs < shift.startMs) hi = mid - 1;
    else if (instantMs >= shift.endMs) lo = mid + 1;
    else return shift;
  }
  return undefined;
}

/** The rotations whose shift at `atMs` was this person's: where a page is attributed. */
export function onCallIn(personId: string, atMs: number, rotations: { name: string; shifts: Shift[] }[]): string[] {
  const names: string[] = [];
  for (const rotation of rotations)
    if (shiftAt(rotation.shifts, atMs)?.personId === personId) names.push(rotation.name);
  return names;
}

/**
 * `onCallIn` for many instants in ascending order (a table scan in time-key order): each
 * rotation keeps a cursor that only moves forward, so a million pages cost one sweep.
 * Instants out of order fall back to a binary search.
 */
export function createAttributor(
  rotations: { name: string; shifts: Shift[] }[],
): (personId: string, atMs: number) => readonly string[] {
  const cursors = rotations.map(() => 0);
  const none: readonly string[] = Object.freeze([]);
  return (personId, atMs) => {
    let names: string[] | undefined;
    for (let r = 0; r < rotations.length; r++) {
      const rotation = rotations[r] as { name: string; shifts: Shift[] };
      const shifts = rotation.shifts;
      let i = cursors[r] ?? 0;
      let shift: Shift | undefined;
      if (i > 0 && (shifts[i - 1] as Shift).endMs > atMs) {
        shift = shiftAt(shifts, atMs); // out of order: look it up
      } else {
        while (i < shifts.length && (shifts[i] as Shift).endMs <= atMs) i++;
        cursors[r] = i;
        shift = shifts[i];
        if (shift && shift.startMs > atMs) shift = undefined;
      }
      if (shift?.personId === personId) (names ??= []).push(rotation.name);
    }
    return names ?? none;
  };
}
