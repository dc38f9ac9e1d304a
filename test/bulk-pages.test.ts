// The bulk load's "rebuild pending" mark (store/bulk-pages.ts): a store left with the pages'
// indexes dropped by an importer that is gone heals when it is next opened — indexes and triggers
// back, search and rollups rebuilt from the table, pages written meanwhile included; while the
// importer still runs, an open leaves its mark alone.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dropPageIndexesForBulk, finishBulkInTurns, rebuildMarkKey } from '../electron/store/bulk-pages';
import { rebuildPageRollups } from '../electron/store/rollups';
import type { Workstation } from '../electron/workstation';
import { invokeOk, tempDir, tempWorkstation } from './helpers';

const schema = (ws: Workstation): string[] =>
  ws.ctx.db
    .prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'pages' AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all() as string[];
const mark = (ws: Workstation): unknown =>
  ws.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(rebuildMarkKey);

/** A process id that was just used and has ended. */
function endedPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(run.stdout);
}

function droppedStore(pid: number): { dir: string; full: string[]; logged: string } {
  const dir = tempDir();
  const ws = tempWorkstation({}, dir);
  const full = schema(ws);
  invokeOk(ws, 'pages.add', {
    service: 'db',
    severity: 2,
    summary: 'replica lag before',
    receivedAt: '2026-11-08T01:00:00Z',
  });
  ws.ctx.db.transaction(() => dropPageIndexesForBulk(ws.ctx.db)).immediate();
  // Whose import it was.
  const value = JSON.parse(mark(ws) as string) as { pid: number };
  ws.ctx.db
    .prepare('UPDATE settings SET value = ? WHERE key = ?')
    .run(JSON.stringify({ ...value, pid }), rebuildMarkKey);
  // A person's page while the indexes are away: no search entry, no rollup yet.
  const logged = invokeOk(ws, 'pages.add', {
    service: 'db',
    severity: 1,
    summary: 'walrus outage during the import',
    receivedAt: '2026-11-08T02:00:00Z',
  }).id;
  expect(schema(ws).length).toBeLessThan(full.length);
  ws.close();
  return { dir, full, logged };
}

describe('a store marked "rebuild pending"', () => {
  it('whose importer is gone heals on open: indexes back, every page searchable and counted', () => {
    const { dir, full, logged } = droppedStore(endedPid());
    const ws = tempWorkstation({}, dir);
    expect(mark(ws)).toBeUndefined();
    expect(schema(ws)).toEqual(full);
    expect(ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(invokeOk(ws, 'pages.list', { query: 'walrus' }).pages.map((p) => p.id)).toEqual([logged]);
    expect(invokeOk(ws, 'pages.list', { query: 'replica' }).pages).toHaveLength(1);
    expect(ws.ctx.db.prepare('SELECT SUM(pages) FROM page_day_tallies').pluck().get()).toBe(2);
    // Triggers back: a page stored now is found at once.
    invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 3,
      summary: 'narwhal after',
      receivedAt: '2026-11-08T03:00:00Z',
    });
    expect(invokeOk(ws, 'pages.list', { query: 'narwhal' }).pages).toHaveLength(1);
  });

  it('whose importer still runs is left to it', () => {
    const { dir, full } = droppedStore(process.pid);
    const ws = tempWorkstation({}, dir);
    expect(mark(ws)).toBeDefined();
    expect(schema(ws).length).toBeLessThan(full.length);
  });
});

describe('the end of a bulk load, in turns', () => {
  it('counts pages written between its turns once, as a full recount from the table does', () => {
    const ws = tempWorkstation();
    const db = ws.ctx.db;
    const add = (summary: string, at: string): string =>
      invokeOk(ws, 'pages.add', { service: 'db', severity: 2, summary, receivedAt: at }).id;
    add('before the import', '2026-11-02T10:00:00Z');
    db.transaction(() => dropPageIndexesForBulk(db)).immediate();
    for (let day = 1; day <= 20; day += 1) add(`imported ${day}`, `2026-10-${String(day).padStart(2, '0')}T08:00:00Z`);
    // Between turns a person logs pages on days already recounted, days still to come, and a day
    // past the last one; and moves a page to another day.
    const moved = add('to be moved', '2026-10-05T09:00:00Z');
    const between = [
      '2026-10-01T23:00:00Z',
      '2026-10-18T12:00:00Z',
      '2026-10-03T01:00:00Z',
      '2026-11-20T12:00:00Z',
      '2026-10-19T12:00:00Z',
    ];
    let turns = 0;
    db.transaction(() =>
      finishBulkInTurns(db, () => {
        turns += 1;
        const at = between[turns - 1];
        if (at) add(`between turns ${turns}`, at);
        if (turns === 3) invokeOk(ws, 'pages.update', { id: moved, patch: { receivedAt: '2026-10-15T09:00:00Z' } });
      }),
    ).immediate();
    expect(turns).toBeGreaterThan(between.length);
    expect(mark(ws)).toBeUndefined();
    const rollups = (): unknown[] =>
      ['page_day_tallies', 'page_day_hours', 'page_day_minutes'].map((table) =>
        db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all(),
      );
    const inTurns = rollups();
    db.transaction(() => rebuildPageRollups(db)).immediate();
    expect(inTurns).toEqual(rollups());
    expect(db.prepare('SELECT SUM(pages) FROM page_day_tallies').pluck().get()).toBe(
      db.prepare('SELECT COUNT(*) FROM pages WHERE deleted_at IS NULL').pluck().get(),
    );
    expect(invokeOk(ws, 'pages.list', { query: 'imported' }).pages).toHaveLength(20);
    expect(invokeOk(ws, 'pages.list', { query: 'between' }).pages).toHaveLength(between.length);
    expect(ws.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => db.exec("INSERT INTO pages_fts (pages_fts) VALUES ('integrity-check')")).not.toThrow();
  });
});
