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

function handoff(rule: RotationRule, first: DateTime, k: number): DateTime {
  const amount = k * rule.shiftLength;
  // Days and weeks keep the wall-clock time across DST; hours are absolute.
  return rule.shiftUnit === 'hours' ? first.plus({ hours: amount }) : first.plus({ [rule.shiftUnit]: amount });
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
  const shifts: Shift[] = [];
  let last = -1; // index in members of whoever took the previous shift
  for (let k = 0; ; k++) {
    const start = handoff(rule, first, k);
    const end = handoff(rule, first, k + 1);
    const startMs = start.toMillis();
    if (startMs >= toMs) break;
    const localDate = start.toISODate() ?? '';
    let pick = -1;
    for (let step = 1; step <= rule.members.length; step++) {
      const candidate = (last + step) % rule.members.length;
      const member = rule.members[candidate];
      if (member && activeOn(member, localDate)) {
        pick = candidate;
        break;
      }
    }
    if (pick >= 0) last = pick;
    const endMs = end.toMillis();
    if (pick >= 0 && endMs > fromMs) {
      shifts.push({
        rotationId: rule.id,
        layer: rule.layer,
        personId: rule.members[pick]?.personId ?? '',
        startMs: Math.max(startMs, fromMs),
        endMs: Math.min(endMs, toMs),
        overrideId: null,
      });
    }
  }
  return shifts;
}

/** Lays overrides over a layer's shifts (in the order given: later ones win), merging nothing else. */
export function applyOverrides(shifts: Shift[], overrides: Override[], fromMs: number, toMs: number): Shift[] {
  let result = shifts;
  for (const override of overrides) {
    const start = Math.max(override.startMs, fromMs);
    const end = Math.min(override.endMs, toMs);
    if (end <= start) continue;
    const template = result.find((s) => s.rotationId === override.rotationId) ?? shifts[0];
    const next: Shift[] = [];
    for (const shift of result) {
      if (shift.rotationId !== override.rotationId || shift.endMs <= start || shift.startMs >= end) {
        next.push(shift);
        continue;
      }
      if (shift.startMs < start) next.push({ ...shift, endMs: start });
      if (shift.endMs > end) next.push({ ...shift, startMs: end });
    }
    next.push({
      rotationId: override.rotationId,
      layer: template?.layer ?? '',
      personId: override.personId,
      startMs: start,
      endMs: end,
      overrideId: override.id,
    });
    result = next.sort((a, b) => a.startMs - b.startMs);
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
