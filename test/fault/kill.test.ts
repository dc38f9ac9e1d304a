// kill -9 at random (seeded) moments (#19): while `oncall serve` writes pages, and while a first
// sync imports a repository. Afterwards the store passes SQLite's integrity check, every page
// whose write was acknowledged is there, and the next sync succeeds with nothing lost or doubled.
// Needs `npm run build` (the CLI and server are the built ones).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../../electron/workstation';
import { bareRepository } from '../git-helpers';
import { cliPath, invokeOk, runCli, serve, tempDir, tempWorkstation, testEnv } from '../helpers';
import { soak, withinBounds } from './measure';

/** A small seeded generator (mulberry32): the same kill moments on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function integrity(ws: Workstation): string {
  return ws.ctx.db.pragma('integrity_check', { simple: true }) as string;
}

function cli(dataDir: string, ...args: string[]): string {
  const run = runCli([...args, '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`oncall ${args.join(' ')}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** How many page lines the repository's branch holds. */
function remotePages(remote: string): number {
  return execFileSync('git', ['-C', remote, 'grep', '-h', '-c', '"id"', 'main', '--', 'pages'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .reduce((n, count) => n + Number(count), 0);
}

const pageIds = (ws: Workstation): string[] =>
  (ws.ctx.db.prepare('SELECT id FROM pages').pluck().all() as string[]).sort();

describe('kill -9 at random moments', () => {
  const random = seeded(19);

  it(
    'while the server writes pages: integrity ok, every acknowledged page kept, the next sync sends them all',
    async () => {
      for (let trial = 0; trial < 3 * soak; trial += 1) {
        await withinBounds(async () => {
          const dir = tempDir();
          const served = await serve(dir);
          const acknowledged: string[] = [];
          let stop = false;
          const writer = async (lane: number): Promise<void> => {
            for (let i = 0; !stop; i += 1) {
              try {
                const response = await fetch(`${served.origin}/api/pages.add`, {
                  method: 'POST',
                  headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
                  body: JSON.stringify({
                    service: 'checkout',
                    severity: 2,
                    summary: `lane ${lane} page ${i}`,
                    receivedAt: '2026-11-08T02:21:00Z',
                  }),
                });
                const result = (await response.json()) as { ok: boolean; value: { id: string } };
                if (result.ok) acknowledged.push(result.value.id);
              } catch {
                return; // the server is gone
              }
            }
          };
          const lanes = [0, 1, 2, 3].map(writer);
          await sleep(150 + Math.floor(random() * 500));
          await killed(served.process);
          stop = true;
          await Promise.all(lanes);
          expect(acknowledged.length).toBeGreaterThan(0);

          const ws = tempWorkstation({}, dir);
          expect(integrity(ws)).toBe('ok');
          const stored = new Set(pageIds(ws));
          expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
          const remote = bareRepository();
          invokeOk(ws, 'repo.connect', { url: remote });
          expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ ok: true });
          expect(remotePages(remote)).toBe(stored.size);
        });
      }
    },
    30_000 * soak,
  );

  it(
    'during a first import: integrity ok, local pages kept, the next sync converges without duplicates',
    async () => {
      const remote = bareRepository();
      const teammate = tempDir();
      cli(teammate, 'demo', '--people', '3', '--months', '2', '--pages', '3000', '--until', '2026-11-20T00:00:00Z');
      cli(teammate, 'repo', 'connect', remote);
      cli(teammate, 'sync');

      let interrupted = 0;
      for (let trial = 0; trial < 3 * soak; trial += 1) {
        await withinBounds(async () => {
          const dir = tempDir();
          const inRepository = remotePages(remote);
          cli(dir, 'me', 'set', '--name', 'Kim', '--handle', 'kim', '--zone', 'UTC');
          const mine = [1, 2].map((n) =>
            cli(
              dir,
              'page',
              'add',
              '--service',
              'checkout',
              '--severity',
              '2',
              '--summary',
              `trial ${trial} mine ${n}`,
              '--at',
              '2026-11-08T02:00:00Z',
            ),
          );
          expect(mine).toHaveLength(2);
          cli(dir, 'repo', 'connect', remote);
          const child = spawn(process.execPath, [cliPath, 'sync', '--data-dir', dir], { env: testEnv() });
          await sleep(200 + Math.floor(random() * 1500));
          if (child.exitCode === null) interrupted += 1;
          await killed(child);

          const ws = tempWorkstation({}, dir);
          expect(integrity(ws)).toBe('ok');
          const summaries = (): string[] =>
            ws.ctx.db
              .prepare('SELECT summary FROM pages WHERE summary LIKE ? ORDER BY summary')
              .pluck()
              .all(`trial ${trial} mine %`) as string[];
          const expected = [`trial ${trial} mine 1`, `trial ${trial} mine 2`];
          expect(summaries()).toEqual(expected);
          const report = invokeOk(ws, 'repo.sync', {});
          expect(report.ok).toBe(true);
          expect(pageIds(ws)).toHaveLength(inRepository + 2);
          expect(summaries()).toEqual(expected);
          expect(invokeOk(ws, 'repo.status', {}).waiting).toBe(0);
          expect(remotePages(remote)).toBe(pageIds(ws).length);
        });
      }
      // The seeded moments fall inside the sync (not after it ended on its own).
      expect(interrupted).toBeGreaterThan(0);
    },
    30_000 * soak,
  );
});
