import { describe, expect, it } from 'vitest';
import { capacityBetween, quarterRange, rankSources, suggestRecurring, verdict, weekOf } from '../shared/domain/toil';
import { invoke, invokeOk, tempWorkstation } from './helpers';

function workstationAt(iso: string, timeZone = 'Europe/Berlin') {
  let now = Date.parse(iso);
  const ws = tempWorkstation({ now: () => now });
  const me = invokeOk(ws, 'app.info', {}).me;
  invokeOk(ws, 'people.save', { id: me.id, name: 'Ann Berg', handle: 'ann', timeZone });
  return {
    ws,
    setNow: (next: string) => (now = Date.parse(next)),
    advance: (minutes: number) => (now += minutes * 60_000),
  };
}

describe('toil as a share of engineering time', () => {
  it('capacity spreads a week over its working days, with leave weeks overriding', () => {
    const rule = { weeklyHours: 40, overrides: new Map([['2026-12-21', 16]]) };
    expect(capacityBetween(rule, '2026-11-23', '2026-11-29')).toBe(40);
    expect(capacityBetween(rule, '2026-12-21', '2026-12-27')).toBe(16);
    // Q4 2026: Thu 1 Oct … Thu 31 Dec = 66 working days; one week at 16 h instead of 40.
    expect(capacityBetween(rule, '2026-10-01', '2026-12-31')).toBeCloseTo(66 * 8 - 24, 6);
    expect(quarterRange('2026Q4')).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
  });

  it('computes toil % for hand-computed weeks, including a week of leave', () => {
    const { ws } = workstationAt('2027-01-05T12:00:00Z');
    invokeOk(ws, 'toil.capacity.set', { week: '2026-12-23', hours: 16, note: 'holidays' }); // any day of the week
    invokeOk(ws, 'toil.add', { minutes: 600, category: 'manual deploy', description: 'deploys', day: '2026-11-24' }); // 10 h
    invokeOk(ws, 'toil.add', { minutes: 240, category: 'alert triage', description: 'triage', day: '2026-11-27' }); // 4 h
    invokeOk(ws, 'toil.add', { minutes: 480, category: 'data fix', description: 'fix orders', day: '2026-12-22' }); // 8 h
    const report = invokeOk(ws, 'toil.report', { quarter: '2026Q4' });
    const week = (monday: string) => report.weeks.find((w) => w.week === monday);
    expect(week('2026-11-23')).toMatchObject({ toilHours: 14, capacityHours: 40, share: 0.35 });
    expect(week('2026-12-21')).toMatchObject({ toilHours: 8, capacityHours: 16, share: 0.5 });
    expect(week('2026-11-30')).toMatchObject({ toilHours: 0, capacityHours: 40, share: 0 });
    expect(week('2026-09-28')).toMatchObject({ capacityHours: 16 }); // Thu 1 and Fri 2 Oct only
    expect(report.current.toilHours).toBe(22);
    expect(report.current.capacityHours).toBeCloseTo(66 * 8 - 24, 6);
    expect(invokeOk(ws, 'toil.capacity.list', {})).toEqual([{ week: '2026-12-21', hours: 16, note: 'holidays' }]);
  });

  it('counts a running quarter only up to today', () => {
    const { ws } = workstationAt('2026-11-25T12:00:00Z'); // a Wednesday
    invokeOk(ws, 'toil.add', { minutes: 480, category: 'ticket work', description: 'tickets', day: '2026-11-24' });
    const report = invokeOk(ws, 'toil.report', {});
    expect(report).toMatchObject({ quarter: '2026Q4', through: '2026-11-25' });
    expect(report.weeks.at(-1)).toMatchObject({ week: '2026-11-23', capacityHours: 24, toilHours: 8 });
    // 1 Oct to 25 Nov 2026: 40 working days.
    expect(report.current.capacityHours).toBe(40 * 8);
  });

  it('files toil under the person’s own local date, so quarter boundaries follow their zone', () => {
    // 31 Dec 12:00 UTC is already 1 Jan 01:00 in Auckland.
    const { ws } = workstationAt('2026-12-31T12:00:00Z', 'Pacific/Auckland');
    const entry = invokeOk(ws, 'toil.quickAdd', { line: '45m alert triage' });
    expect(entry.day).toBe('2027-01-01');
    expect(invokeOk(ws, 'toil.report', { quarter: '2026Q4' })).toMatchObject({
      current: { toilHours: 0 },
      verdict: 'No toil logged for you this quarter yet.', // not a green "0%, under the cap"
    });
    expect(invokeOk(ws, 'toil.report', {})).toMatchObject({ quarter: '2027Q1', current: { toilHours: 0.75 } });
  });

  it('says in plain words whether toil is under the cap and falling', () => {
    expect(
      verdict(
        { toilHours: 33, capacityHours: 100, share: 0.33 },
        { toilHours: 41, capacityHours: 100, share: 0.41 },
        'the team',
      ),
    ).toBe(
      'Toil took 33% of the team’s engineering time this quarter, under the 50% cap: toil fell from 41% to 33% this quarter.',
    );
    expect(
      verdict(
        { toilHours: 56, capacityHours: 100, share: 0.56 },
        { toilHours: 41, capacityHours: 100, share: 0.41 },
        'you',
      ),
    ).toBe(
      'Toil took 56% of your engineering time this quarter, above the 50% cap: toil rose from 41% to 56% this quarter.',
    );
  });

  it('ranks what to automate by payback: hours saved per quarter ÷ effort', () => {
    const ranked = rankSources([
      { key: 'a', label: 'manual deploy · payments', hours: 30, entries: 20, effortHours: 60, automatable: true },
      { key: 'b', label: 'access request', hours: 12, entries: 30, effortHours: 6, automatable: true },
      { key: 'c', label: 'alert triage', hours: 50, entries: 80, effortHours: null, automatable: false },
      { key: 'd', label: 'data fix', hours: 8, entries: 4, effortHours: 40, automatable: true },
    ]);
    expect(ranked.map((s) => [s.key, s.payback])).toEqual([
      ['b', 2],
      ['a', 0.5],
      ['d', 0.2],
      ['c', null],
    ]);
  });

  it('the report ranks the quarter’s sources, grouped by recurring chore once confirmed', () => {
    const { ws } = workstationAt('2026-11-25T12:00:00Z');
    for (const day of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']) {
      invokeOk(ws, 'toil.add', {
        minutes: 90,
        category: 'manual deploy',
        service: 'payments-api',
        description: 'Deploy payments release by hand',
        day,
        automatable: true,
        automationEffortHours: 4,
      });
    }
    invokeOk(ws, 'toil.add', {
      minutes: 60,
      category: 'access request',
      description: 'Grant prod DB access to Omar',
      day: '2026-11-20',
    });
    invokeOk(ws, 'toil.add', {
      minutes: 30,
      category: 'access request',
      description: 'Grant prod DB access to Lena',
      day: '2026-11-21',
    });
    invokeOk(ws, 'toil.add', {
      minutes: 20,
      category: 'access request',
      description: 'grant prod db access for Kai',
      day: '2026-11-22',
    });

    const report = invokeOk(ws, 'toil.report', {});
    expect(report.sources[0]).toMatchObject({
      label: 'manual deploy · payments-api',
      hours: 6,
      entries: 4,
      payback: 1.5,
    });

    const suggestions = invokeOk(ws, 'toil.recurring.suggest', {});
    const access = suggestions.find((s) => s.title.toLowerCase().includes('grant prod db access'));
    expect(access?.entryIds).toHaveLength(3);
    expect(access?.minutes).toBe(110);
    invokeOk(ws, 'toil.recurring.confirm', { title: 'Grant production DB access', entryIds: access?.entryIds ?? [] });
    const grouped = invokeOk(ws, 'toil.report', {});
    expect(grouped.sources.find((s) => s.label === 'Grant production DB access')).toMatchObject({ entries: 3 });
    expect(
      invokeOk(ws, 'toil.recurring.suggest', {}).some((s) => s.entryIds.some((id) => access?.entryIds.includes(id))),
    ).toBe(false);
  });

  it('counts time spent on pages as toil only when the team says so', () => {
    const { ws } = workstationAt('2026-11-25T12:00:00Z');
    invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 2,
      summary: 'replica lag',
      receivedAt: '2026-11-24T10:00:00Z',
      minutesSpent: 120,
    });
    invokeOk(ws, 'toil.add', { minutes: 60, category: 'data fix', description: 'fix', day: '2026-11-24' });
    expect(invokeOk(ws, 'toil.report', {}).current.toilHours).toBe(1);
    expect(invokeOk(ws, 'toil.settings', { countPageTime: true })).toEqual({ countPageTime: true });
    const withPages = invokeOk(ws, 'toil.report', {});
    expect(withPages.current.toilHours).toBe(3);
    expect(withPages.sources.map((s) => s.label)).toContain('page handling');
  });

  it('a team report covers everyone, most toil-laden first', () => {
    const { ws } = workstationAt('2027-01-05T12:00:00Z');
    const bo = invokeOk(ws, 'people.save', {
      name: 'Bo Okafor',
      handle: 'bo',
      timeZone: 'America/New_York',
      weeklyCapacityHours: 20,
    });
    invokeOk(ws, 'toil.add', { minutes: 300, category: 'ticket work', description: 'tickets', day: '2026-11-24' });
    const report = invokeOk(ws, 'toil.report', { scope: 'team', quarter: '2026Q4' });
    expect(report.people.map((p) => p.handle)).toEqual(['ann', 'bo']);
    // Q4 2026 has 66 working days: 20 h a week is 4 h a day.
    expect(report.people.find((p) => p.personId === bo.id)?.capacityHours).toBeCloseTo(66 * 4, 6);
    expect(report.current.capacityHours).toBeCloseTo(66 * 8 + 66 * 4, 6);
  });
});

describe('the toil timer', () => {
  it('starts, runs, stops and records the time on the day it started', () => {
    const { ws, advance } = workstationAt('2026-11-24T22:30:00Z'); // 23:30 in Berlin
    invokeOk(ws, 'toil.timer.start', {
      description: 'Rotate expiring TLS certificates',
      category: 'certificate/secret rotation',
    });
    expect(invoke(ws, 'toil.timer.start', { description: 'again' })).toMatchObject({
      ok: false,
      error: { field: 'timer' },
    });
    advance(47);
    expect(invokeOk(ws, 'toil.timer.get', {})).toMatchObject({
      minutes: 47,
      description: 'Rotate expiring TLS certificates',
    });
    const { entry } = invokeOk(ws, 'toil.timer.stop', {});
    expect(entry).toMatchObject({
      minutes: 47,
      day: '2026-11-24',
      source: 'timer',
      category: 'certificate/secret rotation',
    });
    expect(invokeOk(ws, 'toil.timer.get', {})).toBeNull();
    expect(invoke(ws, 'toil.timer.stop', {})).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('asks before counting a timer left running over 12 hours, and stores nothing until answered', () => {
    const { ws, advance } = workstationAt('2026-11-24T08:00:00Z');
    invokeOk(ws, 'toil.timer.start', { description: 'Ticket queue', category: 'ticket work' });
    advance(13 * 60 + 20);
    const asked = invoke(ws, 'toil.timer.stop', {});
    expect(asked).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'confirm' } });
    if (!asked.ok) expect(asked.error.message).toContain('13 h 20 min, over 12 hours');
    expect(invokeOk(ws, 'toil.list', {})).toEqual([]);
    expect(invokeOk(ws, 'toil.timer.get', {})).not.toBeNull();
    const real = invokeOk(ws, 'toil.timer.stop', { minutes: 95 });
    expect(real.entry?.minutes).toBe(95);

    invokeOk(ws, 'toil.timer.start', { description: 'Forgot me', category: 'ticket work' });
    advance(30 * 60);
    expect(invoke(ws, 'toil.timer.stop', { confirm: true })).toMatchObject({ ok: false, error: { field: 'minutes' } });
    expect(invokeOk(ws, 'toil.timer.stop', { discard: true })).toEqual({ entry: null, discarded: true });
    expect(invokeOk(ws, 'toil.list', {})).toHaveLength(1);
  });
});

describe('recurring chores', () => {
  it('groups alike descriptions and leaves different chores apart', () => {
    const suggestions = suggestRecurring([
      { id: '1', description: 'Restart stuck search indexer', minutes: 20 },
      { id: '2', description: 'restart the stuck search-indexer', minutes: 25 },
      { id: '3', description: 'Restart stuck search indexer again', minutes: 15 },
      { id: '4', description: 'Renew certificate for api.example.com', minutes: 40 },
      { id: '5', description: 'Quarterly access review', minutes: 120 },
    ]);
    expect(suggestions).toEqual([{ title: 'Restart stuck search indexer', entryIds: ['1', '2', '3'], minutes: 60 }]);
  });
});
