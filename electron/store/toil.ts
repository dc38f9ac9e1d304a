// Toil: entries, categories, the running timer, weekly capacity (leave) and recurring chores.

import type { Database } from 'better-sqlite3';
import { timeKeyFloor } from './pages';

export interface ToilEntryRow {
  id: string;
  person_id: string;
  person_handle: string;
  day: string;
  started_at: number | null;
  minutes: number;
  category_id: string;
  category_name: string;
  service_id: string | null;
  service_name: string | null;
  description: string;
  automatable: number;
  automation_effort_hours: number | null;
  page_id: string | null;
  recurring_task_id: string | null;
  recurring_task_title: string | null;
  source: 'manual' | 'timer';
  created_at: number;
  updated_at: number;
  device_id: string;
  deleted_at: number | null;
}

export interface ToilEntryWrite {
  id: string;
  personId: string;
  day: string;
  startedAt: number | null;
  minutes: number;
  categoryId: string;
  serviceId: string | null;
  description: string;
  automatable: boolean;
  automationEffortHours: number | null;
  pageId: string | null;
  recurringTaskId: string | null;
  source: 'manual' | 'timer';
  createdAt: number;
  updatedAt: number;
  deviceId: string;
  deletedAt: number | null;
}

const selectEntry = `SELECT t.*, pe.handle AS person_handle, c.name AS category_name, s.name AS service_name,
    r.title AS recurring_task_title
  FROM toil_entries t JOIN people pe ON pe.id = t.person_id JOIN toil_categories c ON c.id = t.category_id
  LEFT JOIN services s ON s.id = t.service_id LEFT JOIN recurring_tasks r ON r.id = t.recurring_task_id`;

function bind(entry: ToilEntryWrite): Record<string, unknown> {
  return { ...entry, automatable: entry.automatable ? 1 : 0 };
}

export function insertToilEntry(db: Database, entry: ToilEntryWrite): void {
  db.prepare(
    `INSERT INTO toil_entries (id, person_id, day, started_at, minutes, category_id, service_id, description, automatable,
       automation_effort_hours, page_id, recurring_task_id, source, created_at, updated_at, device_id, deleted_at)
     VALUES (@id, @personId, @day, @startedAt, @minutes, @categoryId, @serviceId, @description, @automatable,
       @automationEffortHours, @pageId, @recurringTaskId, @source, @createdAt, @updatedAt, @deviceId, @deletedAt)`,
  ).run(bind(entry));
}

export function updateToilEntry(db: Database, entry: ToilEntryWrite): void {
  db.prepare(
    `UPDATE toil_entries SET day = @day, started_at = @startedAt, minutes = @minutes, category_id = @categoryId,
       service_id = @serviceId, description = @description, automatable = @automatable,
       automation_effort_hours = @automationEffortHours, page_id = @pageId, recurring_task_id = @recurringTaskId,
       updated_at = @updatedAt, device_id = @deviceId, deleted_at = @deletedAt
     WHERE id = @id`,
  ).run(bind(entry));
}

export function getToilEntryRow(db: Database, id: string): ToilEntryRow | undefined {
  return db.prepare(`${selectEntry} WHERE t.id = ?`).get(id) as ToilEntryRow | undefined;
}

export function toilRowToWrite(row: ToilEntryRow): ToilEntryWrite {
  return {
    id: row.id,
    personId: row.person_id,
    day: row.day,
    startedAt: row.started_at,
    minutes: row.minutes,
    categoryId: row.category_id,
    serviceId: row.service_id,
    description: row.description,
    automatable: row.automatable === 1,
    automationEffortHours: row.automation_effort_hours,
    pageId: row.page_id,
    recurringTaskId: row.recurring_task_id,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deletedAt: row.deleted_at,
  };
}

export function listToilEntryRows(
  db: Database,
  filter: { personId?: string; from?: string; to?: string; limit: number },
): ToilEntryRow[] {
  const where = ['t.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.personId) {
    where.push('t.person_id = ?');
    params.push(filter.personId);
  }
  if (filter.from) {
    where.push('t.day >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('t.day <= ?');
    params.push(filter.to);
  }
  params.push(filter.limit);
  return db
    .prepare(`${selectEntry} WHERE ${where.join(' AND ')} ORDER BY t.day DESC, t.created_at DESC LIMIT ?`)
    .all(...params) as ToilEntryRow[];
}

export function listCategories(db: Database): { id: string; name: string }[] {
  return db.prepare('SELECT id, name FROM toil_categories WHERE deleted_at IS NULL ORDER BY name').all() as {
    id: string;
    name: string;
  }[];
}

export function findCategoryId(db: Database, name: string): string | undefined {
  return (
    db.prepare('SELECT id FROM toil_categories WHERE name = ? AND deleted_at IS NULL').get(name) as
      { id: string } | undefined
  )?.id;
}

export function insertCategory(db: Database, id: string, name: string, nowMs: number, deviceId: string): void {
  db.prepare('INSERT INTO toil_categories (id, name, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?)').run(
    id,
    name,
    nowMs,
    nowMs,
    deviceId,
  );
}

export interface TimerRow {
  person_id: string;
  started_at: number;
  category_id: string;
  category_name: string;
  service_id: string | null;
  service_name: string | null;
  description: string;
}

export function getTimer(db: Database, personId: string): TimerRow | undefined {
  return db
    .prepare(
      `SELECT t.*, c.name AS category_name, s.name AS service_name FROM toil_timers t
       JOIN toil_categories c ON c.id = t.category_id LEFT JOIN services s ON s.id = t.service_id WHERE t.person_id = ?`,
    )
    .get(personId) as TimerRow | undefined;
}

export function startTimer(
  db: Database,
  timer: { personId: string; startedAt: number; categoryId: string; serviceId: string | null; description: string },
): void {
  db.prepare(
    `INSERT INTO toil_timers (person_id, started_at, category_id, service_id, description)
     VALUES (@personId, @startedAt, @categoryId, @serviceId, @description)`,
  ).run(timer);
}

export function clearTimer(db: Database, personId: string): void {
  db.prepare('DELETE FROM toil_timers WHERE person_id = ?').run(personId);
}

export function setCapacityWeek(
  db: Database,
  row: { personId: string; week: string; hours: number | null; note: string },
  nowMs: number,
  deviceId: string,
): void {
  if (row.hours === null) {
    db.prepare('DELETE FROM capacity_weeks WHERE person_id = ? AND week = ?').run(row.personId, row.week);
    return;
  }
  db.prepare(
    `INSERT INTO capacity_weeks (person_id, week, hours, note, updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (person_id, week) DO UPDATE SET hours = excluded.hours, note = excluded.note,
       updated_at = excluded.updated_at, device_id = excluded.device_id`,
  ).run(row.personId, row.week, row.hours, row.note, nowMs, deviceId);
}

export function capacityWeeks(
  db: Database,
  from: string,
  to: string,
): { person_id: string; week: string; hours: number; note: string }[] {
  return db
    .prepare('SELECT person_id, week, hours, note FROM capacity_weeks WHERE week >= ? AND week <= ? ORDER BY week')
    .all(from, to) as { person_id: string; week: string; hours: number; note: string }[];
}

/** Toil minutes per person and local day in [from, to] — read from the covering day index alone. */
export function toilMinutesByPersonDay(db: Database, from: string, to: string, personId?: string) {
  const sql = `SELECT person_id, day, sum(minutes) AS minutes FROM toil_entries
    WHERE day >= ? AND day <= ? AND deleted_at IS NULL ${personId ? 'AND person_id = ?' : ''}
    GROUP BY day, person_id`;
  return db.prepare(sql).all(...(personId ? [from, to, personId] : [from, to])) as {
    person_id: string;
    day: string;
    minutes: number;
  }[];
}

export interface ToilSourceRow {
  recurring_task_id: string | null;
  category_id: string;
  service_id: string | null;
  minutes: number;
  entries: number;
  effort_hours: number | null;
  automatable: number;
}

/** Toil per source (a recurring chore, or category + service) in [from, to]; names are joined by the caller. */
export function toilSources(db: Database, from: string, to: string, personId?: string): ToilSourceRow[] {
  const sql = `SELECT recurring_task_id, CASE WHEN recurring_task_id IS NULL THEN category_id END AS category_id,
      CASE WHEN recurring_task_id IS NULL THEN service_id END AS service_id,
      sum(minutes) AS minutes, count(*) AS entries, max(automation_effort_hours) AS effort_hours, max(automatable) AS automatable
    FROM toil_entries
    WHERE day >= ? AND day <= ? AND deleted_at IS NULL ${personId ? 'AND person_id = ?' : ''}
    GROUP BY 1, 2, 3`;
  return db.prepare(sql).all(...(personId ? [from, to, personId] : [from, to])) as ToilSourceRow[];
}

export function recurringTaskTitles(db: Database): Map<string, string> {
  const rows = db.prepare('SELECT id, title FROM recurring_tasks WHERE deleted_at IS NULL').all() as {
    id: string;
    title: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.title]));
}

export function serviceNamesById(db: Database): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM services').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function insertRecurringTask(db: Database, id: string, title: string, nowMs: number, deviceId: string): void {
  db.prepare('INSERT INTO recurring_tasks (id, title, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?)').run(
    id,
    title,
    nowMs,
    nowMs,
    deviceId,
  );
}

/** Page handling time (minutes spent on pages) per person, for pages received in [fromMs, toMs). */
export function pageMinutes(db: Database, fromMs: number, toMs: number, personId?: string) {
  // Without a person, the time key (rowid) range walks just the quarter's pages.
  const sql = personId
    ? `SELECT person_id, received_at, minutes_spent AS minutes FROM pages
       WHERE person_id = ? AND received_at >= ? AND received_at < ? AND deleted_at IS NULL AND minutes_spent > 0`
    : `SELECT person_id, received_at, minutes_spent AS minutes FROM pages
       WHERE rowid >= ? AND rowid < ? AND deleted_at IS NULL AND minutes_spent > 0`;
  const params = personId ? [personId, fromMs, toMs] : [timeKeyFloor(fromMs), timeKeyFloor(toMs)];
  return db.prepare(sql).all(...params) as {
    person_id: string;
    received_at: number;
    minutes: number;
  }[];
}
