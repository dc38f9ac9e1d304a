// Rotations: `rotations/<slug>.yaml` (or `<slug>-<hash>.yaml` where another name slugs alike),
// one rotation per file — rules with members, or a calendar feed's shifts — with its overrides.
// Merged field by field, their lists element by element (shared/domain/repository/merge.ts).

import {
  feedRotationRecord,
  isFeedRotation,
  readRotation,
  rotationPaths,
  rotationRecord,
  sortShifts,
  writeRotation,
  type FeedRotationRecord,
  type RotationRecord,
  type RulesRotationRecord,
} from '../../../shared/domain/repository/format';
import { mergeRotation } from '../../../shared/domain/repository/merge';
import { notFound, OperationFailure } from '../../../shared/failure';
import { rotationOperations } from '../../../shared/rotation-contract';
import type { Database } from 'better-sqlite3';
import { getPersonByHandle } from '../../store/people';
import {
  deleteFeedShift,
  feedShifts,
  rotationByName,
  setMembers,
  updateOverride,
  upsertFeedShift,
  upsertRotation,
  type RotationRow,
  rulesRotationRow,
} from '../../store/rotations';
import { teamByName } from '../../store/teams';
import type { SyncContext } from '../context';
import { plural, restoreWhole, type SetAside } from './kind';
import { iso, isoOrNull, ms, msOrNull, personIdFor, sql } from './lookups';
import { namedFileKind } from './named';

const overridesOf = (db: Database, rotationId: string) =>
  sql(
    db,
    `SELECT o.id, p.handle, o.start_at, o.end_at, o.reason, o.updated_at, o.deleted_at FROM overrides o
     JOIN people p ON p.id = o.person_id WHERE o.rotation_id = ? ORDER BY o.id`,
  ).all(rotationId) as {
    id: string;
    handle: string;
    start_at: number;
    end_at: number;
    reason: string;
    updated_at: number;
    deleted_at: number | null;
  }[];

/** A rotation as its repository record: rules with members, or a feed with its shifts. */
export function readRotationRecord(db: Database, name: string): RotationRecord | null {
  const row = sql(
    db,
    `SELECT r.*, t.name AS team_name FROM rotations r LEFT JOIN teams t ON t.id = r.team_id
     WHERE r.name = ? AND r.deleted_at IS NULL`,
  ).get(name) as
    | {
        id: string;
        name: string;
        kind: 'rules' | 'feed';
        layer: string;
        team_name: string | null;
        time_zone: string;
        start: string;
        shift_length: number;
        shift_unit: 'hours' | 'days' | 'weeks';
        restriction: string | null;
        updated_at: number;
      }
    | undefined;
  if (!row) return null;
  const overrideRows = overridesOf(db, row.id);
  const overrides = overrideRows.map((o) => ({
    id: o.id,
    person: o.handle,
    startsAt: iso(o.start_at),
    endsAt: iso(o.end_at),
    reason: o.reason,
    updatedAt: iso(o.updated_at),
    deletedAt: isoOrNull(o.deleted_at),
  }));
  const updatedAt = iso(Math.max(row.updated_at, ...overrideRows.map((o) => o.updated_at)));
  if (row.kind === 'feed') {
    const shifts = sql(
      db,
      `SELECT f.key, p.handle, f.start_at, f.end_at, f.is_override FROM feed_shifts f
       JOIN people p ON p.id = f.person_id WHERE f.rotation_id = ? ORDER BY f.start_at, f.key`,
    ).all(row.id) as { key: string; handle: string; start_at: number; end_at: number; is_override: number }[];
    const feed: FeedRotationRecord = {
      name: row.name,
      kind: 'feed',
      layer: row.layer,
      team: row.team_name,
      timeZone: row.time_zone,
      // In the file's order, decided in one place (SQLite's key order is UTF-8's, JS's UTF-16's).
      shifts: sortShifts(
        shifts.map((f) => ({
          key: f.key,
          person: f.handle,
          startsAt: iso(f.start_at),
          endsAt: iso(f.end_at),
          override: f.is_override === 1,
        })),
      ),
      overrides,
      updatedAt,
    };
    return feed;
  }
  const members = sql(
    db,
    `SELECT p.handle, m.from_date, m.until_date FROM rotation_members m JOIN people p ON p.id = m.person_id
     WHERE m.rotation_id = ? ORDER BY m.position`,
  ).all(row.id) as { handle: string; from_date: string | null; until_date: string | null }[];
  const restriction = row.restriction
    ? (JSON.parse(row.restriction) as { start: string; end: string; days: number[] })
    : null;
  const rules: RulesRotationRecord = {
    name: row.name,
    layer: row.layer,
    team: row.team_name,
    timeZone: row.time_zone,
    start: row.start,
    shiftLength: row.shift_length,
    shiftUnit: row.shift_unit,
    restriction: restriction && { start: restriction.start, end: restriction.end, days: restriction.days },
    members: members.map((m) => ({ handle: m.handle, from: m.from_date, until: m.until_date })),
    overrides,
    updatedAt,
  };
  return rules;
}

/**
 * A rules rotation from the repository, checked as `rotations.save` checks one (the same rules
 * and words); a team left out keeps the rotation's team here. Its id.
 */
function saveRules(ctx: SyncContext, rotation: RulesRotationRecord): string {
  const parsed = rotationOperations['rotations.save'].input.safeParse({
    name: rotation.name,
    layer: rotation.layer,
    ...(rotation.team ? { team: rotation.team } : {}),
    timeZone: rotation.timeZone,
    start: rotation.start,
    shiftLength: rotation.shiftLength,
    shiftUnit: rotation.shiftUnit,
    restriction: rotation.restriction,
    members: rotation.members,
  });
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
  const input = parsed.data;
  return ctx.db.transaction(() => {
    const existing = rotationByName(ctx.db, input.name);
    if (existing?.kind === 'feed')
      throw new Error(`name: "${input.name}" is imported from a calendar feed; give the rules a new name`);
    const members = input.members.map((m, i) => {
      const person = getPersonByHandle(ctx.db, m.handle);
      if (!person) throw new Error(`members.${i}.handle: nobody has the handle "${m.handle}"`);
      return { personId: person.id, from: m.from ?? null, until: m.until ?? null };
    });
    const team = input.team ? teamByName(ctx.db, input.team) : undefined;
    if (input.team && !team) throw new Error(`team: there is no team called "${input.team}"`);
    const row = rulesRotationRow(input, existing?.id ?? ctx.newId(), existing, team?.id ?? existing?.team_id ?? null);
    upsertRotation(ctx.db, row, ctx.now(), ctx.deviceId);
    setMembers(ctx.db, row.id, members);
    return row.id;
  })();
}

/** Writes a rotation as it is in the repository: its rules and members or its shifts, then its overrides. */
export function writeRotationRecord(ctx: SyncContext, rotation: RotationRecord): void {
  let id: string;
  if (isFeedRotation(rotation)) id = writeFeed(ctx, rotation);
  else {
    for (const m of rotation.members) personIdFor(ctx, m.handle, rotation.timeZone);
    try {
      id = saveRules(ctx, rotation);
    } catch (error) {
      throw new Error(`rotation ${rotation.name}: ${(error as Error).message}`);
    }
  }
  for (const o of rotation.overrides) {
    sql(
      ctx.db,
      `INSERT INTO overrides (id, rotation_id, person_id, start_at, end_at, reason, created_at, updated_at, device_id, deleted_at)
       VALUES (@id, @rotation, @person, @start, @end, @reason, @updated, @updated, @device, @deleted)
       ON CONFLICT (id) DO UPDATE SET person_id = excluded.person_id, start_at = excluded.start_at, end_at = excluded.end_at,
         reason = excluded.reason, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at`,
    ).run({
      id: o.id,
      rotation: id,
      person: personIdFor(ctx, o.person, rotation.timeZone),
      start: ms(o.startsAt),
      end: ms(o.endsAt),
      reason: o.reason,
      updated: ms(o.updatedAt),
      device: ctx.deviceId,
      deleted: msOrNull(o.deletedAt),
    });
  }
  sql(ctx.db, 'UPDATE rotations SET updated_at = ? WHERE id = ?').run(ms(rotation.updatedAt), id);
}

/** A feed rotation from the repository: the rotation row, then exactly the record's shifts. */
function writeFeed(ctx: SyncContext, rotation: FeedRotationRecord): string {
  const existing = rotationByName(ctx.db, rotation.name);
  if (existing && existing.kind !== 'feed') {
    throw new Error(
      `rotation ${rotation.name}: is defined by rules here; a calendar feed of that name cannot replace it`,
    );
  }
  const team = rotation.team ? teamByName(ctx.db, rotation.team) : undefined;
  if (rotation.team && !team) throw new Error(`rotation ${rotation.name}: there is no team called "${rotation.team}"`);
  const first = sortShifts(rotation.shifts)[0];
  const row: RotationRow = {
    id: existing?.id ?? ctx.newId(),
    name: rotation.name,
    layer: rotation.layer,
    kind: 'feed',
    time_zone: rotation.timeZone,
    // Unused for a feed (its shifts are stored); kept as the import writes them.
    start: existing?.start ?? (first ? first.startsAt.slice(0, 16) : rotation.updatedAt.slice(0, 16)),
    shift_length: existing?.shift_length ?? 1,
    shift_unit: existing?.shift_unit ?? 'weeks',
    restriction: null,
    team_id: team?.id ?? null,
  };
  upsertRotation(ctx.db, row, ms(rotation.updatedAt), ctx.deviceId);
  const keep = new Set(rotation.shifts.map((s) => s.key));
  for (const old of feedShifts(ctx.db, row.id)) if (!keep.has(old.key)) deleteFeedShift(ctx.db, row.id, old.key);
  for (const shift of rotation.shifts) {
    upsertFeedShift(ctx.db, row.id, {
      key: shift.key,
      person_id: personIdFor(ctx, shift.person, rotation.timeZone),
      start_at: ms(shift.startsAt),
      end_at: ms(shift.endsAt),
      is_override: shift.override ? 1 : 0,
    });
  }
  return row.id;
}

/** A field of one override, as the conflict log names it: `overrides.<id>.reason`. */
const overrideField = /^overrides\.([^.]+)\.(reason|person|startsAt|endsAt)$/;

/** An override's field put back on the override itself (the rotation's other overrides untouched). */
function restoreOverrideField(ctx: SyncContext, field: string, lost: unknown): void {
  const [, id = '', name] = overrideField.exec(field) ?? [];
  const value = typeof lost === 'string' ? lost : '';
  const person = name === 'person' ? getPersonByHandle(ctx.db, value) : undefined;
  if (name === 'person' && !person) throw notFound('person', value);
  const column =
    name === 'reason'
      ? { reason: value }
      : name === 'person'
        ? { person_id: person?.id ?? '' }
        : { [name === 'startsAt' ? 'start_at' : 'end_at']: Date.parse(value) };
  // Removed since the conflict: putting a field back must not put the person back on call.
  const removed = ctx.db.prepare('SELECT deleted_at FROM overrides WHERE id = ?').pluck().get(id) as
    number | null | undefined;
  if (removed)
    throw new OperationFailure(
      'invalid_input',
      `id: the override was removed since; its set-aside ${name} is ${JSON.stringify(lost)}`,
      'id',
    );
  const done = updateOverride(ctx.db, id, column, ctx.now(), ctx.deviceId);
  if (done === 'missing') throw notFound('override', id);
  if (done === 'backwards') {
    throw new OperationFailure('invalid_input', `id: the override would end before it starts with ${value}`, 'id');
  }
}

const parseRotation = (r: unknown): RotationRecord =>
  (r as { kind?: string }).kind === 'feed' ? feedRotationRecord.parse(r) : rotationRecord.parse(r);

export const rotations = namedFileKind<RotationRecord>(
  {
    kind: 'rotation',
    counts: 'rotations',
    paths: rotationPaths,
    nameOf: (rotation) => rotation.name,
    read: readRotation,
    write: writeRotation,
    load: readRotationRecord,
    store: writeRotationRecord,
    merge: mergeRotation,
  },
  {
    name: 'rotations/',
    records: [{ kind: 'rotation', noun: plural('rotation', 'rotations'), rank: 6 }],
    owns: (file) => /^rotations\/[a-z0-9-]+\.yaml$/.test(file),
    queueAll: "INSERT INTO sync_outbox (kind, key) SELECT 'rotation', name FROM rotations WHERE deleted_at IS NULL",
    restore(ctx, value: SetAside) {
      if (overrideField.test(value.field)) restoreOverrideField(ctx, value.field, value.lost);
      else
        restoreWhole(ctx, value, readRotationRecord, writeRotationRecord, parseRotation, {
          overrides: 'id',
          members: 'handle',
          shifts: 'key',
        });
      return true;
    },
  },
);
