// What every kind's store reads and writes share: prepared statements cached per connection
// (a first import runs them a million times), times between ISO text and milliseconds, and the
// rows a record names by handle or name (a teammate known only from their pages, a service, a
// toil category) found or made.

import type { Database, Statement } from 'better-sqlite3';
import { defaultBusinessHours, defaultSleepHours } from '../../../shared/domain/hours';
import type { PersonRecord } from '../../../shared/domain/repository/format';
import { ensureService } from '../../store/services';
import type { SyncContext } from '../context';

const statements = new WeakMap<Database, Map<string, Statement>>();
/** A prepared statement, prepared once per connection. */
export function sql(db: Database, text: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let found = map.get(text);
  if (!found) map.set(text, (found = db.prepare(text)));
  return found;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
export const ms = (value: string): number => Date.parse(value);
export const msOrNull = (value: string | null): number | null => (value === null ? null : Date.parse(value));

/**
 * A person as the repository has them, stored by handle (a new row, or the one with that handle);
 * their id. `existing`: the caller already looked them up (undefined: no one has the handle).
 */
export function writePerson(
  ctx: SyncContext,
  person: PersonRecord,
  existing: { id: string } | undefined = sql(ctx.db, 'SELECT id FROM people WHERE handle = ?').get(person.handle) as
    { id: string } | undefined,
): string {
  const values = {
    id: existing?.id ?? ctx.newId(),
    name: person.name,
    handle: person.handle,
    zone: person.timeZone,
    working: JSON.stringify(person.workingHours),
    business: JSON.stringify(person.businessHours),
    sleep: JSON.stringify(person.sleepHours),
    capacity: person.weeklyCapacityHours,
    updated: ms(person.updatedAt),
    device: ctx.deviceId,
  };
  if (existing) {
    sql(
      ctx.db,
      `UPDATE people SET name = @name, time_zone = @zone, working_hours = @working, business_hours = @business,
         sleep_hours = @sleep, weekly_capacity_hours = @capacity, updated_at = @updated, deleted_at = NULL WHERE id = @id`,
    ).run(values);
  } else {
    // Prepared once per connection (sql): a push naming thousands of people prepared it each time.
    sql(
      ctx.db,
      `INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours,
         weekly_capacity_hours, created_at, updated_at, device_id)
         VALUES (@id, @name, @handle, @zone, @working, @business, @sleep, @capacity, @updated, @updated, @device)`,
    ).run(values);
  }
  return values.id;
}

/** A teammate known only from their pages so far: a person with that handle, in the page's zone. */
const personIds = new WeakMap<Database, Map<string, string>>();
export function personIdFor(ctx: SyncContext, handle: string, zone: string): string {
  let cache = personIds.get(ctx.db);
  if (!cache) personIds.set(ctx.db, (cache = new Map()));
  const cached = cache.get(handle);
  if (cached) return cached;
  const existing = sql(ctx.db, 'SELECT id FROM people WHERE handle = ?').get(handle) as { id: string } | undefined;
  if (existing) {
    cache.set(handle, existing.id);
    return existing.id;
  }
  // Not there (looked up just now): inserted without asking again (a wide push names thousands).
  const id = writePerson(
    ctx,
    {
      handle,
      name: handle,
      timeZone: zone,
      workingHours: defaultBusinessHours,
      businessHours: defaultBusinessHours,
      sleepHours: defaultSleepHours,
      weeklyCapacityHours: 40,
      // Older than any roster entry, so the real one (name, hours) wins when it arrives.
      updatedAt: new Date(0).toISOString(),
    },
    undefined,
  );
  return id;
}

const serviceIds = new WeakMap<Database, Map<string, string>>();
export function serviceIdFor(ctx: SyncContext, name: string, now: number): string {
  let map = serviceIds.get(ctx.db);
  if (!map) serviceIds.set(ctx.db, (map = new Map()));
  let id = map.get(name.toLowerCase());
  if (!id) {
    id = ensureService(ctx.db, name, ctx.newId, now, ctx.deviceId);
    map.set(name.toLowerCase(), id);
  }
  return id;
}

/** The id of a toil category or recurring chore by its name, made when new. */
export function idByName(
  ctx: SyncContext,
  table: 'toil_categories' | 'recurring_tasks',
  column: string,
  name: string,
): string {
  const found = sql(ctx.db, `SELECT id FROM ${table} WHERE ${column} = ? AND deleted_at IS NULL`).get(name) as
    { id: string } | undefined;
  if (found) return found.id;
  const id = ctx.newId();
  const now = ctx.now();
  sql(ctx.db, `INSERT INTO ${table} (id, ${column}, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?)`).run(
    id,
    name,
    now,
    now,
    ctx.deviceId,
  );
  return id;
}

/** While records from the repository are written: the outbox triggers queue nothing. */
/** Sets or clears the flag that keeps the outbox triggers quiet (inside the writer's transaction). */
export function setImporting(db: Database, on: boolean): void {
  if (on) db.prepare("INSERT OR REPLACE INTO sync_flags (name, value) VALUES ('importing', '1')").run();
  else db.prepare("DELETE FROM sync_flags WHERE name = 'importing'").run();
}

export function withImporting<T>(db: Database, run: () => T): T {
  db.prepare("INSERT OR REPLACE INTO sync_flags (name, value) VALUES ('importing', '1')").run();
  try {
    return run();
  } finally {
    db.prepare("DELETE FROM sync_flags WHERE name = 'importing'").run();
  }
}
