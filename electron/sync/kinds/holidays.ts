// Team holiday calendars: `holidays/<team>-<hash>.yaml`, one file per team, holiday by holiday
// with their own edit times and tombstones (shared/domain/repository/holidays.ts).

import type { Database } from 'better-sqlite3';
import {
  holidayCalendarRecord,
  holidaysPath,
  mergeHolidayCalendars,
  readHolidayCalendar,
  writeHolidayCalendar,
  type HolidayCalendarRecord,
} from '../../../shared/domain/repository/holidays';
import { teamByName } from '../../store/teams';
import type { SyncContext } from '../context';
import { restoreWhole } from './kind';
import { iso, isoOrNull, sql } from './lookups';
import { namedFileKind } from './named';

/** A team's holiday calendar, tombstones included (null: the team has none, or no such team). */
export function readHolidayCalendarRecord(db: Database, team: string): HolidayCalendarRecord | null {
  const row = teamByName(db, team);
  if (!row) return null;
  const holidays = (
    sql(db, 'SELECT date, name, updated_at, deleted_at FROM team_holidays WHERE team_id = ? ORDER BY date').all(
      row.id,
    ) as { date: string; name: string; updated_at: number; deleted_at: number | null }[]
  ).map((h) => ({ date: h.date, name: h.name, updatedAt: iso(h.updated_at), deletedAt: isoOrNull(h.deleted_at) }));
  if (holidays.length === 0) return null;
  const updatedAt = holidays.reduce(
    (latest, h) => (h.updatedAt > latest ? h.updatedAt : latest),
    holidays[0]?.updatedAt ?? '',
  );
  return { team: row.name, holidays, updatedAt };
}

/** Stores a calendar from the repository as it is: every holiday, with its edit time and tombstone. */
export function writeHolidayCalendarRecord(ctx: SyncContext, calendar: HolidayCalendarRecord): void {
  const row = teamByName(ctx.db, calendar.team);
  if (!row) throw new Error(`team “${calendar.team}” is not known here (team.yaml has no such team)`);
  const upsert = sql(
    ctx.db,
    `INSERT INTO team_holidays (team_id, date, name, created_at, updated_at, device_id, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (team_id, date) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at,
       device_id = excluded.device_id, deleted_at = excluded.deleted_at`,
  );
  for (const h of calendar.holidays) {
    const updated = Date.parse(h.updatedAt);
    upsert.run(row.id, h.date, h.name, updated, updated, ctx.deviceId, h.deletedAt ? Date.parse(h.deletedAt) : null);
  }
}

export const holidays = namedFileKind<HolidayCalendarRecord>(
  {
    kind: 'holidays',
    counts: 'holidays',
    // Always the hashed name: a team's file is its own however its name slugs.
    paths: (calendar) => [holidaysPath(calendar)],
    nameOf: (calendar) => calendar.team,
    read: readHolidayCalendar,
    write: writeHolidayCalendar,
    load: readHolidayCalendarRecord,
    store: writeHolidayCalendarRecord,
    merge: mergeHolidayCalendars,
  },
  {
    name: 'holidays/',
    records: [
      {
        kind: 'holidays',
        noun: (n) => (n === 1 ? "1 team's holidays" : `${n} teams' holidays`),
        rank: 7,
      },
    ],
    owns: (file) => /^holidays\/[a-z0-9-]+\.yaml$/.test(file),
    queueAll: `INSERT INTO sync_outbox (kind, key)
      SELECT DISTINCT 'holidays', t.name FROM team_holidays h JOIN teams t ON t.id = h.team_id WHERE t.deleted_at IS NULL`,
    restore: (ctx, value) =>
      restoreWhole(
        ctx,
        value,
        readHolidayCalendarRecord,
        writeHolidayCalendarRecord,
        (r) => holidayCalendarRecord.parse(r),
        { holidays: 'date' },
      ),
  },
);
