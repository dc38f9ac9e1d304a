// The operations themselves: parsed input in, contract output out. Only these touch the store.

import type { OperationName, OperationOutput, Page, ParsedInput, Person } from '../../shared/contract';
import { classifyMoment, defaultBusinessHours, defaultSleepHours } from '../../shared/domain/hours';
import { checkTargets, daysOfWeek, defaultTargets, weekContaining, type WeekCounts } from '../../shared/domain/week';
import {
  ftsQuery,
  getPageRow,
  hasPages,
  insertPage,
  listPageRows,
  personPagesBetween,
  rowToWrite,
  toPage,
  updatePage,
  type PageFilter,
  type PageRow,
  type PageWrite,
} from '../store/pages';
import { getPerson, getPersonByHandle, listPeople, upsertPerson } from '../store/people';
import { countPages } from '../store/page-count';
import { ensureService, findServiceId, listServiceNames } from '../store/services';
import { getSetting, setSetting } from '../store/settings';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { refuseStale } from './stale';
import { writes } from './writes';
import { assertOwnRecord, chooseMe, currentPerson, isAutoMe } from './me';
import { historyHandlers } from './history-handlers';
import { holidayHandlers } from './holiday-handlers';
import { postmortemHandlers } from './postmortem-handlers';
import { reportHandlers } from './report-handlers';
import { rotationHandlers, withOnCall } from './rotation-handlers';
import { sloHandlers } from './slo-handlers';
import { syncHandlers } from './sync-handlers';
import { toilHandlers } from './toil-handlers';
import { triageHandlers } from './triage-handlers';
import { desktopHandlers } from './desktop-handlers';

export type Handlers = { [N in OperationName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

const parseInstant = (value: string): number => Date.parse(value);

function livePageRow(ctx: OperationContext, id: string): PageRow {
  const row = getPageRow(ctx.db, id);
  if (!row || row.deleted_at !== null) throw notFound('page', id);
  return row;
}

function withDerivedFlags(page: PageWrite, person: Person, sleepOverride: boolean | null): PageWrite {
  const moment = classifyMoment(page.receivedAt, {
    timeZone: person.timeZone,
    working: person.workingHours,
    sleep: person.sleepHours,
  });
  return {
    ...page,
    sleepHour: sleepOverride ?? moment.sleepHour,
    sleepHourOverridden: sleepOverride !== null,
    offHours: moment.offHours,
  };
}

/** Tombstone (or bring back) a page; the row stays so deletions can be undone and synced. */
function setDeleted(ctx: OperationContext, row: PageRow, deletedAt: number | null): void {
  const now = ctx.now();
  updatePage(ctx.db, { ...rowToWrite(row), deletedAt, updatedAt: now, deviceId: ctx.deviceId }, row);
}

/** What pages.list and pages.count filter by, as the store takes it; null when the service named is unknown. */
function pageFilterOf(
  ctx: OperationContext,
  input: {
    service?: string;
    severity?: number;
    triage?: PageFilter['triage'];
    sleepHour?: boolean;
    since?: string;
    until?: string;
    query?: string;
  },
): Omit<PageFilter, 'limit' | 'beforeKey'> | null {
  let serviceId: string | undefined;
  if (input.service !== undefined) {
    serviceId = findServiceId(ctx.db, input.service);
    if (!serviceId) return null;
  }
  return {
    serviceId,
    severity: input.severity,
    triage: input.triage,
    sleepHour: input.sleepHour,
    sinceMs: input.since ? parseInstant(input.since) : undefined,
    untilMs: input.until ? parseInstant(input.until) : undefined,
    match: input.query ? ftsQuery(input.query) : undefined,
  };
}

function encodeCursor(row: PageRow): string {
  return Buffer.from(`k${row.time_key}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^k(-?\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const key = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(key)) {
    throw new OperationFailure('invalid_input', 'cursor: is not a cursor this app returned', 'cursor');
  }
  return key;
}

// Write transactions start IMMEDIATE: a deferred one that reads and then writes fails at once
// with SQLITE_BUSY when another process (the CLI, the app) committed in between.
export const handlers: Handlers = {
  'app.info': (ctx) => ({
    version: ctx.version,
    dataDir: ctx.dataDir,
    deviceId: ctx.deviceId,
    me: currentPerson(ctx),
    meChosen: !isAutoMe(ctx),
    services: listServiceNames(ctx.db),
    lastService: getSetting(ctx.db, 'last_service') ?? null,
    lastSeverity: Number(getSetting(ctx.db, 'last_severity') ?? NaN) || null,
    hasPages: hasPages(ctx.db),
  }),

  'pages.add': writes((ctx, input) => {
    const person = input.personId ? getPerson(ctx.db, input.personId) : currentPerson(ctx);
    if (!person) throw notFound('person', input.personId ?? '', 'personId');
    const now = ctx.now();
    const id = ctx.newId();
    const serviceId = ensureService(ctx.db, input.service, ctx.newId, now, ctx.deviceId);
    const page = withDerivedFlags(
      {
        id,
        personId: person.id,
        serviceId,
        severity: input.severity,
        summary: input.summary,
        notes: input.notes ?? '',
        notesPrivate: input.notesPrivate ?? false,
        source: input.source ?? 'manual',
        triage: input.triage ?? null,
        receivedAt: input.receivedAt ? parseInstant(input.receivedAt) : now,
        acknowledgedAt: input.acknowledgedAt ? parseInstant(input.acknowledgedAt) : null,
        resolvedAt: input.resolvedAt ? parseInstant(input.resolvedAt) : null,
        zone: input.zone ?? ctx.defaults.timeZone,
        sleepHour: false,
        sleepHourOverridden: false,
        offHours: false,
        minutesSpent: input.minutesSpent ?? null,
        tags: input.tags ?? [],
        createdAt: now,
        updatedAt: now,
        deviceId: ctx.deviceId,
        deletedAt: null,
      },
      person,
      input.sleepHour ?? null,
    );
    // The contract checks the order only when receivedAt is given; "now" is checked here.
    if (page.acknowledgedAt !== null && page.acknowledgedAt < page.receivedAt)
      throw new OperationFailure(
        'invalid_input',
        'acknowledgedAt: must not be before the page was received',
        'acknowledgedAt',
      );
    if (page.resolvedAt !== null && page.resolvedAt < page.receivedAt)
      throw new OperationFailure('invalid_input', 'resolvedAt: must not be before the page was received', 'resolvedAt');
    insertPage(ctx.db, page);
    setSetting(ctx.db, 'last_service', input.service);
    setSetting(ctx.db, 'last_severity', String(input.severity));
    return withOnCall(ctx, [toPage(livePageRow(ctx, id))])[0] as Page;
  }),

  'pages.update': writes((ctx, { id, patch, baseUpdatedAt }) => {
    const row = livePageRow(ctx, id);
    assertOwnRecord(ctx, row.person_id, 'page');
    refuseStale('page', row.updated_at, baseUpdatedAt);
    const person = getPerson(ctx.db, row.person_id);
    if (!person) throw notFound('person', row.person_id, 'personId');
    const now = ctx.now();
    const current = rowToWrite(row);
    const serviceId =
      patch.service !== undefined
        ? ensureService(ctx.db, patch.service, ctx.newId, now, ctx.deviceId)
        : current.serviceId;
    const next: PageWrite = {
      ...current,
      serviceId,
      severity: patch.severity ?? current.severity,
      summary: patch.summary ?? current.summary,
      notes: patch.notes ?? current.notes,
      notesPrivate: patch.notesPrivate ?? current.notesPrivate,
      triage: patch.triage !== undefined ? patch.triage : current.triage,
      receivedAt: patch.receivedAt ? parseInstant(patch.receivedAt) : current.receivedAt,
      acknowledgedAt:
        patch.acknowledgedAt !== undefined
          ? patch.acknowledgedAt
            ? parseInstant(patch.acknowledgedAt)
            : null
          : current.acknowledgedAt,
      resolvedAt:
        patch.resolvedAt !== undefined
          ? patch.resolvedAt
            ? parseInstant(patch.resolvedAt)
            : null
          : current.resolvedAt,
      zone: patch.zone ?? current.zone,
      minutesSpent: patch.minutesSpent !== undefined ? patch.minutesSpent : current.minutesSpent,
      tags: patch.tags ?? current.tags,
      updatedAt: now,
      deviceId: ctx.deviceId,
    };
    if (next.acknowledgedAt !== null && next.acknowledgedAt < next.receivedAt)
      throw new OperationFailure(
        'invalid_input',
        'acknowledgedAt: must not be before the page was received',
        'patch.acknowledgedAt',
      );
    if (next.resolvedAt !== null && next.resolvedAt < next.receivedAt)
      throw new OperationFailure(
        'invalid_input',
        'resolvedAt: must not be before the page was received',
        'patch.resolvedAt',
      );
    const sleepOverride =
      patch.sleepHour !== undefined ? patch.sleepHour : current.sleepHourOverridden ? current.sleepHour : null;
    // Flags are judged when the page is received: an edit of anything else keeps them, even
    // if the person's zone or hours have changed since (history is not rewritten).
    const rejudge = next.receivedAt !== current.receivedAt || patch.sleepHour !== undefined;
    updatePage(ctx.db, rejudge ? withDerivedFlags(next, person, sleepOverride) : next, row);
    return withOnCall(ctx, [toPage(livePageRow(ctx, id))])[0] as Page;
  }),

  'pages.remove': writes((ctx, { id }) => {
    const row = livePageRow(ctx, id);
    assertOwnRecord(ctx, row.person_id, 'page');
    setDeleted(ctx, row, ctx.now());
    return toPage(getPageRow(ctx.db, id) ?? row);
  }),

  'pages.restore': writes((ctx, { id }) => {
    const row = getPageRow(ctx.db, id);
    if (!row) throw notFound('page', id);
    assertOwnRecord(ctx, row.person_id, 'page');
    if (row.deleted_at !== null) setDeleted(ctx, row, null);
    return withOnCall(ctx, [toPage(livePageRow(ctx, id))])[0] as Page;
  }),

  'pages.get': (ctx, { id }) => withOnCall(ctx, [toPage(livePageRow(ctx, id))])[0] as Page,

  'pages.list': (ctx, input) => {
    const filter = pageFilterOf(ctx, input);
    if (!filter) return { pages: [], nextCursor: null };
    const rows = listPageRows(ctx.db, {
      ...filter,
      beforeKey: input.cursor ? decodeCursor(input.cursor) : undefined,
      limit: input.limit + 1,
    });
    const more = rows.length > input.limit;
    const shown = more ? rows.slice(0, input.limit) : rows;
    const last = shown[shown.length - 1];
    return { pages: withOnCall(ctx, shown.map(toPage)), nextCursor: more && last ? encodeCursor(last) : null };
  },

  'pages.count': (ctx, input) => {
    const filter = pageFilterOf(ctx, input);
    return filter ? countPages(ctx.db, filter) : { total: 0, more: false };
  },

  'me.week': (ctx, input) => {
    const person = currentPerson(ctx);
    const at = input.at ? parseInstant(input.at) : ctx.now();
    const { startMs, endMs } = weekContaining(at, person.timeZone);
    const rows = personPagesBetween(ctx.db, person.id, startMs, endMs);
    const counts: WeekCounts = {
      pages: 0,
      actionable: 0,
      noise: 0,
      untriaged: 0,
      sleepHour: 0,
      offHours: 0,
      minutesSpent: 0,
    };
    const days = daysOfWeek(startMs, person.timeZone).map((day) => ({
      ...day,
      actionable: 0,
      noise: 0,
      untriaged: 0,
      sleepHour: 0,
    }));
    for (const row of rows) {
      counts.pages += 1;
      const triage = row.triage ?? 'untriaged';
      counts[triage] += 1;
      counts.sleepHour += row.sleep_hour;
      counts.offHours += row.off_hours;
      counts.minutesSpent += row.minutes_spent ?? 0;
      const day = days.find((d) => row.received_at >= d.startMs && row.received_at < d.endMs);
      if (day) {
        day[triage] += 1;
        day.sleepHour += row.sleep_hour;
      }
    }
    return {
      person,
      startsAt: new Date(startMs).toISOString(),
      endsAt: new Date(endMs).toISOString(),
      timeZone: person.timeZone,
      counts,
      days: days.map(({ date, actionable, noise, untriaged, sleepHour }) => ({
        date,
        actionable,
        noise,
        untriaged,
        sleepHour,
      })),
      targets: checkTargets(counts, defaultTargets),
    };
  },

  'people.list': (ctx) => {
    currentPerson(ctx);
    return listPeople(ctx.db);
  },

  'people.save': writes((ctx, input) => {
    const existing = input.id ? getPerson(ctx.db, input.id) : undefined;
    if (input.id && !existing) throw notFound('person', input.id);
    const sameHandle = getPersonByHandle(ctx.db, input.handle);
    if (sameHandle && sameHandle.id !== input.id)
      throw new OperationFailure(
        'invalid_input',
        `handle: ${input.handle} is already taken by ${sameHandle.name}`,
        'handle',
      );
    const id = existing?.id ?? ctx.newId();
    upsertPerson(
      ctx.db,
      {
        id,
        name: input.name,
        handle: input.handle,
        timeZone: input.timeZone,
        workingHours: input.workingHours ?? existing?.workingHours ?? defaultBusinessHours,
        businessHours: input.businessHours ?? existing?.businessHours ?? defaultBusinessHours,
        sleepHours: input.sleepHours ?? existing?.sleepHours ?? defaultSleepHours,
        weeklyCapacityHours: input.weeklyCapacityHours ?? existing?.weeklyCapacityHours ?? 40,
      },
      ctx.now(),
      ctx.deviceId,
    );
    // Editing this device's own person says who they are.
    if (isAutoMe(ctx) && getSetting(ctx.db, 'me') === id) chooseMe(ctx, id);
    const saved = getPerson(ctx.db, id);
    if (!saved) throw notFound('person', id);
    return saved;
  }),

  'me.set': writes((ctx, { id }) => {
    const person = getPerson(ctx.db, id);
    if (!person) throw notFound('person', id);
    chooseMe(ctx, id);
    return person;
  }),

  ...toilHandlers,
  ...rotationHandlers,
  ...postmortemHandlers,
  ...syncHandlers,
  ...reportHandlers,
  ...holidayHandlers,
  ...historyHandlers,
  ...triageHandlers,
  ...desktopHandlers,
  ...sloHandlers,
};
