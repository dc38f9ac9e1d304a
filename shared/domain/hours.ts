// Sleep hours, working hours and weekends, always judged in the on-call person's own zone.
// Defaults follow PagerDuty's definitions: business hours 08:00–18:00 Mon–Fri, sleep hours
// 22:00–08:00 every day, off hours = everything outside working hours (so weekends, for anyone
// whose working days are Mon–Fri; a Sun–Thu week is respected).

import { DateTime, IANAZone } from 'luxon';

/** "HH:MM" on a 24-hour clock. */
export type ClockTime = string;

export interface HoursRule {
  start: ClockTime;
  end: ClockTime;
  /** ISO weekdays (1 = Monday … 7 = Sunday) the rule applies on. */
  days: number[];
}

export interface PersonHours {
  timeZone: string;
  working: HoursRule;
  sleep: HoursRule;
}

export const defaultBusinessHours: HoursRule = { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] };
export const defaultSleepHours: HoursRule = { start: '22:00', end: '08:00', days: [1, 2, 3, 4, 5, 6, 7] };

const knownZones = new Map<string, boolean>();

/** Whether `zone` is an IANA time zone (answers are remembered: imports ask a million times). */
export function isValidTimeZone(zone: string): boolean {
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = zone.length > 0 && IANAZone.isValidZone(zone);
    if (knownZones.size < 10_000) knownZones.set(zone, valid);
  }
  return valid;
}

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
export function isClockTime(value: string): boolean {
  return clockPattern.test(value);
}

const clockMinutes = new Map<string, number>();

function minutesOfDay(clock: ClockTime): number {
  // Called for every quarter hour on call (shared/domain/load.ts): parse each clock time once.
  let minutes = clockMinutes.get(clock);
  if (minutes === undefined) {
    const match = clockPattern.exec(clock);
    if (!match) throw new Error(`not a clock time: ${clock}`);
    minutes = Number(match[1]) * 60 + Number(match[2]);
    if (clockMinutes.size < 10_000) clockMinutes.set(clock, minutes);
  }
  return minutes;
}

/**
 * Whether a local wall-clock moment falls inside the rule. A rule whose end is before its
 * start wraps midnight; its `days` name the day the period *starts* on (a Friday-night sleep
 * period running into Saturday morning belongs to Friday).
 */
export function withinRule(weekday: number, minute: number, rule: HoursRule): boolean {
  const start = minutesOfDay(rule.start);
  const end = minutesOfDay(rule.end);
  if (start === end) return rule.days.includes(weekday); // all day
  if (start < end) return rule.days.includes(weekday) && minute >= start && minute < end;
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  return (rule.days.includes(weekday) && minute >= start) || (rule.days.includes(previousDay) && minute < end);
}

/**
 * `withinRule` for one rule, with its clock times parsed and its days made a bit set once:
 * on-call time asks it for every quarter hour on call (shared/domain/load.ts).
 */
export function ruleTest(rule: HoursRule): (weekday: number, minute: number) => boolean {
  const start = minutesOfDay(rule.start);
  const end = minutesOfDay(rule.end);
  let days = 0;
  for (const day of rule.days) if (Number.isInteger(day) && day >= 1 && day <= 7) days |= 1 << day;
  const on = (weekday: number): boolean => (days & (1 << weekday)) !== 0;
  if (start === end) return (weekday) => on(weekday);
  if (start < end) return (weekday, minute) => on(weekday) && minute >= start && minute < end;
  return (weekday, minute) => (on(weekday) && minute >= start) || (on(weekday === 1 ? 7 : weekday - 1) && minute < end);
}

export interface MomentClass {
  sleepHour: boolean;
  offHours: boolean;
  weekend: boolean;
}

export function classifyMoment(instantMs: number, hours: PersonHours): MomentClass {
  const local = DateTime.fromMillis(instantMs, { zone: hours.timeZone });
  const minute = local.hour * 60 + local.minute;
  const weekday = local.weekday;
  const weekend = weekday >= 6;
  return {
    sleepHour: withinRule(weekday, minute, hours.sleep),
    offHours: !withinRule(weekday, minute, hours.working),
    weekend,
  };
}

const hourMs = 3_600_000;

// Offsets by zone and hour, shared by every lookup in that zone: an import makes one classifier
// per person, and 40 people in one zone asked luxon the same hours 40 times over.
const offsetsByZone = new Map<string, Map<number, number | null>>();
let offsetsKept = 0;

/**
 * A zone's UTC offset (minutes) for bulk work, looked up once per UTC hour and cached, since
 * offsets only change on transitions. Undefined for an hour that contains a transition: the
 * caller falls back to the exact answer for it.
 */
function createOffsetLookup(timeZone: string): (instantMs: number) => number | undefined {
  return (instantMs) => {
    let offsets = offsetsByZone.get(timeZone);
    if (!offsets) offsetsByZone.set(timeZone, (offsets = new Map()));
    if (offsetsKept > 200_000) {
      offsetsByZone.clear();
      offsetsByZone.set(timeZone, (offsets = new Map()));
      offsetsKept = 0;
    }
    const bucket = Math.floor(instantMs / hourMs);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const startOffset = DateTime.fromMillis(bucket * hourMs, { zone: timeZone }).offset;
      const endOffset = DateTime.fromMillis(bucket * hourMs + hourMs - 1, { zone: timeZone }).offset;
      offset = startOffset === endOffset ? startOffset : null;
      offsets.set(bucket, offset);
      offsetsKept += 1;
    }
    return offset ?? undefined;
  };
}

/** The same answer as `classifyMoment`, for bulk work (imports, demo data). */
export function createClassifier(hours: PersonHours): (instantMs: number) => MomentClass {
  const offsetAt = createOffsetLookup(hours.timeZone);
  return (instantMs) => {
    const offset = offsetAt(instantMs);
    if (offset === undefined) return classifyMoment(instantMs, hours);
    const local = new Date(instantMs + offset * 60_000);
    const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const weekend = weekday >= 6;
    return {
      sleepHour: withinRule(weekday, minute, hours.sleep),
      offHours: !withinRule(weekday, minute, hours.working),
      weekend,
    };
  };
}

/** The local date (YYYY-MM-DD) of instants in one zone, for bulk work. */
export function createLocalDate(timeZone: string): (instantMs: number) => string {
  const offsetAt = createOffsetLookup(timeZone);
  return (instantMs) => {
    const offset = offsetAt(instantMs);
    if (offset === undefined) return DateTime.fromMillis(instantMs, { zone: timeZone }).toISODate() ?? '';
    return new Date(instantMs + offset * 60_000).toISOString().slice(0, 10);
  };
}
