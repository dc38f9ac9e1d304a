// On-call load: what pages cost the people who carry them, and how much time they spend on call.
// Pure. The store aggregates pages into tallies per (person, service, week) and histograms of
// time to acknowledge and resolve (electron/store/load.ts); `aggregatePages` is the same
// aggregation done the simple way, as its definition and its test oracle. On-call time comes
// from shifts (rotation.ts), split into business, off and sleep hours in each person's own zone.

import { DateTime } from 'luxon';
import { ruleTest, type HoursRule } from './hours';

const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
const weekMs = 7 * dayMs;
/** 1970-01-05, the first Monday after the epoch: weeks are Monday 00:00 UTC to Monday 00:00 UTC. */
const firstMondayMs = 4 * dayMs;

/** The week (Monday 00:00 UTC) an instant falls in, as a week number. */
export const weekNumber = (instantMs: number): number => Math.floor((instantMs - firstMondayMs) / weekMs);
export const weekStartMs = (week: number): number => firstMondayMs + week * weekMs;
export const weekLabel = (week: number): string => new Date(weekStartMs(week)).toISOString().slice(0, 10);

/** What one page contributes to the load metrics. */
export interface PageFact {
  personId: string;
  serviceId: string;
  receivedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  triage: 'actionable' | 'noise' | null;
  sleepHour: boolean;
  offHours: boolean;
  minutesSpent: number | null;
}

export interface Tally {
  pages: number;
  actionable: number;
  noise: number;
  sleepHour: number;
  offHours: number;
  /** Received on a Saturday or Sunday in the person's own zone. */
  weekend: number;
  minutesSpent: number;
  /** Pages with time spent recorded. */
  minutesLogged: number;
  /** Pages whose recorded time spent was more than 30 minutes. */
  over30: number;
  ackMs: number;
  acked: number;
  resolveMs: number;
  resolved: number;
}

export interface TallyRow extends Tally {
  personId: string;
  serviceId: string;
  week: number;
}

export interface HistogramRow {
  personId: string;
  /** Whole minutes, rounded up: 0 for an instant answer, 1 for up to a minute, … */
  minutes: number;
  count: number;
}

export interface PageAggregate {
  rows: TallyRow[];
  ack: HistogramRow[];
  resolve: HistogramRow[];
  /** Pages by hour of the week in the person's zone: index (ISO weekday − 1) × 24 + hour. */
  heatmap: number[];
}

export const emptyTally = (): Tally => ({
  pages: 0,
  actionable: 0,
  noise: 0,
  sleepHour: 0,
  offHours: 0,
  weekend: 0,
  minutesSpent: 0,
  minutesLogged: 0,
  over30: 0,
  ackMs: 0,
  acked: 0,
  resolveMs: 0,
  resolved: 0,
});

const tallyKeys = Object.keys(emptyTally()) as (keyof Tally)[];

/** Adds the tallies only: a row's person, service and week stay as they are. */
export function addTally(into: Tally, from: Tally): Tally {
  for (const key of tallyKeys) into[key] += from[key];
  return into;
}

/** Whole minutes rounded up, as the histograms keep them. */
export const ceilMinutes = (ms: number): number => Math.floor((ms + minuteMs - 1) / minuteMs);

/** Local weekday (1–7) and hour of an instant in a zone. */
function localWeekdayHour(instantMs: number, timeZone: string): { weekday: number; hour: number } {
  const local = DateTime.fromMillis(instantMs, { zone: timeZone });
  return { weekday: local.weekday, hour: local.hour };
}

/** The definition of the aggregation the store does in SQL. */
export function aggregatePages(pages: PageFact[], zoneOf: (personId: string) => string): PageAggregate {
  const rows = new Map<string, TallyRow>();
  const ack = new Map<string, HistogramRow>();
  const resolve = new Map<string, HistogramRow>();
  const heatmap = new Array<number>(168).fill(0);
  const bump = (into: Map<string, HistogramRow>, personId: string, ms: number): void => {
    const minutes = ceilMinutes(ms);
    const key = `${personId}\u0000${minutes}`;
    const row = into.get(key) ?? { personId, minutes, count: 0 };
    row.count += 1;
    into.set(key, row);
  };
  for (const page of pages) {
    const week = weekNumber(page.receivedAt);
    const key = `${page.personId}\u0000${page.serviceId}\u0000${week}`;
    const row = rows.get(key) ?? { personId: page.personId, serviceId: page.serviceId, week, ...emptyTally() };
    const { weekday, hour } = localWeekdayHour(page.receivedAt, zoneOf(page.personId));
    row.pages += 1;
    if (page.triage === 'actionable') row.actionable += 1;
    if (page.triage === 'noise') row.noise += 1;
    if (page.sleepHour) row.sleepHour += 1;
    if (page.offHours) row.offHours += 1;
    if (weekday >= 6) row.weekend += 1;
    if (page.minutesSpent !== null) {
      row.minutesSpent += page.minutesSpent;
      row.minutesLogged += 1;
      if (page.minutesSpent > 30) row.over30 += 1;
    }
    if (page.acknowledgedAt !== null) {
      row.ackMs += page.acknowledgedAt - page.receivedAt;
      row.acked += 1;
      bump(ack, page.personId, page.acknowledgedAt - page.receivedAt);
    }
    if (page.resolvedAt !== null) {
      row.resolveMs += page.resolvedAt - page.receivedAt;
      row.resolved += 1;
      bump(resolve, page.personId, page.resolvedAt - page.receivedAt);
    }
    heatmap[(weekday - 1) * 24 + hour] = (heatmap[(weekday - 1) * 24 + hour] ?? 0) + 1;
    rows.set(key, row);
  }
  return sortAggregate({ rows: [...rows.values()], ack: [...ack.values()], resolve: [...resolve.values()], heatmap });
}

/** One canonical order, so two aggregates of the same pages compare equal. */
export function sortAggregate(aggregate: PageAggregate): PageAggregate {
  const byKey = (a: TallyRow, b: TallyRow): number =>
    a.personId.localeCompare(b.personId) || a.serviceId.localeCompare(b.serviceId) || a.week - b.week;
  const byMinutes = (a: HistogramRow, b: HistogramRow): number =>
    a.personId.localeCompare(b.personId) || a.minutes - b.minutes;
  return {
    rows: [...aggregate.rows].sort(byKey),
    ack: [...aggregate.ack].sort(byMinutes),
    resolve: [...aggregate.resolve].sort(byMinutes),
    heatmap: aggregate.heatmap,
  };
}

/**
 * Aggregates of disjoint ranges added up: the aggregate of their union. `minus` takes away the
 * aggregates of ranges inside that union (a whole day's rollups less the part of the day outside
 * a range); what reaches no pages at all is left out, as if never counted.
 */
export function mergeAggregates(parts: PageAggregate[], minus: PageAggregate[] = []): PageAggregate {
  const rows = new Map<string, TallyRow>();
  const histograms = { ack: new Map<string, HistogramRow>(), resolve: new Map<string, HistogramRow>() };
  const heatmap = new Array<number>(168).fill(0);
  const add = (part: PageAggregate, sign: 1 | -1): void => {
    for (const row of part.rows) {
      const key = `${row.personId}\u0000${row.serviceId}\u0000${row.week}`;
      let found = rows.get(key);
      if (!found)
        rows.set(key, (found = { personId: row.personId, serviceId: row.serviceId, week: row.week, ...emptyTally() }));
      for (const tally of tallyKeys) found[tally] += sign * row[tally];
    }
    for (const kind of ['ack', 'resolve'] as const)
      for (const row of part[kind]) {
        const key = `${row.personId}\u0000${row.minutes}`;
        let found = histograms[kind].get(key);
        if (!found) histograms[kind].set(key, (found = { personId: row.personId, minutes: row.minutes, count: 0 }));
        found.count += sign * row.count;
      }
    part.heatmap.forEach((pages, i) => (heatmap[i] = (heatmap[i] ?? 0) + sign * pages));
  };
  for (const part of parts) add(part, 1);
  for (const part of minus) add(part, -1);
  return sortAggregate({
    rows: [...rows.values()].filter((row) => row.pages !== 0),
    ack: [...histograms.ack.values()].filter((row) => row.count !== 0),
    resolve: [...histograms.resolve.values()].filter((row) => row.count !== 0),
    heatmap,
  });
}

// ---- Zone offsets over a range (the store turns them into SQL; on-call time uses them too) ----

export interface OffsetInterval {
  startMs: number;
  endMs: number;
  /** Local time minus UTC, in milliseconds. */
  offsetMs: number;
}

const offsetAt = (instantMs: number, timeZone: string): number =>
  DateTime.fromMillis(instantMs, { zone: timeZone }).offset * minuteMs;

const intervalCache = new Map<string, OffsetInterval[]>();

/** A zone's UTC offset over [fromMs, toMs) as constant intervals, each change found to the minute. */
export function offsetIntervals(timeZone: string, fromMs: number, toMs: number): OffsetInterval[] {
  const key = `${timeZone}|${fromMs}|${toMs}`;
  let found = intervalCache.get(key);
  if (!found) {
    if (intervalCache.size > 500) intervalCache.clear();
    intervalCache.set(key, (found = findOffsetIntervals(timeZone, fromMs, toMs)));
  }
  return found;
}

function findOffsetIntervals(timeZone: string, fromMs: number, toMs: number): OffsetInterval[] {
  const intervals: OffsetInterval[] = [];
  let start = fromMs;
  let current = offsetAt(fromMs, timeZone);
  // Sample daily (no zone changes its offset twice in a day), then narrow each change down.
  for (let t = fromMs; t < toMs;) {
    const next = Math.min(t + dayMs, toMs);
    const offset = offsetAt(next === toMs ? toMs - 1 : next, timeZone);
    if (offset !== current) {
      // Zones change on whole minutes: bisect over minute numbers to the first minute of the new offset.
      let lo = Math.floor(t / minuteMs);
      let hiMinute = Math.ceil((next === toMs ? toMs - 1 : next) / minuteMs);
      while (hiMinute - lo > 1) {
        const mid = Math.floor((lo + hiMinute) / 2);
        if (offsetAt(mid * minuteMs, timeZone) === current) lo = mid;
        else hiMinute = mid;
      }
      const hi = Math.max(start, hiMinute * minuteMs);
      intervals.push({ startMs: start, endMs: hi, offsetMs: current });
      start = hi;
      current = offset;
    }
    t = next;
  }
  intervals.push({ startMs: start, endMs: toMs, offsetMs: current });
  return intervals;
}

function createOffsetOf(intervals: OffsetInterval[], timeZone: string): (instantMs: number) => number {
  // Asked in time order, mostly: the interval of the last answer is tried first.
  let last = intervals[0];
  return (instantMs) => {
    if (last && instantMs >= last.startMs && instantMs < last.endMs) return last.offsetMs;
    for (const interval of intervals)
      if (instantMs >= interval.startMs && instantMs < interval.endMs) {
        last = interval;
        return interval.offsetMs;
      }
    return offsetAt(instantMs, timeZone);
  };
}

// ---- On-call time ----

export interface OnCallShift {
  personId: string;
  rotationId: string;
  startMs: number;
  endMs: number;
  /**
   * In a layer that is paged first (the primary layer): pages go there, so the rates count only
   * this time. Absent: true. A secondary layer's time still counts as time on call.
   */
  primary?: boolean;
}

export interface PersonHours {
  personId: string;
  timeZone: string;
  working: HoursRule;
  sleep: HoursRule;
}

export interface OnCallTime {
  personId: string;
  /** Hours on call (being on two rotations at once counts once). */
  hours: number;
  /** Inside their working hours and not their sleep hours. */
  business: number;
  /** Outside their working hours and not their sleep hours. */
  off: number;
  sleep: number;
  /** On a Saturday or Sunday in their zone (also counted in the three above). */
  weekend: number;
  /** On one of the team's holidays, a date in their zone (also counted in the three above). */
  holiday: number;
  /** Sleep periods with at least an hour on call. */
  nights: number;
  /** Weekends (Saturday and Sunday) with at least an hour on call. */
  weekends: number;
  /** Shifts: unbroken stretches on call in one rotation. */
  shifts: number;
  /** Hours on call by week number. */
  byWeek: Map<number, number>;
  /** Hours on call in the primary layer: what pages per on-call hour, week or 12 hours divide by. */
  primaryHours: number;
  /** Shifts in the primary layer: what sleep-hour pages per shift divide by. */
  primaryShifts: number;
  primaryByWeek: Map<number, number>;
}

/** A holiday date (YYYY-MM-DD) as the number of its day since the epoch. */
export const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);

const stepMs = 15 * minuteMs;

/** Merges intervals that overlap or touch. */
function union(intervals: { startMs: number; endMs: number }[]): { startMs: number; endMs: number }[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  const merged: { startMs: number; endMs: number }[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ ...interval });
  }
  return merged;
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Each person's on-call time in [fromMs, toMs), split by their own zone and hours. Time is
 * judged in 15-minute steps (exact for every zone and for hours set on the quarter hour).
 * `holidays` are the team's holiday dates (YYYY-MM-DD), each judged in the person's own zone:
 * a holiday has no working hours, so its waking hours on call are off hours.
 */
export function onCallTime(
  shifts: OnCallShift[],
  people: PersonHours[],
  fromMs: number,
  toMs: number,
  holidays: readonly string[] = [],
): Map<string, OnCallTime> {
  const holidayDays = new Set(holidays.map(dayNumber));
  const result = new Map<string, OnCallTime>();
  for (const person of people) {
    const own = shifts
      .filter((s) => s.personId === person.personId)
      .map((s) => ({ ...s, startMs: Math.max(s.startMs, fromMs), endMs: Math.min(s.endMs, toMs) }))
      .filter((s) => s.endMs > s.startMs);
    const time: OnCallTime = {
      personId: person.personId,
      hours: 0,
      business: 0,
      off: 0,
      sleep: 0,
      weekend: 0,
      holiday: 0,
      nights: 0,
      weekends: 0,
      shifts: 0,
      byWeek: new Map(),
      primaryHours: 0,
      primaryShifts: 0,
      primaryByWeek: new Map(),
    };
    const byRotation = new Map<string, OnCallShift[]>();
    for (const s of own) byRotation.set(s.rotationId, [...(byRotation.get(s.rotationId) ?? []), s]);
    for (const list of byRotation.values()) {
      const stretches = union(list).length;
      time.shifts += stretches;
      if (list[0]?.primary !== false) time.primaryShifts += stretches;
    }
    for (const block of union(own.filter((s) => s.primary !== false)))
      for (let t = block.startMs; t < block.endMs;) {
        const week = weekNumber(t);
        const next = Math.min(block.endMs, weekStartMs(week + 1));
        time.primaryHours += (next - t) / hourMs;
        time.primaryByWeek.set(week, (time.primaryByWeek.get(week) ?? 0) + (next - t) / hourMs);
        t = next;
      }
    const offsetOf = createOffsetOf(offsetIntervals(person.timeZone, fromMs - dayMs, toMs + dayMs), person.timeZone);
    const asleepAt = ruleTest(person.sleep);
    const workingAt = ruleTest(person.working);
    const sleepStart = minutesOf(person.sleep.start);
    const sleepWraps = minutesOf(person.sleep.end) <= sleepStart;
    const nights = new Map<number, number>();
    const weekends = new Map<number, number>();
    for (const block of union(own)) {
      for (let t = block.startMs; t < block.endMs;) {
        const next = Math.min(block.endMs, Math.floor(t / stepMs) * stepMs + stepMs);
        const hours = (next - t) / hourMs;
        const local = t + offsetOf(t);
        const localDay = Math.floor(local / dayMs);
        const minute = Math.floor((local - localDay * dayMs) / minuteMs);
        const weekday = ((((localDay + 3) % 7) + 7) % 7) + 1;
        const holiday = holidayDays.has(localDay);
        const asleep = asleepAt(weekday, minute);
        const working = !holiday && workingAt(weekday, minute);
        time.hours += hours;
        if (asleep) {
          time.sleep += hours;
          // A sleep period belongs to the evening it starts on.
          const night = sleepWraps && minute < sleepStart ? localDay - 1 : localDay;
          nights.set(night, (nights.get(night) ?? 0) + hours);
        } else if (working) time.business += hours;
        else time.off += hours;
        if (holiday) time.holiday += hours;
        if (weekday >= 6) {
          time.weekend += hours;
          const saturday = weekday === 6 ? localDay : localDay - 1;
          weekends.set(saturday, (weekends.get(saturday) ?? 0) + hours);
        }
        const week = weekNumber(t);
        time.byWeek.set(week, (time.byWeek.get(week) ?? 0) + hours);
        t = next;
      }
    }
    // Sums of quarter hours: round away float dust.
    for (const key of ['hours', 'business', 'off', 'sleep', 'weekend', 'holiday', 'primaryHours'] as const)
      time[key] = Math.round(time[key] * 1e6) / 1e6;
    time.nights = [...nights.values()].filter((h) => h >= 1 - 1e-9).length;
    time.weekends = [...weekends.values()].filter((h) => h >= 1 - 1e-9).length;
    result.set(person.personId, time);
  }
  return result;
}

// ---- Distributions and equity ----

/** Nearest-rank percentile of a histogram of whole minutes (p in 0–1); null without data. */
export function percentileOfHistogram(histogram: { minutes: number; count: number }[], p: number): number | null {
  const sorted = [...histogram].sort((a, b) => a.minutes - b.minutes);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of sorted) {
    seen += bucket.count;
    if (seen >= rank) return bucket.minutes;
  }
  return sorted[sorted.length - 1]?.minutes ?? null;
}

/** Nearest-rank percentile of plain values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? null;
}

/** Gini coefficient of non-negative values: 0 when everyone carries the same, towards 1 when one carries all. */
export function gini(values: number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (total === 0) return 0;
  let weighted = 0;
  sorted.forEach((v, i) => (weighted += (i + 1) * v));
  return Math.max(0, (2 * weighted) / (n * total) - (n + 1) / n);
}

/**
 * Share of the total carried by the top `fraction` of people, read off the Lorenz curve (so
 * 20% of 12 people is the top 2 plus 0.4 of the third). 0.2 when everyone carries the same.
 */
export function topShare(values: number[], fraction = 0.2): number | null {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (values.length === 0 || total === 0) return null;
  const sorted = [...values].sort((a, b) => b - a);
  const k = fraction * sorted.length;
  const whole = Math.floor(k + 1e-9);
  let carried = sorted.slice(0, whole).reduce((sum, v) => sum + v, 0);
  if (k - whole > 1e-9) carried += (k - whole) * (sorted[whole] ?? 0);
  return carried / total;
}

/** The Lorenz curve: share of people (lightest first) against their share of the load. */
export function lorenz(values: number[]): { people: number; load: number }[] {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const points = [{ people: 0, load: 0 }];
  let cumulative = 0;
  sorted.forEach((v, i) => {
    cumulative += v;
    points.push({ people: (i + 1) / sorted.length, load: total === 0 ? (i + 1) / sorted.length : cumulative / total });
  });
  return points;
}

/** Grafana OnCall's balance: the mean over every pair of people of min/max of their hours; 1 is even. */
export function balanceScore(hours: number[]): number | null {
  if (hours.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < hours.length; i++)
    for (let j = i + 1; j < hours.length; j++) {
      const a = hours[i] ?? 0;
      const b = hours[j] ?? 0;
      const max = Math.max(a, b);
      sum += max === 0 ? 1 : Math.min(a, b) / max;
      pairs += 1;
    }
  return sum / pairs;
}

// ---- Targets ----

export interface LoadTargets {
  /** Fewer than this many actionable pages per on-call week. */
  actionablePagesPerWeek: number;
  /** Fewer than this many sleep-hour pages per shift. */
  sleepHourPagesPerShift: number;
  /** At most this many incidents (actionable pages) per 12 hours on call. */
  incidentsPer12Hours: number;
  /** The top 20% of people carry at most this share of the pages. */
  topShareMax: number;
  /** Nobody is on call more than this share of their time. */
  onCallShareMax: number;
}

export const defaultLoadTargets: LoadTargets = {
  actionablePagesPerWeek: 2,
  sleepHourPagesPerShift: 1,
  incidentsPer12Hours: 2,
  topShareMax: 0.4,
  onCallShareMax: 0.25,
};

/** The one-line definitions shown beside every metric. */
export const definitions = {
  pagesPerOnCallWeek:
    'Pages received ÷ (hours on call in the primary layer ÷ 168): the pages a full week on call brings.',
  actionablePerOnCallWeek: 'Actionable pages ÷ (hours on call in the primary layer ÷ 168). Target: fewer than 2.',
  pagesPerOnCallHour: 'Pages received ÷ hours on call in the primary layer.',
  sleepHourPagesPerShift:
    'Pages in the person’s sleep hours (their zone) ÷ shifts worked in the primary layer. Target: fewer than 1.',
  incidentsPer12Hours:
    'Actionable pages ÷ (hours on call in the primary layer ÷ 12). Target: at most 2 per 12-hour shift.',
  offHoursPages: 'Pages outside the person’s working hours, in their own zone.',
  weekendPages: 'Pages on a Saturday or Sunday in the person’s own zone.',
  minutesSpent: 'Time spent on pages, as recorded on each page.',
  over30Share: 'Share of pages with time recorded that took more than 30 minutes.',
  ack: 'Time from a page to its acknowledgement: mean, and 90th percentile (nearest rank, whole minutes).',
  resolve: 'Time from a page to its resolution: mean, and 90th percentile (nearest rank, whole minutes).',
  onCallHours:
    'Hours on call from the rotations (every layer), overrides included; business, off and sleep hours in each person’s zone. Holidays are the team’s holiday dates in each person’s zone: they have no business hours.',
  primaryHours:
    'Rates divide by hours on call in the primary layer, where pages go first; time on a secondary layer counts as time on call but pages no one.',
  nights: 'Sleep periods with at least one hour on call.',
  weekends: 'Weekends with at least one hour on call.',
  onCallShare: 'Hours on call ÷ hours in the range. Target: at most 25%.',
  loadPerOnCallHour: 'Pages per hour on call in the primary layer, per person: load normalised by time on call.',
  topShare: 'Share of pages handled by the top 20% of people (read off the Lorenz curve). Target: at most 40%.',
  gini: 'Gini coefficient of pages per on-call hour (primary layer) across people on call in it: 0 even, 1 one person carries all.',
  balance: 'Grafana OnCall’s balance: mean over pairs of people of min/max hours on call; 1 is even.',
  nonActionableRatio: 'Noise ÷ triaged pages: candidates for alert tuning.',
} as const;
export type MetricName = keyof typeof definitions;
