// The budget status of SLOs from the store: each SLO's daily totals and the impact of incidents
// naming its service, through the pure figures (shared/domain/slo/budget.ts). The reports and the
// slos.status operation both read budgets here.

import type { Database } from 'better-sqlite3';
import type { BudgetStatusOutput, SloSummary } from '../../shared/slo-contract';
import {
  breaches,
  budgetStatus,
  burnDown,
  impactCost,
  dailySeries,
  type Impact,
  type SliSeries,
} from '../../shared/domain/slo/budget';
import { formatShorthand } from '../../shared/domain/slo/duration';
import { windowAt } from '../../shared/domain/slo/window';
import type { Slo } from '../../shared/domain/slo/openslo';
import { impactsBetween, sloOf, type SloRow } from '../store/slos';

const day = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

export function sloSummaryOf(row: SloRow): SloSummary {
  const slo = sloOf(row);
  return {
    name: slo.name,
    displayName: slo.displayName,
    service: slo.service,
    description: slo.description,
    owner: slo.owner,
    target: slo.target,
    window: formatShorthand(slo.window.duration),
    rolling: slo.window.rolling,
    calendar: slo.window.calendar,
    budgetingMethod: slo.budgetingMethod,
    good: slo.indicator?.kind === 'ratio' ? slo.indicator.good : null,
    total: slo.indicator?.kind === 'ratio' ? slo.indicator.total : null,
    policy: slo.policy,
    updatedAt: iso(row.updated_at),
  };
}

const durationText = (ms: number): string =>
  ms % day === 0 ? `${ms / day}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 60_000}m`;

/** Every incident with impact, by the services it names (one read for many SLOs). */
export function impactsByService(db: Database, from: number, to: number): Map<string, Impact[]> {
  const out = new Map<string, Impact[]>();
  for (const row of impactsBetween(db, from, to)) {
    const impact: Impact = {
      incidentId: row.id,
      title: row.title,
      start: row.impact_start,
      end: row.impact_end,
      share: row.impact_share,
    };
    for (const service of JSON.parse(row.services) as string[]) {
      const list = out.get(service) ?? [];
      list.push(impact);
      out.set(service, list);
    }
  }
  return out;
}

/**
 * Reads an SLO's daily totals from a day on as a series: one prepared statement for every SLO,
 * days as instants computed by SQLite, straight into the series' arrays.
 */
export function sliSeriesReader(db: Database): (name: string, fromDay: string) => SliSeries {
  const query = db
    .prepare('SELECT unixepoch(day) * 1000, good, total FROM sli_days WHERE slo = ? AND day >= ? ORDER BY day')
    .raw();
  return (name, fromDay) => {
    const rows = query.all(name, fromDay) as [number, number, number][];
    return dailySeries(
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
    );
  };
}

/**
 * The first day a status at `now` reads: the burn-down's earliest window (a rolling window's
 * first point looks back two lengths; a calendar window starts at its period) and the 3-day alert
 * pair — not a year for every SLO.
 */
export function firstDayNeeded(slo: Slo, now: number): string {
  const window = windowAt(slo.window, now);
  const length = window.end - window.start;
  const from = Math.min(slo.window.rolling ? now - 2 * length : window.start, now - 3 * day);
  return iso(Math.floor(from / day) * day - day).slice(0, 10);
}

/** The status of each SLO at `now`. `withBurnDown` adds a point a day (the view's chart). */
export function sloStatuses(
  db: Database,
  rows: readonly SloRow[],
  now: number,
  withBurnDown = true,
): BudgetStatusOutput[] {
  const slos: Slo[] = rows.map(sloOf);
  // Longest look-back any figure needs: a window (calendar ones up to a year), and the 3-day alert pair.
  const lookBack = 400 * day;
  const impacts = impactsByService(db, now - lookBack, now + day);
  const seriesOf = sliSeriesReader(db);
  return rows.map((row, i) => {
    const slo = slos[i] as Slo;
    const series = seriesOf(slo.name, firstDayNeeded(slo, now));
    const mine = impacts.get(slo.service) ?? [];
    const status = budgetStatus(slo, series, mine, now);
    return {
      slo: sloSummaryOf(row),
      windowStart: iso(status.window.start),
      windowEnd: iso(status.window.end),
      basis: status.basis,
      consumed: status.consumed,
      remaining: status.remaining,
      budgetMinutes: status.budgetMinutes,
      remainingMinutes: status.remainingMinutes,
      budgetEvents: status.budgetEvents,
      remainingEvents: status.remainingEvents,
      burnNow: status.burnNow,
      burn: status.burn,
      alerts: status.alerts.map((a) => ({
        long: durationText(a.long),
        short: durationText(a.short),
        threshold: a.threshold,
        longBurn: a.longBurn,
        shortBurn: a.shortBurn,
        severity: a.severity,
        firing: a.firing,
      })),
      exhaustsAt: status.exhaustsAt === null ? null : iso(status.exhaustsAt),
      state: status.state,
      freeze: status.freeze,
      burnDown: withBurnDown
        ? burnDown(slo, series, mine, now).map((p) => ({ at: iso(p.at), remaining: p.remaining }))
        : [],
      incidents: mine
        .filter((m) => m.end > status.window.start && m.start < Math.min(now, status.window.end))
        .map((m) => ({
          id: m.incidentId,
          title: m.title,
          start: iso(m.start),
          end: iso(m.end),
          share: m.share,
          cost: impactCost(slo, m),
        })),
    };
  });
}

/** Each SLO's breaches in [from, to), with the incidents inside and what each cost. */
export function sloBreaches(db: Database, rows: readonly SloRow[], from: number, to: number) {
  const impacts = impactsByService(db, from - 400 * day, to);
  const fromDay = iso(from - 400 * day).slice(0, 10);
  const seriesOf = sliSeriesReader(db);
  return rows.flatMap((row) => {
    const slo = sloOf(row);
    const mine = impacts.get(slo.service) ?? [];
    return breaches(slo, seriesOf(slo.name, fromDay), mine, from, to).map((b) => ({
      slo: slo.name,
      service: slo.service,
      start: iso(b.start),
      end: iso(b.end),
      worstConsumed: b.worstConsumed,
      incidents: b.incidents.map((i) => {
        const impact = mine.find((m) => m.incidentId === i.incidentId);
        return { id: i.incidentId, title: i.title, cost: impact ? impactCost(slo, impact) : 0 };
      }),
    }));
  });
}
