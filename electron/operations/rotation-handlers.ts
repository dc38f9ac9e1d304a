// Rotations' operations: rules and members, shifts, on call now, gaps, overrides, iCalendar in and out.

import ICAL from 'ical.js';
import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import {
  applyOverrides,
  gaps,
  onCallIn,
  restrictionWindows,
  shiftAt,
  shiftsFor,
  type Restriction,
  type Shift,
} from '../../shared/domain/rotation';
import type { Page } from '../../shared/contract';
import { bothLayers, longStretches } from '../../shared/domain/rotation-warnings';
import { rotationOperations, type Rotation, type ShiftView, type Team } from '../../shared/rotation-contract';
import { ensureService } from '../store/services';
import { listTeamRows, teamByName, teamPeople, teamServices, upsertTeam, type TeamRow } from '../store/teams';
import { FeedError, importWindow, matchPeople, parseScheduleFeed } from '../import/ical';
import { getPersonByHandle, listPeople } from '../store/people';
import {
  deleteFeedShift,
  feedShifts,
  insertOverride,
  listRotationRows,
  membersOf,
  overridesBetween,
  removeOverride,
  rotationByName,
  ruleOf,
  setMembers,
  touchRotation,
  upsertFeedShift,
  upsertRotation,
  type RotationRow,
  rulesRotationRow,
} from '../store/rotations';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { writes } from './writes';
import { currentPerson } from './me';
import { refuseStale } from './stale';

type RotationName = keyof typeof rotationOperations & OperationName;
type RotationHandlers = { [N in RotationName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

const iso = (ms: number): string => new Date(ms).toISOString();
const dayMs = 86_400_000;

function rotationNamed(ctx: OperationContext, name: string): RotationRow {
  const row = rotationByName(ctx.db, name);
  if (!row) throw new OperationFailure('not_found', `rotation: there is no rotation called "${name}"`, 'rotation');
  return row;
}

function teamNamed(ctx: OperationContext, name: string): TeamRow {
  const row = teamByName(ctx.db, name);
  if (!row) throw new OperationFailure('not_found', `team: there is no team called "${name}"`, 'team');
  return row;
}

function toTeam(ctx: OperationContext, row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    people: teamPeople(ctx.db, row.id),
    services: teamServices(ctx.db, row.id),
    targets: JSON.parse(row.targets) as Team['targets'],
    rotations: listRotationRows(ctx.db)
      .filter((r) => r.team_id === row.id)
      .map((r) => r.name),
  };
}

function personId(ctx: OperationContext, handle: string, field: string): string {
  const person = getPersonByHandle(ctx.db, handle);
  if (!person) throw new OperationFailure('not_found', `${field}: nobody has the handle "${handle}"`, field);
  return person.id;
}

function toRotation(ctx: OperationContext, row: RotationRow): Rotation {
  return {
    id: row.id,
    name: row.name,
    layer: row.layer,
    kind: row.kind,
    team: row.team_id ? (listTeamRows(ctx.db).find((t) => t.id === row.team_id)?.name ?? null) : null,
    timeZone: row.time_zone,
    start: row.start,
    shiftLength: row.shift_length,
    shiftUnit: row.shift_unit,
    restriction: row.restriction ? (JSON.parse(row.restriction) as Rotation['restriction']) : null,
    members: membersOf(ctx.db, row.id).map((m) => ({
      handle: m.handle,
      name: m.name,
      from: m.from_date,
      until: m.until_date,
    })),
    ...(row.updated_at === undefined ? {} : { updatedAt: iso(row.updated_at) }),
  };
}

/** A rotation's shifts in [fromMs, toMs): from its rules, or from its imported feed; overrides laid over. */
export function rotationShifts(ctx: OperationContext, row: RotationRow, fromMs: number, toMs: number): Shift[] {
  const overrides = overridesBetween(ctx.db, row.id, fromMs, toMs).map((o) => ({
    id: o.id,
    rotationId: o.rotation_id,
    personId: o.person_id,
    startMs: o.start_at,
    endMs: o.end_at,
  }));
  if (row.kind === 'rules') return shiftsFor(ruleOf(row, membersOf(ctx.db, row.id)), overrides, fromMs, toMs);
  const rows = feedShifts(ctx.db, row.id, fromMs, toMs);
  const base: Shift[] = rows
    .filter((r) => r.is_override === 0)
    .map((r) => ({
      rotationId: row.id,
      layer: row.layer,
      personId: r.person_id,
      startMs: Math.max(r.start_at, fromMs),
      endMs: Math.min(r.end_at, toMs),
      overrideId: null,
    }));
  // Feed events may overlap; the later start wins where they do.
  const tidy = base
    .sort((a, b) => a.startMs - b.startMs)
    .map((s, i, all) => ({ ...s, endMs: Math.min(s.endMs, all[i + 1]?.startMs ?? s.endMs) }));
  const feedOverrides = rows
    .filter((r) => r.is_override === 1)
    .map((r) => ({
      id: `feed:${r.key}`,
      rotationId: row.id,
      personId: r.person_id,
      startMs: r.start_at,
      endMs: r.end_at,
    }));
  return applyOverrides(
    tidy.filter((s) => s.endMs > s.startMs),
    [...feedOverrides, ...overrides],
    fromMs,
    toMs,
  );
}

/** Adds to each page the rotations in which its person was on call when it came in. */
export function withOnCall(ctx: OperationContext, pages: Page[]): Page[] {
  const rows = listRotationRows(ctx.db);
  if (rows.length === 0 || pages.length === 0) return pages;
  const times = pages.map((p) => Date.parse(p.receivedAt));
  const from = Math.min(...times);
  const to = Math.max(...times) + 1;
  const rotations = rows.map((row) => ({ name: row.name, shifts: rotationShifts(ctx, row, from, to) }));
  return pages.map((page, i) => ({ ...page, onCall: onCallIn(page.personId, times[i] ?? 0, rotations) }));
}

/** One person on two layers of the team at once; a stretch longer than the team's maxShiftHours. */
function scheduleWarnings(ctx: OperationContext, row: RotationRow, from: number, to: number) {
  const people = new Map(listPeople(ctx.db).map((p) => [p.id, p.handle]));
  const handleOf = (id: string): string => people.get(id) ?? id;
  const layered = (r: RotationRow) => ({
    name: r.name,
    layer: r.layer,
    team: r.team_id,
    shifts: rotationShifts(ctx, r, from, to),
  });
  const mine = layered(row);
  const others = listRotationRows(ctx.db)
    .filter((r) => r.id !== row.id && r.layer !== row.layer && r.team_id === row.team_id)
    .map(layered);
  const warnings: OperationOutput<'rotations.check'>['warnings'] = bothLayers(mine, others).map((w) => ({
    kind: 'both-layers',
    handle: handleOf(w.personId),
    startsAt: iso(w.startMs),
    endsAt: iso(w.endMs),
    message: `@${handleOf(w.personId)} is on call in both ${w.rotation} (${row.layer}) and ${w.other} at once: nobody backs them up`,
  }));
  const team = row.team_id ? listTeamRows(ctx.db).find((t) => t.id === row.team_id) : undefined;
  const limit = team ? (JSON.parse(team.targets) as { maxShiftHours?: number }).maxShiftHours : undefined;
  if (limit !== undefined) {
    for (const s of longStretches(mine.shifts, limit))
      warnings.push({
        kind: 'long-shift',
        handle: handleOf(s.personId),
        startsAt: iso(s.startMs),
        endsAt: iso(s.endMs),
        message: `@${handleOf(s.personId)} is on call for ${Math.round(s.hours)} hours in a row, past ${team?.name}'s limit of ${limit}`,
      });
  }
  return warnings.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

function viewOf(ctx: OperationContext, row: RotationRow, shifts: Shift[]): ShiftView[] {
  const people = new Map(listPeople(ctx.db).map((p) => [p.id, p]));
  return shifts.map((s) => ({
    rotation: row.name,
    layer: s.layer,
    handle: people.get(s.personId)?.handle ?? s.personId,
    name: people.get(s.personId)?.name ?? s.personId,
    startsAt: iso(s.startMs),
    endsAt: iso(s.endMs),
    overrideId: s.overrideId,
  }));
}

function icsOf(row: RotationRow, shifts: ShiftView[], nowMs: number): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', '-//On-call Workstation//Rotations//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  calendar.addPropertyWithValue('x-wr-calname', `On call: ${row.name}`);
  const stamp = ICAL.Time.fromJSDate(new Date(nowMs), true);
  for (const shift of shifts) {
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', `${row.id}-${Date.parse(shift.startsAt)}-${shift.handle}@oncall-workstation`);
    event.addPropertyWithValue('dtstamp', stamp);
    event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(shift.startsAt), true));
    event.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(shift.endsAt), true));
    event.addPropertyWithValue(
      'summary',
      `On call: ${shift.name} (${row.name}${shift.overrideId ? ', override' : ''})`,
    );
    event.addPropertyWithValue('transp', 'TRANSPARENT');
    calendar.addSubcomponent(event);
  }
  return `${calendar.toString().replace(/\r?\n/g, '\r\n')}\r\n`;
}

export const rotationHandlers: RotationHandlers = {
  'teams.save': writes((ctx, input) => {
    const existing = teamByName(ctx.db, input.name);
    const people = input.people.map((handle, i) => personId(ctx, handle, `people.${i}`));
    const now = ctx.now();
    const services = input.services.map((name) => ensureService(ctx.db, name, ctx.newId, now, ctx.deviceId));
    const row: TeamRow = {
      id: existing?.id ?? ctx.newId(),
      name: input.name,
      targets: JSON.stringify(input.targets),
    };
    upsertTeam(ctx.db, row, people, services, now, ctx.deviceId);
    return toTeam(ctx, row);
  }),

  'teams.list': (ctx) => listTeamRows(ctx.db).map((row) => toTeam(ctx, row)),

  'teams.join': writes((ctx, input) => {
    const row = teamByName(ctx.db, input.team);
    if (!row) throw new OperationFailure('not_found', `team: there is no team called "${input.team}"`, 'team');
    const handle = input.handle ?? currentPerson(ctx).handle;
    const joining = personId(ctx, handle, 'handle');
    const team = toTeam(ctx, row);
    if (team.people.some((p) => p.handle === handle)) return team;
    const people = [...team.people.map((p, i) => personId(ctx, p.handle, `people.${i}`)), joining];
    const services = team.services.map((name) => ensureService(ctx.db, name, ctx.newId, ctx.now(), ctx.deviceId));
    upsertTeam(ctx.db, row, people, services, ctx.now(), ctx.deviceId);
    return toTeam(ctx, row);
  }),

  'rotations.save': writes((ctx, input) => {
    const existing = rotationByName(ctx.db, input.name);
    if (existing?.kind === 'feed') {
      throw new OperationFailure(
        'invalid_input',
        `name: "${input.name}" is imported from a calendar feed; give the rules a new name`,
        'name',
      );
    }
    if (existing?.updated_at !== undefined) refuseStale('rotation', existing.updated_at, input.baseUpdatedAt);
    const members = input.members.map((m, i) => ({
      personId: personId(ctx, m.handle, `members.${i}.handle`),
      from: m.from ?? null,
      until: m.until ?? null,
    }));
    const teamId = input.team ? teamNamed(ctx, input.team).id : (existing?.team_id ?? null);
    const row = rulesRotationRow(input, existing?.id ?? ctx.newId(), existing, teamId);
    const now = ctx.now();
    upsertRotation(ctx.db, row, now, ctx.deviceId);
    setMembers(ctx.db, row.id, members);
    return toRotation(ctx, { ...row, updated_at: now });
  }),

  'rotations.list': (ctx) => listRotationRows(ctx.db).map((row) => toRotation(ctx, row)),

  'rotations.shifts': (ctx, input) => {
    const rows = input.rotation ? [rotationNamed(ctx, input.rotation)] : listRotationRows(ctx.db);
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    return rows.flatMap((row) => viewOf(ctx, row, rotationShifts(ctx, row, from, to)));
  },

  'rotations.now': (ctx, input) => {
    const at = input.at ? Date.parse(input.at) : ctx.now();
    return listRotationRows(ctx.db).map((row) => {
      // A wide window, so the current shift is seen from its real start.
      const shifts = rotationShifts(ctx, row, at - 35 * dayMs, at + 60 * dayMs);
      const current = shiftAt(shifts, at);
      const next = shifts.find((s) => s.startMs >= (current?.endMs ?? at) && s.personId !== current?.personId) ?? null;
      const [nowView, nextView] = viewOf(
        ctx,
        row,
        [current, next].filter((s): s is Shift => !!s),
      );
      return {
        rotation: row.name,
        layer: row.layer,
        now: current ? (nowView ?? null) : null,
        next: next ? ((current ? nextView : nowView) ?? null) : null,
      };
    });
  },

  'rotations.check': (ctx, input) => {
    const row = rotationNamed(ctx, input.rotation);
    const from = ctx.now();
    const to = from + input.weeks * 7 * dayMs;
    return {
      rotation: row.name,
      from: iso(from),
      to: iso(to),
      // A restricted rotation (business hours only) is uncovered only inside its windows.
      gaps: (row.restriction
        ? restrictionWindows(JSON.parse(row.restriction) as Restriction, row.time_zone, from, to).flatMap((w) =>
            gaps(rotationShifts(ctx, row, w.startMs, w.endMs), w.startMs, w.endMs),
          )
        : gaps(rotationShifts(ctx, row, from, to), from, to)
      ).map((g) => ({ startsAt: iso(g.startMs), endsAt: iso(g.endMs) })),
      warnings: scheduleWarnings(ctx, row, from, to),
    };
  },

  'overrides.add': writes((ctx, input) => {
    const row = rotationNamed(ctx, input.rotation);
    const id = ctx.newId();
    const override = {
      id,
      rotation_id: row.id,
      person_id: personId(ctx, input.handle, 'handle'),
      start_at: Date.parse(input.from),
      end_at: Date.parse(input.to),
      reason: input.reason ?? '',
    };
    insertOverride(ctx.db, override, ctx.now(), ctx.deviceId);
    return {
      id,
      rotation: row.name,
      handle: input.handle,
      startsAt: iso(override.start_at),
      endsAt: iso(override.end_at),
      reason: override.reason,
    };
  }),

  'overrides.remove': writes((ctx, { id }) => {
    if (!removeOverride(ctx.db, id, ctx.now(), ctx.deviceId)) throw notFound('override', id);
    return { id };
  }),

  'rotations.import': writes((ctx, input) => {
    const now = ctx.now();
    let feed;
    try {
      feed = parseScheduleFeed(input.ics, { ...importWindow(now), zone: input.timeZone, source: input.fileName });
    } catch (error) {
      if (error instanceof FeedError) throw new OperationFailure('invalid_input', `ics: ${error.message}`, 'ics');
      throw error;
    }
    const existing = rotationByName(ctx.db, input.rotation);
    if (existing?.kind === 'rules') {
      throw new OperationFailure(
        'invalid_input',
        `rotation: "${input.rotation}" is defined by rules; import the feed under another name`,
        'rotation',
      );
    }
    const people = listPeople(ctx.db).map((p) => ({ id: p.id, name: p.name, handle: p.handle }));
    for (const [feedName, handle] of Object.entries(input.map)) {
      if (!people.some((p) => p.handle === handle))
        throw new OperationFailure('not_found', `map: "${feedName}" maps to "${handle}", who is not known here`, 'map');
    }
    const { assigned, unknown } = matchPeople(feed.shifts, people, input.map);
    const current = new Map((existing ? feedShifts(ctx.db, existing.id) : []).map((r) => [r.key, r]));
    const incoming = feed.shifts.filter((s) => assigned.has(s.name ?? s.email ?? ''));
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    for (const shift of incoming) {
      const before = current.get(shift.key);
      const personId = assigned.get(shift.name ?? shift.email ?? '') ?? '';
      if (!before) added += 1;
      else if (
        before.person_id !== personId ||
        before.start_at !== shift.startMs ||
        before.end_at !== shift.endMs ||
        before.is_override !== (shift.isOverride ? 1 : 0)
      )
        changed += 1;
      else unchanged += 1;
    }
    const keys = new Set(feed.shifts.map((s) => s.key));
    const removed = [...current.keys()].filter((key) => !keys.has(key));
    const result = {
      rotation: input.rotation,
      applied: false,
      added,
      changed,
      removed: removed.length,
      unchanged,
      unknownNames: unknown,
      skipped: feed.skipped,
    };
    if (!input.apply) return result;
    if (unknown.length > 0) {
      throw new OperationFailure(
        'invalid_input',
        `map: ${unknown.length === 1 ? 'this name matches' : 'these names match'} nobody here: ${unknown.join(', ')} (map them, e.g. "${unknown[0]}=handle")`,
        'map',
      );
    }
    const first = incoming[0];
    const row: RotationRow = existing ?? {
      id: ctx.newId(),
      name: input.rotation,
      layer: first?.layer ?? 'primary',
      kind: 'feed',
      time_zone: input.timeZone,
      start: new Date(first?.startMs ?? now).toISOString().slice(0, 16),
      shift_length: 1,
      shift_unit: 'weeks',
      restriction: null,
      team_id: null,
    };
    if (!existing) upsertRotation(ctx.db, row, now, ctx.deviceId);
    for (const shift of incoming) {
      upsertFeedShift(ctx.db, row.id, {
        key: shift.key,
        person_id: assigned.get(shift.name ?? shift.email ?? '') ?? '',
        start_at: shift.startMs,
        end_at: shift.endMs,
        is_override: shift.isOverride ? 1 : 0,
      });
    }
    for (const key of removed) deleteFeedShift(ctx.db, row.id, key);
    // The rotation's edit time is its shifts' too (git sync: the later import wins a clash).
    if (existing && added + changed + removed.length > 0) touchRotation(ctx.db, row.id, now, ctx.deviceId);
    return { ...result, applied: true };
  }),

  'rotations.export': (ctx, input) => {
    const row = rotationNamed(ctx, input.rotation);
    const now = ctx.now();
    const from = input.from ? Date.parse(input.from) : now - 30 * dayMs;
    const to = input.to ? Date.parse(input.to) : now + 365 * dayMs;
    if (input.handle) personId(ctx, input.handle, 'handle');
    const shifts = viewOf(ctx, row, rotationShifts(ctx, row, from, to)).filter(
      (s) => !input.handle || s.handle === input.handle,
    );
    return { ics: icsOf(row, shifts, now), shifts: shifts.length };
  },
};
