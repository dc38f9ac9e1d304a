// People: who is paged, in which zone, with which working and sleep hours.

import type { Database } from 'better-sqlite3';
import type { Person } from '../../shared/contract';
import type { HoursRule } from '../../shared/domain/hours';

export interface PersonRow {
  id: string;
  name: string;
  handle: string;
  time_zone: string;
  working_hours: string;
  business_hours: string;
  sleep_hours: string;
  weekly_capacity_hours: number;
  updated_at: number;
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    handle: row.handle,
    timeZone: row.time_zone,
    workingHours: JSON.parse(row.working_hours) as HoursRule,
    businessHours: JSON.parse(row.business_hours) as HoursRule,
    sleepHours: JSON.parse(row.sleep_hours) as HoursRule,
    weeklyCapacityHours: row.weekly_capacity_hours,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const columns =
  'id, name, handle, time_zone, working_hours, business_hours, sleep_hours, weekly_capacity_hours, updated_at';

export function getPerson(db: Database, id: string): Person | undefined {
  const row = db.prepare(`SELECT ${columns} FROM people WHERE id = ? AND deleted_at IS NULL`).get(id) as
    PersonRow | undefined;
  return row && toPerson(row);
}

export function getPersonByHandle(db: Database, handle: string): Person | undefined {
  const row = db.prepare(`SELECT ${columns} FROM people WHERE handle = ? AND deleted_at IS NULL`).get(handle) as
    PersonRow | undefined;
  return row && toPerson(row);
}

export function listPeople(db: Database): Person[] {
  return (db.prepare(`SELECT ${columns} FROM people WHERE deleted_at IS NULL ORDER BY name`).all() as PersonRow[]).map(
    toPerson,
  );
}

export interface PersonWrite {
  id: string;
  name: string;
  handle: string;
  timeZone: string;
  workingHours: HoursRule;
  businessHours: HoursRule;
  sleepHours: HoursRule;
  /** Engineering hours in a normal week (toil % is toil ÷ this); default 40. */
  weeklyCapacityHours?: number;
}

export function upsertPerson(db: Database, person: PersonWrite, nowMs: number, deviceId: string): void {
  db.prepare(
    `INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours, weekly_capacity_hours,
       created_at, updated_at, device_id)
     VALUES (@id, @name, @handle, @timeZone, @working, @business, @sleep, @capacity, @now, @now, @deviceId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, handle = excluded.handle, time_zone = excluded.time_zone,
       working_hours = excluded.working_hours, business_hours = excluded.business_hours, sleep_hours = excluded.sleep_hours,
       weekly_capacity_hours = excluded.weekly_capacity_hours,
       updated_at = excluded.updated_at, device_id = excluded.device_id`,
  ).run({
    id: person.id,
    name: person.name,
    handle: person.handle,
    timeZone: person.timeZone,
    working: JSON.stringify(person.workingHours),
    business: JSON.stringify(person.businessHours),
    sleep: JSON.stringify(person.sleepHours),
    capacity: person.weeklyCapacityHours ?? 40,
    now: nowMs,
    deviceId,
  });
}
