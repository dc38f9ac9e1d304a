// What the Error budgets view and an incident show, as pure functions over the contract's shapes:
// the window in words, budget left as % and minutes or events, an incident's cost to each SLO of
// the services it names ("used 38% of checkout's monthly budget"), a sparkline's path, the
// burn-down's rows (with incidents marked), and the SLI kinds the SLO form offers as query templates.

import type { Incident } from '../../postmortem-contract';
import type { BudgetStatusOutput, SloSummary } from '../../slo-contract';
import { impactCost } from './budget';
import { parseShorthand, type Shorthand } from './duration';
import type { SloWindow } from './openslo';

type WindowFields = Pick<SloSummary, 'window' | 'rolling' | 'calendar'>;

const unitWords: Record<Shorthand['unit'], [string, string]> = {
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  M: ['month', 'months'],
  Q: ['quarter', 'quarters'],
  Y: ['year', 'years'],
};
const calendarOnce: Partial<Record<Shorthand['unit'], string>> = {
  d: 'daily',
  w: 'weekly',
  M: 'monthly',
  Q: 'quarterly',
  Y: 'yearly',
};

/** The window as an adjective: "monthly" (a calendar month), "28-day" (rolling 28 days), "2-month". */
export function windowWord(slo: WindowFields): string {
  const duration = parseShorthand(slo.window);
  if ('error' in duration) return slo.window;
  const once = calendarOnce[duration.unit];
  if (duration.count === 1 && once) return once;
  return `${duration.count}-${unitWords[duration.unit][0]}`;
}

/** The window as a phrase: "rolling 28 days", "calendar month (UTC)". */
export function windowPhrase(slo: WindowFields): string {
  const duration = parseShorthand(slo.window);
  if ('error' in duration) return slo.window;
  const [one, many] = unitWords[duration.unit];
  const length = duration.count === 1 ? one : `${duration.count} ${many}`;
  return slo.rolling ? `rolling ${length}` : `calendar ${length} (${slo.calendar?.timeZone ?? 'UTC'})`;
}

/** An objective as people write it: 0.999 → "99.9%". */
export const objectiveText = (target: number): string => `${Number((target * 100).toPrecision(6))}%`;

/** "99.9" or "99.9%" → 0.999; NaN for anything that is not a number (the contract names the field). */
export function objectiveFromText(text: string): number {
  const trimmed = text.trim().replace(/%$/, '').trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Number((Number(trimmed) / 100).toPrecision(12));
}

/** A share as a whole or one-decimal percentage: 0.3847 → "38.5%", 0.38 → "38%". */
export function shareText(share: number): string {
  const pct = share * 100;
  const rounded = Math.abs(pct) >= 10 ? Math.round(pct) : Math.round(pct * 10) / 10;
  return `${Object.is(rounded, -0) ? 0 : rounded}%`;
}

function amount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${Number((value / 1e6).toFixed(abs >= 1e7 ? 0 : 1))}M`;
  if (abs >= 1e4) return `${Number((value / 1e3).toFixed(abs >= 1e5 ? 0 : 1))}k`;
  return String(Math.round(value));
}

function minutesAmount(minutes: number): string {
  const abs = Math.abs(minutes);
  if (abs < 120) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return `${Math.abs(hours) < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
}

/** Budget left as the view shows it: "62%" and "27 min of 43 min" or "6.2k of 10k bad events". */
export function budgetLeft(status: BudgetStatusOutput): { share: string; amount: string } {
  if (status.basis === 'events' && status.budgetEvents !== null && status.remainingEvents !== null)
    return {
      share: shareText(status.remaining),
      amount: `${amount(Math.max(0, status.remainingEvents))} of ${amount(status.budgetEvents)} bad events`,
    };
  return {
    share: shareText(status.remaining),
    amount: `${minutesAmount(Math.max(0, status.remainingMinutes))} of ${minutesAmount(status.budgetMinutes)}`,
  };
}

export const stateWords = { 'on-track': 'on track', 'at-risk': 'at risk', exhausted: 'exhausted' } as const;

/** Burn now in words: the rate over the last day and the workbook's verdict from its window pairs. */
export function burnWords(status: BudgetStatusOutput): string {
  const rate = status.burnNow < 10 ? status.burnNow.toFixed(2) : status.burnNow.toFixed(0);
  const firing = status.alerts.filter((a) => a.firing).map((a) => `${a.long}/${a.short}`);
  const verdict = status.burn === 'fast' ? 'fast burn' : status.burn === 'slow' ? 'slow burn' : 'quiet';
  return `${rate}× · ${verdict}${firing.length > 0 ? ` (${firing.join(', ')})` : ''}`;
}

function windowOf(slo: WindowFields): SloWindow | null {
  const duration = parseShorthand(slo.window);
  if ('error' in duration) return null;
  return { duration, rolling: slo.rolling, calendar: slo.calendar };
}

export interface IncidentCost {
  slo: string;
  service: string;
  /** Share of the SLO's budget the impact used (0.38 = 38%). */
  cost: number;
  sentence: string;
}

/**
 * What an incident's customer impact cost each SLO of the services it names, as a share of the
 * budget of the window holding the impact's end (the figure the status and reviews use).
 */
export function incidentBudgetCosts(
  incident: Pick<Incident, 'id' | 'title' | 'services' | 'impact'>,
  slos: readonly SloSummary[],
): IncidentCost[] {
  const impact = incident.impact;
  if (!impact) return [];
  const start = Date.parse(impact.start);
  const end = Date.parse(impact.end);
  return slos
    .filter((s) => incident.services.includes(s.service))
    .flatMap((s) => {
      const window = windowOf(s);
      if (!window) return [];
      const cost = impactCost(
        { target: s.target, window },
        { incidentId: incident.id, title: incident.title, start, end, share: impact.share },
      );
      const budget = `${s.service}'s ${windowWord(s)} budget`;
      const named = slos.filter((o) => o.service === s.service).length > 1 ? ` (${s.name})` : '';
      return [{ slo: s.name, service: s.service, cost, sentence: `used ${shareText(cost)} of ${budget}${named}` }];
    });
}

/** An SVG path through the values (oldest first) in a width × height box; the axis runs from `low` to 1. */
export function sparklinePath(values: readonly number[], width: number, height: number, low = 0): string {
  if (values.length === 0) return '';
  const top = 1;
  const bottom = Math.min(low, ...values);
  const span = top - bottom || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = ((top - Math.min(top, v)) / span) * height;
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

export interface BurnDownRow {
  /** The day (UTC) the point closes: YYYY-MM-DD. */
  day: string;
  /** Budget left at the end of that day, in % of the budget (null: a day still to come). */
  remaining: number | null;
  /** Calendar windows: budget left at the current burn rate, from the last day measured to the window's end. */
  projected: number | null;
  /** Incidents whose impact ended that day (their titles), for the chart's markers. */
  incidents: string[];
}

const dayMs = 86_400_000;
const pctOf = (share: number): number => Math.round(share * 10_000) / 100;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The burn-down as the chart and its CSV take it: a point a day, incidents on the day their impact
 * ended; a calendar window goes on to its end with the budget projected at the current burn rate
 * (the same slope as the projected exhaustion date).
 */
export function burnDownRows(
  status: Pick<BudgetStatusOutput, 'burnDown' | 'incidents' | 'windowEnd' | 'windowStart' | 'burnNow' | 'remaining'> & {
    slo: Pick<SloSummary, 'rolling'>;
  },
  now: number,
): BurnDownRow[] {
  const rows: BurnDownRow[] = status.burnDown.map((p) => ({
    // A point closes the day before its instant (midnight ends the day).
    day: dayOf(Date.parse(p.at) - 1),
    remaining: pctOf(p.remaining),
    projected: null,
    incidents: [],
  }));
  const end = Date.parse(status.windowEnd);
  const length = end - Date.parse(status.windowStart);
  const last = rows.at(-1);
  if (!status.slo.rolling && last && length > 0 && now < end) {
    last.projected = last.remaining;
    const lastAt = Date.parse(status.burnDown.at(-1)?.at ?? '');
    for (let at = lastAt + dayMs; at <= end; at += dayMs)
      rows.push({
        day: dayOf(at - 1),
        remaining: null,
        projected: pctOf(status.remaining - (status.burnNow * Math.max(0, at - now)) / length),
        incidents: [],
      });
  }
  for (const incident of status.incidents) {
    const day = dayOf(Date.parse(incident.end));
    const row = rows.find((r) => r.day === day) ?? last;
    row?.incidents.push(incident.title);
  }
  return rows;
}

export type SliKind = 'availability' | 'latency' | 'ratio' | 'none';

export const sliKinds: readonly { id: SliKind; label: string }[] = [
  { id: 'availability', label: 'Availability (non-5xx requests ÷ all)' },
  { id: 'latency', label: 'Latency threshold (requests faster than a threshold ÷ all)' },
  { id: 'ratio', label: 'Ratio of good to total events (your own queries)' },
  { id: 'none', label: 'None yet (budget burned by incidents only)' },
];

const selector = (service: string): string => `service="${service.replace(/["\\]/g, '')}"`;

/**
 * Prometheus queries for an SLI kind, written as OpenSLO ratio metrics (good ÷ total): the
 * common shapes for request availability and a latency threshold over a histogram's buckets.
 */
export function sliQueries(
  kind: SliKind,
  service: string,
  thresholdSeconds = 0.3,
): { good: string; total: string } | null {
  const s = selector(service || 'SERVICE');
  if (kind === 'availability')
    return {
      good: `sum(rate(http_requests_total{${s},code!~"5.."}[5m]))`,
      total: `sum(rate(http_requests_total{${s}}[5m]))`,
    };
  if (kind === 'latency')
    return {
      good: `sum(rate(http_request_duration_seconds_bucket{${s},le="${thresholdSeconds}"}[5m]))`,
      total: `sum(rate(http_request_duration_seconds_count{${s}}[5m]))`,
    };
  return null;
}

/** Which kind a stored pair of queries is (the form opens on it); ratio when they are someone's own. */
export function sliKindOf(good: string | null, total: string | null): { kind: SliKind; thresholdSeconds?: number } {
  if (good === null || total === null) return { kind: 'none' };
  if (
    /^sum\(rate\(http_requests_total\{[^}]*code!~"5\.\."\}\[5m\]\)\)$/.test(good) &&
    total.includes('http_requests_total')
  )
    return { kind: 'availability' };
  const latency = /^sum\(rate\(http_request_duration_seconds_bucket\{[^}]*le="([\d.]+)"\}\[5m\]\)\)$/.exec(good);
  if (latency && total.includes('http_request_duration_seconds_count'))
    return { kind: 'latency', thresholdSeconds: Number(latency[1]) };
  return { kind: 'ratio' };
}
