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
import { NamedFiles } from '../naming';
import { mergeNamed, restoreWhole, type SyncKind } from './kind';
import { iso, isoOrNull, sql } from './lookups';

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

export const holidays: SyncKind<HolidayCalendarRecord> = {
  name: 'holidays/',
  records: [
    {
      kind: 'holidays',
      noun: (n) => (n === 1 ? "1 team's holidays" : `${n} teams' holidays`),
      rank: 7,
    },
  ],
  owns: (file) => /^holidays\/[a-z0-9-]+\.yaml$/.test(file),
  read: readHolidayCalendar,
  queueAll: `INSERT INTO sync_outbox (kind, key)
    SELECT DISTINCT 'holidays', t.name FROM team_holidays h JOIN teams t ON t.id = h.team_id WHERE t.deleted_at IS NULL`,
  restore: (ctx, value) =>
    restoreWhole(ctx, value, readHolidayCalendarRecord, writeHolidayCalendarRecord, (r) =>
      holidayCalendarRecord.parse(r),
    ),
  start(run) {
    const { db, repo } = run;
    const incoming = new Map<string, { record: HolidayCalendarRecord; file: string }>();
    // Always the hashed name: a team's file is its own however its name slugs.
    const files = new NamedFiles<HolidayCalendarRecord>({
      paths: (calendar) => [holidaysPath(calendar)],
      nameOf: (calendar) => calendar.team,
      read: readHolidayCalendar,
      current: (file) => repo.current(file),
    });
    return {
      receive(file, records) {
        for (const record of records) {
          incoming.set(record.team, { record, file });
          files.arrived(record.team, file);
        }
      },
      merge() {
        const queued = new Map<string, string>(); // team → its file
        for (const team of run.outbox.of('holidays').keys()) {
          const local = readHolidayCalendarRecord(db, team);
          if (local) queued.set(team, files.fileOf(local));
        }
        const merged = mergeNamed<HolidayCalendarRecord>(
          'holidays',
          new Set(queued.keys()),
          new Map([...incoming].map(([team, { record }]) => [team, record])),
          new Map([...queued].map(([team, file]) => [team, files.versionIn(file, repo.current(file), team)])),
          new Map([...queued].map(([team, file]) => [team, files.versionIn(file, repo.baseOf(file), team)])),
          (team) => readHolidayCalendarRecord(db, team),
          run.conflicts,
          mergeHolidayCalendars,
        );
        return {
          sent: { holidays: merged.sent },
          received: { holidays: merged.received },
          importing: merged.toImport.length,
          import(io) {
            io.each(
              merged.toImport,
              'holidays',
              (h) => h.team,
              (h) => writeHolidayCalendarRecord(run.ctx, h),
              (h) => incoming.get(h.team)?.file,
            );
          },
          write() {
            const written: string[] = [];
            for (const [team, calendar] of merged.toWrite) {
              const file = queued.get(team) ?? files.fileOf(calendar);
              if (repo.write(file, writeHolidayCalendar(calendar))) written.push(file);
            }
            return written;
          },
        };
      },
    };
  },
};
