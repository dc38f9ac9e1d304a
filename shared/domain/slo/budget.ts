// Error budget figures from SLI data and incident impact, as pure functions.
//
// Sources of burn, for any span of time:
// - SLI data: intervals of good/total events (a day's totals as synced, or finer samples kept on
//   this device), sorted and not overlapping; a span that cuts an interval takes its share pro rata.
// - Incident impact: from impact start to end, a share of requests (1 = full outage) was bad.
//   Impact counts only where no SLI data covers the time (where data exists it already measured
//   the incident), at the data's average event rate — or, for an SLO with no data at all, as bad
//   minutes of its window ("minutes" basis: the budget is (1 − target) × the window's minutes).
//
// Burn rate = the bad share of a span ÷ (1 − target): 1 spends the budget exactly over the window.
// Alerts follow the SRE workbook, "Alerting on SLOs" (https://sre.google/workbook/alerting-on-slos/,
// §6 "Multiwindow, Multi-Burn-Rate Alerts", Table 5-8): page when 2% of the budget goes in 1 h
// (checked with 5 m) or 5% in 6 h (with 30 m), ticket when 10% goes in 3 d (with 6 h); a pair fires
// when both its windows burn above its rate, that rate being consumed share × window ÷ alert window
// (14.4, 6 and 1 for a 30-day window).

import type { BudgetPolicy, Slo } from './openslo';
import { windowAt, type WindowBounds } from './window';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface SliInterval {
  start: number;
  end: number;
  good: number;
  total: number;
}

export interface Impact {
  incidentId: string;
  title: string;
  start: number;
  end: number;
  /** Share of requests or users affected, 0–1; 1 is a full outage. */
  share: number;
}

/** SLI intervals with running sums, so any span's totals cost two binary searches. */
export interface SliSeries {
  starts: Float64Array;
  ends: Float64Array;
  good: Float64Array;
  total: Float64Array;
  /** Running sums before interval i (length n + 1). */
  sumGood: Float64Array;
  sumTotal: Float64Array;
  sumMs: Float64Array;
}

export function prepareSeries(intervals: readonly SliInterval[]): SliSeries {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const n = sorted.length;
  const series: SliSeries = {
    starts: new Float64Array(n),
    ends: new Float64Array(n),
    good: new Float64Array(n),
    total: new Float64Array(n),
    sumGood: new Float64Array(n + 1),
    sumTotal: new Float64Array(n + 1),
    sumMs: new Float64Array(n + 1),
  };
  sorted.forEach((interval, i) => {
    series.starts[i] = interval.start;
    series.ends[i] = interval.end;
    series.good[i] = interval.good;
    series.total[i] = interval.total;
    series.sumGood[i + 1] = (series.sumGood[i] ?? 0) + interval.good;
    series.sumTotal[i + 1] = (series.sumTotal[i] ?? 0) + interval.total;
    series.sumMs[i + 1] = (series.sumMs[i] ?? 0) + (interval.end - interval.start);
  });
  return series;
}

/**
 * Whole UTC days' totals, already sorted by day (as SQL returns them), as a series: no sorting
 * and no intervals made one by one — what a status over many SLOs and a year of days reads.
 */
export function dailySeries(
  dayStarts: readonly number[],
  good: readonly number[],
  total: readonly number[],
): SliSeries {
  const n = dayStarts.length;
  const series: SliSeries = {
    starts: Float64Array.from(dayStarts),
    ends: new Float64Array(n),
    good: Float64Array.from(good),
    total: Float64Array.from(total),
    sumGood: new Float64Array(n + 1),
    sumTotal: new Float64Array(n + 1),
    sumMs: new Float64Array(n + 1),
  };
  let sumGood = 0;
  let sumTotal = 0;
  for (let i = 0; i < n; i++) {
    series.ends[i] = (dayStarts[i] ?? 0) + day;
    sumGood += good[i] ?? 0;
    sumTotal += total[i] ?? 0;
    series.sumGood[i + 1] = sumGood;
    series.sumTotal[i + 1] = sumTotal;
    series.sumMs[i + 1] = (i + 1) * day;
  }
  return series;
}

/** First index whose end is after `t`. */
function firstEndingAfter(series: SliSeries, t: number): number {
  let lo = 0;
  let hi = series.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((series.ends[mid] ?? 0) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index starting at or after `t`. */
function firstStartingFrom(series: SliSeries, t: number): number {
  let lo = 0;
  let hi = series.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((series.starts[mid] ?? 0) >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Good and total events in [from, to), and how much of that span the data covers (ms). */
export function totalsBetween(
  series: SliSeries,
  from: number,
  to: number,
): { good: number; total: number; coveredMs: number } {
  const lo = firstEndingAfter(series, from);
  const hi = firstStartingFrom(series, to); // intervals lo..hi-1 overlap
  if (hi <= lo) return { good: 0, total: 0, coveredMs: 0 };
  let good = (series.sumGood[hi] ?? 0) - (series.sumGood[lo] ?? 0);
  let total = (series.sumTotal[hi] ?? 0) - (series.sumTotal[lo] ?? 0);
  let coveredMs = (series.sumMs[hi] ?? 0) - (series.sumMs[lo] ?? 0);
  // Take off what the two edge intervals have outside the span, pro rata.
  const trim = (i: number, outsideMs: number): void => {
    if (outsideMs <= 0) return;
    const length = (series.ends[i] ?? 0) - (series.starts[i] ?? 0);
    const share = length > 0 ? outsideMs / length : 0;
    good -= (series.good[i] ?? 0) * share;
    total -= (series.total[i] ?? 0) * share;
    coveredMs -= outsideMs;
  };
  const firstStart = series.starts[lo] ?? 0;
  const lastEnd = series.ends[hi - 1] ?? 0;
  if (lo === hi - 1) {
    trim(lo, Math.max(0, from - firstStart) + Math.max(0, lastEnd - to));
  } else {
    trim(lo, from - firstStart);
    trim(hi - 1, lastEnd - to);
  }
  return { good, total, coveredMs };
}

export interface SpanBurn {
  /** Share of events (or minutes) in the span that were bad. */
  badShare: number;
  /** Events in the span, measured plus estimated for time without data; null on the minutes basis. */
  events: number | null;
  badEvents: number | null;
  /** Bad minutes from incident impact in time no data covers. */
  impactMinutes: number;
}

/** How bad a span [from, to) was, from SLI data where there is some and incident impact elsewhere. */
export function spanBurn(series: SliSeries, impacts: readonly Impact[], from: number, to: number): SpanBurn {
  const length = to - from;
  if (length <= 0) return { badShare: 0, events: null, badEvents: null, impactMinutes: 0 };
  const data = totalsBetween(series, from, to);
  let impactMs = 0;
  for (const impact of impacts) {
    const a = Math.max(from, impact.start);
    const b = Math.min(to, impact.end);
    if (b <= a) continue;
    const uncovered = b - a - totalsBetween(series, a, b).coveredMs;
    impactMs += Math.max(0, uncovered) * impact.share;
  }
  if (data.total > 0 && data.coveredMs > 0) {
    const rate = data.total / data.coveredMs;
    const events = data.total + rate * Math.max(0, length - data.coveredMs);
    const badEvents = data.total - data.good + rate * impactMs;
    return { badShare: badEvents / events, events, badEvents, impactMinutes: impactMs / minute };
  }
  return { badShare: impactMs / length, events: null, badEvents: null, impactMinutes: impactMs / minute };
}

export function burnRate(target: number, badShare: number): number {
  return badShare / (1 - target);
}

export interface AlertWindowPair {
  long: number;
  short: number;
  /** Share of the budget spent in `long` that the pair alerts on. */
  consumption: number;
  severity: 'page' | 'ticket';
}

/** The workbook's recommended pairs (Table 5-8). */
export const workbookAlertPairs: readonly AlertWindowPair[] = [
  { long: hour, short: 5 * minute, consumption: 0.02, severity: 'page' },
  { long: 6 * hour, short: 30 * minute, consumption: 0.05, severity: 'page' },
  { long: 3 * day, short: 6 * hour, consumption: 0.1, severity: 'ticket' },
];

/** The burn rate at which a pair alerts: consumed share × budget window ÷ alert window. */
export function alertThreshold(pair: AlertWindowPair, windowMs: number): number {
  return (pair.consumption * windowMs) / pair.long;
}

export interface AlertCheck extends AlertWindowPair {
  threshold: number;
  longBurn: number;
  shortBurn: number;
  firing: boolean;
}

export type BurnSpeed = 'fast' | 'slow' | 'none';
export type BudgetState = 'on-track' | 'at-risk' | 'exhausted';

export interface BudgetStatus {
  window: WindowBounds;
  /** events when the window has SLI data, minutes when only incident impact. */
  basis: 'events' | 'minutes';
  /** Share of the budget spent (0.4 = 40%; above 1 when overspent). */
  consumed: number;
  /** 1 − consumed. */
  remaining: number;
  budgetMinutes: number;
  remainingMinutes: number;
  budgetEvents: number | null;
  remainingEvents: number | null;
  /** Burn rate over the last day. */
  burnNow: number;
  alerts: AlertCheck[];
  /** fast: a page pair fires; slow: only the ticket pair fires. */
  burn: BurnSpeed;
  /** When the budget runs out at the current burn (null: it does not within the window, or already has). */
  exhaustsAt: number | null;
  state: BudgetState;
  /** The policy's freeze applies (the budget is exhausted). */
  freeze: boolean;
}

export function stateFor(consumed: number, burn: BurnSpeed, policy: BudgetPolicy): BudgetState {
  // A share computed from sums of fractions may land a hair below the threshold it reached.
  const tolerance = 1e-9;
  if (consumed >= policy.exhausted - tolerance) return 'exhausted';
  if (consumed >= policy.atRisk - tolerance || burn === 'fast') return 'at-risk';
  return 'on-track';
}

/** The budget of one SLO at `now`. */
export function budgetStatus(
  slo: Pick<Slo, 'target' | 'window' | 'policy'>,
  series: SliSeries,
  impacts: readonly Impact[],
  now: number,
): BudgetStatus {
  const window = windowAt(slo.window, now);
  const length = window.end - window.start;
  const allowed = 1 - slo.target;
  const elapsedEnd = Math.min(now, window.end);
  const spent = spanBurn(series, impacts, window.start, elapsedEnd);
  const elapsedShare = (elapsedEnd - window.start) / length;
  const consumed = (spent.badShare * elapsedShare) / allowed;
  const budgetMinutes = (allowed * length) / minute;
  const budgetEvents = spent.events === null ? null : (allowed * spent.events) / elapsedShare;
  const remaining = 1 - consumed;
  const alerts = workbookAlertPairs.map((pair) => {
    const threshold = alertThreshold(pair, length);
    const longBurn = burnRate(slo.target, spanBurn(series, impacts, now - pair.long, now).badShare);
    const shortBurn = burnRate(slo.target, spanBurn(series, impacts, now - pair.short, now).badShare);
    return { ...pair, threshold, longBurn, shortBurn, firing: longBurn > threshold && shortBurn > threshold };
  });
  const burn: BurnSpeed = alerts.some((a) => a.firing && a.severity === 'page')
    ? 'fast'
    : alerts.some((a) => a.firing)
      ? 'slow'
      : 'none';
  const burnNow = burnRate(slo.target, spanBurn(series, impacts, now - day, now).badShare);
  let exhaustsAt: number | null = null;
  if (remaining > 0 && burnNow > 0) {
    const at = now + (remaining * length) / burnNow;
    const limit = slo.window.rolling ? now + length : window.end;
    exhaustsAt = at <= limit ? at : null;
  }
  const state = stateFor(consumed, burn, slo.policy);
  return {
    window,
    basis: spent.events === null ? 'minutes' : 'events',
    consumed,
    remaining,
    budgetMinutes,
    remainingMinutes: budgetMinutes * remaining,
    budgetEvents,
    remainingEvents: budgetEvents === null ? null : budgetEvents * remaining,
    burnNow,
    alerts,
    burn,
    exhaustsAt,
    state,
    freeze: state === 'exhausted',
  };
}

/**
 * What one incident's impact cost an SLO, as a share of its budget: the impact's bad minutes
 * (share × duration) over the budget's minutes in the window holding the incident's end.
 */
export function impactCost(slo: Pick<Slo, 'target' | 'window'>, impact: Impact): number {
  const window = windowAt(slo.window, impact.end);
  const badMinutes = (Math.max(0, impact.end - impact.start) * impact.share) / minute;
  return badMinutes / (((1 - slo.target) * (window.end - window.start)) / minute);
}

export interface Breach {
  /** First and last day (UTC midnight, ms) on which the window ending that day had spent its budget. */
  start: number;
  end: number;
  worstConsumed: number;
  /** Incidents whose impact falls in the windows of the breach. */
  incidents: { incidentId: string; title: string }[];
}

/**
 * The SLO's breaches in [from, to): days whose window (ending at the day's end) spent all its
 * budget, joined into runs, each with the incidents that burned inside it.
 */
export function breaches(
  slo: Pick<Slo, 'target' | 'window' | 'policy'>,
  series: SliSeries,
  impacts: readonly Impact[],
  from: number,
  to: number,
): Breach[] {
  const found: Breach[] = [];
  let open: Breach | null = null;
  for (let d = Math.floor(from / day) * day; d < to; d += day) {
    const at = Math.min(d + day, to);
    const status = budgetStatus(slo, series, impacts, at);
    if (status.consumed >= 1 - 1e-9) {
      if (open) {
        open.end = d;
        open.worstConsumed = Math.max(open.worstConsumed, status.consumed);
      } else open = { start: d, end: d, worstConsumed: status.consumed, incidents: [] };
      for (const impact of impacts)
        if (
          impact.end > status.window.start &&
          impact.start < at &&
          !open.incidents.some((i) => i.incidentId === impact.incidentId)
        )
          open.incidents.push({ incidentId: impact.incidentId, title: impact.title });
    } else if (open) {
      found.push(open);
      open = null;
    }
  }
  if (open) found.push(open);
  return found;
}

/** The remaining budget at the end of each day of the window holding `now` (a burn-down). */
export function burnDown(
  slo: Pick<Slo, 'target' | 'window' | 'policy'>,
  series: SliSeries,
  impacts: readonly Impact[],
  now: number,
): { at: number; remaining: number }[] {
  const window = windowAt(slo.window, now);
  const length = window.end - window.start;
  const allowed = 1 - slo.target;
  const points: { at: number; remaining: number }[] = [];
  const from = slo.window.rolling ? now - length : window.start;
  for (let at = from + day; at <= Math.min(now, window.end) + 1; at += day) {
    // Rolling: the window ending on each day; calendar: spent so far in this period.
    const spanStart = slo.window.rolling ? at - length : window.start;
    const spent = spanBurn(series, impacts, spanStart, at).badShare * ((at - spanStart) / length);
    points.push({ at, remaining: 1 - spent / allowed });
  }
  return points;
}
