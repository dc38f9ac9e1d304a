// Rotations: their rules and members, overrides, and shifts imported from calendar feeds.

import type { Database } from 'better-sqlite3';
import type { Restriction, RotationRule } from '../../shared/domain/rotation';

export interface RotationRow {
  id: string;
  name: string;
  layer: string;
  kind: 'rules' | 'feed';
  time_zone: string;
  start: string;
  shift_length: number;
  shift_unit: 'hours' | 'days' | 'weeks';
  /** JSON of a Restriction, or null. */
  restriction: string | null;
  team_id: string | null;
  /** When it last changed (read from the store; a row about to be written has none yet). */
  updated_at?: number;
}

/** A rules rotation's row from its contract shape (the operation's input, or its repository file). */
export function rulesRotationRow(
  rotation: {
    name: string;
    layer?: string | undefined;
    timeZone: string;
    start: string;
    shiftLength: number;
    shiftUnit: RotationRow['shift_unit'];
    restriction?: unknown;
  },
  id: string,
  existing: RotationRow | undefined,
  teamId: string | null,
): RotationRow {
  return {
    id,
    name: rotation.name,
    layer: rotation.layer ?? existing?.layer ?? 'primary',
    kind: 'rules',
    time_zone: rotation.timeZone,
    start: rotation.start,
    shift_length: rotation.shiftLength,
    shift_unit: rotation.shiftUnit,
    restriction: rotation.restriction ? JSON.stringify(rotation.restriction) : null,
    team_id: teamId,
  };
}

export interface MemberRow {
  position: number;
  person_id: string;
  handle: string;
  name: string;
  from_date: string | null;
  until_date: string | null;
}

const columns = 'id, name, layer, kind, time_zone, start, shift_length, shift_unit, restriction, team_id, updated_at';

export function listRotationRows(db: Database): RotationRow[] {
  return db.prepare(`SELECT ${columns} FROM rotations WHERE deleted_at IS NULL ORDER BY name`).all() as RotationRow[];
}

export function rotationByName(db: Database, name: string): RotationRow | undefined {
  return db.prepare(`SELECT ${columns} FROM rotations WHERE name = ? AND deleted_at IS NULL`).get(name) as
    RotationRow | undefined;
}

export function upsertRotation(db: Database, row: RotationRow, nowMs: number, deviceId: string): void {
  db.prepare(
    `INSERT INTO rotations (id, name, layer, kind, time_zone, start, shift_length, shift_unit, restriction, team_id, created_at, updated_at, device_id)
     VALUES (@id, @name, @layer, @kind, @time_zone, @start, @shift_length, @shift_unit, @restriction, @team_id, @now, @now, @deviceId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, layer = excluded.layer, kind = excluded.kind,
       time_zone = excluded.time_zone, start = excluded.start, shift_length = excluded.shift_length,
       shift_unit = excluded.shift_unit, restriction = excluded.restriction, team_id = excluded.team_id, updated_at = excluded.updated_at, device_id = excluded.device_id`,
  ).run({ ...row, now: nowMs, deviceId });
}

export function membersOf(db: Database, rotationId: string): MemberRow[] {
  return db
    .prepare(
      `SELECT m.position, m.person_id, p.handle, p.name, m.from_date, m.until_date FROM rotation_members m
       JOIN people p ON p.id = m.person_id WHERE m.rotation_id = ? ORDER BY m.position`,
    )
    .all(rotationId) as MemberRow[];
}

export function setMembers(
  db: Database,
  rotationId: string,
  members: { personId: string; from: string | null; until: string | null }[],
): void {
  db.prepare('DELETE FROM rotation_members WHERE rotation_id = ?').run(rotationId);
  const insert = db.prepare(
    'INSERT INTO rotation_members (rotation_id, position, person_id, from_date, until_date) VALUES (?, ?, ?, ?, ?)',
  );
  members.forEach((m, i) => insert.run(rotationId, i, m.personId, m.from, m.until));
}

export function ruleOf(row: RotationRow, members: MemberRow[]): RotationRule {
  return {
    id: row.id,
    layer: row.layer,
    timeZone: row.time_zone,
    start: row.start,
    shiftLength: row.shift_length,
    shiftUnit: row.shift_unit,
    ...(row.restriction ? { restriction: JSON.parse(row.restriction) as Restriction } : {}),
    members: members.map((m) => ({
      personId: m.person_id,
      ...(m.from_date ? { from: m.from_date } : {}),
      ...(m.until_date ? { until: m.until_date } : {}),
    })),
  };
}

export interface OverrideRow {
  id: string;
  rotation_id: string;
  person_id: string;
  start_at: number;
  end_at: number;
  reason: string;
}

/** Overrides overlapping [fromMs, toMs), oldest first (later ones win). */
export function overridesBetween(db: Database, rotationId: string, fromMs: number, toMs: number): OverrideRow[] {
  return db
    .prepare(
      `SELECT id, rotation_id, person_id, start_at, end_at, reason FROM overrides
       WHERE rotation_id = ? AND deleted_at IS NULL AND start_at < ? AND end_at > ? ORDER BY created_at, id`,
    )
    .all(rotationId, toMs, fromMs) as OverrideRow[];
}

export function insertOverride(db: Database, row: OverrideRow, nowMs: number, deviceId: string): void {
  db.prepare(
    `INSERT INTO overrides (id, rotation_id, person_id, start_at, end_at, reason, created_at, updated_at, device_id)
     VALUES (@id, @rotation_id, @person_id, @start_at, @end_at, @reason, @now, @now, @deviceId)`,
  ).run({ ...row, now: nowMs, deviceId });
}

export function removeOverride(db: Database, id: string, nowMs: number, deviceId: string): boolean {
  return (
    db
      .prepare('UPDATE overrides SET deleted_at = ?, updated_at = ?, device_id = ? WHERE id = ? AND deleted_at IS NULL')
      .run(nowMs, nowMs, deviceId, id).changes === 1
  );
}

export interface FeedShiftRow {
  key: string;
  person_id: string;
  start_at: number;
  end_at: number;
  is_override: number;
}

export function feedShifts(db: Database, rotationId: string, fromMs?: number, toMs?: number): FeedShiftRow[] {
  if (fromMs === undefined || toMs === undefined) {
    return db
      .prepare(
        'SELECT key, person_id, start_at, end_at, is_override FROM feed_shifts WHERE rotation_id = ? ORDER BY start_at, key',
      )
      .all(rotationId) as FeedShiftRow[];
  }
  return db
    .prepare(
      `SELECT key, person_id, start_at, end_at, is_override FROM feed_shifts
       WHERE rotation_id = ? AND start_at < ? AND end_at > ? ORDER BY start_at, key`,
    )
    .all(rotationId, toMs, fromMs) as FeedShiftRow[];
}

export function upsertFeedShift(db: Database, rotationId: string, row: FeedShiftRow): void {
  db.prepare(
    `INSERT INTO feed_shifts (rotation_id, key, person_id, start_at, end_at, is_override) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (rotation_id, key) DO UPDATE SET person_id = excluded.person_id, start_at = excluded.start_at,
       end_at = excluded.end_at, is_override = excluded.is_override`,
  ).run(rotationId, row.key, row.person_id, row.start_at, row.end_at, row.is_override);
}

export function deleteFeedShift(db: Database, rotationId: string, key: string): void {
  db.prepare('DELETE FROM feed_shifts WHERE rotation_id = ? AND key = ?').run(rotationId, key);
}

export function touchRotation(db: Database, id: string, nowMs: number, deviceId: string): void {
  db.prepare('UPDATE rotations SET updated_at = ?, device_id = ? WHERE id = ?').run(nowMs, deviceId, id);
}

/** Changes one override's fields (restoring a value from the conflict log). */
export function updateOverride(
  db: Database,
  id: string,
  patch: Partial<Pick<OverrideRow, 'person_id' | 'start_at' | 'end_at' | 'reason'>>,
  nowMs: number,
  deviceId: string,
): 'done' | 'missing' | 'backwards' {
  const current = db.prepare('SELECT person_id, start_at, end_at, reason FROM overrides WHERE id = ?').get(id) as
    Pick<OverrideRow, 'person_id' | 'start_at' | 'end_at' | 'reason'> | undefined;
  if (!current) return 'missing';
  const next = { ...current, ...patch };
  if (!(next.end_at > next.start_at)) return 'backwards';
  db.prepare(
    `UPDATE overrides SET person_id = @person_id, start_at = @start_at, end_at = @end_at, reason = @reason,
     updated_at = @now, device_id = @deviceId, deleted_at = NULL WHERE id = @id`,
  ).run({ ...next, id, now: nowMs, deviceId });
  return 'done';
}
