// A team's holiday calendar: one row per (team, date). Dates are local dates, judged in each
// person's own zone when on-call time is split.

import type { Database } from 'better-sqlite3';
import type { Holiday } from '../../shared/holiday-contract';

export function listHolidays(db: Database, teamId: string): Holiday[] {
  return db
    .prepare('SELECT date, name FROM team_holidays WHERE team_id = ? AND deleted_at IS NULL ORDER BY date')
    .all(teamId) as Holiday[];
}

/** The team's holiday dates from `fromDate` to `toDate` (YYYY-MM-DD, both included). */
export function holidayDatesBetween(db: Database, teamId: string, fromDate: string, toDate: string): string[] {
  return db
    .prepare(
      'SELECT date FROM team_holidays WHERE team_id = ? AND date >= ? AND date <= ? AND deleted_at IS NULL ORDER BY date',
    )
    .pluck()
    .all(teamId, fromDate, toDate) as string[];
}

/** Adds the holiday, or renames the one on its date; says which. */
export function saveHoliday(
  db: Database,
  teamId: string,
  holiday: Holiday,
  nowMs: number,
  deviceId: string,
): 'added' | 'renamed' | 'unchanged' {
  const found = db
    .prepare('SELECT name FROM team_holidays WHERE team_id = ? AND date = ? AND deleted_at IS NULL')
    .pluck()
    .get(teamId, holiday.date) as string | undefined;
  if (found === holiday.name) return 'unchanged';
  db.prepare(
    `INSERT INTO team_holidays (team_id, date, name, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (team_id, date) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at,
       device_id = excluded.device_id, deleted_at = NULL`,
  ).run(teamId, holiday.date, holiday.name, nowMs, nowMs, deviceId);
  return found === undefined ? 'added' : 'renamed';
}

/** Whether there was a holiday on that date; it is kept as a tombstone. */
export function removeHoliday(db: Database, teamId: string, date: string, nowMs: number, deviceId: string): boolean {
  return (
    db
      .prepare(
        'UPDATE team_holidays SET deleted_at = ?, updated_at = ?, device_id = ? WHERE team_id = ? AND date = ? AND deleted_at IS NULL',
      )
      .run(nowMs, nowMs, deviceId, teamId, date).changes > 0
  );
}
