// How many live pages a filter of the Pages list matches, exactly, without reading every page:
// whole UTC days come from the day tallies (store/rollups.ts, kept by triggers: a few thousand
// rows at 1M pages), and only the partial days at the ends of a date range are counted from
// `pages` by time key (a rowid range). What the tallies do not keep — a severity, a search, or
// triage and sleep hours together — is counted from `pages` (and its search index) directly, up to
// `countCap`: past it the answer is "more than 10,000" (counting all 92,000 matches of a common
// word at 1M pages took 0.6–0.9 s, and a count holds the one store connection that long).

import type { Database } from 'better-sqlite3';
import { pageFilterWhere, timeKeyFloor, type PageFilter } from './pages';

const dayMs = 86_400_000;

export type PageCountFilter = Omit<PageFilter, 'limit' | 'beforeKey'>;

/** Matches counted one by one before the count says "at least". */
export const countCap = 10_000;

export interface PageCount {
  total: number;
  /** True when there are more than `total` (= countCap) pages: only counted that far. */
  more: boolean;
}

/** The tally expression for the filter's triage / sleep-hour part, or null when the tallies can't say. */
function tallyOf(filter: PageCountFilter): string | null {
  if (filter.triage !== undefined && filter.sleepHour !== undefined) return null;
  if (filter.triage === 'actionable') return 'actionable';
  if (filter.triage === 'noise') return 'noise';
  if (filter.triage === 'untriaged') return 'pages - actionable - noise';
  if (filter.sleepHour === true) return 'sleep_hour';
  if (filter.sleepHour === false) return 'pages - sleep_hour';
  return 'pages';
}

/**
 * Pages matching the filter with a time key in [fromMs, toMs) (either end open when undefined),
 * counted from `pages`, stopping after `cap` (then `cap + 1` is returned).
 */
function scan(db: Database, filter: PageCountFilter, fromMs?: number, toMs?: number, cap = Infinity): number {
  const { where, params } = pageFilterWhere(filter);
  if (fromMs !== undefined) {
    where.push('p.rowid >= ?');
    params.push(timeKeyFloor(fromMs));
  }
  if (toMs !== undefined) {
    where.push('p.rowid < ?');
    params.push(timeKeyFloor(toMs));
  }
  const rows =
    filter.match !== undefined
      ? `SELECT 1 FROM pages_fts JOIN pages p ON p.rowid = pages_fts.rowid
         WHERE pages_fts MATCH ? AND ${where.join(' AND ')}`
      : `SELECT 1 FROM pages p WHERE ${where.join(' AND ')}`;
  const args = filter.match !== undefined ? [filter.match, ...params] : params;
  if (cap === Infinity) return (db.prepare(`SELECT count(*) AS n FROM (${rows})`).get(...args) as { n: number }).n;
  return (db.prepare(`SELECT count(*) AS n FROM (${rows} LIMIT ?)`).get(...args, cap + 1) as { n: number }).n;
}

/** How many live pages the Pages list's filter matches: exact from the tallies, else up to `countCap`. */
export function countPages(db: Database, filter: PageCountFilter, cap = countCap): PageCount {
  const tally = filter.match === undefined && filter.severity === undefined ? tallyOf(filter) : null;
  if (tally === null) {
    const n = scan(db, filter, filter.sinceMs, filter.untilMs, cap);
    return n > cap ? { total: cap, more: true } : { total: n, more: false };
  }
  // Whole UTC days inside the range from the tallies; the partial days at its ends from `pages`.
  const firstDay = filter.sinceMs === undefined ? undefined : Math.ceil(filter.sinceMs / dayMs);
  const lastDay = filter.untilMs === undefined ? undefined : Math.floor(filter.untilMs / dayMs);
  if (firstDay !== undefined && lastDay !== undefined && lastDay <= firstDay)
    return { total: scan(db, filter, filter.sinceMs, filter.untilMs), more: false };
  const where: string[] = [];
  const params: unknown[] = [];
  if (firstDay !== undefined) {
    where.push('day >= ?');
    params.push(firstDay);
  }
  if (lastDay !== undefined) {
    where.push('day < ?');
    params.push(lastDay);
  }
  if (filter.serviceId !== undefined) {
    where.push('service_id = ?');
    params.push(filter.serviceId);
  }
  const whole = (
    db
      .prepare(
        `SELECT coalesce(sum(${tally}), 0) AS n FROM page_day_tallies${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
      )
      .get(...params) as { n: number }
  ).n;
  let partial = 0;
  if (firstDay !== undefined && filter.sinceMs !== undefined && filter.sinceMs < firstDay * dayMs)
    partial += scan(db, filter, filter.sinceMs, firstDay * dayMs);
  if (lastDay !== undefined && filter.untilMs !== undefined && lastDay * dayMs < filter.untilMs)
    partial += scan(db, filter, lastDay * dayMs, filter.untilMs);
  return { total: whole + partial, more: false };
}
