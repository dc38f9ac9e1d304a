// One benchmark size in its own process (so its memory figure is its own): builds or reuses a
// demo store of N pages, then measures each operation beside its floor — the same rows read by a
// bare indexed SELECT on the same connection, in the same run.

import { performance } from 'node:perf_hooks';
import { openWorkstation } from '../electron/workstation';
import { rotationShifts } from '../electron/operations/rotation-handlers';
import { listRotationRows } from '../electron/store/rotations';
import { createAttributor } from '../shared/domain/rotation';
import { demoStore, untilMs } from './demo-store';

const size = Number(process.argv[2]);
function log(message: string): void {
  process.stderr.write(`[bench ${size}] ${message}\n`);
}

const dataDir = demoStore(12, size, log);
const ws = openWorkstation(dataDir, { now: () => untilMs });
const { db } = ws.ctx;
const rssAtOpenMb = process.memoryUsage().rss / 2 ** 20;

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function sample(fn: () => unknown, runs: number): number[] {
  for (let i = 0; i < 3; i++) fn(); // warm caches and statements
  return Array.from({ length: runs }, () => time(fn)).sort((a, b) => a - b);
}

const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]): number => xs[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? NaN;

function mustOk(result: ReturnType<typeof ws.table.invoke>): unknown {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

const me = (mustOk(ws.table.invoke('app.info', {})) as { me: { id: string } }).me;
const results: Record<string, number> = {};
const suffix = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
const put = (metric: string, value: number): void => {
  results[`${metric}_${suffix}`] = Math.round(value * 1000) / 1000;
};

// Insert through the operation layer (validation, derived flags, service lookup, FTS trigger).
const inserted: string[] = [];
const insertTimes = sample(() => {
  const page = mustOk(
    ws.table.invoke('pages.add', {
      service: 'payments-api',
      severity: 2,
      summary: 'bench: p99 latency above 800ms',
      receivedAt: '2026-11-23T08:00:00Z',
    }),
  ) as { id: string };
  inserted.push(page.id);
}, 300);
const bareInsert = db.prepare(
  `INSERT INTO pages (id, person_id, service_id, severity, summary, notes, source, triage, received_at, zone, sleep_hour, off_hours, created_at, updated_at, device_id)
   VALUES (?, ?, (SELECT id FROM services WHERE name = 'payments-api'), 2, 'bench: p99 latency above 800ms', '', 'manual', NULL, ?, 'UTC', 0, 0, ?, ?, 'bench')`,
);
let n = 0;
const bareInsertTimes = sample(() => {
  const id = `bench-floor-${n++}`;
  inserted.push(id);
  bareInsert.run(id, me.id, untilMs, untilMs, untilMs);
}, 300);
const removeInserted = db.prepare('DELETE FROM pages WHERE id = ?');
db.transaction(() => inserted.forEach((id) => removeInserted.run(id)))();
put('page_insert_p95_ms', p95(insertTimes));
put('page_insert_p95_floor_ms', p95(bareInsertTimes));

// The first screen of the pages list: the newest 50.
put('pages_list_first_screen_ms', median(sample(() => mustOk(ws.table.invoke('pages.list', { limit: 50 })), 50)));
const bareFirstScreen = db.prepare('SELECT * FROM pages WHERE deleted_at IS NULL ORDER BY rowid DESC LIMIT 50');
put('pages_list_first_screen_floor_ms', median(sample(() => bareFirstScreen.all(), 50)));

// Full-text search for a common word (about one page in ten matches), newest first.
const searchRows = mustOk(ws.table.invoke('pages.list', { query: 'latency', limit: 50 })) as { pages: unknown[] };
if (searchRows.pages.length !== 50) throw new Error(`search found ${searchRows.pages.length} pages, expected 50`);
put(
  'pages_search_ms',
  median(sample(() => mustOk(ws.table.invoke('pages.list', { query: 'latency', limit: 50 })), 30)),
);
const bareSearch = db.prepare(
  `SELECT p.* FROM pages_fts JOIN pages p ON p.rowid = pages_fts.rowid WHERE pages_fts MATCH '"latency"*' AND p.deleted_at IS NULL
   ORDER BY pages_fts.rowid DESC LIMIT 50`,
);
put('pages_search_floor_ms', median(sample(() => bareSearch.all(), 30)));

// The Pages list's exact total (#17): all pages and one service from the day tallies, beside one
// COUNT over the pages' partial index (the simplest exact count); a search for a common word
// (~92,000 matches) is counted through the search index as far as 10,000 ("over 10,000").
const total = mustOk(ws.table.invoke('pages.count', {})) as { total: number };
if (total.total !== size) throw new Error(`pages.count said ${total.total}, expected ${size}`);
put('pages_count_ms', median(sample(() => mustOk(ws.table.invoke('pages.count', {})), 30)));
put(
  'pages_count_service_ms',
  median(sample(() => mustOk(ws.table.invoke('pages.count', { service: 'payments-api' })), 30)),
);
const bareCount = db.prepare('SELECT count(*) FROM pages INDEXED BY pages_by_service WHERE deleted_at IS NULL');
put('pages_count_floor_ms', median(sample(() => bareCount.get(), 5)));
put('pages_count_search_ms', median(sample(() => mustOk(ws.table.invoke('pages.count', { query: 'latency' })), 5)));

// My week for the overloaded engineer.
const week = mustOk(ws.table.invoke('me.week', {})) as { startsAt: string; endsAt: string };
put('me_week_ms', median(sample(() => mustOk(ws.table.invoke('me.week', {})), 50)));
const bareWeek = db.prepare(
  `SELECT received_at, triage, sleep_hour, off_hours, minutes_spent FROM pages
   WHERE person_id = ? AND received_at >= ? AND received_at < ? AND deleted_at IS NULL`,
);
put(
  'me_week_floor_ms',
  median(sample(() => bareWeek.all(me.id, Date.parse(week.startsAt), Date.parse(week.endsAt)), 50)),
);

// Memory of the app's own work above; the attribution pass below holds every page in memory.
put('main_rss_mb', process.memoryUsage().rss / 2 ** 20);

// Attribution: every page to the rotations its person was on call in, beside a single pass.
const allPages = db.prepare('SELECT person_id, received_at FROM pages WHERE deleted_at IS NULL');
const attribute = (): number => {
  const rows = allPages.raw().all() as [string, number][];
  let from = Infinity;
  let to = -Infinity;
  for (const [, at] of rows) {
    if (at < from) from = at;
    if (at > to) to = at;
  }
  const rotations = listRotationRows(db).map((row) => ({
    name: row.name,
    shifts: rotationShifts(ws.ctx, row, from, to + 1),
  }));
  const onCall = createAttributor(rotations);
  let attributed = 0;
  for (const [personId, at] of rows) attributed += onCall(personId, at).length > 0 ? 1 : 0;
  return attributed;
};
const attributed = attribute();
if (attributed !== size) throw new Error(`attributed ${attributed} of ${size} demo pages`);
put('attribute_pages_ms', median(sample(attribute, size >= 1_000_000 ? 3 : 7)));
put(
  'attribute_pages_floor_ms',
  median(
    sample(
      () => {
        let sum = 0;
        for (const [, at] of allPages.raw().all() as [string, number][]) sum += at;
        return sum;
      },
      size >= 1_000_000 ? 3 : 7,
    ),
  ),
);

put('main_rss_floor_mb', rssAtOpenMb);
ws.close();
process.stdout.write(JSON.stringify(results));
