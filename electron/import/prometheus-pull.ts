// `oncall slo pull`'s network side: an SLO's good and total queries run over a Prometheus server's
// HTTP API (`POST /api/v1/query_range`, the parameters form-encoded as the API allows for long
// queries: https://prometheus.io/docs/prometheus/latest/querying/api/, "Range queries"), chunk by
// chunk as shared/domain/slo/prometheus-pull.ts plans them, and turned into daily totals there.
// Every request has a deadline (sent to Prometheus as `timeout` too, so it stops evaluating).
// Nothing here writes: the caller stores the totals once every SLO's pull has succeeded.

import {
  addRangeAnswer,
  dailyTotalsFromCounters,
  planPull,
  PullDataError,
  type PullPlan,
  type PullTarget,
  type SeriesSamples,
} from '../../shared/domain/slo/prometheus-pull';
import type { DayTotals } from '../../shared/domain/slo/sli-files';

/** A pull that failed: the message names the server, the SLO and the query where it matters. */
export class PrometheusPullError extends Error {}

export interface PullOptions {
  server: URL;
  now: number;
  /** Each request's deadline. */
  timeoutMs: number;
  progress: (line: string) => void;
  /** Points per request (default: below Prometheus' 11,000). */
  maxPoints?: number;
}

export interface SloPull {
  name: string;
  plan: PullPlan;
  requests: number;
  days: DayTotals[];
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export function stepText(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${ms / 60_000}m`;
}

/** The server's query_range address (a URL with a path prefix keeps it: http://host/prometheus/api/v1/…). */
export function queryRangeUrl(server: URL): URL {
  const base = new URL(server.href);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('api/v1/query_range', base);
}

function unreachable(server: URL, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  return `cannot reach Prometheus at ${server.href} (${why}); check the URL and that the server is running`;
}

/** One range request's answer (parsed JSON), or a PrometheusPullError saying what went wrong. */
async function queryRange(
  server: URL,
  what: string,
  query: string,
  chunk: { start: number; end: number },
  step: number,
  timeoutMs: number,
): Promise<unknown> {
  const body = new URLSearchParams({
    query,
    start: String(chunk.start / 1000),
    end: String(chunk.end / 1000),
    step: `${step / 1000}s`,
    timeout: `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`,
  });
  let response: Response;
  let text: string;
  try {
    response = await fetch(queryRangeUrl(server), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new PrometheusPullError(
        `Prometheus at ${server.href} did not answer ${what} within ${timeoutMs / 1000} s (the deadline; give --timeout SECONDS for a slower server)`,
      );
    throw new PrometheusPullError(unreachable(server, error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const envelope = json as { status?: unknown; errorType?: unknown; error?: unknown } | undefined;
  if (!response.ok || envelope?.status === 'error') {
    const said =
      typeof envelope?.error === 'string'
        ? `${typeof envelope.errorType === 'string' ? `${envelope.errorType}: ` : ''}${envelope.error}`
        : text.trim().slice(0, 200) || response.statusText;
    const timedOut = response.status === 503 || envelope?.errorType === 'timeout';
    throw new PrometheusPullError(
      `Prometheus at ${server.href} refused ${what} (HTTP ${response.status}${timedOut ? ', it timed out or was cancelled' : ''}): ${said}`,
    );
  }
  if (json === undefined)
    throw new PrometheusPullError(
      `Prometheus at ${server.href} answered ${what} with something that is not JSON (is the URL a Prometheus server?)`,
    );
  return json;
}

/** Pulls one SLO's good and total queries over its range and returns its daily totals. */
export async function pullSlo(slo: PullTarget, options: PullOptions): Promise<SloPull> {
  const plan = planPull(slo.start, options.now, options.maxPoints);
  const range = `${iso(plan.start)} and ${iso(plan.end)}`;
  const answers: Record<'good' | 'total', SeriesSamples> = { good: new Map(), total: new Map() };
  let requests = 0;
  for (const side of ['good', 'total'] as const) {
    const query = slo[side];
    const what = `the ${side} query ${JSON.stringify(query)} for SLO ${slo.name}`;
    for (const [i, chunk] of plan.chunks.entries()) {
      options.progress(
        `${slo.name}: ${side} query, request ${i + 1}/${plan.chunks.length} (${iso(chunk.start)} to ${iso(chunk.end)}, step ${stepText(plan.step)})`,
      );
      const answer = await queryRange(options.server, what, query, chunk, plan.step, options.timeoutMs);
      requests += 1;
      try {
        addRangeAnswer(answers[side], answer);
      } catch (error) {
        if (error instanceof PullDataError) throw new PrometheusPullError(`${what}: ${error.message}`);
        throw error;
      }
    }
    if (answers[side].size === 0)
      throw new PrometheusPullError(
        `${side} query ${JSON.stringify(query)} for SLO ${slo.name} returned nothing between ${range} (no series: check the metric's name and labels)`,
      );
  }
  let days: DayTotals[];
  try {
    days = dailyTotalsFromCounters(answers.good, answers.total);
  } catch (error) {
    if (error instanceof PullDataError) throw new PrometheusPullError(`SLO ${slo.name}: ${error.message}`);
    throw error;
  }
  if (days.length === 0)
    throw new PrometheusPullError(
      `the queries for SLO ${slo.name} returned too few samples between ${range} to count any events`,
    );
  return { name: slo.name, plan, requests, days };
}
