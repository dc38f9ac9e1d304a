import { describe, expect, it } from 'vitest';
import { invoke, invokeOk, tempWorkstation } from './helpers';

const monday0312Berlin = '2026-11-23T02:12:00Z';

function berlinWorkstation(now = Date.parse('2026-11-25T12:00:00Z')) {
  const ws = tempWorkstation({ now: () => now });
  const me = invokeOk(ws, 'app.info', {}).me;
  invokeOk(ws, 'people.save', { id: me.id, name: 'Ann Berg', handle: 'ann', timeZone: 'Europe/Berlin' });
  return ws;
}

describe('logging and reviewing pages', () => {
  it('a new device logs as a person made from the OS user, and remembers the last service and severity', () => {
    const ws = tempWorkstation();
    const info = invokeOk(ws, 'app.info', {});
    expect(info.hasPages).toBe(false);
    expect(info.me.sleepHours).toEqual({ start: '22:00', end: '08:00', days: [1, 2, 3, 4, 5, 6, 7] });
    expect(info.me.workingHours).toEqual({ start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] });
    invokeOk(ws, 'pages.add', { service: 'payments-api', severity: 2, summary: 'p99 latency' });
    const after = invokeOk(ws, 'app.info', {});
    expect(after).toMatchObject({
      hasPages: true,
      lastService: 'payments-api',
      lastSeverity: 2,
      services: ['payments-api'],
    });
  });

  it('derives sleep-hour and off-hours flags in the person’s own zone, and lets a person override sleep hours', () => {
    const ws = berlinWorkstation();
    const night = invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 1,
      summary: 'primary down',
      receivedAt: monday0312Berlin,
    });
    expect(night).toMatchObject({
      sleepHour: true,
      sleepHourOverridden: false,
      offHours: true,
      triage: null,
      source: 'manual',
    });
    const day = invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 3,
      summary: 'replica lag',
      receivedAt: '2026-11-23T10:00:00Z',
    });
    expect(day).toMatchObject({ sleepHour: false, offHours: false });
    const overridden = invokeOk(ws, 'pages.update', { id: day.id, patch: { sleepHour: true } });
    expect(overridden).toMatchObject({ sleepHour: true, sleepHourOverridden: true });
    // Moving the page keeps the override; clearing it derives again.
    const moved = invokeOk(ws, 'pages.update', { id: day.id, patch: { receivedAt: '2026-11-23T11:00:00Z' } });
    expect(moved.sleepHour).toBe(true);
    const derived = invokeOk(ws, 'pages.update', { id: day.id, patch: { sleepHour: null } });
    expect(derived).toMatchObject({ sleepHour: false, sleepHourOverridden: false });
  });

  it('later edits add acknowledge and resolve times, triage, time spent, notes and tags', () => {
    const ws = berlinWorkstation();
    const page = invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 1,
      summary: 'primary down',
      receivedAt: monday0312Berlin,
    });
    const edited = invokeOk(ws, 'pages.update', {
      id: page.id,
      patch: {
        acknowledgedAt: '2026-11-23T02:15:00Z',
        resolvedAt: '2026-11-23T03:00:00Z',
        triage: 'actionable',
        minutesSpent: 48,
        notes: 'Failed over to the replica.',
        tags: ['database', 'failover'],
        service: 'payments-db',
      },
    });
    expect(edited).toMatchObject({
      acknowledgedAt: '2026-11-23T02:15:00.000Z',
      resolvedAt: '2026-11-23T03:00:00.000Z',
      triage: 'actionable',
      minutesSpent: 48,
      notes: 'Failed over to the replica.',
      tags: ['database', 'failover'],
      service: 'payments-db',
      createdAt: page.createdAt,
    });
    expect(invokeOk(ws, 'pages.get', { id: page.id })).toEqual(edited);
    const bad = invoke(ws, 'pages.update', { id: page.id, patch: { receivedAt: '2026-11-23T04:00:00Z' } });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'patch.acknowledgedAt' } });
  });

  it('deletes as a tombstone and undoes the deletion', () => {
    const ws = berlinWorkstation();
    const page = invokeOk(ws, 'pages.add', { service: 'db', severity: 1, summary: 'primary down' });
    const removed = invokeOk(ws, 'pages.remove', { id: page.id });
    expect(removed.deletedAt).not.toBeNull();
    expect(invokeOk(ws, 'pages.list', {}).pages).toEqual([]);
    expect(invoke(ws, 'pages.get', { id: page.id })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(ws.ctx.db.prepare('SELECT count(*) AS n FROM pages').get()).toEqual({ n: 1 });
    const restored = invokeOk(ws, 'pages.restore', { id: page.id });
    expect(restored.deletedAt).toBeNull();
    expect(invokeOk(ws, 'pages.list', {}).pages.map((p) => p.id)).toEqual([page.id]);
  });

  it('lists newest first with filters, full-text search and keyset paging that never repeats or skips', () => {
    const ws = berlinWorkstation();
    const at = (h: number): string => new Date(Date.parse('2026-11-20T00:00:00Z') + h * 3_600_000).toISOString();
    for (let h = 0; h < 60; h++) {
      invokeOk(ws, 'pages.add', {
        service: h % 3 === 0 ? 'search-indexer' : 'payments-api',
        severity: (h % 5) + 1,
        summary: h % 10 === 0 ? `Disk full on node ${h}` : `Latency alert ${h}`,
        notes: h === 7 ? 'Rotated the expiring certificate' : '',
        triage: h % 2 === 0 ? 'noise' : 'actionable',
        receivedAt: at(h),
      });
    }
    const all = invokeOk(ws, 'pages.list', { limit: 1000 }).pages;
    expect(all).toHaveLength(60);
    expect(all.map((p) => p.receivedAt)).toEqual([...all.map((p) => p.receivedAt)].sort().reverse());

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const batch = invokeOk(ws, 'pages.list', { limit: 7, cursor });
      seen.push(...batch.pages.map((p) => p.id));
      cursor = batch.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((p) => p.id));

    expect(invokeOk(ws, 'pages.list', { service: 'search-indexer' }).pages).toHaveLength(20);
    expect(invokeOk(ws, 'pages.list', { service: 'SEARCH-INDEXER' }).pages).toHaveLength(20);
    expect(invokeOk(ws, 'pages.list', { service: 'unknown' }).pages).toHaveLength(0);
    expect(invokeOk(ws, 'pages.list', { severity: 1 }).pages.every((p) => p.severity === 1)).toBe(true);
    expect(invokeOk(ws, 'pages.list', { triage: 'noise' }).pages).toHaveLength(30);
    expect(invokeOk(ws, 'pages.list', { triage: 'untriaged' }).pages).toHaveLength(0);
    expect(invokeOk(ws, 'pages.list', { since: at(50), until: at(55) }).pages.map((p) => p.receivedAt)).toEqual(
      [54, 53, 52, 51, 50].map(at),
    );
    expect(invokeOk(ws, 'pages.list', { query: 'disk' }).pages.map((p) => p.summary)).toEqual(
      [50, 40, 30, 20, 10, 0].map((h) => `Disk full on node ${h}`),
    );
    expect(invokeOk(ws, 'pages.list', { query: 'certif' }).pages.map((p) => p.summary)).toEqual(['Latency alert 7']);
    expect(invokeOk(ws, 'pages.list', { query: 'disk "node' }).pages).toHaveLength(6);
    expect(invokeOk(ws, 'pages.list', { query: 'disk', service: 'payments-api' }).pages).toHaveLength(4);
    expect(invoke(ws, 'pages.list', { cursor: 'not-a-cursor' })).toMatchObject({
      ok: false,
      error: { field: 'cursor' },
    });
  });

  it('my week counts my pages in my zone’s Monday-to-Monday week against the targets', () => {
    const ws = berlinWorkstation(Date.parse('2026-11-25T12:00:00Z'));
    const add = (receivedAt: string, triage: 'actionable' | 'noise' | null, minutesSpent = 10) =>
      invokeOk(ws, 'pages.add', { service: 'db', severity: 2, summary: 'x', receivedAt, triage, minutesSpent });
    add('2026-11-22T23:30:00Z', 'actionable'); // Mon 00:30 Berlin: this week, sleep hours
    add('2026-11-22T22:30:00Z', 'actionable'); // Sun 23:30 Berlin: last week
    add('2026-11-24T10:00:00Z', 'actionable', 30); // Tue 11:00
    add('2026-11-25T09:00:00Z', 'noise', 5);
    add('2026-11-26T20:00:00Z', null, 0); // Thu 21:00, off hours
    const week = invokeOk(ws, 'me.week', {});
    expect(week.startsAt).toBe('2026-11-22T23:00:00.000Z');
    expect(week.counts).toEqual({
      pages: 4,
      actionable: 2,
      noise: 1,
      untriaged: 1,
      sleepHour: 1,
      offHours: 2,
      minutesSpent: 45,
    });
    expect(week.days.map((d) => d.actionable + d.noise + d.untriaged)).toEqual([1, 1, 1, 1, 0, 0, 0]);
    expect(week.targets.map((t) => t.met)).toEqual([false, false]);
    const lastWeek = invokeOk(ws, 'me.week', { at: '2026-11-18T12:00:00Z' });
    expect(lastWeek.counts).toMatchObject({ pages: 1, actionable: 1, sleepHour: 1 });
    expect(lastWeek.targets.map((t) => t.met)).toEqual([true, false]);
  });

  it('keeps newest-first order for pages in the same millisecond, after edits of their time, and in search', () => {
    const ws = berlinWorkstation();
    const same = '2026-11-23T02:12:00.000Z';
    const ids = Array.from(
      { length: 5 },
      (_, i) =>
        invokeOk(ws, 'pages.add', { service: 'db', severity: 3, summary: `storm page ${i}`, receivedAt: same }).id,
    );
    const early = invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 3,
      summary: 'early storm page',
      receivedAt: '2026-11-22T00:00:00Z',
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const batch = invokeOk(ws, 'pages.list', { limit: 2, cursor, query: 'storm' });
      seen.push(...batch.pages.map((p) => p.id));
      cursor = batch.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...[...ids].reverse(), early.id]);

    // Move the early page to the newest; order and search follow it.
    invokeOk(ws, 'pages.update', {
      id: early.id,
      patch: { receivedAt: '2026-11-24T00:00:00Z', summary: 'moved storm page' },
    });
    expect(invokeOk(ws, 'pages.list', { limit: 1 }).pages[0]?.id).toBe(early.id);
    expect(invokeOk(ws, 'pages.list', { query: 'moved' }).pages.map((p) => p.id)).toEqual([early.id]);
    expect(invokeOk(ws, 'pages.list', { query: 'early' }).pages).toEqual([]);
    expect(
      invokeOk(ws, 'pages.list', { since: '2026-11-23T02:12:00Z', until: '2026-11-23T02:12:00.001Z' }).pages,
    ).toHaveLength(5);

    // Deleted pages leave search results, and come back with undo.
    invokeOk(ws, 'pages.remove', { id: early.id });
    expect(invokeOk(ws, 'pages.list', { query: 'moved' }).pages).toEqual([]);
    invokeOk(ws, 'pages.restore', { id: early.id });
    expect(invokeOk(ws, 'pages.list', { query: 'moved' }).pages.map((p) => p.id)).toEqual([early.id]);
  });
});

describe('writes declared where operations are registered', () => {
  it('a write refused half-way leaves nothing behind: the table’s transaction is rolled back', () => {
    const ws = berlinWorkstation();
    // The service is made before the times are checked, inside the same transaction.
    const refused = invoke(ws, 'pages.add', {
      service: 'brand-new-service',
      severity: 2,
      summary: 'resolved before it was received',
      receivedAt: '2026-11-25T10:00:00Z',
      resolvedAt: '2026-11-25T09:00:00Z',
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'resolvedAt' } });
    expect(invokeOk(ws, 'app.info', {}).services).not.toContain('brand-new-service');
    expect(invokeOk(ws, 'pages.list', {}).pages).toEqual([]);
  });

  it('a write blocked by another writer fails as store_busy, and nothing of it is stored', () => {
    const ws = berlinWorkstation();
    const other = tempWorkstation({}, ws.ctx.dataDir);
    other.ctx.db.pragma('busy_timeout = 0');
    ws.ctx.db.prepare('BEGIN IMMEDIATE').run();
    try {
      const blocked = invoke(other, 'pages.add', { service: 'db', severity: 2, summary: 'disk full' });
      expect(blocked).toMatchObject({ ok: false, error: { kind: 'store_busy' } });
    } finally {
      ws.ctx.db.prepare('ROLLBACK').run();
    }
    expect(invokeOk(other, 'pages.list', {}).pages).toEqual([]);
  });
});
