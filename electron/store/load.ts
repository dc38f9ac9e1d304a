// On-call load aggregates in SQL: pages in a time range (a time-key range, so only those rows are
// read) tallied per (person, service, week), histograms of minutes to acknowledge and resolve,
// and pages by local hour of the week. Local time is each person's own zone: the zone offsets
// over the range come from shared/domain/load.ts and are bound as parameters of a CASE.
// `aggregatePages` in shared/domain/load.ts is the definition these queries must match.

import type { Database, Statement } from 'better-sqlite3';
import {
  offsetIntervals,
  sortAggregate,
  type HistogramRow,
  type PageAggregate,
  type TallyRow,
} from '../../shared/domain/load';
import { timeKeyFloor } from './pages';

const statements = new WeakMap<Database, Map<string, Statement>>();
function prepared(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/** `received_at` moved to the person's local wall-clock time, and the parameters it needs. */
function localTimeExpression(zones: string[], fromMs: number, toMs: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const branches = zones.map((zone) => {
    const intervals = offsetIntervals(zone, fromMs, toMs);
    params.push(zone);
    if (intervals.length === 1) {
      params.push(intervals[0]?.offsetMs ?? 0);
      return 'WHEN ? THEN ?';
    }
    const inner = intervals.slice(0, -1).map((interval) => {
      params.push(interval.endMs, interval.offsetMs);
      return 'WHEN p.received_at < ? THEN ?';
    });
    params.push(intervals[intervals.length - 1]?.offsetMs ?? 0);
    return `WHEN ? THEN (CASE ${inner.join(' ')} ELSE ? END)`;
  });
  return {
    // Numbers are bound as REAL: cast back, so the divisions below stay integer divisions.
    sql:
      zones.length === 0
        ? 'p.received_at'
        : `CAST(p.received_at + CASE pe.time_zone ${branches.join(' ')} ELSE 0 END AS INTEGER)`,
    params,
  };
}

const weekSql = '(p.received_at - 345600000) / 604800000';
/**
 * A few people: walk their own index (person, received_at). A team: walk the time-key range
 * once and keep the team's rows (`+` keeps SQLite from choosing the person index, which would
 * visit the rows in person order, out of the table's order: 8× slower at 1M pages).
 */
const fewPeople = 3;
const rangeFor = (personIds: string[]): string =>
  personIds.length <= fewPeople
    ? `FROM pages p JOIN people pe ON pe.id = p.person_id
       WHERE p.person_id IN (SELECT value FROM json_each(@people)) AND p.received_at >= @fromMs AND p.received_at < @toMs
         AND p.deleted_at IS NULL`
    : `FROM pages p CROSS JOIN people pe ON pe.id = p.person_id
       WHERE p.rowid >= @fromKey AND p.rowid < @toKey AND p.deleted_at IS NULL
         AND +p.person_id IN (SELECT value FROM json_each(@people))`;

type Raw = (string | number | null)[];

/** Pages of these people received in [fromMs, toMs), aggregated. */
export function aggregatePageRange(db: Database, personIds: string[], fromMs: number, toMs: number): PageAggregate {
  const zones = (
    db
      .prepare(
        'SELECT DISTINCT time_zone AS zone FROM people WHERE id IN (SELECT value FROM json_each(?)) ORDER BY zone',
      )
      .all(JSON.stringify(personIds)) as { zone: string }[]
  ).map((r) => r.zone);
  const local = localTimeExpression(zones, fromMs, toMs);
  const range = {
    fromMs,
    toMs,
    fromKey: timeKeyFloor(fromMs),
    toKey: timeKeyFloor(toMs),
    people: JSON.stringify(personIds),
  };
  const rangeSql = rangeFor(personIds);

  const tallies = prepared(
    db,
    `SELECT p.person_id, p.service_id, ${weekSql} AS week, count(*), sum(p.triage = 'actionable'), sum(p.triage = 'noise'),
       sum(p.sleep_hour), sum(p.off_hours), sum((${local.sql} / 86400000 + 3) % 7 >= 5),
       coalesce(sum(p.minutes_spent), 0), count(p.minutes_spent), sum(p.minutes_spent > 30),
       coalesce(sum(p.acknowledged_at - p.received_at), 0), count(p.acknowledged_at),
       coalesce(sum(p.resolved_at - p.received_at), 0), count(p.resolved_at)
     ${rangeSql} GROUP BY 1, 2, 3`,
  )
    .raw()
    .all(...local.params, range) as Raw[];
  const rows: TallyRow[] = tallies.map((r) => ({
    personId: String(r[0]),
    serviceId: String(r[1]),
    week: Number(r[2]),
    pages: Number(r[3]),
    actionable: Number(r[4]),
    noise: Number(r[5]),
    sleepHour: Number(r[6]),
    offHours: Number(r[7]),
    weekend: Number(r[8]),
    minutesSpent: Number(r[9]),
    minutesLogged: Number(r[10]),
    over30: Number(r[11] ?? 0),
    ackMs: Number(r[12]),
    acked: Number(r[13]),
    resolveMs: Number(r[14]),
    resolved: Number(r[15]),
  }));

  const histogram = (column: 'acknowledged_at' | 'resolved_at'): HistogramRow[] =>
    (
      prepared(
        db,
        `SELECT p.person_id, (p.${column} - p.received_at + 59999) / 60000, count(*) ${rangeSql}
           AND p.${column} IS NOT NULL GROUP BY 1, 2`,
      )
        .raw()
        .all(range) as Raw[]
    ).map((r) => ({ personId: String(r[0]), minutes: Number(r[1]), count: Number(r[2]) }));

  const heatmap = new Array<number>(168).fill(0);
  const hours = prepared(
    db,
    `SELECT ((${local.sql} / 86400000 + 3) % 7) * 24 + (${local.sql} % 86400000) / 3600000, count(*) ${rangeSql} GROUP BY 1`,
  )
    .raw()
    .all(...local.params, ...local.params, range) as Raw[];
  for (const [slot, count] of hours) heatmap[Number(slot)] = Number(count);

  return sortAggregate({ rows, ack: histogram('acknowledged_at'), resolve: histogram('resolved_at'), heatmap });
}

export interface OpenIncidentRow {
  received_at: number;
  service: string;
  summary: string;
  handle: string;
}

/** Actionable pages in the range not resolved yet, oldest first. */
export function openIncidents(
  db: Database,
  personIds: string[],
  fromMs: number,
  toMs: number,
  limit = 50,
): OpenIncidentRow[] {
  return prepared(
    db,
    `SELECT p.received_at, s.name AS service, p.summary, pe.handle FROM pages p
       JOIN people pe ON pe.id = p.person_id JOIN services s ON s.id = p.service_id
     WHERE p.rowid >= ? AND p.rowid < ? AND p.deleted_at IS NULL AND p.person_id IN (SELECT value FROM json_each(?))
       AND p.triage = 'actionable' AND p.resolved_at IS NULL
     ORDER BY p.rowid LIMIT ?`,
  ).all(timeKeyFloor(fromMs), timeKeyFloor(toMs), JSON.stringify(personIds), limit) as OpenIncidentRow[];
}

/** The people of a team: its members and everyone in its rotations. */
export function teamPersonIds(db: Database, teamId: string): string[] {
  return (
    db
      .prepare(
        `SELECT person_id FROM team_people WHERE team_id = ?
         UNION SELECT m.person_id FROM rotation_members m JOIN rotations r ON r.id = m.rotation_id
           WHERE r.team_id = ? AND r.deleted_at IS NULL`,
      )
      .all(teamId, teamId) as { person_id: string }[]
  ).map((r) => r.person_id);
}

export function serviceNames(db: Database): Map<string, string> {
  return new Map(
    (db.prepare('SELECT id, name FROM services').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]),
  );
}
