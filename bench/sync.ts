// Git sync at N pages (default 1M; 50 people × 24 months): an incremental sync of 10 new pages
// beside plain git add/commit/push of the same 10 files, a sync with nothing changed beside a
// plain git fetch, a fresh device's first import of the whole repository beside reading and
// parsing the same files plus one bulk insert, and a page logged during a first import beside
// the same write on an idle store. Real git, a bare repository on disk.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { latestVersion } from '../electron/store/migrations';
import { progressLabel } from '../shared/domain/repository/progress';
import { openWorkstation, type Workstation } from '../electron/workstation';
import { demoStore, untilMs } from './demo-store';
import { round3 } from './measure';

const size = Number(process.argv[2] ?? 1_000_000);
const label = size === 1_000_000 ? '1M' : `${size / 1000}k`;
const work = path.join(__dirname, '.work', `sync-${size}`);
const format = `sync-v1-schema-${latestVersion}`;
const marker = path.join(work, 'complete');
const remote = path.join(work, 'remote.git');
const deviceA = path.join(work, 'device-a');
const plain = path.join(work, 'plain');

function log(message: string): void {
  process.stderr.write(`[bench sync ${label}] ${message}\n`);
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1024 * 2 ** 20 });
}

function invoke(ws: Workstation, name: string, input: unknown): unknown {
  const result = ws.table.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== format) {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const started = performance.now();
  // The dashboard benchmark's store is this same demo (50 people, 24 months, seed 1): a copy.
  fs.mkdirSync(deviceA, { recursive: true });
  fs.copyFileSync(path.join(demoStore(50, size, log), 'oncall.db'), path.join(deviceA, 'oncall.db'));
  const ws = openWorkstation(deviceA, { now: () => untilMs });
  git(['init', '--quiet', '--bare', '-b', 'main', remote], work);
  invoke(ws, 'repo.connect', { url: remote });
  log('first export…');
  const report = invoke(ws, 'repo.sync', {}) as { ok: boolean; message: string };
  if (!report.ok) throw new Error(report.message);
  ws.close();
  git(['clone', '--quiet', remote, plain], work);
  git(['config', 'user.name', 'Bench'], plain);
  git(['config', 'user.email', 'bench@example.invalid'], plain);
  fs.writeFileSync(marker, format);
  log(`built in ${Math.round(performance.now() - started)} ms`);
}

const ws = openWorkstation(deviceA);
const people = ws.ctx.db.prepare('SELECT id, handle FROM people ORDER BY handle LIMIT 10').all() as {
  id: string;
  handle: string;
}[];

// Nothing changed: a sync is a fetch and a look.
invoke(ws, 'repo.sync', {});
const noop = median([0, 1, 2].map(() => timed(() => invoke(ws, 'repo.sync', {}))));
const fetchFloor = median(
  [0, 1, 2].map(() => timed(() => git(['fetch', '--quiet', 'origin'], path.join(deviceA, 'repository')))),
);

// 10 new pages, one for each of 10 people (10 files), then sync.
let round = 0;
const incremental = median(
  [0, 1, 2].map(() => {
    round += 1;
    for (const [i, person] of people.entries()) {
      invoke(ws, 'pages.add', {
        personId: person.id,
        service: 'bench',
        severity: 3,
        summary: `bench page ${round}.${i}`,
        receivedAt: new Date(untilMs - 3_600_000 * (i + 1)).toISOString(),
      });
    }
    return timed(() => {
      const report = invoke(ws, 'repo.sync', {}) as { sent: { pages: number } };
      if (report.sent.pages !== people.length) throw new Error(`sent ${report.sent.pages} pages`);
    });
  }),
);

// The floor: the same 10 files changed by hand and pushed with plain git.
git(['pull', '--quiet', '--ff-only'], plain);
const month = new Date(untilMs).toISOString().slice(0, 7).replace('-', '/');
const rawPush = median(
  [0, 1, 2].map((n) => {
    for (const person of people) {
      fs.appendFileSync(path.join(plain, 'pages', month, `${person.handle}.jsonl`), `{"bench":${n}}\n`);
    }
    return timed(() => {
      git(['add', '--', 'pages'], plain);
      git(['commit', '--quiet', '-m', `bench ${n}`], plain);
      git(['push', '--quiet', 'origin', 'HEAD:refs/heads/main'], plain);
    });
  }),
);
// Leave the repository as sync wrote it (the hand-made lines are not pages).
git(['reset', '--quiet', '--hard', 'HEAD~3'], plain);
git(['push', '--quiet', '--force', 'origin', 'HEAD:refs/heads/main'], plain);
ws.ctx.db
  .prepare("UPDATE settings SET value = ? WHERE key = 'repo.last_commit'")
  .run(git(['rev-parse', 'HEAD'], plain).trim());
ws.close();

// A fresh device: clone and import everything, the way a person does it — the CLI in a new
// process (\`oncall repo connect\`, then \`oncall sync\`).
const fresh = path.join(work, 'fresh');
fs.rmSync(fresh, { recursive: true, force: true });
const cli = path.join(__dirname, '..', 'bin', 'oncall.cjs');
let imported = 0;
const firstImport = timed(() => {
  execFileSync(process.execPath, [cli, 'repo', 'connect', remote, '--data-dir', fresh], { stdio: 'ignore' });
  const out = execFileSync(process.execPath, [cli, 'sync', '--json', '--data-dir', fresh], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const report = JSON.parse(out) as { received: { pages: number }; problems: unknown[] };
  imported = report.received.pages;
  if (report.problems.length > 0) throw new Error(JSON.stringify(report.problems.slice(0, 3)));
});
if (imported < size) throw new Error(`imported ${imported} of ${size} pages`);
// Its floor: read the same files from git's objects (sync checks nothing out: it reads them there
// too, with one cat-file --batch), parse them, and one bulk insert.
const importFloor = timed(() => {
  const db = new Database(path.join(work, 'floor.sqlite'));
  db.exec('DROP TABLE IF EXISTS pages; CREATE TABLE pages (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO pages (id, doc) VALUES (?, ?)');
  const blobs = git(['ls-tree', '-r', '--format=%(objectname)', 'main', 'pages'], remote);
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: remote, input: blobs, maxBuffer: 4 * 2 ** 30 });
  db.transaction(() => {
    let at = 0;
    while (at < out.length) {
      const headerEnd = out.indexOf(10, at);
      const bytes = Number(out.toString('latin1', at, headerEnd).split(' ')[2]);
      const text = out.toString('utf8', headerEnd + 1, headerEnd + 1 + bytes);
      at = headerEnd + 1 + bytes + 1;
      for (const line of text.split('\n')) {
        if (!line) continue;
        const page = JSON.parse(line) as { id: string };
        insert.run(page.id, line);
      }
    }
  })();
  db.close();
});
fs.rmSync(fresh, { recursive: true, force: true });
fs.rmSync(path.join(work, 'floor.sqlite'), { force: true });

// A page logged while a fresh device's first import runs (\`oncall sync\` in another process):
// how long each \`pages.add\` took while the import phase held the store, beside the same write
// with nothing else running. One page every 50 ms, as fast as a person never types.
const during = path.join(work, 'during');
fs.rmSync(during, { recursive: true, force: true });
execFileSync(process.execPath, [cli, 'repo', 'connect', remote, '--data-dir', during], { stdio: 'ignore' });
const logger = openWorkstation(during);
const pageInsert = (n: number): number =>
  timed(() =>
    invoke(logger, 'pages.add', {
      service: 'bench',
      severity: 2,
      summary: `logged during the import ${n}`,
      receivedAt: new Date(untilMs - 60_000 * n).toISOString(),
    }),
  );
const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? NaN;
const importingWords = progressLabel({ phase: 'importing', done: 0, total: 0 });
const duringImport: number[] = [];
let importDone = false;
let phase = '';
const importing = new Promise<void>((resolve, reject) => {
  const child = spawn(process.execPath, [cli, 'sync', '--progress', '--json', '--data-dir', during], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => {
    const lines = chunk.toString().trim().split('\n');
    phase = lines[lines.length - 1]?.trim() ?? phase;
  });
  child.once('exit', (code) => {
    importDone = true;
    if (code === 0) resolve();
    else reject(new Error(`oncall sync exited ${code}`));
  });
  let n = 0;
  const tick = (): void => {
    if (importDone) return;
    n += 1;
    const took = pageInsert(n);
    // Only the import phase writes: the writes before and after it never wait.
    if (phase.startsWith(importingWords)) duringImport.push(took);
    setTimeout(tick, 50);
  };
  setTimeout(tick, 50);
});
void importing.then(() => {
  const idle = Array.from({ length: 200 }, (_, i) => pageInsert(10_000 + i));
  if (duringImport.length < 20) throw new Error(`only ${duringImport.length} pages logged during the import`);
  logger.close();
  log(`${duringImport.length} pages logged during the import; slowest ${Math.max(...duringImport).toFixed(1)} ms`);
  fs.rmSync(during, { recursive: true, force: true });

  process.stdout.write(
    JSON.stringify({
      [`sync_incremental_10_pages_in_${label}_ms`]: round3(incremental),
      [`sync_incremental_10_pages_in_${label}_floor_ms`]: round3(rawPush),
      git_raw_commit_push_10_files_ms: round3(rawPush),
      sync_noop_ms: round3(noop),
      sync_noop_floor_ms: round3(fetchFloor),
      [`repo_first_import_${label}_ms`]: round3(firstImport),
      [`repo_first_import_${label}_floor_ms`]: round3(importFloor),
      page_insert_during_import_p95_ms: round3(p95(duringImport)),
      page_insert_during_import_p95_floor_ms: round3(p95(idle)),
    }),
  );
});
