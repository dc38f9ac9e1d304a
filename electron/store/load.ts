// On-call load aggregates: pages in a time range (a time-key range, so only those rows are read)
// tallied per (person, service, week), histograms of minutes to acknowledge and resolve, and
// pages by local hour of the week. Local time is each person's own zone: the zone offsets
// over the range come from shared/domain/load.ts and are bound as parameters of a CASE.
// `aggregatePages` in shared/domain/load.ts is the definition these queries must match.

import type { Database, Statement } from 'better-sqlite3';
import {
  ceilMinutes,
  mergeAggregates,
  offsetIntervals,
  sortAggregate,
  type HistogramRow,
  type PageAggregate,
  type TallyRow,
} from '../../shared/domain/load';
import { timeKeyFloor } from './pages';
import { tallyColumns } from './rollups';

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
const rangeFor = (personIds: string[], everyone: boolean): string =>
  personIds.length <= fewPeople
    ? `FROM pages p JOIN people pe ON pe.id = p.person_id JOIN services s ON s.id = p.service_id
       WHERE p.person_id IN (SELECT value FROM json_each(@people)) AND p.received_at >= @fromMs AND p.received_at < @toMs
         AND p.deleted_at IS NULL`
    : `FROM pages p CROSS JOIN people pe ON pe.id = p.person_id CROSS JOIN services s ON s.id = p.service_id
       WHERE p.rowid >= @fromKey AND p.rowid < @toKey AND p.deleted_at IS NULL
         ${everyone ? '' : 'AND +p.person_id IN (SELECT value FROM json_each(@people))'}`;

/**
 * Pages of these people received in [fromMs, toMs), aggregated in one pass: SQL picks the rows
 * (a time-key range, or a person's index), joins each page to its person's zone and works out
 * its week, local hour, flags and durations; a loop tallies them. Four GROUP BYs (each one a
 * sort of every row in the range) took twice as long: 436 ms against 200 ms for 13 weeks of a
 * 50-person team at 1M pages.
 */
export function scanPageRange(db: Database, personIds: string[], fromMs: number, toMs: number): PageAggregate {
  const zones = (
    db
      .prepare(
        'SELECT DISTINCT time_zone AS zone FROM people WHERE id IN (SELECT value FROM json_each(?)) ORDER BY zone',
      )
      .all(JSON.stringify(personIds)) as { zone: string }[]
  ).map((r) => r.zone);
  const local = localTimeExpression(zones, fromMs, toMs);
  const firstWeek = Math.floor((fromMs - 345_600_000) / 604_800_000);
  const range = {
    fromMs,
    toMs,
    fromKey: timeKeyFloor(fromMs),
    toKey: timeKeyFloor(toMs),
    people: JSON.stringify(personIds),
    firstWeek,
  };
  // Per page, four numbers: person and service (rowids); week, minutes spent, four flags and
  // the local hour since the epoch packed in one; milliseconds to acknowledge and to resolve
  // (-1: not yet). Fewer columns is most of the speed: each costs the same to hand over.
  // A team of everyone in the store (the usual case) needs no filter by person.
  const everyone = new Set(personIds).size === (db.prepare('SELECT count(*) FROM people').pluck().get() as number);
  const statement = prepared(
    db,
    `SELECT pe.rowid * 1048576 + s.rowid,
       ((((${weekSql} - @firstWeek) * 2048 + coalesce(p.minutes_spent, -1) + 1) * 16
         + (p.triage IS 'actionable') * 8 + (p.triage IS 'noise') * 4 + p.sleep_hour * 2 + p.off_hours) * 8388608)
         + ${local.sql} / 3600000,
       coalesce(p.acknowledged_at - p.received_at, -1), coalesce(p.resolved_at - p.received_at, -1)
     ${rangeFor(personIds, everyone)}`,
  ).raw();
  const personRows = db.prepare('SELECT rowid, id FROM people').raw().all() as [number, string][];
  const serviceRows = db.prepare('SELECT rowid, id FROM services').raw().all() as [number, string][];
  const personIndex = new Map(personRows.map(([rowid], i) => [rowid, i]));
  const serviceIndex = new Map(serviceRows.map(([rowid], i) => [rowid, i]));
  const weeks = Math.floor((toMs - 1 - 345_600_000) / 604_800_000) - firstWeek + 1;
  const fields = 13;
  // Dense tallies: person × service × week × field.
  const tallies = new Float64Array(personRows.length * serviceRows.length * weeks * fields);
  const ack = new Map<number, number>();
  const resolve = new Map<number, number>();
  const heatmap = new Array<number>(168).fill(0);
  const add = (at: number, value: number): void => {
    tallies[at] = (tallies[at] ?? 0) + value;
  };
  const histogramKey = (person: number, ms: number): number => person * 16_777_216 + ceilMinutes(ms);
  for (const row of statement.iterate(...local.params, range) as Iterable<number[]>) {
    const [who, packed, ackMs, resolveMs] = row as [number, number, number, number];
    const person = personIndex.get(Math.floor(who / 1_048_576)) ?? 0;
    const service = serviceIndex.get(who % 1_048_576) ?? 0;
    const localHour = packed % 8_388_608;
    const rest = Math.floor(packed / 8_388_608);
    const flags = rest % 16;
    const minutesPlusOne = Math.floor(rest / 16) % 2048;
    const week = Math.floor(rest / 32_768);
    const at = ((person * serviceRows.length + service) * weeks + week) * fields;
    const day = Math.floor(localHour / 24);
    const weekday = (((day + 3) % 7) + 7) % 7;
    add(at, 1);
    if (flags & 8) add(at + 1, 1);
    if (flags & 4) add(at + 2, 1);
    if (flags & 2) add(at + 3, 1);
    if (flags & 1) add(at + 4, 1);
    if (weekday >= 5) add(at + 5, 1);
    if (minutesPlusOne > 0) {
      add(at + 6, minutesPlusOne - 1);
      add(at + 7, 1);
      if (minutesPlusOne - 1 > 30) add(at + 8, 1);
    }
    if (ackMs >= 0) {
      add(at + 9, ackMs);
      add(at + 10, 1);
      const key = histogramKey(person, ackMs);
      ack.set(key, (ack.get(key) ?? 0) + 1);
    }
    if (resolveMs >= 0) {
      add(at + 11, resolveMs);
      add(at + 12, 1);
      const key = histogramKey(person, resolveMs);
      resolve.set(key, (resolve.get(key) ?? 0) + 1);
    }
    const slot = weekday * 24 + (localHour - day * 24);
    heatmap[slot] = (heatmap[slot] ?? 0) + 1;
  }
  const rows: TallyRow[] = [];
  for (let person = 0; person < personRows.length; person++)
    for (let service = 0; service < serviceRows.length; service++)
      for (let week = 0; week < weeks; week++) {
        const at = ((person * serviceRows.length + service) * weeks + week) * fields;
        if (tallies[at] === 0) continue;
        const t = (i: number): number => tallies[at + i] ?? 0;
        rows.push({
          personId: personRows[person]?.[1] ?? '',
          serviceId: serviceRows[service]?.[1] ?? '',
          week: firstWeek + week,
          pages: t(0),
          actionable: t(1),
          noise: t(2),
          sleepHour: t(3),
          offHours: t(4),
          weekend: t(5),
          minutesSpent: t(6),
          minutesLogged: t(7),
          over30: t(8),
          ackMs: t(9),
          acked: t(10),
          resolveMs: t(11),
          resolved: t(12),
        });
      }
  const histogram = (counts: Map<number, number>): HistogramRow[] =>
    [...counts].map(([key, count]) => ({
      personId: personRows[Math.floor(key / 16_777_216)]?.[1] ?? '',
      minutes: key % 16_777_216,
      count,
    }));
  return sortAggregate({ rows, ack: histogram(ack), resolve: histogram(resolve), heatmap });
}

const dayMs = 86_400_000;

/**
 * Pages of these people received in [fromMs, toMs), aggregated: the whole UTC days inside the
 * range from the rollups (store/rollups.ts, a few thousand rollup rows for 13 weeks of a 50-person
 * team instead of 130,000 pages), and each partial day at either end whichever way reads fewer
 * pages: its pages inside the range, or the whole day's rollups less its pages outside the range.
 * A range that ends now is the second: nothing has been received after now, and the day so far
 * (at 1M pages, 5,551 of them, 47 ms of the dashboard's 211 under load) is read from the rollups.
 */
export function aggregatePageRange(db: Database, personIds: string[], fromMs: number, toMs: number): PageAggregate {
  const firstDay = Math.ceil(fromMs / dayMs);
  const lastDay = Math.floor(toMs / dayMs);
  if (lastDay - firstDay < 1) return scanPageRange(db, personIds, fromMs, toMs);
  let rolledFrom = firstDay;
  let rolledTo = lastDay;
  const plus: PageAggregate[] = [];
  const minus: PageAggregate[] = [];
  if (fromMs < firstDay * dayMs) {
    const dayStart = (firstDay - 1) * dayMs;
    if (fewerPagesIn(db, dayStart, fromMs, fromMs, firstDay * dayMs)) {
      rolledFrom -= 1;
      minus.push(scanPageRange(db, personIds, dayStart, fromMs));
    } else plus.push(scanPageRange(db, personIds, fromMs, firstDay * dayMs));
  }
  if (lastDay * dayMs < toMs) {
    const dayEnd = (lastDay + 1) * dayMs;
    if (fewerPagesIn(db, toMs, dayEnd, lastDay * dayMs, toMs)) {
      rolledTo += 1;
      minus.push(scanPageRange(db, personIds, toMs, dayEnd));
    } else plus.push(scanPageRange(db, personIds, lastDay * dayMs, toMs));
  }
  const rolled = rollupRange(db, personIds, rolledFrom, rolledTo);
  return plus.length === 0 && minus.length === 0 ? sortAggregate(rolled) : mergeAggregates([rolled, ...plus], minus);
}

/**
 * Whether fewer pages (anyone's, tombstones too: what a scan would read) were received in
 * [fromMs, toMs) than in [otherFromMs, otherToMs); the second count stops once it has more.
 */
function fewerPagesIn(db: Database, fromMs: number, toMs: number, otherFromMs: number, otherToMs: number): boolean {
  const count = prepared(
    db,
    'SELECT count(*) FROM (SELECT 1 FROM pages WHERE rowid >= ? AND rowid < ? LIMIT ?)',
  ).pluck();
  const pages = count.get(timeKeyFloor(fromMs), timeKeyFloor(toMs), -1) as number;
  return (count.get(timeKeyFloor(otherFromMs), timeKeyFloor(otherToMs), pages + 1) as number) > pages;
}

/** The rollups of UTC days [firstDay, lastDay) for these people, summed over the days in SQL. */
export function rollupRange(db: Database, personIds: string[], firstDay: number, lastDay: number): PageAggregate {
  const args = { firstDay, lastDay, people: JSON.stringify(personIds) };
  const who = 'person_id IN (SELECT value FROM json_each(@people))';
  const sums = tallyColumns
    .split(', ')
    .map((c) => `sum(${c})`)
    .join(', ');
  const rows = (
    prepared(
      db,
      `SELECT person_id, service_id, (day - 4) / 7 - ((day - 4) % 7 < 0) AS week, ${sums}
       FROM page_day_tallies WHERE day >= @firstDay AND day < @lastDay AND ${who} GROUP BY person_id, service_id, week`,
    )
      .raw()
      .all(args) as [string, string, number, ...number[]][]
  ).map((r): TallyRow => ({
    personId: r[0],
    serviceId: r[1],
    week: r[2],
    pages: r[3] ?? 0,
    actionable: r[4] ?? 0,
    noise: r[5] ?? 0,
    sleepHour: r[6] ?? 0,
    offHours: r[7] ?? 0,
    weekend: r[8] ?? 0,
    minutesSpent: r[9] ?? 0,
    minutesLogged: r[10] ?? 0,
    over30: r[11] ?? 0,
    ackMs: r[12] ?? 0,
    acked: r[13] ?? 0,
    resolveMs: r[14] ?? 0,
    resolved: r[15] ?? 0,
  }));
  const heatmap = new Array<number>(168).fill(0);
  const hours = prepared(
    db,
    `SELECT slot, sum(pages) FROM page_day_hours WHERE day >= @firstDay AND day < @lastDay AND ${who} GROUP BY slot`,
  ).raw();
  for (const [slot, pages] of hours.iterate(args) as Iterable<[number, number]>) heatmap[slot] = pages;
  // Both histograms from one pass over the days' rows (a query per kind read every row twice).
  const ack: HistogramRow[] = [];
  const resolve: HistogramRow[] = [];
  const minutes = prepared(
    db,
    `SELECT person_id, kind, minutes, sum(pages) FROM page_day_minutes
     WHERE day >= @firstDay AND day < @lastDay AND ${who} GROUP BY person_id, kind, minutes`,
  ).raw();
  for (const [personId, kind, whole, count] of minutes.iterate(args) as Iterable<[string, number, number, number]>)
    (kind === 0 ? ack : resolve).push({ personId, minutes: whole, count });
  return { rows, ack, resolve, heatmap };
}

export interface OpenIncidentRow {
  received_at: number;
  service: string;
  summary: string;
  handle: string;
  /** The status of the postmortem of the incident this page belongs to, if any. */
  postmortem: string | null;
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
    `SELECT p.received_at, s.name AS service, p.summary, pe.handle,
       (SELECT pm.status FROM incident_pages ip JOIN postmortems pm ON pm.incident_id = ip.incident_id
          WHERE ip.page_id = p.id AND pm.deleted_at IS NULL LIMIT 1) AS postmortem
     FROM pages p
       JOIN people pe ON pe.id = p.person_id JOIN services s ON s.id = p.service_id
     WHERE p.rowid >= ? AND p.rowid < ? AND p.deleted_at IS NULL AND p.person_id IN (SELECT value FROM json_each(?))
       AND p.triage = 'actionable' AND p.resolved_at IS NULL
     ORDER BY p.rowid LIMIT ?`,
  ).all(timeKeyFloor(fromMs), timeKeyFloor(toMs), JSON.stringify(personIds), limit) as OpenIncidentRow[];
}

export interface IncidentRow {
  id: string;
  title: string;
  severity: number;
  started_at: number;
  resolved_at: number | null;
  postmortem: 'draft' | 'review' | 'published' | null;
}

/** Incidents that started in the range, or started before it and are not resolved. */
export function incidentsIn(db: Database, fromMs: number, toMs: number): IncidentRow[] {
  return prepared(
    db,
    `SELECT i.id, i.title, i.severity, i.started_at, i.resolved_at,
       (SELECT pm.status FROM postmortems pm WHERE pm.incident_id = i.id AND pm.deleted_at IS NULL LIMIT 1) AS postmortem
     FROM incidents i
     WHERE i.deleted_at IS NULL AND i.started_at < ? AND (i.started_at >= ? OR i.resolved_at IS NULL)
     ORDER BY i.started_at`,
  ).all(toMs, fromMs) as IncidentRow[];
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
