// Records between the store and the repository's files: each kind read from SQLite as its
// repository record (handles and names, never this device's row ids), and written back.

import type { Database, Statement } from 'better-sqlite3';
import { defaultBusinessHours, defaultSleepHours, type HoursRule } from '../../shared/domain/hours';
import {
  isFeedRotation,
  pageInOrder,
  sortShifts,
  type PageRecord,
  type PersonRecord,
  type FeedRotationRecord,
  type PostmortemRecord,
  type RotationRecord,
  type RulesRotationRecord,
  type TeamRecord,
  type ToilRecord,
} from '../../shared/domain/repository/format';
import { readPostmortemFile, writePostmortemFile } from '../../shared/domain/postmortem/file';
import type { HolidayCalendarRecord } from '../../shared/domain/repository/holidays';
import type { OperationContext } from '../operations/context';
import { getPageRow, insertPage, rowToWrite, toPage, updatePage, type PageWrite } from '../store/pages';
import type { PersonRow } from '../store/people';
import {
  deleteFeedShift,
  feedShifts,
  rotationByName,
  upsertFeedShift,
  upsertRotation,
  type RotationRow,
} from '../store/rotations';
import { ensureService } from '../store/services';
import { teamByName } from '../store/teams';
import { getToilEntryRow, insertToilEntry, toilRowToWrite, updateToilEntry, type ToilEntryWrite } from '../store/toil';

const statements = new WeakMap<Database, Map<string, Statement>>();
/** A prepared statement, prepared once per connection (imports run these a million times). */
function sql(db: Database, text: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let found = map.get(text);
  if (!found) map.set(text, (found = db.prepare(text)));
  return found;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
const ms = (value: string): number => Date.parse(value);
const msOrNull = (value: string | null): number | null => (value === null ? null : Date.parse(value));
const hours = (json: string): HoursRule => {
  const rule = JSON.parse(json) as HoursRule;
  return { days: rule.days, start: rule.start, end: rule.end };
};

export function readPerson(db: Database, handle: string): PersonRecord | null {
  const row = sql(db, 'SELECT * FROM people WHERE handle = ? AND deleted_at IS NULL').get(handle) as
    PersonRow | undefined;
  if (!row) return null;
  return {
    handle: row.handle,
    name: row.name,
    timeZone: row.time_zone,
    workingHours: hours(row.working_hours),
    businessHours: hours(row.business_hours),
    sleepHours: hours(row.sleep_hours),
    weeklyCapacityHours: row.weekly_capacity_hours,
    updatedAt: iso(row.updated_at),
  };
}

export function writePerson(ctx: OperationContext, person: PersonRecord): void {
  const existing = sql(ctx.db, 'SELECT id FROM people WHERE handle = ?').get(person.handle) as
    { id: string } | undefined;
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
    ctx.db
      .prepare(
        `UPDATE people SET name = @name, time_zone = @zone, working_hours = @working, business_hours = @business,
         sleep_hours = @sleep, weekly_capacity_hours = @capacity, updated_at = @updated, deleted_at = NULL WHERE id = @id`,
      )
      .run(values);
  } else {
    ctx.db
      .prepare(
        `INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours,
         weekly_capacity_hours, created_at, updated_at, device_id)
         VALUES (@id, @name, @handle, @zone, @working, @business, @sleep, @capacity, @updated, @updated, @device)`,
      )
      .run(values);
  }
}

/** A teammate known only from their pages so far: a person with that handle, in the page's zone. */
const personIds = new WeakMap<Database, Map<string, string>>();
function personIdFor(ctx: OperationContext, handle: string, zone: string): string {
  let cache = personIds.get(ctx.db);
  if (!cache) personIds.set(ctx.db, (cache = new Map()));
  const cached = cache.get(handle);
  if (cached) return cached;
  const existing = sql(ctx.db, 'SELECT id FROM people WHERE handle = ?').get(handle) as { id: string } | undefined;
  if (existing) {
    cache.set(handle, existing.id);
    return existing.id;
  }
  writePerson(ctx, {
    handle,
    name: handle,
    timeZone: zone,
    workingHours: defaultBusinessHours,
    businessHours: defaultBusinessHours,
    sleepHours: defaultSleepHours,
    weeklyCapacityHours: 40,
    // Older than any roster entry, so the real one (name, hours) wins when it arrives.
    updatedAt: new Date(0).toISOString(),
  });
  return (sql(ctx.db, 'SELECT id FROM people WHERE handle = ?').get(handle) as { id: string }).id;
}

const serviceIds = new WeakMap<Database, Map<string, string>>();
function serviceIdFor(ctx: OperationContext, name: string, now: number): string {
  let map = serviceIds.get(ctx.db);
  if (!map) serviceIds.set(ctx.db, (map = new Map()));
  let id = map.get(name.toLowerCase());
  if (!id) {
    id = ensureService(ctx.db, name, ctx.newId, now, ctx.deviceId);
    map.set(name.toLowerCase(), id);
  }
  return id;
}

export function readPage(db: Database, id: string): PageRecord | null {
  const row = getPageRow(db, id);
  if (!row) return null;
  // The app's own view of the page: the person by handle, the fields of the format picked in
  // their order, and private notes left out (they stay on this device).
  const page = toPage(row);
  return pageInOrder({ ...page, person: page.personHandle, notes: page.notesPrivate ? '' : page.notes });
}

/** `known`: false when the caller already knows the page is not in the store. */
export function writePage(ctx: OperationContext, page: PageRecord, known = true): void {
  const now = ctx.now();
  const write: PageWrite = {
    id: page.id,
    personId: personIdFor(ctx, page.person, page.zone),
    serviceId: serviceIdFor(ctx, page.service, now),
    severity: page.severity,
    summary: page.summary,
    notes: page.notes,
    notesPrivate: false,
    source: page.source,
    triage: page.triage,
    receivedAt: ms(page.receivedAt),
    acknowledgedAt: msOrNull(page.acknowledgedAt),
    resolvedAt: msOrNull(page.resolvedAt),
    zone: page.zone,
    sleepHour: page.sleepHour,
    sleepHourOverridden: page.sleepHourOverridden,
    offHours: page.offHours,
    minutesSpent: page.minutesSpent,
    tags: page.tags,
    createdAt: ms(page.createdAt),
    updatedAt: ms(page.updatedAt),
    deviceId: ctx.deviceId,
    deletedAt: msOrNull(page.deletedAt),
  };
  const current = known ? getPageRow(ctx.db, page.id) : undefined;
  // This device's private notes are not in the repository: they stay as they are.
  if (current?.notes_private === 1) {
    write.notes = current.notes;
    write.notesPrivate = true;
  }
  if (current) updatePage(ctx.db, { ...rowToWrite(current), ...write }, current);
  else insertPage(ctx.db, write);
}

export function readToil(db: Database, id: string): ToilRecord | null {
  const row = getToilEntryRow(db, id);
  if (!row) return null;
  return {
    id: row.id,
    person: row.person_handle,
    day: row.day,
    startedAt: isoOrNull(row.started_at),
    minutes: row.minutes,
    category: row.category_name,
    service: row.service_name,
    description: row.description,
    automatable: row.automatable === 1,
    automationEffortHours: row.automation_effort_hours,
    page: row.page_id,
    recurringTask: row.recurring_task_title,
    source: row.source,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: isoOrNull(row.deleted_at),
  };
}

function idByName(
  ctx: OperationContext,
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

export function writeToil(ctx: OperationContext, entry: ToilRecord, known = true): void {
  const now = ctx.now();
  // A link to a page this store does not have (a broken file) cannot be kept here.
  const pageKnown =
    entry.page !== null && sql(ctx.db, 'SELECT 1 FROM pages WHERE id = ?').get(entry.page) !== undefined;
  const write: ToilEntryWrite = {
    id: entry.id,
    personId: personIdFor(ctx, entry.person, 'UTC'),
    day: entry.day,
    startedAt: msOrNull(entry.startedAt),
    minutes: entry.minutes,
    categoryId: idByName(ctx, 'toil_categories', 'name', entry.category),
    serviceId: entry.service === null ? null : serviceIdFor(ctx, entry.service, now),
    description: entry.description,
    automatable: entry.automatable,
    automationEffortHours: entry.automationEffortHours,
    pageId: pageKnown ? entry.page : null,
    recurringTaskId:
      entry.recurringTask === null ? null : idByName(ctx, 'recurring_tasks', 'title', entry.recurringTask),
    source: entry.source,
    createdAt: ms(entry.createdAt),
    updatedAt: ms(entry.updatedAt),
    deviceId: ctx.deviceId,
    deletedAt: msOrNull(entry.deletedAt),
  };
  const current = known ? getToilEntryRow(ctx.db, entry.id) : undefined;
  if (current) updateToilEntry(ctx.db, { ...toilRowToWrite(current), ...write });
  else insertToilEntry(ctx.db, write);
}

export type Invoke = (name: string, input: unknown) => { ok: boolean; value?: unknown; error?: { message: string } };

export function readPostmortem(invoke: Invoke, id: string): PostmortemRecord | null {
  const result = invoke('postmortems.export', { id });
  if (!result.ok) return null;
  const parsed = readPostmortemFile((result.value as { markdown: string }).markdown);
  return parsed.meta ? { meta: parsed.meta, body: parsed.body } : null;
}

export function writePostmortem(invoke: Invoke, record: PostmortemRecord): void {
  const result = invoke('postmortems.import', { markdown: writePostmortemFile(record.meta, record.body) });
  if (!result.ok) throw new Error(`postmortem ${record.meta.id}: ${result.error?.message ?? 'not imported'}`);
}

// ---------------------------------------------------------------- teams and rotations

export function readTeam(db: Database, name: string): TeamRecord | null {
  const row = sql(db, 'SELECT id, name, targets, updated_at FROM teams WHERE name = ? AND deleted_at IS NULL').get(
    name,
  ) as { id: string; name: string; targets: string; updated_at: number } | undefined;
  if (!row) return null;
  const people = (
    sql(
      db,
      'SELECT p.handle FROM team_people t JOIN people p ON p.id = t.person_id WHERE t.team_id = ? ORDER BY p.handle',
    ).all(row.id) as { handle: string }[]
  ).map((r) => r.handle);
  const services = (
    sql(
      db,
      'SELECT s.name FROM team_services t JOIN services s ON s.id = t.service_id WHERE t.team_id = ? ORDER BY s.name',
    ).all(row.id) as { name: string }[]
  ).map((r) => r.name);
  // In JavaScript's order, as the team merge sorts them (SQLite's NOCASE order differs: "Zeta"
  // and "alpha"), so the same team is the same bytes on every device.
  const sorted = (list: string[]): string[] => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    name: row.name,
    people: sorted(people),
    services: sorted(services),
    targets: JSON.parse(row.targets) as Record<string, number>,
    updatedAt: iso(row.updated_at),
  };
}

/** Writes a team as it is in the repository (its people known here first, by handle). */
export function writeTeam(ctx: OperationContext, team: TeamRecord, save: Invoke): void {
  for (const handle of team.people) personIdFor(ctx, handle, 'UTC');
  const result = save('teams.save', {
    name: team.name,
    people: team.people,
    services: team.services,
    targets: team.targets,
  });
  if (!result.ok) throw new Error(`team ${team.name}: ${result.error?.message ?? 'not saved'}`);
  sql(ctx.db, 'UPDATE teams SET updated_at = ? WHERE name = ?').run(ms(team.updatedAt), team.name);
}

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

/** Writes a rotation as it is in the repository: its rules and members or its shifts, then its overrides. */
export function writeRotationRecord(ctx: OperationContext, rotation: RotationRecord, save: Invoke): void {
  let id: string;
  if (isFeedRotation(rotation)) id = writeFeed(ctx, rotation);
  else {
    for (const m of rotation.members) personIdFor(ctx, m.handle, rotation.timeZone);
    const result = save('rotations.save', {
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
    if (!result.ok) throw new Error(`rotation ${rotation.name}: ${result.error?.message ?? 'not saved'}`);
    id = (
      sql(ctx.db, 'SELECT id FROM rotations WHERE name = ? AND deleted_at IS NULL').get(rotation.name) as {
        id: string;
      }
    ).id;
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
function writeFeed(ctx: OperationContext, rotation: FeedRotationRecord): string {
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
export function writeHolidayCalendarRecord(ctx: OperationContext, calendar: HolidayCalendarRecord): void {
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
