// Which reminders fire when: shift soon/now/end, action items, a long toil timer, sync conflicts
// and failures — never in sleep hours unless on call now, once per kind per local day, each kind
// can be turned off, each opens its view. Pure functions, plain Node, fixed instants.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultBusinessHours, defaultSleepHours } from '../shared/domain/hours';
import {
  afterSync,
  readFired,
  reminderKinds,
  remindersDue,
  quietNow,
  type ReminderFacts,
} from '../shared/domain/reminders/rules';

const at = (iso: string): number => Date.parse(iso);
const hour = 3_600_000;

/** Ann in Berlin (UTC+1 in November), nothing on: a Wednesday at 15:00 local. */
function facts(overrides: Partial<ReminderFacts> = {}): ReminderFacts {
  return {
    now: at('2026-11-25T14:00:00Z'),
    me: { timeZone: 'Europe/Berlin', workingHours: defaultBusinessHours, sleepHours: defaultSleepHours },
    shifts: [],
    pagesInEndedShift: 0,
    actionItems: [],
    toilTimer: null,
    sync: { connected: true, conflicts: 0, failedInARow: 0, lastError: null },
    ...overrides,
  };
}
const none = { off: [] };
const kinds = (f: ReminderFacts, fired = {}) => remindersDue(f, none, fired).reminders.map((r) => r.kind);

describe('shift reminders', () => {
  const shift = { rotation: 'payments', startsAt: at('2026-11-25T15:00:00Z'), endsAt: at('2026-11-26T15:00:00Z') };

  it('says a shift starts in an hour, then that it starts now, each once', () => {
    const soon = remindersDue(facts({ now: shift.startsAt - hour, shifts: [shift] }), none, {});
    expect(soon.reminders).toEqual([
      {
        kind: 'shift-soon',
        title: 'Your payments shift starts in 1 hour',
        body: 'On call from 16:00 to 16:00.',
        route: { kind: 'view', view: 'rotations' },
      },
    ]);
    // Twenty minutes later: already said today.
    expect(kinds(facts({ now: shift.startsAt - 40 * 60_000, shifts: [shift] }), soon.fired)).toEqual([]);
    const now = remindersDue(facts({ now: shift.startsAt + 60_000, shifts: [shift] }), none, soon.fired);
    expect(now.reminders.map((r) => [r.kind, r.title, r.route])).toEqual([
      ['shift-start', 'Your payments shift starts now', { kind: 'view', view: 'week' }],
    ]);
    expect(kinds(facts({ now: shift.startsAt + 10 * 60_000, shifts: [shift] }), now.fired)).toEqual([]);
  });

  it('says how many minutes are left when the app wakes up closer to the start', () => {
    const [reminder] = remindersDue(facts({ now: shift.startsAt - 20 * 60_000, shifts: [shift] }), none, {}).reminders;
    expect(reminder?.title).toBe('Your payments shift starts in 20 minutes');
  });

  it('asks at the end of a shift to log the pages not yet logged, with the count logged', () => {
    const ended = remindersDue(
      facts({ now: shift.endsAt + 5 * 60_000, shifts: [shift], pagesInEndedShift: 3 }),
      none,
      {},
    );
    expect(ended.reminders).toEqual([
      {
        kind: 'shift-end',
        title: 'Your payments shift has ended — log any pages you haven’t?',
        body: 'You logged 3 pages during it.',
        route: { kind: 'log', what: 'page' },
      },
    ]);
  });

  it('does not call a back-to-back shift of the same rotation a start or an end', () => {
    const next = { ...shift, startsAt: shift.endsAt, endsAt: shift.endsAt + 24 * hour };
    expect(kinds(facts({ now: shift.endsAt + 60_000, shifts: [shift, next] }))).toEqual([]);
  });

  it('is quiet long after the moment (the laptop was shut)', () => {
    expect(kinds(facts({ now: shift.startsAt + 2 * hour, shifts: [shift] }))).toEqual([]);
    expect(kinds(facts({ now: shift.endsAt + 3 * hour, shifts: [shift] }))).toEqual([]);
  });
});

describe('sleep hours', () => {
  // 03:00 in Berlin on Thursday.
  const night = at('2026-11-26T02:00:00Z');
  const everything: Partial<ReminderFacts> = {
    toilTimer: { startedAt: night - 5 * hour, description: 'reindex' },
    sync: { connected: true, conflicts: 2, failedInARow: 4, lastError: 'offline' },
  };

  it('fires nothing during sleep hours for someone not on call', () => {
    const f = facts({ now: night, ...everything });
    expect(quietNow(f)).toBe(true);
    expect(kinds(f)).toEqual([]);
    // Not even a shift that starts in an hour: they are not on call yet.
    const shift = { rotation: 'payments', startsAt: night + hour, endsAt: night + 13 * hour };
    expect(kinds(facts({ now: night, shifts: [shift] }))).toEqual([]);
  });

  it('speaks during sleep hours to someone on call now', () => {
    const shift = { rotation: 'payments', startsAt: night - 60_000, endsAt: night + 12 * hour };
    const f = facts({ now: night, shifts: [shift], ...everything });
    expect(quietNow(f)).toBe(false);
    expect(kinds(f)).toEqual(['shift-start', 'toil-timer', 'sync-conflicts', 'sync-failed']);
  });

  it('judges sleep in the person’s own zone', () => {
    // 14:00 UTC: 06:00 in Los Angeles (asleep), 15:00 in Berlin (awake).
    const now = at('2026-11-25T14:00:00Z');
    const f = { ...everything, now, toilTimer: { startedAt: now - 5 * hour, description: 'reindex' } };
    expect(kinds(facts({ ...f, me: { ...facts().me, timeZone: 'America/Los_Angeles' } }))).toEqual([]);
    expect(kinds(facts(f))).toEqual(['toil-timer', 'sync-conflicts', 'sync-failed']);
  });

  it('never fires for someone asleep and off call, whatever else is true (property)', () => {
    const sleeping = fc.integer({ min: 0, max: 9 * 60 - 1 }).map((m) => at('2026-11-25T21:00:00Z') + m * 60_000);
    fc.assert(
      fc.property(sleeping, fc.integer({ min: 0, max: 9 }), fc.boolean(), (now, n, timer) => {
        const f = facts({
          now,
          actionItems: Array.from({ length: n }, (_, i) => ({ title: `a${i}`, due: '2026-11-01', overdue: true })),
          toilTimer: timer ? { startedAt: now - 9 * hour, description: 'x' } : null,
          sync: { connected: true, conflicts: n, failedInARow: n, lastError: null },
        });
        expect(remindersDue(f, none, {}).reminders).toEqual([]);
      }),
    );
  });
});

describe('action items, toil timer and sync', () => {
  const items = [
    { title: 'add alert', due: '2026-11-20', overdue: true },
    { title: 'fix runbook', due: '2026-11-26', overdue: false },
    { title: 'later', due: '2026-12-20', overdue: false },
  ];

  it('nags once a day in working hours about overdue items and items due tomorrow', () => {
    const first = remindersDue(facts({ actionItems: items }), none, {});
    expect(first.reminders).toEqual([
      {
        kind: 'action-items',
        title: '2 action items need you',
        body: '1 overdue, 1 due tomorrow.',
        route: { kind: 'view', view: 'actions' },
      },
    ]);
    expect(kinds(facts({ actionItems: items, now: at('2026-11-25T16:00:00Z') }), first.fired)).toEqual([]);
    // The next working day it may say so again.
    expect(kinds(facts({ actionItems: items, now: at('2026-11-26T09:00:00Z') }), first.fired)).toEqual([
      'action-items',
    ]);
  });

  it('says nothing about action items outside working hours (evening, weekend)', () => {
    expect(kinds(facts({ actionItems: items, now: at('2026-11-25T19:00:00Z') }))).toEqual([]);
    expect(kinds(facts({ actionItems: items, now: at('2026-11-28T11:00:00Z') }))).toEqual([]);
  });

  it('mentions a toil timer only after 2 hours', () => {
    const now = facts().now;
    expect(kinds(facts({ toilTimer: { startedAt: now - 2 * hour + 60_000, description: 'x' } }))).toEqual([]);
    const [r] = remindersDue(
      facts({ toilTimer: { startedAt: now - 3 * hour, description: 'reindex' } }),
      none,
      {},
    ).reminders;
    expect(r).toMatchObject({
      kind: 'toil-timer',
      title: 'Your toil timer has run 3 hours',
      route: { kind: 'log', what: 'toil' },
    });
  });

  it('tells about conflicts, and about sync only after several failures in a row', () => {
    const sync = (failedInARow: number, conflicts = 0) => ({
      connected: true,
      conflicts,
      failedInARow,
      lastError: 'host unreachable',
    });
    expect(kinds(facts({ sync: sync(2) }))).toEqual([]);
    const [failed] = remindersDue(facts({ sync: sync(3) }), none, {}).reminders;
    expect(failed).toMatchObject({
      kind: 'sync-failed',
      body: 'host unreachable',
      route: { kind: 'view', view: 'settings' },
    });
    expect(kinds(facts({ sync: sync(0, 1) }))).toEqual(['sync-conflicts']);
    expect(kinds(facts({ sync: { ...sync(5, 3), connected: false } }))).toEqual([]);
    expect([true, false, false, false].reduce((n, ok) => afterSync(n, ok), 7)).toBe(3);
    expect(afterSync(3, true)).toBe(0);
  });
});

describe('preferences and memory', () => {
  it('turns each kind off on its own', () => {
    const f = facts({
      toilTimer: { startedAt: facts().now - 3 * hour, description: 'x' },
      sync: { connected: true, conflicts: 1, failedInARow: 3, lastError: null },
    });
    expect(remindersDue(f, { off: ['toil-timer', 'sync-failed'] }, {}).reminders.map((r) => r.kind)).toEqual([
      'sync-conflicts',
    ]);
    expect(remindersDue(f, { off: [...reminderKinds] }, {}).reminders).toEqual([]);
  });

  it('counts "today" in the person’s zone, so a new local day allows a kind again', () => {
    const f = facts({ sync: { connected: true, conflicts: 1, failedInARow: 0, lastError: null } });
    const { fired } = remindersDue(f, none, {});
    expect(fired).toEqual({ 'sync-conflicts': '2026-11-25' });
    // 23:30 UTC is already Thursday in Berlin — but inside sleep hours, so still nothing.
    expect(kinds({ ...f, now: at('2026-11-25T23:30:00Z') }, fired)).toEqual([]);
    expect(kinds({ ...f, now: at('2026-11-26T08:00:00Z') }, fired)).toEqual(['sync-conflicts']);
  });

  it('reads back only known kinds and dates from storage', () => {
    expect(readFired({ 'shift-soon': '2026-11-25', bogus: '2026-11-25', 'toil-timer': 'yesterday' })).toEqual({
      'shift-soon': '2026-11-25',
    });
    expect(readFired('nonsense')).toEqual({});
  });
});
