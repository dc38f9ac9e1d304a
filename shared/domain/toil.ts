// Toil as a share of engineering time: quarters and weeks of local dates, capacity with leave,
// the 50% cap verdict, the trend, what to automate first, and chores that recur.

import { DateTime } from 'luxon';

export const toilCap = 0.5;
// The default categories are created by store migration 3 (electron/store/migrations.ts).

/** "2026Q4" */
export type Quarter = string;
export const quarterPattern = /^(19[7-9]\d|2[01]\d\d)Q([1-4])$/;

const day = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'UTC' });

export function quarterOf(isoDate: string): Quarter {
  const d = day(isoDate);
  return `${d.year}Q${Math.ceil(d.month / 3)}`;
}

/** First and last local date of a quarter, inclusive ("2026-10-01", "2026-12-31"). */
export function quarterRange(quarter: Quarter): { first: string; last: string } {
  const match = quarterPattern.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const start = DateTime.utc(Number(match[1]), (Number(match[2]) - 1) * 3 + 1, 1);
  return { first: start.toISODate() ?? '', last: start.plus({ months: 3 }).minus({ days: 1 }).toISODate() ?? '' };
}

export function previousQuarter(quarter: Quarter): Quarter {
  const { first } = quarterRange(quarter);
  return quarterOf(day(first).minus({ days: 1 }).toISODate() ?? '');
}

/** The Monday of the ISO week a local date is in. */
export function weekOf(isoDate: string): string {
  return day(isoDate).startOf('week').toISODate() ?? '';
}

/** Every week (its Monday) that has at least one day inside [first, last]. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let w = day(weekOf(first)); w <= day(last); w = w.plus({ weeks: 1 })) weeks.push(w.toISODate() ?? '');
  return weeks;
}

/** Working days (Mon–Fri) of the week starting `monday` that fall inside [first, last]. */
function workdaysInside(monday: string, first: string, last: string): number {
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const d = day(monday).plus({ days: i }).toISODate() ?? '';
    if (d >= first && d <= last) n += 1;
  }
  return n;
}

export interface CapacityRule {
  weeklyHours: number;
  /** Week (Monday) → hours that week, for leave and part-time weeks. */
  overrides: Map<string, number>;
}

export function weekCapacity(rule: CapacityRule, monday: string): number {
  return rule.overrides.get(monday) ?? rule.weeklyHours;
}

export interface WeekSpan {
  monday: string;
  /** Working days (Mon–Fri) of this week inside the range. */
  workdays: number;
}

/** The weeks of [first, last] and how many of their working days fall inside; computed once per report. */
export function weekSpans(first: string, last: string): WeekSpan[] {
  return weeksBetween(first, last).map((monday) => ({ monday, workdays: workdaysInside(monday, first, last) }));
}

/** Capacity hours over the spans: a week's hours spread evenly over its five working days. */
export function capacityOver(rule: CapacityRule, spans: WeekSpan[]): number {
  let hours = 0;
  for (const span of spans) hours += (weekCapacity(rule, span.monday) * span.workdays) / 5;
  return hours;
}

export function capacityBetween(rule: CapacityRule, first: string, last: string): number {
  return capacityOver(rule, weekSpans(first, last));
}

export interface ToilShare {
  toilHours: number;
  capacityHours: number;
  /** toil ÷ capacity; null when there was no capacity (leave). */
  share: number | null;
}

export function share(toilHours: number, capacityHours: number): ToilShare {
  return { toilHours, capacityHours, share: capacityHours > 0 ? toilHours / capacityHours : null };
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;

export function verdict(current: ToilShare, previous: ToilShare | null, who: string): string {
  if (current.share === null) return `No engineering time recorded for ${who} this quarter.`;
  if (current.toilHours === 0) return `No toil logged for ${who} this quarter yet.`;
  const cap = current.share > toilCap ? `above the ${percent(toilCap)} cap` : `under the ${percent(toilCap)} cap`;
  const head = `Toil took ${percent(current.share)} of ${who === 'you' ? 'your' : `${who}’s`} engineering time this quarter, ${cap}`;
  if (!previous || previous.share === null) return `${head}.`;
  const before = Math.round(previous.share * 100);
  const now = Math.round(current.share * 100);
  if (now < before) return `${head}: toil fell from ${before}% to ${now}% this quarter.`;
  if (now > before)
    return `${head}: toil rose from ${before}% to ${now}% this quarter${current.share > toilCap ? '' : ' — it should be falling'}.`;
  return `${head}, the same as last quarter (${now}%).`;
}

/** Least-squares line through the points that have a value; null where it cannot be drawn. */
export function trendLine(values: (number | null)[]): (number | null)[] {
  const points = values.flatMap((v, i) => (v === null ? [] : [[i, v] as const]));
  if (points.length < 2) return values.map(() => null);
  const n = points.length;
  const sx = points.reduce((a, [x]) => a + x, 0);
  const sy = points.reduce((a, [, y]) => a + y, 0);
  const sxx = points.reduce((a, [x]) => a + x * x, 0);
  const sxy = points.reduce((a, [x, y]) => a + x * y, 0);
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx || 1);
  const intercept = (sy - slope * sx) / n;
  return values.map((_, i) => intercept + slope * i);
}

export interface ToilSource {
  key: string;
  label: string;
  hours: number;
  entries: number;
  /** Rough hours to automate it away; null when nobody estimated. */
  effortHours: number | null;
  automatable: boolean;
}

export interface RankedSource extends ToilSource {
  /** Hours saved per quarter ÷ effort to automate: above 1 pays back within a quarter. */
  payback: number | null;
}

/** Automatable sources with an estimate first, best payback first; then the rest by hours. */
export function rankSources(sources: ToilSource[]): RankedSource[] {
  const ranked = sources.map((s) => ({
    ...s,
    payback: s.automatable && s.effortHours !== null && s.effortHours > 0 ? s.hours / s.effortHours : null,
  }));
  return ranked.sort((a, b) => {
    if (a.payback !== null && b.payback !== null) return b.payback - a.payback || b.hours - a.hours;
    if (a.payback !== null) return -1;
    if (b.payback !== null) return 1;
    return b.hours - a.hours || a.label.localeCompare(b.label);
  });
}

const stopWords = new Set(['the', 'a', 'an', 'for', 'to', 'of', 'on', 'in', 'and', 'with', 'again', 'by', 'from']);

export function choreWords(description: string): Set<string> {
  return new Set(
    description
      .toLowerCase()
      .replace(/[^a-z0-9\s]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 1 && !stopWords.has(w) && !/^\d+$/.test(w)),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export interface ChoreSuggestion {
  title: string;
  entryIds: string[];
  minutes: number;
}

/** Entries whose descriptions are alike (Jaccard ≥ 0.5 on their words), at least `minSize` of them. */
export function suggestRecurring(
  entries: { id: string; description: string; minutes: number }[],
  minSize = 3,
): ChoreSuggestion[] {
  const words = entries.map((e) => choreWords(e.description));
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] ?? i)));
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (similarity(words[i] ?? new Set(), words[j] ?? new Set()) >= 0.5) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  entries.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()]
    .filter((g) => g.length >= minSize)
    .map((g) => {
      const counts = new Map<string, number>();
      for (const i of g) {
        const d = entries[i]?.description ?? '';
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      const title = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
      return {
        title,
        entryIds: g.map((i) => entries[i]?.id ?? ''),
        minutes: g.reduce((sum, i) => sum + (entries[i]?.minutes ?? 0), 0),
      };
    })
    .sort((a, b) => b.minutes - a.minutes);
}
