import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, storePath, StoreTooNewError } from '../electron/store/db';
import { latestVersion, migrations } from '../electron/store/migrations';
import { cliPath, invoke, invokeOk, tempDir, tempWorkstation, testEnv } from './helpers';

const sha = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the store', () => {
  it('creates a new store at the latest version with WAL, foreign keys and a busy timeout', () => {
    const file = storePath(tempDir());
    const db = openStore(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('migrates a version-1 store: keeps its pages, makes them searchable, keeps a backup copy', () => {
    const dir = tempDir();
    const file = storePath(dir);
    const v1 = openStore(file, { migrations: migrations.filter((m) => m.version <= 1) });
    v1.exec(`
      INSERT INTO people VALUES ('p1', 'Ann Berg', 'ann', 'Europe/Berlin', '{"start":"08:00","end":"18:00","days":[1,2,3,4,5]}',
        '{"start":"08:00","end":"18:00","days":[1,2,3,4,5]}', '{"start":"22:00","end":"08:00","days":[1,2,3,4,5,6,7]}', 1, 1, 'd', NULL);
      INSERT INTO services VALUES ('s1', 'payments-api', 1, 1, 'd', NULL);
      INSERT INTO pages (id, person_id, service_id, severity, summary, notes, source, triage, received_at, zone, sleep_hour,
        off_hours, created_at, updated_at, device_id)
      VALUES ('page-1', 'p1', 's1', 2, 'Checkout latency spike', 'failed over to the replica', 'manual', 'actionable',
        1790000000000, 'Europe/Berlin', 1, 1, 1, 1, 'd');
    `);
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const ws = tempWorkstation({}, dir);
    expect(ws.ctx.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    const found = invokeOk(ws, 'pages.list', { query: 'replica' });
    expect(found.pages.map((p) => p.summary)).toEqual(['Checkout latency spike']);
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith('oncall.db.v1-') && f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    const backup = new BetterSqlite3(path.join(dir, backups[0] ?? ''), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT count(*) AS n FROM pages').get()).toEqual({ n: 1 });
    backup.close();
  });

  it('refuses a store written by a newer version and leaves the file byte for byte as it was', () => {
    const dir = tempDir();
    const file = storePath(dir);
    openStore(file).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${latestVersion + 1}`);
    raw.close();
    const before = sha(file);
    expect(() => openStore(file)).toThrow(StoreTooNewError);
    expect(() => openStore(file)).toThrow(/written by a newer version.*left untouched/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['oncall.db']);
  });

  it('can be open in two processes at once: every page written by both is kept', async () => {
    const dir = tempDir();
    const ws = tempWorkstation({}, dir);
    invokeOk(ws, 'pages.add', { service: 'warmup', severity: 3, summary: 'warm up' });
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { execFileSync } = require('node:child_process');
       for (let i = 0; i < 10; i++) execFileSync(process.execPath, [${JSON.stringify(cliPath)}, 'page', 'add', '--data-dir', ${JSON.stringify(dir)},
         '--service', 'cli', '--severity', '3', '--summary', 'from the terminal ' + i]);`,
      ],
      { env: testEnv() },
    );
    const childDone = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
    let written = 0;
    const deadline = performance.now() + 20_000;
    // At most 900 from the app, so that one list of 1,000 holds them all.
    while (child.exitCode === null && performance.now() < deadline && written < 900) {
      invokeOk(ws, 'pages.add', { service: 'app', severity: 3, summary: `from the app ${written}` });
      written += 1;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await childDone).toBe(0);
    // Each process's clock starts at the tests' "now", so the two kinds interleave in no set order.
    expect(invokeOk(ws, 'pages.list', { service: 'cli', limit: 1000 }).pages).toHaveLength(10);
    expect(invokeOk(ws, 'pages.list', { service: 'app', limit: 1000 }).pages).toHaveLength(written);
    expect(written).toBeGreaterThan(0);
  }, 90_000);

  it('a write that fails validation changes nothing', () => {
    const dir = tempDir();
    const ws = tempWorkstation({}, dir);
    const page = invokeOk(ws, 'pages.add', { service: 'payments-api', severity: 2, summary: 'disk full' });
    const snapshot = (): unknown[] => ws.ctx.db.prepare('SELECT * FROM pages ORDER BY id').all();
    const services = (): unknown[] => ws.ctx.db.prepare('SELECT * FROM services ORDER BY id').all();
    const before = [snapshot(), services()];
    const bad = [
      invoke(ws, 'pages.add', { service: 'new-service', severity: 7, summary: 'x' }),
      invoke(ws, 'pages.update', { id: page.id, patch: { severity: 0 } }),
      invoke(ws, 'pages.update', {
        id: page.id,
        patch: { service: 'another-new', resolvedAt: '2000-01-01T00:00:00Z' },
      }),
      invoke(ws, 'pages.update', { id: page.id, patch: { summary: '' } }),
      invoke(ws, 'pages.remove', { id: 'no-such-page' }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual([
      'invalid_input',
      'invalid_input',
      'invalid_input',
      'invalid_input',
      'not_found',
    ]);
    expect([snapshot(), services()]).toEqual(before);
  });

  it('migration 7 counts a version-6 store’s pages into the day rollups, in each person’s zone across DST', () => {
    const dir = tempDir();
    const file = storePath(dir);
    const v6 = openStore(file, { migrations: migrations.filter((m) => m.version <= 6) });
    const hours = `'{"start":"08:00","end":"18:00","days":[1,2,3,4,5]}'`;
    v6.exec(`
      INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours, created_at, updated_at, device_id)
      VALUES ('p-ann', 'Ann Berg', 'ann', 'Europe/Berlin', ${hours}, ${hours}, ${hours}, 1, 1, 'd'),
             ('p-bo', 'Bo Okafor', 'bo', 'Asia/Kolkata', ${hours}, ${hours}, ${hours}, 1, 1, 'd');
      INSERT INTO services VALUES ('s1', 'payments-api', 1, 1, 'd', NULL);
    `);
    const page =
      v6.prepare(`INSERT INTO pages (id, person_id, service_id, severity, summary, source, triage, received_at,
      acknowledged_at, resolved_at, zone, sleep_hour, off_hours, minutes_spent, created_at, updated_at, device_id, deleted_at)
      VALUES (?, ?, 's1', 2, 'x', 'manual', ?, ?, ?, ?, 'UTC', ?, 1, ?, 1, 1, 'd', ?)`);
    const at = Date.parse;
    // Saturday 23:30 UTC is Sunday 00:30 in Berlin (CET, the night clocks go forward).
    page.run(
      'a1',
      'p-ann',
      'actionable',
      at('2026-03-28T23:30:00Z'),
      at('2026-03-28T23:31:30Z'),
      at('2026-03-29T00:00:00Z'),
      1,
      45,
      null,
    );
    // 01:30 UTC is 03:30 CEST, after the change.
    page.run('a2', 'p-ann', 'noise', at('2026-03-29T01:30:00Z'), null, null, 1, null, null);
    page.run('a3', 'p-ann', 'noise', at('2026-03-29T02:00:00Z'), null, null, 1, null, 5); // deleted
    // Sunday 20:00 UTC is Monday 01:30 in Kolkata (+05:30).
    page.run('b1', 'p-bo', null, at('2026-03-29T20:00:00Z'), at('2026-03-29T20:01:00Z'), null, 0, 10, null);
    v6.close();

    const ws = tempWorkstation({}, dir);
    const db = ws.ctx.db;
    const saturday = Date.UTC(2026, 2, 28) / 86_400_000;
    const rows = (table: string): unknown[] => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).raw().all();
    // day, person, service, pages, actionable, noise, sleep, off, weekend, minutes spent, logged, over 30,
    // ms to acknowledge, acknowledged, ms to resolve, resolved
    expect(rows('page_day_tallies')).toEqual([
      [saturday, 'p-ann', 's1', 1, 1, 0, 1, 1, 1, 45, 1, 1, 90_000, 1, 1_800_000, 1],
      [saturday + 1, 'p-ann', 's1', 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
      [saturday + 1, 'p-bo', 's1', 1, 0, 0, 0, 1, 0, 10, 1, 0, 60_000, 1, 0, 0],
    ]);
    // Hours of the week: Sunday 00:00 and 03:00 (6 × 24 + h), Monday 01:00.
    expect(rows('page_day_hours')).toEqual([
      [saturday, 'p-ann', 144, 1],
      [saturday + 1, 'p-ann', 147, 1],
      [saturday + 1, 'p-bo', 1, 1],
    ]);
    // 90 s to acknowledge is 2 whole minutes (rounded up), 30 min to resolve, Bo's minute.
    expect(rows('page_day_minutes')).toEqual([
      [saturday, 'p-ann', 0, 2, 1],
      [saturday, 'p-ann', 1, 30, 1],
      [saturday + 1, 'p-bo', 0, 1, 1],
    ]);
    // Bo moves to UTC: his page arrived on Sunday at 20:00 after all.
    invokeOk(ws, 'people.save', { id: 'p-bo', name: 'Bo Okafor', handle: 'bo', timeZone: 'UTC' });
    expect(rows('page_day_hours')[2]).toEqual([saturday + 1, 'p-bo', 6 * 24 + 20, 1]);
    expect((rows('page_day_tallies')[2] as number[])[8]).toBe(1);
  });
});
