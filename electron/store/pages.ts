// Pages: the store's plain functions over the `pages` table (and its full-text index).
//
// A page's rowid is its *time key*: received_at (ms) × 1024 + a sequence for pages received in
// the same millisecond (past 1,024 of them, the next free key after it: freeTimeKey).
// Newest-first order is then rowid order, which the table itself, every index (SQLite appends
// the rowid) and the full-text index (FTS5 walks rowids in either direction) can all produce
// without sorting: the first screen, a date range and a search for a common word stop after the
// rows they show, at any size. The time key never leaves the device.

import type { Database, Statement } from 'better-sqlite3';
import type { Page, Triage } from '../../shared/contract';

export interface PageRow {
  time_key: number;
  id: string;
  person_id: string;
  person_handle: string;
  service_id: string;
  service_name: string;
  severity: number;
  summary: string;
  notes: string;
  notes_private: number;
  source: 'manual' | 'import';
  triage: Triage;
  received_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  zone: string;
  sleep_hour: number;
  sleep_hour_overridden: number;
  off_hours: number;
  minutes_spent: number | null;
  tags: string;
  created_at: number;
  updated_at: number;
  device_id: string;
  deleted_at: number | null;
  external_source: ExternalSource | null;
  external_id: string | null;
  external_link: string | null;
}

/** The paging platform an imported page came from (migration 9). */
export type ExternalSource = 'pagerduty' | 'opsgenie' | 'grafana-oncall' | 'csv';

/** What is written: the columns of `pages` itself. */
export interface PageWrite {
  id: string;
  personId: string;
  serviceId: string;
  severity: number;
  summary: string;
  notes: string;
  notesPrivate: boolean;
  source: 'manual' | 'import';
  triage: Triage;
  receivedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  zone: string;
  sleepHour: boolean;
  sleepHourOverridden: boolean;
  offHours: boolean;
  minutesSpent: number | null;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  deviceId: string;
  deletedAt: number | null;
  /** Imported pages: the platform, its id for the page and a link back. Left out = kept as stored. */
  externalSource?: ExternalSource | null;
  externalId?: string | null;
  link?: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function toPage(row: PageRow): Page {
  return {
    id: row.id,
    personId: row.person_id,
    personHandle: row.person_handle,
    service: row.service_name,
    severity: row.severity,
    summary: row.summary,
    notes: row.notes,
    notesPrivate: row.notes_private === 1,
    source: row.source,
    triage: row.triage,
    receivedAt: iso(row.received_at),
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    resolvedAt: isoOrNull(row.resolved_at),
    zone: row.zone,
    sleepHour: row.sleep_hour === 1,
    sleepHourOverridden: row.sleep_hour_overridden === 1,
    offHours: row.off_hours === 1,
    minutesSpent: row.minutes_spent,
    tags: JSON.parse(row.tags) as string[],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deviceId: row.device_id,
    deletedAt: isoOrNull(row.deleted_at),
    externalSource: row.external_source ?? null,
    externalId: row.external_id ?? null,
    link: row.external_link ?? null,
    onCall: null,
  };
}

const selectPage = `SELECT p.rowid AS time_key, p.*, s.name AS service_name, pe.handle AS person_handle
  FROM pages p JOIN services s ON s.id = p.service_id JOIN people pe ON pe.id = p.person_id`;

interface Statements {
  insert: Statement;
  update: Statement;
  get: Statement;
  lastKeyIn: Statement;
}

const keysPerMs = 1024;
export const timeKeyFloor = (ms: number): number => ms * keysPerMs;
const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let found = cache.get(db);
  if (!found) {
    found = {
      // Positional: a first import inserts a million of these, and binding by name costs more.
      insert: db.prepare(`INSERT INTO pages (rowid, id, person_id, service_id, severity, summary, notes, notes_private,
        source, triage, received_at, acknowledged_at, resolved_at, zone, sleep_hour, sleep_hour_overridden, off_hours,
        minutes_spent, tags, created_at, updated_at, device_id, deleted_at, external_source, external_id, external_link)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      update:
        db.prepare(`UPDATE pages SET rowid = @timeKey, person_id = @personId, service_id = @serviceId, severity = @severity,
        summary = @summary, notes = @notes, notes_private = @notesPrivate, source = @source, triage = @triage, received_at = @receivedAt,
        acknowledged_at = @acknowledgedAt, resolved_at = @resolvedAt, zone = @zone, sleep_hour = @sleepHour,
        sleep_hour_overridden = @sleepHourOverridden, off_hours = @offHours, minutes_spent = @minutesSpent, tags = @tags,
        updated_at = @updatedAt, device_id = @deviceId, deleted_at = @deletedAt,
        external_source = coalesce(@externalSource, external_source), external_id = coalesce(@externalId, external_id),
        external_link = coalesce(@link, external_link) WHERE id = @id`),
      get: db.prepare(`${selectPage} WHERE p.id = ?`),
      lastKeyIn: db.prepare('SELECT max(rowid) AS last FROM pages WHERE rowid BETWEEN ? AND ?'),
    };
    cache.set(db, found);
  }
  return found;
}

function bind(page: PageWrite): Record<string, unknown> {
  return {
    ...page,
    notesPrivate: page.notesPrivate ? 1 : 0,
    sleepHour: page.sleepHour ? 1 : 0,
    sleepHourOverridden: page.sleepHourOverridden ? 1 : 0,
    offHours: page.offHours ? 1 : 0,
    tags: JSON.stringify(page.tags),
    externalSource: page.externalSource ?? null,
    externalId: page.externalId ?? null,
    link: page.link ?? null,
  };
}

/** Per store: where the keys of an overflowing millisecond went last (its floor → a later floor). */
const spills = new WeakMap<Database, Map<number, number>>();

/**
 * The next free time key in the page's millisecond. Once its 1,024 keys are taken (a storm of
 * pages stamped alike in an import, a pinned clock), the next free key in the milliseconds after
 * it: the page then sorts (and counts in a date range) as received up to a few milliseconds later.
 * Where the last one went is remembered, so a million pages stamped alike cost a lookup each.
 */
export function freeTimeKey(db: Database, receivedAt: number): number {
  const own = timeKeyFloor(receivedAt);
  let store = spills.get(db);
  if (!store) spills.set(db, (store = new Map()));
  for (let floor = store.get(own) ?? own; ; floor += keysPerMs) {
    const { last } = statements(db).lastKeyIn.get(floor, floor + keysPerMs - 1) as { last: number | null };
    const key = last === null ? floor : last + 1;
    if (key < floor + keysPerMs) {
      if (floor !== own) store.set(own, floor);
      return key;
    }
  }
}

/** Inserts the page; returns its time key (its rowid). */
export function insertPage(db: Database, page: PageWrite): number {
  const timeKey = freeTimeKey(db, page.receivedAt);
  statements(db).insert.run(
    timeKey,
    page.id,
    page.personId,
    page.serviceId,
    page.severity,
    page.summary,
    page.notes,
    page.notesPrivate ? 1 : 0,
    page.source,
    page.triage,
    page.receivedAt,
    page.acknowledgedAt,
    page.resolvedAt,
    page.zone,
    page.sleepHour ? 1 : 0,
    page.sleepHourOverridden ? 1 : 0,
    page.offHours ? 1 : 0,
    page.minutesSpent,
    JSON.stringify(page.tags),
    page.createdAt,
    page.updatedAt,
    page.deviceId,
    page.deletedAt,
    page.externalSource ?? null,
    page.externalId ?? null,
    page.link ?? null,
  );
  return timeKey;
}

/** `current` is the row as stored; the time key moves only when received_at does. */
export function updatePage(db: Database, page: PageWrite, current: PageRow): void {
  const timeKey = page.receivedAt === current.received_at ? current.time_key : freeTimeKey(db, page.receivedAt);
  statements(db).update.run({ ...bind(page), timeKey });
}

/** Includes tombstoned pages: callers decide whether a deleted page counts. */
export function getPageRow(db: Database, id: string): PageRow | undefined {
  return statements(db).get.get(id) as PageRow | undefined;
}

export function rowToWrite(row: PageRow): PageWrite {
  return {
    id: row.id,
    personId: row.person_id,
    serviceId: row.service_id,
    severity: row.severity,
    summary: row.summary,
    notes: row.notes,
    notesPrivate: row.notes_private === 1,
    source: row.source,
    triage: row.triage,
    receivedAt: row.received_at,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    zone: row.zone,
    sleepHour: row.sleep_hour === 1,
    sleepHourOverridden: row.sleep_hour_overridden === 1,
    offHours: row.off_hours === 1,
    minutesSpent: row.minutes_spent,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deletedAt: row.deleted_at,
    externalSource: row.external_source ?? null,
    externalId: row.external_id ?? null,
    link: row.external_link ?? null,
  };
}

export interface PageFilter {
  serviceId?: string;
  severity?: number;
  triage?: 'actionable' | 'noise' | 'untriaged';
  sleepHour?: boolean;
  sinceMs?: number;
  untilMs?: number;
  /** An FTS5 MATCH expression (already made safe by `ftsQuery`). */
  match?: string;
  /** Keyset: only pages after this time key in newest-first order. */
  beforeKey?: number;
  limit: number;
}

/** Turns what a person typed into a safe FTS5 expression: every word must appear, the last as a prefix. */
export function ftsQuery(text: string): string | undefined {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => word.length > 0);
  if (words.length === 0) return undefined;
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** The WHERE of a page filter's service, severity, triage and sleep-hour parts over `pages p`
 * (no date range, no search), with its parameters: the list and the count share it. */
export function pageFilterWhere(filter: Pick<PageFilter, 'serviceId' | 'severity' | 'triage' | 'sleepHour'>): {
  where: string[];
  params: unknown[];
} {
  const where: string[] = ['p.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.serviceId !== undefined) {
    where.push('p.service_id = ?');
    params.push(filter.serviceId);
  }
  if (filter.severity !== undefined) {
    where.push('p.severity = ?');
    params.push(filter.severity);
  }
  if (filter.triage === 'untriaged') where.push('p.triage IS NULL');
  else if (filter.triage !== undefined) {
    where.push('p.triage = ?');
    params.push(filter.triage);
  }
  if (filter.sleepHour !== undefined) {
    where.push('p.sleep_hour = ?');
    params.push(filter.sleepHour ? 1 : 0);
  }
  return { where, params };
}

export function listPageRows(db: Database, filter: PageFilter): PageRow[] {
  const { where, params } = pageFilterWhere(filter);
  // Date ranges and the cursor are ranges of time keys: the table is walked from the right place.
  if (filter.sinceMs !== undefined) {
    where.push('p.rowid >= ?');
    params.push(timeKeyFloor(filter.sinceMs));
  }
  if (filter.untilMs !== undefined) {
    where.push('p.rowid < ?');
    params.push(timeKeyFloor(filter.untilMs));
  }
  if (filter.beforeKey !== undefined) {
    where.push('p.rowid < ?');
    params.push(filter.beforeKey);
  }
  params.push(filter.limit);
  if (filter.match !== undefined) {
    // Driven by the full-text index in descending rowid (= time) order; stops after `limit`.
    const sql = `SELECT p.rowid AS time_key, p.*, s.name AS service_name, pe.handle AS person_handle
      FROM pages_fts JOIN pages p ON p.rowid = pages_fts.rowid
      JOIN services s ON s.id = p.service_id JOIN people pe ON pe.id = p.person_id
      WHERE pages_fts MATCH ? AND ${where.join(' AND ')} ORDER BY pages_fts.rowid DESC LIMIT ?`;
    return db.prepare(sql).all(filter.match, ...params) as PageRow[];
  }
  const sql = `${selectPage} WHERE ${where.join(' AND ')} ORDER BY p.rowid DESC LIMIT ?`;
  return db.prepare(sql).all(...params) as PageRow[];
}

export interface WeekPageRow {
  received_at: number;
  triage: Triage;
  sleep_hour: number;
  off_hours: number;
  minutes_spent: number | null;
}

export function personPagesBetween(db: Database, personId: string, startMs: number, endMs: number): WeekPageRow[] {
  return db
    .prepare(
      `SELECT received_at, triage, sleep_hour, off_hours, minutes_spent FROM pages
       WHERE person_id = ? AND received_at >= ? AND received_at < ? AND deleted_at IS NULL`,
    )
    .all(personId, startMs, endMs) as WeekPageRow[];
}

export function hasPages(db: Database): boolean {
  return (
    (db.prepare('SELECT EXISTS (SELECT 1 FROM pages WHERE deleted_at IS NULL) AS found').get() as { found: number })
      .found === 1
  );
}
