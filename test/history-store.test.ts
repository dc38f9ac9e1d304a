// The store side of paging-history imports: migration 9, and an apply in bounded chunks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamLists } from '../electron/import/history/json-stream';
import { reading } from '../electron/import/history/records';
import { openStore, storePath } from '../electron/store/db';
import { migrations } from '../electron/store/migrations';
import { rebuildPageRollups } from '../electron/store/rollups';
import path from 'node:path';
import type { Progress } from '../electron/operations/context';
import { invoke, invokeOk, tempDir, tempWorkstation } from './helpers';

describe('migration 9', () => {
  it('keeps a version-8 store’s pages as hand-logged, adds the import columns and one page per (platform, id)', () => {
    const dir = tempDir();
    const v8 = openStore(storePath(dir), { migrations: migrations.filter((m) => m.version <= 8) });
    const hours = `'{"start":"08:00","end":"18:00","days":[1,2,3,4,5]}'`;
    v8.exec(`
      INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours, created_at, updated_at, device_id)
      VALUES ('p-ann', 'Ann Berg', 'ann', 'Europe/Berlin', ${hours}, ${hours}, ${hours}, 1, 1, 'd');
      INSERT INTO services (id, name, created_at, updated_at, device_id) VALUES ('s1', 'payments-api', 1, 1, 'd');
      INSERT INTO pages (id, person_id, service_id, severity, summary, source, triage, received_at, zone, sleep_hour,
        off_hours, created_at, updated_at, device_id)
      VALUES ('a1', 'p-ann', 's1', 2, 'latency', 'manual', 'noise', ${Date.parse('2026-11-23T02:12:00Z')}, 'UTC', 1, 1, 1, 1, 'd'),
             ('a2', 'p-ann', 's1', 3, 'disk', 'import', NULL, ${Date.parse('2026-11-24T02:12:00Z')}, 'UTC', 1, 1, 1, 1, 'd');
    `);
    v8.close();

    const ws = tempWorkstation({}, dir);
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.map((p) => [p.id, p.source, p.triage, p.externalSource, p.externalId, p.link])).toEqual([
      ['a2', 'import', null, null, null, null],
      ['a1', 'manual', 'noise', null, null, null],
    ]);
    const db = ws.ctx.db;
    db.prepare("UPDATE pages SET external_source = 'pagerduty', external_id = 'PT4KHLK' WHERE id = 'a1'").run();
    expect(() =>
      db.prepare("UPDATE pages SET external_source = 'pagerduty', external_id = 'PT4KHLK' WHERE id = 'a2'").run(),
    ).toThrow(/UNIQUE/);
    // The same id from another platform is another page.
    db.prepare("UPDATE pages SET external_source = 'opsgenie', external_id = 'PT4KHLK' WHERE id = 'a2'").run();
    expect(() => db.prepare("UPDATE pages SET external_source = 'splunk' WHERE id = 'a2'").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT email FROM people WHERE id = 'p-ann'").get()).toEqual({ email: null });
  });
});

describe('history.apply', () => {
  it('writes a big import in chunks of 5,000 pages, reporting progress after each', () => {
    const ws = tempWorkstation();
    const progress: Progress[] = [];
    ws.ctx.onProgress = (p) => progress.push(p);
    const rows = Array.from({ length: 12_001 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      return `${at},page ${i},svc-${i % 7},person${i % 13}@example.com,R${i}`;
    });
    const csv = { name: 'big.csv', text: ['at,summary,service,who,id', ...rows].join('\n') };
    const columns = 'at=at,summary=summary,service=service,who=who,id=id';
    const result = invokeOk(ws, 'history.apply', { format: 'csv', files: [csv], columns });
    expect(result).toMatchObject({ new: 12_001, skipped: [] });
    expect(progress).toEqual([
      { phase: 'importing', done: 5_000, total: 12_001 },
      { phase: 'importing', done: 10_000, total: 12_001 },
      { phase: 'importing', done: 12_001, total: 12_001 },
    ]);
    expect(result.people).toHaveLength(13);
    // Idempotent at this size too.
    expect(invokeOk(ws, 'history.apply', { format: 'csv', files: [csv], columns })).toMatchObject({
      new: 0,
      unchanged: 12_001,
    });
  });

  it('adds new pages to the load rollups in batches exactly as the row trigger would', () => {
    const ws = tempWorkstation();
    const db = ws.ctx.db;
    const rollups = (): unknown[] =>
      ['page_day_tallies', 'page_day_hours', 'page_day_minutes'].map((table) =>
        db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all(),
      );
    // A zone other than the device's, a page logged by hand to merge with, then several imports.
    const bo = invokeOk(ws, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'Asia/Tokyo' });
    invokeOk(ws, 'pages.add', {
      personId: bo.id,
      service: 'payments-api',
      severity: 4,
      summary: 'disk',
      receivedAt: '2026-11-24T14:06:00Z',
    });
    const rows = Array.from({ length: 7_003 }, (_, i) => {
      const at = Date.UTC(2026, 2, 28) + i * 397_000;
      const ack = i % 3 === 0 ? '' : new Date(at + (i % 17) * 61_000).toISOString();
      const resolved = i % 5 === 0 ? '' : new Date(at + (i % 29) * 3_600_000).toISOString();
      return `${new Date(at).toISOString()},page ${i},svc-${i % 4},${i % 2 ? 'Bo Okafor' : `p${i % 9}@example.com`},${ack},${resolved},R${i}`;
    });
    const csv = { name: 'big.csv', text: ['at,summary,service,who,ack,resolved,id', ...rows].join('\n') };
    invokeOk(ws, 'history.apply', {
      format: 'csv',
      files: [csv],
      columns: 'at=at,summary=summary,service=service,who=who,ack=ack,resolved=resolved,id=id',
    });
    invokeOk(ws, 'history.apply', {
      files: ['pagerduty-incidents-1.json', 'pagerduty-incidents-2.json', 'pagerduty-log-entries.json'].map((name) => ({
        name,
        path: path.join(__dirname, 'fixtures', 'history', name),
      })),
    });
    const batched = rollups();
    rebuildPageRollups(db);
    expect(batched).toEqual(rollups());
    expect((batched[0] as unknown[]).length).toBeGreaterThan(100);
  });

  it('puts a batch of new pages in the search index and the sync outbox as the row triggers would, and keeps the triggers', () => {
    const ws = tempWorkstation();
    const db = ws.ctx.db;
    const triggers = (): unknown[] =>
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pages' ORDER BY name")
        .all();
    const before = triggers();
    invokeOk(ws, 'pages.add', {
      service: 'payments-api',
      severity: 4,
      summary: 'disk by hand',
      receivedAt: '2026-11-24T14:06:00Z',
    });
    const rows = Array.from({ length: 6_001 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 2, 28) + i * 397_000).toISOString();
      return `${at},${i === 4_321 ? 'zebra gateway timeout' : `page ${i}`},svc-${i % 4},p${i % 9}@example.com,R${i}`;
    });
    const csv = { name: 'big.csv', text: ['at,summary,service,who,id', ...rows].join('\n') };
    const columns = 'at=at,summary=summary,service=service,who=who,id=id';
    invokeOk(ws, 'history.apply', { format: 'csv', files: [csv], columns });

    // The search index holds every page (one size record each) and finds one imported.
    expect(db.prepare('SELECT count(*) FROM pages_fts_docsize').pluck().get()).toBe(6_002);
    const found = invokeOk(ws, 'pages.list', { query: 'zebra gate' }) as { pages: { summary: string }[] };
    expect(found.pages.map((page) => page.summary)).toEqual(['zebra gateway timeout']);
    // Every page is queued for the repository once, in the order it was written.
    const queued = db.prepare("SELECT key FROM sync_outbox WHERE kind = 'page' ORDER BY seq").pluck().all();
    const written = db.prepare('SELECT id FROM pages ORDER BY created_at, id').pluck().all();
    expect(queued).toHaveLength(6_002);
    expect(new Set(queued)).toEqual(new Set(written));
    expect(queued.slice(1)).toEqual(
      db
        .prepare("SELECT id FROM pages WHERE external_source = 'csv' ORDER BY CAST(substr(external_id, 2) AS INTEGER)")
        .pluck()
        .all(),
    );
    // While a sync imports from the repository (its flag set), an import queues nothing, as the trigger.
    db.prepare("INSERT INTO sync_flags (name, value) VALUES ('importing', '1')").run();
    const more = {
      name: 'more.csv',
      text: 'at,summary,service,who,id\n2026-11-25T01:00:00Z,late,svc-1,p1@example.com,X1',
    };
    invokeOk(ws, 'history.apply', { format: 'csv', files: [more], columns });
    db.prepare("DELETE FROM sync_flags WHERE name = 'importing'").run();
    expect(db.prepare("SELECT count(*) FROM sync_outbox WHERE kind = 'page'").pluck().get()).toBe(6_002);
    expect(db.prepare("SELECT count(*) FROM pages WHERE external_id = 'X1'").pluck().get()).toBe(1);
    expect(triggers()).toEqual(before);
  });

  it('loads a first import in bulk: the indexes, search, rollups and outbox end as row by row, and a page logged by hand meanwhile still merges', () => {
    const dir = tempDir();
    const ws = tempWorkstation({}, dir);
    const db = ws.ctx.db;
    const schema = (): unknown[] =>
      db
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'pages' AND sql IS NOT NULL ORDER BY name")
        .all();
    const before = schema();
    const at = (i: number): number => Date.UTC(2026, 2, 28) + i * 397_000;
    const rows = Array.from({ length: 11_000 }, (_, i) => {
      const summary = i === 7_777 ? 'zebra gateway timeout' : `page ${i}`;
      return `${new Date(at(i)).toISOString()},${summary},svc-${i % 4},p${i % 9}@example.com,R${i}`;
    });
    const csv = { name: 'big.csv', text: ['at,summary,service,who,id', ...rows].join('\n') };
    const columns = 'at=at,summary=summary,service=service,who=who,id=id';
    // After the first chunk (bulk, indexes dropped), the app logs a page by hand through its own
    // connection: the same person and service as row 10,500, a minute before it.
    const app = tempWorkstation({}, dir);
    const seen: { pageIndexes: number; marked: boolean }[] = [];
    ws.ctx.onProgress = (progress) => {
      seen.push({
        pageIndexes: db
          .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pages' AND sql IS NOT NULL")
          .pluck()
          .get() as number,
        marked: db.prepare("SELECT 1 FROM settings WHERE key = 'pages.rebuild_pending'").get() !== undefined,
      });
      if (progress.done !== 5_000) return;
      const p6 = invokeOk(app, 'people.list', {}).find((person) => person.handle === 'p6');
      expect(p6).toBeDefined();
      invokeOk(app, 'pages.add', {
        personId: p6?.id,
        service: 'svc-0',
        severity: 4,
        summary: 'logged by hand',
        receivedAt: new Date(at(10_500) - 60_000).toISOString(),
      });
    };
    const result = invokeOk(ws, 'history.apply', { format: 'csv', files: [csv], columns });
    expect(result).toMatchObject({ new: 10_999, merged: 1, skipped: [] });
    // The first chunk went in without the secondary indexes (marked); the rest row by row, indexed.
    expect(seen[0]).toEqual({ pageIndexes: 1, marked: true });
    expect(seen.slice(1).every((s) => s.pageIndexes === 4 && !s.marked)).toBe(true);
    expect(schema()).toEqual(before);
    // Search, rollups and the outbox hold every page.
    expect(db.prepare('SELECT count(*) FROM pages_fts_docsize').pluck().get()).toBe(11_000);
    const found = invokeOk(ws, 'pages.list', { query: 'zebra gate' }) as { pages: { summary: string }[] };
    expect(found.pages.map((page) => page.summary)).toEqual(['zebra gateway timeout']);
    const rollups = (): unknown[] =>
      ['page_day_tallies', 'page_day_hours', 'page_day_minutes'].map((table) =>
        db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all(),
      );
    const bulk = rollups();
    rebuildPageRollups(db);
    expect(bulk).toEqual(rollups());
    expect(db.prepare("SELECT count(DISTINCT key) FROM sync_outbox WHERE kind = 'page'").pluck().get()).toBe(11_000);
    // A re-import changes nothing.
    expect(invokeOk(ws, 'history.apply', { format: 'csv', files: [csv], columns })).toMatchObject({
      new: 0,
      unchanged: 11_000,
    });
  });

  it('refuses a CSV without a column map, and a file that does not exist, storing nothing', () => {
    const ws = tempWorkstation();
    const csv = { name: 'x.csv', text: 'a,b\n1,2\n' };
    expect(invoke(ws, 'history.apply', { format: 'csv', files: [csv] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'columns' },
    });
    expect(
      invoke(ws, 'history.apply', {
        format: 'pagerduty',
        files: [{ name: 'gone.json', path: '/nonexistent/gone.json' }],
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', message: expect.stringContaining('gone.json') },
    });
  });
});

describe('the JSON scanner', () => {
  it('property: cuts out exactly the elements JSON.parse sees, wherever the chunks end', () => {
    const awkward = fc.string({ unit: fc.constantFrom('a', '"', '\\', '[', ']', '{', '}', ',', ':', ' ', 'é', '\n') });
    const element = fc.oneof(
      fc.record({
        id: fc.string(),
        title: awkward,
        n: fc.integer(),
        nested: fc.array(fc.dictionary(awkward, awkward)),
      }),
      awkward,
      fc.integer(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ incidents: fc.array(element), more: fc.boolean(), other: fc.array(element) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom('array', 'concatenated'),
        (pages, chunkBytes, layout) => {
          const text =
            layout === 'array' ? JSON.stringify(pages, null, 1) : pages.map((p) => JSON.stringify(p)).join('\n');
          const seen: unknown[] = [];
          const saved = reading.chunkBytes;
          reading.chunkBytes = chunkBytes;
          try {
            streamLists({ name: 'x.json', text }, ['incidents'], (list, value) => {
              expect(list).toBe('incidents');
              seen.push(value);
            });
          } finally {
            reading.chunkBytes = saved;
          }
          expect(seen).toEqual(pages.flatMap((p) => p.incidents));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses what is not JSON, or stops half-way, naming the record reached', () => {
    const read = (text: string): unknown => streamLists({ name: 'x.json', text }, ['incidents'], () => undefined);
    expect(() => read('incidents,title\n')).toThrow('x.json record 0: is not JSON');
    expect(() => read('{"incidents": [{"id": 1}, {"id": 2}, {"id": ')).toThrow(
      'x.json record 2: the JSON stops half-way (truncated file?)',
    );
    expect(() => read('{"incidents": [{"id": 1}, {"id": tru}]}')).toThrow(/x\.json record 1: is not valid JSON here/);
    expect(() => read('{"incidents": [}')).toThrow(/is not valid JSON here/);
  });
});
