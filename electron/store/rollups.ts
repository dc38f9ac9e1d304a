// Stored page aggregates ("rollups") per UTC day, kept by triggers on `pages` (migration 7), so a
// dashboard reads a few thousand rollup rows instead of every page in its range:
//   page_day_tallies  (day, person, service) → the 13 tallies of shared/domain/load.ts
//   page_day_hours    (day, person, local hour of the week) → pages (the heatmap)
//   page_day_minutes  (day, person, ack | resolve, whole minutes) → pages (exact p90s)
// The local hour of the week and the weekend flag are judged in the person's *current* zone:
// the triggers ask `oncall_local_slot`, a function every connection registers
// (`registerStoreFunctions`), and a change of a person's zone recounts that person's rows.
// Whatever writes pages must run on a connection opened by `openStore`.

import type { Database } from 'better-sqlite3';
import { offsetIntervals, type OffsetInterval } from '../../shared/domain/load';

const dayMs = 86_400_000;
const hourMs = 3_600_000;

const yearOffsets = new Map<string, OffsetInterval[]>();

/** The interval the last look-up in each zone landed in: pages come in time order, mostly. */
const lastInterval = new Map<string, { startMs: number; endMs: number; offsetMs: number }>();

/** A zone's UTC offset at an instant, from its offset intervals of that UTC year (cached). */
function offsetAt(zone: string, ms: number): number {
  const last = lastInterval.get(zone);
  if (last && ms >= last.startMs && ms < last.endMs) return last.offsetMs;
  return offsetInYear(zone, ms);
}

function offsetInYear(zone: string, ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const key = `${zone}|${year}`;
  let intervals = yearOffsets.get(key);
  if (!intervals) {
    if (yearOffsets.size > 2000) yearOffsets.clear();
    intervals = offsetIntervals(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));
    yearOffsets.set(key, intervals);
  }
  let startMs = Date.UTC(year, 0, 1);
  for (const interval of intervals) {
    if (ms < interval.endMs) {
      // Remembered within this year only: the next year's intervals are looked up again.
      if (lastInterval.size > 2000) lastInterval.clear();
      lastInterval.set(zone, {
        startMs,
        endMs: Math.min(interval.endMs, Date.UTC(year + 1, 0, 1)),
        offsetMs: interval.offsetMs,
      });
      return interval.offsetMs;
    }
    startMs = interval.endMs;
  }
  return intervals[intervals.length - 1]?.offsetMs ?? 0;
}

/** Local hour of the week of an instant in a zone: (ISO weekday − 1) × 24 + hour, 0–167. */
export function localSlot(zone: string, ms: number): number {
  const offset = offsetAt(zone, ms);
  const local = ms + (Number.isFinite(offset) ? offset : 0);
  const day = Math.floor(local / dayMs);
  const weekday = (((day + 3) % 7) + 7) % 7;
  return weekday * 24 + Math.floor((local - day * dayMs) / hourMs);
}

/** The SQL functions the schema's triggers call. Every connection to a store registers them. */
export function registerStoreFunctions(db: Database): void {
  db.function('oncall_local_slot', { deterministic: true }, (zone: unknown, ms: unknown) =>
    localSlot(String(zone), Number(ms)),
  );
}

/** floor(x / d) for integers in SQL (SQLite's `/` truncates towards zero). */
const floorDiv = (x: string, d: number): string => `((${x}) / ${d} - ((${x}) % ${d} < 0))`;

export const tallyColumns =
  'pages, actionable, noise, sleep_hour, off_hours, weekend, minutes_spent, minutes_logged, over30, ack_ms, acked, resolve_ms, resolved';

/**
 * The trigger statements that add (sign 1) or take away (sign −1) one page — `ref` is NEW or
 * OLD — in the three rollups; rows that reach zero pages are removed.
 */
export function rollupStatements(ref: 'NEW' | 'OLD', sign: 1 | -1): string {
  const p = ref;
  const day = floorDiv(`${p}.received_at`, dayMs);
  const slot = `oncall_local_slot((SELECT time_zone FROM people WHERE id = ${p}.person_id), ${p}.received_at)`;
  const s = sign === 1 ? '' : '-';
  const minutes = (at: string): string => floorDiv(`${at} - ${p}.received_at + 59999`, 60_000);
  const prune = (table: string, key: string): string =>
    sign === 1 ? '' : `DELETE FROM ${table} WHERE ${key} AND pages = 0;`;
  const tallyKey = `day = ${day} AND person_id = ${p}.person_id AND service_id = ${p}.service_id`;
  const histogram = (kind: 0 | 1, at: string): string => `
    INSERT INTO page_day_minutes (day, person_id, kind, minutes, pages)
      SELECT ${day}, ${p}.person_id, ${kind}, ${minutes(at)}, ${s}1 WHERE ${at} IS NOT NULL
      ON CONFLICT DO UPDATE SET pages = pages + excluded.pages;
    ${prune('page_day_minutes', `day = ${day} AND person_id = ${p}.person_id AND kind = ${kind} AND minutes = ${minutes(at)}`)}`;
  return `
    INSERT INTO page_day_hours (day, person_id, slot, pages) VALUES (${day}, ${p}.person_id, ${slot}, ${s}1)
      ON CONFLICT DO UPDATE SET pages = pages + excluded.pages;
    ${prune('page_day_hours', `day = ${day} AND person_id = ${p}.person_id AND slot = ${slot}`)}
    INSERT INTO page_day_tallies (day, person_id, service_id, ${tallyColumns})
      VALUES (${day}, ${p}.person_id, ${p}.service_id, ${s}1, ${s}(${p}.triage IS 'actionable'), ${s}(${p}.triage IS 'noise'),
        ${s}${p}.sleep_hour, ${s}${p}.off_hours, ${s}(${slot} >= 120),
        ${s}coalesce(${p}.minutes_spent, 0), ${s}(${p}.minutes_spent IS NOT NULL), ${s}coalesce(${p}.minutes_spent > 30, 0),
        ${s}coalesce(${p}.acknowledged_at - ${p}.received_at, 0), ${s}(${p}.acknowledged_at IS NOT NULL),
        ${s}coalesce(${p}.resolved_at - ${p}.received_at, 0), ${s}(${p}.resolved_at IS NOT NULL))
      ON CONFLICT DO UPDATE SET ${tallyColumns
        .split(', ')
        .map((c) => `${c} = ${c} + excluded.${c}`)
        .join(', ')};
    ${prune('page_day_tallies', tallyKey)}
    ${histogram(0, `${p}.acknowledged_at`)}
    ${histogram(1, `${p}.resolved_at`)}`;
}

/** Tallies and hours of the week from `pages` (filtered by `where`), as INSERT … SELECTs. */
function recountSql(where: string): string {
  const day = floorDiv('p.received_at', dayMs);
  const live = `FROM pages p JOIN people pe ON pe.id = p.person_id WHERE p.deleted_at IS NULL ${where}`;
  return `
    INSERT INTO page_day_tallies (day, person_id, service_id, ${tallyColumns})
      SELECT day, person_id, service_id, count(*), sum(triage IS 'actionable'), sum(triage IS 'noise'), sum(sleep_hour),
        sum(off_hours), sum(slot >= 120), coalesce(sum(minutes_spent), 0), count(minutes_spent),
        sum(coalesce(minutes_spent > 30, 0)), coalesce(sum(acknowledged_at - received_at), 0), count(acknowledged_at),
        coalesce(sum(resolved_at - received_at), 0), count(resolved_at)
      FROM (SELECT ${day} AS day, p.*, oncall_local_slot(pe.time_zone, p.received_at) AS slot ${live})
      GROUP BY day, person_id, service_id;
    INSERT INTO page_day_hours (day, person_id, slot, pages)
      SELECT day, person_id, slot, count(*)
      FROM (SELECT ${day} AS day, p.person_id, oncall_local_slot(pe.time_zone, p.received_at) AS slot ${live})
      GROUP BY day, person_id, slot;`;
}

/** The trigger that recounts a person's zone-dependent rollups when their zone changes. */
export const zoneChangeSql = `
  DELETE FROM page_day_tallies WHERE person_id = NEW.id;
  DELETE FROM page_day_hours WHERE person_id = NEW.id;
  ${recountSql('AND p.person_id = NEW.id')}`;

/**
 * Every rollup recounted from `pages` in one pass: for migration 7, and for a bulk load that
 * drops `pages_rollup_insert` while it appends many pages (as the search index's trigger is
 * dropped and the index rebuilt once), then calls this inside the same transaction. One read of
 * the pages tallied in JavaScript: 1M pages in about 3 s, where GROUP BYs (one sort of every
 * page per rollup) took 6 s and the row trigger adds 18 µs a page.
 */
export function rebuildPageRollups(db: Database, days?: { from: number; to: number }): void {
  if (days) {
    // Only the UTC days [from, to): their rows, and the pages received in them (a page's rowid is
    // its time key, received_at × 1024 + a sequence, so that is a range of rowids).
    for (const table of ['page_day_tallies', 'page_day_hours', 'page_day_minutes'])
      db.prepare(`DELETE FROM ${table} WHERE day >= ? AND day < ?`).run(days.from, days.to);
  } else db.exec('DELETE FROM page_day_tallies; DELETE FROM page_day_hours; DELETE FROM page_day_minutes;');
  const people = db.prepare('SELECT rowid, id, time_zone FROM people').raw().all() as [number, string, string][];
  const services = db.prepare('SELECT rowid, id FROM services').raw().all() as [number, string][];
  const personAt = new Map(people.map(([rowid], i) => [rowid, i]));
  const serviceAt = new Map(services.map(([rowid], i) => [rowid, i]));
  const width = Math.max(people.length, services.length, 1);
  const tallies = new Map<number, number[]>();
  const hours = new Map<number, number>();
  const minutes = new Map<number, Map<number, number>>();
  const count = (dayPersonKind: number, m: number): void => {
    let inner = minutes.get(dayPersonKind);
    if (!inner) minutes.set(dayPersonKind, (inner = new Map()));
    inner.set(m, (inner.get(m) ?? 0) + 1);
  };
  const rows = db
    .prepare(
      `SELECT pe.rowid, s.rowid, p.received_at, p.acknowledged_at, p.resolved_at,
         (p.triage IS 'actionable') + (p.triage IS 'noise') * 2 + p.sleep_hour * 4 + p.off_hours * 8, p.minutes_spent
       FROM pages p CROSS JOIN people pe ON pe.id = p.person_id CROSS JOIN services s ON s.id = p.service_id
       WHERE p.deleted_at IS NULL${days ? ' AND p.rowid >= ? AND p.rowid < ?' : ''}`,
    )
    .raw();
  const keys = days ? [days.from * dayMs * 1024, days.to * dayMs * 1024] : [];
  for (const row of rows.iterate(...keys) as Iterable<
    [number, number, number, number | null, number | null, number, number | null]
  >) {
    const [personRowid, serviceRowid, at, ack, resolved, flags, spent] = row;
    const person = personAt.get(personRowid) ?? 0;
    const day = Math.floor(at / dayMs);
    const dayPerson = day * width + person;
    const slot = localSlot(people[person]?.[2] ?? 'UTC', at);
    const key = dayPerson * width + (serviceAt.get(serviceRowid) ?? 0);
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = new Array<number>(13).fill(0)));
    t[0]! += 1;
    t[1]! += flags & 1;
    t[2]! += (flags >> 1) & 1;
    t[3]! += (flags >> 2) & 1;
    t[4]! += (flags >> 3) & 1;
    if (slot >= 120) t[5]! += 1;
    if (spent !== null) {
      t[6]! += spent;
      t[7]! += 1;
      if (spent > 30) t[8]! += 1;
    }
    if (ack !== null) {
      t[9]! += ack - at;
      t[10]! += 1;
      count(dayPerson * 2, Math.floor((ack - at + 59_999) / 60_000));
    }
    if (resolved !== null) {
      t[11]! += resolved - at;
      t[12]! += 1;
      count(dayPerson * 2 + 1, Math.floor((resolved - at + 59_999) / 60_000));
    }
    const hourKey = dayPerson * 168 + slot;
    hours.set(hourKey, (hours.get(hourKey) ?? 0) + 1);
  }
  const personId = (dayPerson: number): string => people[dayPerson % width]?.[1] ?? '';
  const dayOf = (dayPerson: number): number => Math.floor(dayPerson / width);
  const insertTally = db.prepare(
    `INSERT INTO page_day_tallies (day, person_id, service_id, ${tallyColumns}) VALUES (${'?, '.repeat(15)}?)`,
  );
  for (const [key, t] of tallies) {
    const dayPerson = Math.floor(key / width);
    insertTally.run(dayOf(dayPerson), personId(dayPerson), services[key % width]?.[1] ?? '', ...t);
  }
  const insertHours = db.prepare('INSERT INTO page_day_hours (day, person_id, slot, pages) VALUES (?, ?, ?, ?)');
  for (const [key, pages] of hours) {
    const dayPerson = Math.floor(key / 168);
    insertHours.run(dayOf(dayPerson), personId(dayPerson), key % 168, pages);
  }
  const insertMinutes = db.prepare(
    'INSERT INTO page_day_minutes (day, person_id, kind, minutes, pages) VALUES (?, ?, ?, ?, ?)',
  );
  for (const [key, inner] of minutes) {
    const dayPerson = Math.floor(key / 2);
    for (const [m, pages] of inner) insertMinutes.run(dayOf(dayPerson), personId(dayPerson), key % 2, m, pages);
  }
}

/**
 * A bulk load of pages: runs `load` without the row trigger `pages_rollup_insert`, then recounts
 * the rollups once. Call it inside the load's transaction (a failure rolls the drop back too).
 */
export function bulkLoadingPages<T>(db: Database, load: () => T): T {
  const trigger = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'pages_rollup_insert'")
    .pluck()
    .get() as string | undefined;
  if (trigger) db.exec('DROP TRIGGER pages_rollup_insert');
  try {
    const result = load();
    rebuildPageRollups(db);
    return result;
  } finally {
    if (trigger) db.exec(trigger);
  }
}

/** What the rollups count of one new page (its person's current zone judges the hour of the week). */
export interface RollupPage {
  personId: string;
  serviceId: string;
  zone: string;
  receivedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  triage: 'actionable' | 'noise' | null;
  sleepHour: boolean;
  offHours: boolean;
  minutesSpent: number | null;
}

/** Adds new pages' tallies to the rollups in one pass: what the row trigger would add, row by row. */
export function addToRollups(db: Database, pages: readonly RollupPage[]): void {
  const tallies = new Map<string, { day: number; person: string; service: string; t: number[] }>();
  const hours = new Map<string, { day: number; person: string; slot: number; pages: number }>();
  const minutes = new Map<string, { day: number; person: string; kind: 0 | 1; minutes: number; pages: number }>();
  const histogram = (day: number, person: string, kind: 0 | 1, m: number): void => {
    const key = `${day}|${person}|${kind}|${m}`;
    const found = minutes.get(key);
    if (found) found.pages += 1;
    else minutes.set(key, { day, person, kind, minutes: m, pages: 1 });
  };
  for (const page of pages) {
    const at = page.receivedAt;
    const day = Math.floor(at / dayMs);
    const slot = localSlot(page.zone, at);
    const key = `${day}|${page.personId}|${page.serviceId}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = { day, person: page.personId, service: page.serviceId, t: new Array<number>(13).fill(0) };
      tallies.set(key, tally);
    }
    const t = tally.t;
    t[0]! += 1;
    if (page.triage === 'actionable') t[1]! += 1;
    if (page.triage === 'noise') t[2]! += 1;
    if (page.sleepHour) t[3]! += 1;
    if (page.offHours) t[4]! += 1;
    if (slot >= 120) t[5]! += 1;
    if (page.minutesSpent !== null) {
      t[6]! += page.minutesSpent;
      t[7]! += 1;
      if (page.minutesSpent > 30) t[8]! += 1;
    }
    if (page.acknowledgedAt !== null) {
      t[9]! += page.acknowledgedAt - at;
      t[10]! += 1;
      histogram(day, page.personId, 0, Math.floor((page.acknowledgedAt - at + 59_999) / 60_000));
    }
    if (page.resolvedAt !== null) {
      t[11]! += page.resolvedAt - at;
      t[12]! += 1;
      histogram(day, page.personId, 1, Math.floor((page.resolvedAt - at + 59_999) / 60_000));
    }
    const hourKey = `${day}|${page.personId}|${slot}`;
    const hour = hours.get(hourKey);
    if (hour) hour.pages += 1;
    else hours.set(hourKey, { day, person: page.personId, slot, pages: 1 });
  }
  const columns = tallyColumns.split(', ');
  const addTally = db.prepare(
    `INSERT INTO page_day_tallies (day, person_id, service_id, ${tallyColumns}) VALUES (${'?, '.repeat(15)}?)
     ON CONFLICT DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  );
  for (const { day, person, service, t } of tallies.values()) addTally.run(day, person, service, ...t);
  const addHour = db.prepare(
    `INSERT INTO page_day_hours (day, person_id, slot, pages) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET pages = pages + excluded.pages`,
  );
  for (const h of hours.values()) addHour.run(h.day, h.person, h.slot, h.pages);
  const addMinutes = db.prepare(
    `INSERT INTO page_day_minutes (day, person_id, kind, minutes, pages) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET pages = pages + excluded.pages`,
  );
  for (const m of minutes.values()) addMinutes.run(m.day, m.person, m.kind, m.minutes, m.pages);
}
