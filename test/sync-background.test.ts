// A long sync in the background: `oncall serve` runs it in a worker thread, keeps answering
// other requests meanwhile, and `repo.status` says how far it has got. One sync at a time per
// data directory, across processes; `oncall sync --progress` prints its phases.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RepoStatusView, SyncReportView } from '../shared/sync-contract';
import { bareRepository } from './git-helpers';
import { currentBoot } from '../electron/sync/lock';
import { invokeOk, runCli, serve, tempDir, tempWorkstation, testNow, type Served } from './helpers';

function cli(dataDir: string, ...args: string[]): string {
  const run = runCli([...args, '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`oncall ${args.join(' ')}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** A teammate's device that put `pages` demo pages into the repository. */
let lastTeammate = '';
function seededRepository(pages: number): string {
  const remote = bareRepository();
  const teammate = (lastTeammate = tempDir());
  cli(teammate, 'demo', '--people', '4', '--months', '3', '--pages', String(pages), '--until', '2026-11-20T00:00:00Z');
  cli(teammate, 'repo', 'connect', remote);
  cli(teammate, 'sync');
  return remote;
}

async function api<T>(server: Served, operation: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${server.origin}/api/${operation}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${operation}: ${result.error?.message}`);
  return result.value;
}

describe('a sync in the background', () => {
  it('the server keeps answering during a first import, and the status shows how far it has got', async () => {
    const remote = seededRepository(30_000);
    const dataDir = tempDir();
    const server = await serve(dataDir);
    await api(server, 'repo.connect', { url: remote });

    let finished = false;
    const syncing = api<SyncReportView>(server, 'repo.sync').finally(() => (finished = true));
    const phases = new Set<string>();
    let answeredWhileSyncing = 0;
    let shares: number[] = [];
    while (!finished) {
      const status = await api<RepoStatusView>(server, 'repo.status');
      if (status.syncing && !finished) {
        phases.add(status.syncing.phase);
        answeredWhileSyncing += 1;
        if (status.syncing.phase === 'importing') shares.push(status.syncing.done / status.syncing.total);
        expect(Date.parse(status.syncing.startedAt)).toBeGreaterThanOrEqual(testNow);
        expect(Date.parse(status.syncing.startedAt)).toBeLessThan(testNow + 600_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const report = await syncing;
    expect(report).toMatchObject({ ok: true, received: { pages: 30_000 } });
    // Other requests were answered while it ran, and the import was seen moving.
    expect(answeredWhileSyncing).toBeGreaterThan(3);
    expect(phases.has('importing')).toBe(true);
    shares = shares.filter((s, i) => i === 0 || s !== shares[i - 1]);
    expect(shares.length).toBeGreaterThan(1);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    // Done: no sync running, the pages are here.
    const after = await api<RepoStatusView>(server, 'repo.status');
    expect(after.syncing).toBeNull();
    expect(after.lastSyncAt).not.toBeNull();
    const ws = tempWorkstation({}, dataDir);
    expect(ws.ctx.db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(30_000);
    // The load dashboards' rollups were counted once at the end of the bulk import: the team's
    // load here is what it is on the teammate's device.
    const range = { from: '2026-08-20T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
    const load = (w: typeof ws) => {
      const d = invokeOk(w, 'dashboard.get', range);
      return { totals: d.totals, heatmap: d.heatmap, weeks: d.weeks, services: d.services };
    };
    const here = load(ws);
    expect(here.totals.pages).toBeGreaterThan(1000);
    expect(here).toEqual(load(tempWorkstation({}, lastTeammate)));
    expect(fs.existsSync(path.join(dataDir, 'sync.lock'))).toBe(false);
  }, 120_000);

  it('asked again while a sync runs, one more sync follows and sends what changed meanwhile', async () => {
    const remote = seededRepository(6_000);
    const dataDir = tempDir();
    const server = await serve(dataDir);
    await api(server, 'repo.connect', { url: remote });
    const first = api<SyncReportView>(server, 'repo.sync');
    // While the first import runs: a page logged, then Sync now (twice).
    await api(server, 'pages.add', { service: 'checkout', severity: 2, summary: 'logged during the import' });
    const [a, b, c] = await Promise.all([
      first,
      api<SyncReportView>(server, 'repo.sync'),
      api<SyncReportView>(server, 'repo.sync'),
    ]);
    expect(a.received.pages).toBe(6_000);
    expect(b).toEqual(c);
    // A second sync ran after the first (the page went with whichever read it first), once.
    expect(b).not.toEqual(a);
    expect(b.ok).toBe(true);
    expect(a.sent.pages + b.sent.pages).toBe(1);
    const status = await api<RepoStatusView>(server, 'repo.status');
    expect(status).toMatchObject({ waiting: 0, syncing: null });
  }, 120_000);

  it('one sync at a time per data directory: another process is told, a dead one’s lock is taken over', () => {
    const remote = seededRepository(50);
    const dataDir = tempDir();
    cli(dataDir, 'repo', 'connect', remote);
    const lock = path.join(dataDir, 'sync.lock');
    // A live process on this machine, this boot, holds it (this test's own), half-way through importing.
    const boot = currentBoot();
    const holder = { pid: process.pid, host: os.hostname(), boot, token: 't1', startedAt: '2026-11-20T10:00:00.000Z' };
    fs.writeFileSync(lock, JSON.stringify({ ...holder, phase: 'importing', done: 5, total: 10 }));
    const busy = runCli(['sync', '--data-dir', dataDir]);
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain(`a sync is already running for this data directory (process ${process.pid})`);
    const status = JSON.parse(cli(dataDir, 'repo', 'status', '--json')) as RepoStatusView;
    expect(status.syncing).toEqual({ phase: 'importing', done: 5, total: 10, startedAt: '2026-11-20T10:00:00.000Z' });
    expect(status.lastSyncAt).toBeNull();
    expect(cli(dataDir, 'repo', 'status')).toContain(
      'Syncing now (since 2026-11-20T10:00:00.000Z): Importing records: 5 of 10',
    );

    // Left behind — from before a reboot (its process id alive again since), from another
    // machine, half written, or by a process that died: each is taken over.
    const leftBehind = [
      { ...holder, boot: typeof boot === 'number' ? boot - 3_600_000 : 'a-boot-before-this-one' },
      { ...holder, host: 'another-machine' },
      '{"pid": 12',
    ];
    for (const left of leftBehind) {
      fs.writeFileSync(
        lock,
        typeof left === 'string' ? left : JSON.stringify({ ...left, phase: 'importing', done: 1, total: 2 }),
      );
      expect((JSON.parse(cli(dataDir, 'repo', 'status', '--json')) as RepoStatusView).syncing).toBeNull();
      expect(runCli(['sync', '--data-dir', dataDir]).code).toBe(0);
      expect(fs.existsSync(lock)).toBe(false);
    }
    fs.writeFileSync(lock, JSON.stringify({ ...holder, pid: 2 ** 22 + 17 }));
    const run = runCli(['sync', '--progress', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Synced');
    // --progress: the phases, in order, on stderr.
    const lines = run.stderr.split('\n').filter(Boolean);
    const order = ['Fetching from the repository', 'Merging', 'Importing records', 'Writing files'];
    const at = order.map((words) => lines.findIndex((l) => l.includes(words)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(fs.existsSync(lock)).toBe(false);
    expect((JSON.parse(cli(dataDir, 'repo', 'status', '--json')) as RepoStatusView).syncing).toBeNull();
  }, 120_000);
});
