/// <reference lib="dom" />
// The load dashboards at team scale: a demo store of N pages for 50 people over two years
// (built once, cached in bench/.work), each figure beside its floor — one plain scan of the
// same rows on the same connection, in the same run. Then the Load view in Chromium: from
// pressing `d` to its first charts drawn (and, reported beside it, to every chart drawn), beside
// the bare fetch of the data it draws.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { openWorkstation } from '../electron/workstation';
import { toCsv } from '../shared/domain/csv';
import type { Dashboard } from '../shared/report-contract';
import { demoStore, untilMs } from './demo-store';
import { medianMs, round3 } from './measure';

const size = Number(process.argv[2] ?? 1_000_000);
const people = 50;
const root = path.resolve(__dirname, '..');
const dayMs = 86_400_000;
const log = (message: string): void => void process.stderr.write(`[bench dashboard ${size}] ${message}\n`);
const dataDir = demoStore(people, size, log);

const ws = openWorkstation(dataDir, { now: () => untilMs });
const { db } = ws.ctx;
const suffix = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
const results: Record<string, number> = {};
const put = (metric: string, value: number): void => {
  results[`${metric}_${suffix}`] = round3(value);
};
function ok<T>(result: ReturnType<typeof ws.table.invoke>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}
const iso = (ms: number): string => new Date(ms).toISOString();
const runs = size >= 1_000_000 ? 5 : 11;

// The view's default range: the last 13 weeks.
const from = untilMs - 91 * dayMs;
const range = { from: iso(from), to: iso(untilMs) };
const team = ok<Dashboard>(ws.table.invoke('dashboard.get', range));
const scanColumns = `count(*), sum(acknowledged_at), sum(resolved_at), sum(minutes_spent), sum(sleep_hour), sum(off_hours),
  max(triage), max(person_id), max(service_id)`;
const rangeScan = db.prepare(`SELECT ${scanColumns} FROM pages WHERE rowid >= ? AND rowid < ? AND deleted_at IS NULL`);
const scanned = (rangeScan.raw().get(from * 1024, untilMs * 1024) as number[])[0];
if (scanned !== team.totals.pages)
  throw new Error(`the dashboard counts ${team.totals.pages} pages, the scan ${scanned}`);
put(
  'team_dashboard_ms',
  medianMs(() => ws.table.invoke('dashboard.get', range), runs),
);
put(
  'team_dashboard_floor_ms',
  medianMs(() => rangeScan.raw().get(from * 1024, untilMs * 1024), runs),
);

// My own dashboard (the demo's overloaded engineer).
const me = ok<{ me: { id: string } }>(ws.table.invoke('app.info', {})).me;
const personScan = db.prepare(
  `SELECT ${scanColumns} FROM pages WHERE person_id = ? AND received_at >= ? AND received_at < ? AND deleted_at IS NULL`,
);
put(
  'personal_dashboard_ms',
  medianMs(() => ws.table.invoke('dashboard.get', { ...range, scope: 'me' }), runs),
);
put(
  'personal_dashboard_floor_ms',
  medianMs(() => personScan.raw().get(me.id, from, untilMs), runs),
);

// The quarterly review of 2026Q4 so far: it reads this quarter and the last one.
const quarterly = { kind: 'quarterly', at: '2026-11-20T00:00:00Z' };
ok(ws.table.invoke('report.review', quarterly));
const twoQuarters = Date.parse('2026-07-01T00:00:00Z');
put(
  'report_quarterly_ms',
  medianMs(() => ws.table.invoke('report.review', quarterly), runs),
);
put(
  'report_quarterly_floor_ms',
  medianMs(() => rangeScan.raw().get(twoQuarters * 1024, untilMs * 1024), runs),
);

// Everything the Load view can export, over the whole history: every chart's CSV and the
// on-call hours per person.
const history = { from: iso(untilMs - 2 * 366 * dayMs), to: iso(untilMs) };
const exportAll = (): number => {
  const d = ok<Dashboard>(ws.table.invoke('dashboard.get', history));
  const hours = ok<{ people: Record<string, unknown>[] }>(ws.table.invoke('report.onCallHours', history));
  const files = [
    toCsv(
      ['week', 'actionable_per_on_call_week', 'pages'],
      d.weeks.map((w) => [w.week, w.actionablePerOnCallWeek, w.pages]),
    ),
    toCsv(
      ['weekday', 'hour', 'pages'],
      d.heatmap.map((c) => [c.weekday, c.hour, c.pages]),
    ),
    toCsv(
      ['service', 'pages', 'noise'],
      d.services.map((s) => [s.service, s.pages, s.noise]),
    ),
    toCsv(
      ['handle', 'hours'],
      hours.people.map((p) => [String(p.handle), Number(p.onCallHours)]),
    ),
  ];
  return files.reduce((sum, f) => sum + f.length, 0);
};
const historyFrom = Date.parse(history.from);
put('csv_export_ms', medianMs(exportAll, size >= 1_000_000 ? 3 : 7, 1));
put(
  'csv_export_floor_ms',
  medianMs(() => rangeScan.raw().get(historyFrom * 1024, untilMs * 1024), 3, 1),
);
ws.close();

// In Chromium: press `d` on the Pages view and wait for the charts to draw their series.
// "The first charts" are the charts in the view's first screen at the bench's 1400×1000 window,
// below the findings and the tiles (also drawn by then): the load per on-call week against the
// target and the team's pages per week by person — their lines and bars in the page.
// `dashboard_render_ms` is the time to those; `dashboard_all_charts_ms` the time until the five
// charts below them (equity, per hour, heatmap, services, durations) have drawn as well.
// Both are timed in the page, on its own clock: from the `d` keydown's timestamp to the end of the
// frame that first shows the charts (a MutationObserver sees them inserted; the frame's rendering —
// style, layout, paint — ends before a task queued from its requestAnimationFrame runs).
// Playwright's own wait for the same elements polls the page 0, 20, 50, 100, 100, 500 ms apart, so
// what it sees lands up to 100 ms after the charts are drawn; it is reported beside, as
// `dashboard_render_polled_ms` / `dashboard_all_charts_polled_ms`.
const firstCharts = [
  '[data-testid="chart-trend"] path.series-line',
  '[data-testid="chart-team-weeks"] path.series-bars',
];
const laterCharts = [
  ...['lorenz'].map((id) => `[data-testid="chart-${id}"] path.recharts-line-curve`),
  ...['per-hour', 'services', 'durations'].map((id) => `[data-testid="chart-${id}"] .recharts-bar-rectangle path`),
];
// The heatmap's 168th cell (7 days × 24 hours).
const heatmapCells = { selector: '[data-testid="chart-heatmap"] svg.heatmap rect', count: 168 };

interface Drawn {
  key?: number;
  first?: number;
  all?: number;
}

/** Run in the page before `d` is pressed: notes the key's timestamp and the frames that draw the charts. */
function watchCharts(args: { first: string[]; later: string[]; cells: { selector: string; count: number } }): void {
  const drawn: Drawn = {};
  (window as unknown as { oncallDrawn: Drawn }).oncallDrawn = drawn;
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'd' && drawn.key === undefined) drawn.key = event.timeStamp;
    },
    { capture: true },
  );
  const present = (selectors: string[]): boolean => selectors.every((s) => document.querySelector(s) !== null);
  const afterFrame = (mark: 'first' | 'all'): void =>
    void requestAnimationFrame(() =>
      setTimeout(() => {
        // The page's clock (this module's `performance` is Node's).
        drawn[mark] = window.performance.now();
      }, 0),
    );
  let seenFirst = false;
  const observer = new MutationObserver(() => {
    if (!seenFirst && present(args.first)) {
      seenFirst = true;
      afterFrame('first');
    }
    if (seenFirst && present(args.later) && document.querySelectorAll(args.cells.selector).length >= args.cells.count) {
      observer.disconnect();
      afterFrame('all');
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/** The floor, run in the page: the same data fetched, nothing drawn. (No DOM types here: Node project.) */
async function fetchOnly(): Promise<number> {
  const page = globalThis as unknown as {
    sessionStorage: { getItem: (key: string) => string | null };
    fetch: (url: string, init: object) => Promise<{ json: () => Promise<unknown> }>;
    performance: { now: () => number };
  };
  const to = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const t0 = page.performance.now();
  const response = await page.fetch('/api/dashboard.get', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${page.sessionStorage.getItem('oncall.token') ?? ''}`,
    },
    body: JSON.stringify({
      scope: 'team',
      from: new Date(to - 91 * 86_400_000).toISOString(),
      to: new Date(to).toISOString(),
    }),
  });
  await response.json();
  return page.performance.now() - t0;
}

async function render(): Promise<void> {
  const cli = path.join(root, 'bin', 'oncall.cjs');
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('run npm run build first');
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir]);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.once('exit', (code) => reject(new Error(`oncall serve exited ${code}`)));
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Serving on (\S+)/.exec(out);
      if (match && out.includes('\n')) resolve(match[1] ?? '');
    });
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
  try {
    const times: number[] = [];
    const allTimes: number[] = [];
    const polled: number[] = [];
    const allPolled: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < 8; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      // The page's "now" is the end of the demo history, so its default range holds the data.
      await page.clock.setFixedTime(new Date(untilMs));
      await page.goto(url);
      await page.getByRole('button', { name: /^Load/ }).waitFor();
      await page.getByRole('row').first().waitFor();
      // tsx names the helper's inner functions with `__name`: give the page one that does nothing.
      await page.evaluate('globalThis.__name = (f) => f');
      await page.evaluate(watchCharts, { first: firstCharts, later: laterCharts, cells: heatmapCells });
      const started = performance.now();
      await page.keyboard.press('d');
      for (const selector of firstCharts) await page.locator(selector).first().waitFor({ timeout: 30_000 });
      polled.push(performance.now() - started);
      for (const selector of laterCharts) await page.locator(selector).first().waitFor({ timeout: 30_000 });
      await page.locator(`${heatmapCells.selector} >> nth=${heatmapCells.count - 1}`).waitFor({ timeout: 30_000 });
      allPolled.push(performance.now() - started);
      const drawn = await page
        .waitForFunction(() => {
          const d = (window as unknown as { oncallDrawn: Drawn }).oncallDrawn;
          return d.key !== undefined && d.first !== undefined && d.all !== undefined ? d : null;
        })
        .then((handle) => handle.jsonValue() as Promise<Required<Drawn>>);
      times.push(drawn.first - drawn.key);
      allTimes.push(drawn.all - drawn.key);
      // The floor: the same data fetched by the page, nothing drawn.
      floors.push(await page.evaluate(fetchOnly));
      await page.close();
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    // The first run warms the server's statements and the page cache.
    put('dashboard_render_ms', median(times.slice(1)));
    put('dashboard_all_charts_ms', median(allTimes.slice(1)));
    put('dashboard_render_polled_ms', median(polled.slice(1)));
    put('dashboard_all_charts_polled_ms', median(allPolled.slice(1)));
    put('dashboard_render_floor_ms', median(floors.slice(1)));
    put('dashboard_all_charts_floor_ms', median(floors.slice(1)));
    put('dashboard_render_polled_floor_ms', median(floors.slice(1)));
    put('dashboard_all_charts_polled_floor_ms', median(floors.slice(1)));
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

void render().then(
  () => process.stdout.write(JSON.stringify(results)),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
