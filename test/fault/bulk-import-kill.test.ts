// kill -9 in the middle of a first import's bulk load of pages (#20): the pages' indexes and the
// search and rollup insert triggers are dropped while the rows go in (store/bulk-pages.ts), with a
// "rebuild pending" mark written in the same transaction. Killed while they are missing, the
// store heals on its next open: indexes back, integrity ok, every page searchable — the imported
// ones and one a person logged while the import ran — and the load rollups counted from the table.
// Needs `npm run build` (the CLI is the built one).

import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildMarkKey } from '../../electron/store/bulk-pages';
import { demoRepository } from '../git-helpers';
import { cliOk, cliPath, invokeOk, sleep, tempDir, tempWorkstation, testEnv } from '../helpers';

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const schemaOfPages = (db: Database.Database): string[] =>
  db
    .prepare("SELECT type || ' ' || name FROM sqlite_master WHERE tbl_name = 'pages' AND sql IS NOT NULL ORDER BY 1")
    .pluck()
    .all() as string[];

describe('kill -9 during the bulk load of a first import', () => {
  it('leaves a store that heals on its next open: indexes back, integrity ok, pages searchable', async () => {
    const remote = demoRepository({ people: 4, months: 4, pages: 20000 });

    const dir = tempDir();
    cliOk(dir, 'me', 'set', '--name', 'Kim', '--handle', 'kim', '--zone', 'UTC');
    const store = path.join(dir, 'oncall.db');
    const complete = new Database(store, { readonly: true });
    const schema = schemaOfPages(complete);
    complete.close();
    cliOk(dir, 'repo', 'connect', remote);

    const child = spawn(process.execPath, [cliPath, 'sync', '--data-dir', dir], { env: testEnv() });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let running = true;
    void exited.then(() => (running = false));
    // Watch (read-only, so nothing is healed or changed) for the mark and some pages committed.
    const watch = new Database(store, { readonly: true });
    watch.pragma('busy_timeout = 5000');
    const marked = (): boolean =>
      watch.prepare('SELECT 1 FROM settings WHERE key = ?').get(rebuildMarkKey) !== undefined &&
      (watch.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number) > 2000;
    while (running && !marked()) await sleep(5);
    expect(running, 'the import ended before its bulk load was seen').toBe(true);
    // The indexes are gone while the rows go in…
    expect(schemaOfPages(watch).length).toBeLessThan(schema.length);

    // …and a person logs a page meanwhile: stored at once (the open leaves the running import's mark alone).
    const during = tempWorkstation({}, dir);
    const logged = invokeOk(during, 'pages.add', {
      service: 'checkout',
      severity: 1,
      summary: 'zanzibar latency logged mid-import',
      receivedAt: '2026-11-25T09:00:00Z',
    });
    const stillMarked = marked();
    await killed(child);
    during.close();
    watch.close();
    expect(stillMarked, 'killed after the bulk load ended').toBe(true);

    // Reopened: healed before anything else.
    const ws = tempWorkstation({}, dir);
    const db = ws.ctx.db;
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get(rebuildMarkKey)).toBeUndefined();
    expect(schemaOfPages(db)).toEqual(schema);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => db.exec("INSERT INTO pages_fts (pages_fts) VALUES ('integrity-check')")).not.toThrow();
    // Every live page in the search index, and in the rollups.
    const pages = db.prepare('SELECT COUNT(*) FROM pages WHERE deleted_at IS NULL').pluck().get() as number;
    expect(pages).toBeGreaterThan(2000);
    expect(db.prepare("SELECT COUNT(*) FROM pages_fts WHERE pages_fts MATCH 'zanzibar'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT SUM(pages) FROM page_day_tallies').pluck().get()).toBe(pages);
    const found = invokeOk(ws, 'pages.list', { query: 'zanzibar', limit: 10 });
    expect(found.pages.map((p) => p.id)).toEqual([logged.id]);
    // An imported page is found by a word of its summary.
    const imported = db
      .prepare('SELECT rowid, summary FROM pages WHERE id != ? ORDER BY rowid LIMIT 1')
      .get(logged.id) as { rowid: number; summary: string };
    const word = imported.summary.split(/\W+/).find((w) => w.length > 3) ?? imported.summary;
    expect(
      db
        .prepare('SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? AND rowid = ?')
        .pluck()
        .get(`"${word}"`, imported.rowid),
    ).toBe(imported.rowid);

    // A page logged now is indexed as it is stored, and the next sync completes the import.
    invokeOk(ws, 'pages.add', { service: 'checkout', severity: 2, summary: 'quokka after healing' });
    expect(invokeOk(ws, 'pages.list', { query: 'quokka', limit: 10 }).pages).toHaveLength(1);
    expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ ok: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get(rebuildMarkKey)).toBeUndefined();
    expect(schemaOfPages(db)).toEqual(schema);
  }, 240_000);
});
