// The pure parts of `oncall slo pull`: which range an SLO's pull covers, the step and the requests
// it is split into, and how the query_range answers of its good and total queries become daily
// good/total totals. The network is electron/slo/prometheus.ts.
//
// The HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/, "Range queries"):
// `GET /api/v1/query_range?query=…&start=…&end=…&step=…&timeout=…` answers
// `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[<unix_time>,"<value>"],…]}]}}`,
// and an error as `{"status":"error","errorType":"…","error":"…"}` with HTTP 400 (bad parameters),
// 422 (the expression cannot be executed) or 503 (timed out or aborted). A range query may return
// at most 11,000 points per series — Prometheus refuses more with "exceeded maximum resolution of
// 11,000 points per timeseries" (web/api/v1/api.go) — so a long range is asked for in chunks.
//
// The queries are OpenSLO ratio metrics with `counter: true` (the README's example:
// `sum(localhost_server_requests{code=~"2xx|3xx"})`): each series is a monotonically increasing
// counter, and the events between two samples are their difference (a drop is a counter reset:
// the events are then the new value, as Prometheus' `increase()` counts them). The events up to a
// sample count in the UTC day holding the sample's time minus 1 ms, as `slo data import` does.

import type { Slo } from './openslo';
import type { DayTotals } from './sli-files';
import { windowAt } from './window';

const day = 86_400_000;

/** Below Prometheus' 11,000 points per series and request, with room for both ends. */
export const maxPointsPerRequest = 10_000;
/** Steps a pull chooses from (each divides a day, so every midnight is a sample). */
const steps = [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 21_600_000, day];
/** A pull takes the finest step that needs at most this many requests per query. */
const maxRequestsPerQuery = 4;

export interface PullChunk {
  start: number;
  end: number;
}

export interface PullPlan {
  /** Midnight UTC of the first day pulled. */
  start: number;
  /** The last sample's time: now, down to the step. */
  end: number;
  step: number;
  chunks: PullChunk[];
}

/** UTC midnight at or before `ms`. */
export const midnightBefore = (ms: number): number => Math.floor(ms / day) * day;

/**
 * The step and the requests for [start, end]: the finest step whose points fit in
 * `maxRequestsPerQuery` requests of at most `maxPoints` points each; chunks share their edges (the
 * sample at an edge is in both answers and counted once).
 */
export function planPull(start: number, end: number, maxPoints = maxPointsPerRequest): PullPlan {
  const from = midnightBefore(start);
  const span = Math.max(0, end - from);
  const step =
    steps.find((s) => Math.ceil(span / s / (maxPoints - 1)) <= maxRequestsPerQuery) ?? (steps.at(-1) as number);
  const last = from + Math.floor(span / step) * step;
  const perChunk = (maxPoints - 1) * step;
  const chunks: PullChunk[] = [];
  for (let at = from; at < last || chunks.length === 0; at += perChunk)
    chunks.push({ start: at, end: Math.min(last, at + perChunk) });
  return { start: from, end: last, step, chunks };
}

/** Why a pull's answers cannot become daily totals; the pull names the SLO and query around it. */
export class PullDataError extends Error {}

/** One series of a range answer: its labels (as a key) and its samples, time (ms) → value. */
export type SeriesSamples = Map<string, Map<number, number>>;

/** Adds one query_range answer's series to `into` (several chunks of one query go into one map). */
export function addRangeAnswer(into: SeriesSamples, answer: unknown): void {
  const envelope = answer as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (envelope?.status !== 'success') throw new PullDataError('the answer is not a success');
  if (envelope.data?.resultType !== 'matrix')
    throw new PullDataError(
      `resultType must be "matrix" (a range query's answer), found ${JSON.stringify(envelope.data?.resultType)}`,
    );
  const result = envelope.data.result;
  if (!Array.isArray(result)) throw new PullDataError('data.result must be a list of series');
  for (const [i, series] of result.entries()) {
    const { metric, values } = (series ?? {}) as { metric?: unknown; values?: unknown };
    if (!Array.isArray(values)) throw new PullDataError(`data.result[${i}].values must be a list`);
    const labels = typeof metric === 'object' && metric !== null ? (metric as Record<string, unknown>) : {};
    const key = JSON.stringify(
      Object.keys(labels)
        .sort()
        .map((k) => [k, labels[k]]),
    );
    const samples = into.get(key) ?? new Map<number, number>();
    into.set(key, samples);
    for (const pair of values) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number')
        throw new PullDataError(`data.result[${i}].values holds ${JSON.stringify(pair)}, not [<unix_time>, "<value>"]`);
      const at = Math.round(pair[0] * 1000);
      const value = typeof pair[1] === 'string' ? Number(pair[1]) : Number.NaN;
      if (!Number.isFinite(value))
        throw new PullDataError(
          `the sample at ${new Date(at).toISOString()} is ${JSON.stringify(pair[1])}, not a number (NaN and infinities are refused)`,
        );
      if (value < 0)
        throw new PullDataError(`the sample at ${new Date(at).toISOString()} is ${value}: a counter is never negative`);
      samples.set(at, value);
    }
  }
}

const dayOf = (ms: number): string => new Date(ms - 1).toISOString().slice(0, 10);

/** The events counted by each sample time (summed over series): counter increases, resets as the new value. */
export function counterIncreases(series: SeriesSamples): Map<number, number> {
  const out = new Map<number, number>();
  for (const samples of series.values()) {
    let previous: number | undefined;
    for (const [at, value] of [...samples].sort((a, b) => a[0] - b[0])) {
      if (previous !== undefined) out.set(at, (out.get(at) ?? 0) + (value >= previous ? value - previous : value));
      else if (!out.has(at)) out.set(at, 0); // the series' first sample: where it starts counting
      previous = value;
    }
  }
  return out;
}

/** The sample times of every series (to compare good's with total's). */
function sampleTimes(series: SeriesSamples): Set<number> {
  const times = new Set<number>();
  for (const samples of series.values()) for (const at of samples.keys()) times.add(at);
  return times;
}

/**
 * Good's and total's answers over one pull as daily totals. Refused: answers whose samples are not
 * at the same times (the two queries do not describe the same events), and a day with more good
 * events than events.
 */
export function dailyTotalsFromCounters(good: SeriesSamples, total: SeriesSamples): DayTotals[] {
  const goodTimes = sampleTimes(good);
  const totalTimes = sampleTimes(total);
  for (const at of [...goodTimes].sort((a, b) => a - b))
    if (!totalTimes.has(at))
      throw new PullDataError(
        `the good query has a sample at ${new Date(at).toISOString()} where the total query has none (mismatched series)`,
      );
  for (const at of [...totalTimes].sort((a, b) => a - b))
    if (!goodTimes.has(at))
      throw new PullDataError(
        `the total query has a sample at ${new Date(at).toISOString()} where the good query has none (mismatched series)`,
      );
  const goodEvents = counterIncreases(good);
  const totalEvents = counterIncreases(total);
  const days = new Map<string, DayTotals & { samples: number }>();
  for (const [at, events] of [...totalEvents].sort((a, b) => a[0] - b[0])) {
    const key = dayOf(at);
    const d = days.get(key) ?? { day: key, good: 0, total: 0, samples: 0 };
    d.total += events;
    d.good += goodEvents.get(at) ?? 0;
    d.samples += 1;
    days.set(key, d);
  }
  // A day whose only sample is the midnight that opens the range (the first samples only start
  // the counts) was not measured: it is left out, not stored as a day without events.
  const out = [...days.values()]
    .filter((d) => d.samples > 1 || d.total > 0)
    .map(({ day: key, good: g, total: t }) => ({ day: key, good: g, total: t }));
  for (const d of out)
    if (d.good > d.total)
      throw new PullDataError(
        `on ${d.day} the good query counts ${d.good} events, more than the total query’s ${d.total}`,
      );
  return out;
}

/** What one SLO's pull asks for, from its OpenSLO document. */
export interface PullTarget {
  name: string;
  good: string;
  total: string;
  /** The first instant wanted: the window's start at now, or --since. */
  start: number;
}

/**
 * The SLO's good and total queries and where its pull starts (its window's start at `now`, or
 * `since`), or why it cannot be pulled: no ratio metric, a source other than Prometheus, or
 * `counter: false` (the pull reads counters).
 */
export function pullTargetOf(
  slo: Slo,
  counter: boolean | null,
  now: number,
  since: number | undefined,
): { target: PullTarget } | { problem: string } {
  const indicator = slo.indicator;
  if (!indicator)
    return {
      problem: `SLO ${slo.name} has no good and total queries (oncall slo edit ${slo.name} --good Q --total Q)`,
    };
  if (indicator.kind === 'ref')
    return {
      problem: `SLO ${slo.name} names its SLI by indicatorRef (${indicator.name}); the pull needs the queries in the SLO (spec.indicator.spec.ratioMetric)`,
    };
  if (indicator.kind !== 'ratio')
    return { problem: `SLO ${slo.name} has a threshold metric, not a ratio of good to total events` };
  if (indicator.sourceType !== null && indicator.sourceType.toLowerCase() !== 'prometheus')
    return { problem: `SLO ${slo.name}'s metric source is ${indicator.sourceType}, not Prometheus` };
  if (counter === false)
    return {
      problem: `SLO ${slo.name}: ratioMetric.counter is false, and the pull reads counters (events up to each sample); export its events per step with query_range and use oncall slo data import`,
    };
  return {
    target: {
      name: slo.name,
      good: indicator.good,
      total: indicator.total,
      start: since ?? windowAt(slo.window, now).start,
    },
  };
}
