// The benchmarks' demo stores: built once (deterministic, seed 1, two years up to `untilMs`) and
// cached in bench/.work, rebuilt when the schema or the demo generator changes.

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeDemo } from '../electron/demo/demo';
import { latestVersion } from '../electron/store/migrations';
import { openWorkstation } from '../electron/workstation';

export const untilMs = Date.parse('2026-11-23T09:00:00Z');
export const workDir = path.join(__dirname, '.work');

/** Bump when the demo generator changes. */
const demoVersion = 'demo-v3';

/** The cached store of `pages` pages for `people` people; returns its data directory. */
export function demoStore(people: number, pages: number, log: (message: string) => void): string {
  const dataDir = path.join(workDir, people === 12 ? `pages-${pages}` : `dashboard-${people}p-${pages}`);
  const format = `${demoVersion}${people === 12 ? '' : `-${people}p`}-schema-${latestVersion}`;
  const marker = path.join(dataDir, 'complete');
  const found = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '';
  if (found === format) return dataDir;
  // The same demo at an older schema: migrating it is quicker than writing it again.
  if (found.replace(/-schema-\d+$/, '') === format.replace(/-schema-\d+$/, '')) {
    const started = performance.now();
    const ws = openWorkstation(dataDir);
    ws.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ws.ctx.db.exec('ANALYZE');
    ws.close();
    for (const file of fs.readdirSync(dataDir)) if (file.endsWith('.bak')) fs.rmSync(path.join(dataDir, file));
    fs.writeFileSync(marker, format);
    log(`migrated from ${found} in ${Math.round(performance.now() - started)} ms`);
    return dataDir;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const ws = openWorkstation(dataDir);
  writeDemo(ws.ctx, { people, months: 24, seed: 1, pages, untilMs, onProgress: (n) => log(`generating ${n} pages`) });
  ws.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.ctx.db.exec('ANALYZE');
  ws.close();
  fs.writeFileSync(marker, format);
  log(`generated in ${Math.round(performance.now() - started)} ms`);
  return dataDir;
}
