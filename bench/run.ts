// `npm run bench`: the foundation's performance figures at 10k, 100k and 1M pages, each beside
// its floor measured in the same run. Prints a table and writes bench/results.json;
// `npm run -s bench -- --json` prints only one JSON object of metric → number.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const json = process.argv.includes('--json');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const targets: Record<string, number> = {
  page_insert_p95_ms_1M: 2,
  pages_list_first_screen_ms_1M: 20,
  pages_search_ms_1M: 50,
  me_week_ms_1M: 20,
  main_rss_mb_1M: 300,
  toil_quarter_report_100k_ms: 100,
  slo_status_50_services_1y_ms: 100,
  coach_10k_words_ms: 20,
  shifts_5y_50rot_ms: 50,
  editor_keystroke_p95_ms: 12, // #17 (#16 asked < 16)
  sync_noop_ms: 300,
  repo_first_import_1M_ms: 30_000,
  page_insert_during_import_p95_ms: 50,
  attribute_pages_ms_1M: 2000,
  team_dashboard_ms_1M: 150,
  personal_dashboard_ms_1M: 50,
  report_quarterly_ms_1M: 300,
  csv_export_ms_1M: 3000,
  dashboard_render_ms_1M: 150,
  import_pagerduty_1M_ms: 60_000,
  import_rss_mb: 400,
};

/** Targets that are a ratio to the floor measured in the same run. */
const ratioTargets: Record<string, number> = { sync_incremental_10_pages_in_1M_ms: 1.5 };

const results: Record<string, number> = {};
function runScript(script: string, args: string[]): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
  if (run.status !== 0) {
    process.stderr.write(`bench: ${script} ${args.join(' ')} failed (exit ${run.status})\n`);
    process.exit(1);
  }
  Object.assign(results, JSON.parse(run.stdout) as Record<string, number>);
}
for (const size of sizes) runScript('size.ts', [String(size)]);
// The load dashboards at the largest size only (50 people, two years; Chromium for the view).
runScript('dashboard.ts', [String(Math.max(...sizes))]);
runScript('toil.ts', ['100000']);
runScript('slo.ts', []);
runScript('coach.ts', []);
runScript('shifts.ts', []);
runScript('editor.ts', []);
runScript('sync.ts', [String(Math.max(...sizes))]);
// Paging history: 1M PagerDuty incidents from saved API pages (at the largest size; its own process,
// so its peak RSS is the import's).
runScript('history.ts', [String(Math.max(...sizes))]);

fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const rows = Object.keys(results)
    .filter((metric) => !metric.includes('_floor_'))
    .map((metric) => {
      const floorKey = metric.replace(/_(ms|mb)(_|$)/, '_floor_$1$2');
      const floor = results[floorKey];
      const value = results[metric] ?? NaN;
      const target = targets[metric];
      const ratioTarget = ratioTargets[metric];
      const ratio = floor ? value / floor : NaN;
      return [
        metric,
        value.toFixed(3),
        floor === undefined ? '' : floor.toFixed(3),
        floor ? `${ratio.toFixed(1)}×` : '',
        ratioTarget !== undefined ? `≤ ${ratioTarget}× floor` : target === undefined ? '' : `< ${target}`,
        ratioTarget !== undefined
          ? ratio <= ratioTarget
            ? 'met'
            : 'MISSED'
          : target === undefined
            ? ''
            : value < target
              ? 'met'
              : 'MISSED',
      ];
    });
  const header = ['metric', 'value', 'floor', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log('\nWritten to bench/results.json');
}
