// The toil log's operations: entries, the timer, capacity and leave, the quarterly report.

import { DateTime } from 'luxon';
import type { OperationName, OperationOutput, ParsedInput, Person } from '../../shared/contract';
import { parseQuickToil } from '../../shared/domain/duration';
import { createLocalDate } from '../../shared/domain/hours';
import {
  capacityOver,
  previousQuarter,
  quarterOf,
  quarterRange,
  rankSources,
  share,
  suggestRecurring,
  toilCap,
  trendLine,
  verdict,
  weekOf,
  weekSpans,
  type CapacityRule,
  type ToilSource,
} from '../../shared/domain/toil';
import type { ToilEntry } from '../../shared/toil-contract';
import { toilOperations } from '../../shared/toil-contract';
import { getPageRow } from '../store/pages';
import { getPerson, listPeople } from '../store/people';
import { ensureService, listServiceNames } from '../store/services';
import { getSetting, setSetting } from '../store/settings';
import {
  capacityWeeks,
  clearTimer,
  findCategoryId,
  getTimer,
  getToilEntryRow,
  insertCategory,
  insertRecurringTask,
  insertToilEntry,
  listCategories,
  listToilEntryRows,
  pageMinutes,
  recurringTaskTitles,
  serviceNamesById,
  setCapacityWeek,
  startTimer,
  toilMinutesByPersonDay,
  toilRowToWrite,
  toilSources,
  updateToilEntry,
  type ToilEntryRow,
  type ToilEntryWrite,
} from '../store/toil';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { writes } from './writes';
import { suggestToilCategory } from '../../shared/domain/toil-category';
import { assertOwnRecord, currentPerson } from './me';

type ToilName = keyof typeof toilOperations & OperationName;
type ToilHandlers = { [N in ToilName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

/** A timer still running after this long is asked about before it counts. */
export const longTimerMinutes = 12 * 60;

const iso = (ms: number): string => new Date(ms).toISOString();

function toEntry(row: ToilEntryRow): ToilEntry {
  return {
    id: row.id,
    personId: row.person_id,
    personHandle: row.person_handle,
    day: row.day,
    startedAt: row.started_at === null ? null : iso(row.started_at),
    minutes: row.minutes,
    category: row.category_name,
    service: row.service_name,
    description: row.description,
    automatable: row.automatable === 1,
    automationEffortHours: row.automation_effort_hours,
    pageId: row.page_id,
    recurringTask: row.recurring_task_title,
    source: row.source,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at === null ? null : iso(row.deleted_at),
  };
}

const today = (person: Person, nowMs: number): string =>
  DateTime.fromMillis(nowMs, { zone: person.timeZone }).toISODate() ?? '';

function categoryId(ctx: OperationContext, name: string): string {
  const id = findCategoryId(ctx.db, name);
  if (!id) {
    const known = listCategories(ctx.db).map((c) => c.name);
    throw new OperationFailure(
      'invalid_input',
      `category: "${name}" is not a toil category (known: ${known.join(', ')})`,
      'category',
    );
  }
  return id;
}

function serviceId(ctx: OperationContext, name: string | null | undefined): string | null {
  return name ? ensureService(ctx.db, name, ctx.newId, ctx.now(), ctx.deviceId) : null;
}

function liveEntry(ctx: OperationContext, id: string): ToilEntryRow {
  const row = getToilEntryRow(ctx.db, id);
  if (!row || row.deleted_at !== null) throw notFound('toil entry', id);
  return row;
}

function addEntry(
  ctx: OperationContext,
  person: Person,
  fields: Omit<
    ToilEntryWrite,
    'id' | 'personId' | 'createdAt' | 'updatedAt' | 'deviceId' | 'deletedAt' | 'recurringTaskId'
  >,
): ToilEntry {
  const now = ctx.now();
  const id = ctx.newId();
  insertToilEntry(ctx.db, {
    ...fields,
    id,
    personId: person.id,
    recurringTaskId: null,
    createdAt: now,
    updatedAt: now,
    deviceId: ctx.deviceId,
    deletedAt: null,
  });
  return toEntry(liveEntry(ctx, id));
}

function timerView(ctx: OperationContext, person: Person) {
  const timer = getTimer(ctx.db, person.id);
  if (!timer) return null;
  return {
    startedAt: iso(timer.started_at),
    category: timer.category_name,
    service: timer.service_name,
    description: timer.description,
    minutes: Math.max(0, Math.floor((ctx.now() - timer.started_at) / 60_000)),
  };
}

function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}

function setDeleted(ctx: OperationContext, row: ToilEntryRow, deletedAt: number | null): void {
  updateToilEntry(ctx.db, { ...toilRowToWrite(row), deletedAt, updatedAt: ctx.now(), deviceId: ctx.deviceId });
}

function countsPageTime(ctx: OperationContext): boolean {
  return getSetting(ctx.db, 'toil_count_page_time') === '1';
}

export const toilHandlers: ToilHandlers = {
  // The person is made (on a new device) inside the same transaction as the write, so a write
  // refused for its input leaves nothing behind.
  'toil.add': writes((ctx, input) => {
    if (input.pageId && !getPageRow(ctx.db, input.pageId)) throw notFound('page', input.pageId, 'pageId');
    const person = currentPerson(ctx);
    return addEntry(ctx, person, {
      day: input.day ?? today(person, ctx.now()),
      startedAt: null,
      minutes: input.minutes,
      categoryId: categoryId(ctx, input.category),
      serviceId: serviceId(ctx, input.service),
      description: input.description,
      automatable: input.automatable ?? false,
      automationEffortHours: input.automationEffortHours ?? null,
      pageId: input.pageId ?? null,
      source: 'manual',
    });
  }),

  'toil.quickAdd': writes((ctx, input) => {
    const parsed = parseQuickToil(
      input.line,
      listCategories(ctx.db).map((c) => c.name),
      listServiceNames(ctx.db),
    );
    if (!parsed.ok) throw new OperationFailure('invalid_input', `line: ${parsed.message}`, 'line');
    const { minutes, category, service, description } = parsed.value;
    const person = currentPerson(ctx);
    return addEntry(ctx, person, {
      day: input.day ?? today(person, ctx.now()),
      startedAt: null,
      minutes,
      categoryId: categoryId(ctx, category),
      serviceId: serviceId(ctx, service),
      description,
      automatable: false,
      automationEffortHours: null,
      pageId: null,
      source: 'manual',
    });
  }),

  'toil.update': writes((ctx, { id, patch }) => {
    const row = liveEntry(ctx, id);
    assertOwnRecord(ctx, row.person_id, 'toil entry');
    const current = toilRowToWrite(row);
    updateToilEntry(ctx.db, {
      ...current,
      minutes: patch.minutes ?? current.minutes,
      day: patch.day ?? current.day,
      categoryId: patch.category !== undefined ? categoryId(ctx, patch.category) : current.categoryId,
      serviceId: patch.service !== undefined ? serviceId(ctx, patch.service) : current.serviceId,
      description: patch.description ?? current.description,
      automatable: patch.automatable ?? current.automatable,
      automationEffortHours:
        patch.automationEffortHours !== undefined ? patch.automationEffortHours : current.automationEffortHours,
      updatedAt: ctx.now(),
      deviceId: ctx.deviceId,
    });
    return toEntry(liveEntry(ctx, id));
  }),

  'toil.remove': writes((ctx, { id }) => {
    const row = liveEntry(ctx, id);
    assertOwnRecord(ctx, row.person_id, 'toil entry');
    setDeleted(ctx, row, ctx.now());
    return toEntry(getToilEntryRow(ctx.db, id) ?? row);
  }),

  'toil.restore': writes((ctx, { id }) => {
    const row = getToilEntryRow(ctx.db, id);
    if (!row) throw notFound('toil entry', id);
    if (row.deleted_at !== null) setDeleted(ctx, row, null);
    return toEntry(liveEntry(ctx, id));
  }),

  'toil.list': (ctx, input) => {
    const person = currentPerson(ctx);
    return listToilEntryRows(ctx.db, {
      personId: input.scope === 'me' ? person.id : undefined,
      from: input.from,
      to: input.to,
      limit: input.limit,
    }).map(toEntry);
  },

  'toil.timer.get': (ctx) => timerView(ctx, currentPerson(ctx)),

  'toil.timer.start': writes((ctx, input) => {
    const person = currentPerson(ctx);
    const running = getTimer(ctx.db, person.id);
    if (running) {
      throw new OperationFailure(
        'invalid_input',
        `timer: already running since ${iso(running.started_at)} for "${running.description}"; stop it first`,
        'timer',
      );
    }
    startTimer(ctx.db, {
      personId: person.id,
      startedAt: ctx.now(),
      categoryId: categoryId(
        ctx,
        input.category ??
          suggestToilCategory(
            input.description,
            listCategories(ctx.db).map((c) => c.name),
          ),
      ),
      serviceId: serviceId(ctx, input.service),
      description: input.description,
    });
    const view = timerView(ctx, person);
    if (!view) throw new Error('the timer just started could not be read back');
    return view;
  }),

  'toil.timer.stop': writes((ctx, input) => {
    const person = currentPerson(ctx);
    const timer = getTimer(ctx.db, person.id);
    if (!timer) throw new OperationFailure('not_found', 'timer: no toil timer is running', 'timer');
    if (input.discard) {
      clearTimer(ctx.db, person.id);
      return { entry: null, discarded: true };
    }
    const ran = Math.max(1, Math.round((ctx.now() - timer.started_at) / 60_000));
    if (input.minutes === undefined && ran > longTimerMinutes && !input.confirm) {
      throw new OperationFailure(
        'invalid_input',
        `confirm: the timer has run ${durationText(ran)}, over 12 hours — count it all, give the real minutes, or discard it`,
        'confirm',
      );
    }
    const minutes = input.minutes ?? ran;
    if (minutes > 24 * 60) {
      throw new OperationFailure(
        'invalid_input',
        `minutes: the timer has run ${durationText(ran)}, more than a day — give the real minutes, or discard it`,
        'minutes',
      );
    }
    clearTimer(ctx.db, person.id);
    const entry = addEntry(ctx, person, {
      day: today(person, timer.started_at),
      startedAt: timer.started_at,
      minutes,
      categoryId: timer.category_id,
      serviceId: timer.service_id,
      description: timer.description,
      automatable: false,
      automationEffortHours: null,
      pageId: null,
      source: 'timer',
    });
    return { entry, discarded: false };
  }),

  'toil.report': (ctx, input) => {
    const me = currentPerson(ctx);
    const quarter = input.quarter ?? quarterOf(today(me, ctx.now()));
    const { first, last } = quarterRange(quarter);
    const previous = quarterRange(previousQuarter(quarter));
    // The current quarter counts up to today: future weeks are neither toil-free nor capacity.
    const todayLocal = today(me, ctx.now());
    const through = todayLocal < last ? todayLocal : last;

    const people = input.scope === 'me' ? [me] : listPeople(ctx.db);
    const inScope = new Set(people.map((p) => p.id));
    const personFilter = input.scope === 'me' ? me.id : undefined;

    // Capacity rules: each person's normal week plus their leave weeks.
    const rules = new Map<string, CapacityRule>(
      people.map((p) => [p.id, { weeklyHours: p.weeklyCapacityHours, overrides: new Map() }]),
    );
    for (const row of capacityWeeks(ctx.db, weekOf(previous.first), last))
      rules.get(row.person_id)?.overrides.set(row.week, row.hours);

    // Toil minutes per person and day, both quarters (and page handling time, when it counts).
    const minutesByPersonDay = new Map<string, Map<string, number>>();
    const addMinutes = (personId: string, day: string, minutes: number): void => {
      if (!inScope.has(personId)) return;
      const days = minutesByPersonDay.get(personId) ?? new Map<string, number>();
      days.set(day, (days.get(day) ?? 0) + minutes);
      minutesByPersonDay.set(personId, days);
    };
    for (const row of toilMinutesByPersonDay(ctx.db, previous.first, last, personFilter))
      addMinutes(row.person_id, row.day, row.minutes);
    const pageTime = countsPageTime(ctx);
    let pageMinutesTotal = 0;
    if (pageTime) {
      const from = Date.parse(`${previous.first}T00:00:00Z`) - 86_400_000;
      const to = Date.parse(`${last}T00:00:00Z`) + 2 * 86_400_000;
      const localDate = new Map(people.map((p) => [p.id, createLocalDate(p.timeZone)]));
      for (const row of pageMinutes(ctx.db, from, to, personFilter)) {
        const day = localDate.get(row.person_id)?.(row.received_at);
        if (!day || day < previous.first || day > last) continue;
        addMinutes(row.person_id, day, row.minutes);
        if (day >= first && day <= through) pageMinutesTotal += row.minutes;
      }
    }

    const spansNow = through >= first ? weekSpans(first, through) : [];
    const spansBefore = weekSpans(previous.first, previous.last);
    const weekOfDay = new Map<string, string>();
    const mondayOf = (day: string): string => {
      let monday = weekOfDay.get(day);
      if (!monday) weekOfDay.set(day, (monday = weekOf(day)));
      return monday;
    };

    let toilNow = 0;
    let toilBefore = 0;
    let capacityNow = 0;
    let capacityBefore = 0;
    const toilByWeek = new Map<string, number>();
    const capacityByWeek = new Map<string, number>();
    const peopleRows = people.map((person) => {
      const rule = rules.get(person.id) as CapacityRule;
      let personToil = 0;
      for (const [day, minutes] of minutesByPersonDay.get(person.id) ?? []) {
        if (day > through) continue;
        if (day >= first) {
          personToil += minutes;
          const monday = mondayOf(day);
          toilByWeek.set(monday, (toilByWeek.get(monday) ?? 0) + minutes);
        } else toilBefore += minutes;
      }
      toilNow += personToil;
      const personCapacity = capacityOver(rule, spansNow);
      capacityNow += personCapacity;
      capacityBefore += capacityOver(rule, spansBefore);
      for (const span of spansNow) {
        capacityByWeek.set(span.monday, (capacityByWeek.get(span.monday) ?? 0) + capacityOver(rule, [span]));
      }
      return {
        personId: person.id,
        handle: person.handle,
        name: person.name,
        ...share(personToil / 60, personCapacity),
      };
    });

    const weekShares = spansNow.map((span) =>
      share((toilByWeek.get(span.monday) ?? 0) / 60, capacityByWeek.get(span.monday) ?? 0),
    );
    const trend = trendLine(weekShares.map((w) => w.share));
    const current = share(toilNow / 60, capacityNow);
    const before = share(toilBefore / 60, capacityBefore);

    const categoryNames = new Map(listCategories(ctx.db).map((c) => [c.id, c.name]));
    const serviceNames = serviceNamesById(ctx.db);
    const taskTitles = recurringTaskTitles(ctx.db);
    const sources: ToilSource[] = toilSources(ctx.db, first, through, personFilter).map((row) => ({
      key: row.recurring_task_id ? `task:${row.recurring_task_id}` : `cat:${row.category_id}:${row.service_id ?? ''}`,
      label: row.recurring_task_id
        ? (taskTitles.get(row.recurring_task_id) ?? 'recurring chore')
        : [categoryNames.get(row.category_id), row.service_id ? serviceNames.get(row.service_id) : null]
            .filter(Boolean)
            .join(' · '),
      hours: row.minutes / 60,
      entries: row.entries,
      effortHours: row.effort_hours,
      automatable: row.automatable === 1,
    }));
    if (pageTime && pageMinutesTotal > 0) {
      sources.push({
        key: 'pages',
        label: 'page handling',
        hours: pageMinutesTotal / 60,
        entries: 0,
        effortHours: null,
        automatable: false,
      });
    }

    return {
      quarter,
      first,
      last,
      through,
      scope: input.scope,
      who: input.scope === 'me' ? me.name : 'the team',
      countsPageTime: pageTime,
      current,
      previous: before,
      cap: toilCap,
      // A quarter with no toil logged at all was not tracked: no comparison rather than a false "rose".
      verdict: verdict(
        current,
        before.share === null || before.toilHours === 0 ? null : before,
        input.scope === 'me' ? 'you' : 'the team',
      ),
      weeks: spansNow.map((span, i) => ({
        week: span.monday,
        ...(weekShares[i] ?? share(0, 0)),
        trend: trend[i] ?? null,
      })),
      people: peopleRows.sort((a, b) => (b.share ?? -1) - (a.share ?? -1)),
      sources: rankSources(sources).slice(0, 10),
    };
  },

  'toil.categories': (ctx) => listCategories(ctx.db).map((c) => c.name),

  'toil.categories.add': writes((ctx, { name }) => {
    if (!findCategoryId(ctx.db, name)) insertCategory(ctx.db, ctx.newId(), name, ctx.now(), ctx.deviceId);
    return listCategories(ctx.db).map((c) => c.name);
  }),

  'toil.capacity.set': writes((ctx, input) => {
    const person = currentPerson(ctx);
    if (input.week === undefined) {
      if (input.hours === null)
        throw new OperationFailure('invalid_input', 'hours: a normal week needs a number of hours', 'hours');
      const saved = getPerson(ctx.db, person.id);
      if (!saved) throw notFound('person', person.id);
      ctx.db
        .prepare('UPDATE people SET weekly_capacity_hours = ?, updated_at = ?, device_id = ? WHERE id = ?')
        .run(input.hours, ctx.now(), ctx.deviceId, person.id);
      return { week: null, hours: input.hours };
    }
    const monday = weekOf(input.week);
    setCapacityWeek(
      ctx.db,
      { personId: person.id, week: monday, hours: input.hours, note: input.note ?? '' },
      ctx.now(),
      ctx.deviceId,
    );
    return { week: monday, hours: input.hours };
  }),

  'toil.capacity.list': (ctx, input) => {
    const person = currentPerson(ctx);
    return capacityWeeks(ctx.db, input.from ? weekOf(input.from) : '0000-01-01', input.to ?? '9999-12-31')
      .filter((row) => row.person_id === person.id)
      .map(({ week, hours, note }) => ({ week, hours, note }));
  },

  'toil.settings': writes((ctx, input) => {
    if (input.countPageTime !== undefined) setSetting(ctx.db, 'toil_count_page_time', input.countPageTime ? '1' : '0');
    return { countPageTime: countsPageTime(ctx) };
  }),

  'toil.recurring.suggest': (ctx, input) => {
    const me = currentPerson(ctx);
    const { first, last } = quarterRange(input.quarter ?? quarterOf(today(me, ctx.now())));
    const rows = listToilEntryRows(ctx.db, { personId: me.id, from: first, to: last, limit: 1000 }).filter(
      (row) => row.recurring_task_id === null,
    );
    return suggestRecurring(rows.map((row) => ({ id: row.id, description: row.description, minutes: row.minutes })));
  },

  'toil.recurring.confirm': writes((ctx, input) => {
    const rows = input.entryIds.map((id) => liveEntry(ctx, id));
    const id = ctx.newId();
    insertRecurringTask(ctx.db, id, input.title, ctx.now(), ctx.deviceId);
    for (const row of rows) {
      updateToilEntry(ctx.db, {
        ...toilRowToWrite(row),
        recurringTaskId: id,
        updatedAt: ctx.now(),
        deviceId: ctx.deviceId,
      });
    }
    return { id, title: input.title, entries: rows.length };
  }),
};
