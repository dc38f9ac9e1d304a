// Pushes that meet another push (#19): git's every way of saying "the remote moved" — including
// `[remote rejected] … (failed to update ref)` and `cannot lock ref` when two pushes land at once —
// is fetched, merged and pushed again; three devices syncing at the same moment all converge.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { remoteMoved } from '../../electron/sync/steps';
import { bareRepository } from '../git-helpers';
import { cliPath, invokeOk, runCli, tempDir, testEnv, tempWorkstation } from '../helpers';
import { soak, withinBounds } from './measure';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: testEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('pushes that meet another push', () => {
  it('knows every form of "the remote moved", and not a refusal', () => {
    for (const moved of [
      ' ! [rejected]        HEAD -> main (fetch first)',
      ' ! [rejected]        HEAD -> main (non-fast-forward)',
      ' ! [remote rejected] HEAD -> main (failed to update ref)',
      "error: cannot lock ref 'refs/heads/main': is at 3f2a… but expected 9b1c…",
      "remote: error: cannot lock ref 'refs/heads/main': Unable to create '/r.git/refs/heads/main.lock': File exists.",
      '!\tHEAD:refs/heads/main\t[remote rejected] (failed to lock)',
      '!\tHEAD:refs/heads/main\t[rejected] (stale info)',
    ])
      expect(remoteMoved(moved), moved).toBe(true);
    for (const refused of [
      ' ! [remote rejected] HEAD -> main (pre-receive hook declined)',
      'fatal: unable to access: Could not resolve host: example.invalid',
      'remote: Permission to team/reliability.git denied to ann.',
    ])
      expect(remoteMoved(refused), refused).toBe(false);
  });

  it('a push the remote could not lock the branch for is retried, and goes through', async () => {
    const remote = bareRepository();
    const ann = tempWorkstation();
    const me = invokeOk(ann, 'people.save', { name: 'Ann', handle: 'ann', timeZone: 'UTC' });
    invokeOk(ann, 'me.set', { id: me.id });
    invokeOk(ann, 'repo.connect', { url: remote });
    invokeOk(ann, 'repo.sync', {});
    // Another push holds the branch's lock while the next one lands (once).
    fs.writeFileSync(
      path.join(remote, 'hooks', 'pre-receive'),
      '#!/bin/sh\nif [ ! -e seen ]; then touch seen refs/heads/main.lock; else rm -f refs/heads/main.lock; fi\nexit 0\n',
      { mode: 0o755 },
    );
    invokeOk(ann, 'pages.add', {
      service: 'checkout',
      severity: 2,
      summary: 'one',
      receivedAt: '2026-11-08T02:21:00Z',
    });
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report).toMatchObject({ ok: true, message: 'synced' });
    expect(fs.existsSync(path.join(remote, 'seen'))).toBe(true);
    expect(invokeOk(ann, 'repo.status', {}).waiting).toBe(0);
    expect(execFileSync('git', ['-C', remote, 'show', 'main:pages/2026/11/ann.jsonl'], { encoding: 'utf8' })).toContain(
      '"summary":"one"',
    );
  });

  it(
    'three devices syncing at the same moment, round after round, all converge with nothing lost',
    async () => {
      const remote = bareRepository();
      const dirs = ['ann', 'bo', 'cy'].map((handle) => {
        const dir = tempDir();
        const d = ['--data-dir', dir];
        expect(runCli(['me', 'set', '--name', handle, '--handle', handle, '--zone', 'UTC', ...d]).code).toBe(0);
        expect(runCli(['repo', 'connect', remote, ...d]).code).toBe(0);
        return dir;
      });
      const rounds = 2 * soak;
      // Each round (three pages added, three syncs at once) within the bounds, and the last catch-up.
      for (let round = 0; round < rounds; round += 1) {
        await withinBounds(async () => {
          await Promise.all(
            dirs.map((dir, i) =>
              cli([
                'page',
                'add',
                '--service',
                'checkout',
                '--severity',
                '2',
                '--summary',
                `round ${round} device ${i}`,
                '--at',
                // An hour apart, device by device and round by round (any number of soak rounds).
                new Date(Date.parse('2026-11-01T00:00:00Z') + (round * 3 + i) * 3_600_000).toISOString(),
                '--data-dir',
                dir,
              ]),
            ),
          );
          const synced = await Promise.all(dirs.map((dir) => cli(['sync', '--data-dir', dir])));
          for (const run of synced) expect(run, run.stderr).toMatchObject({ code: 0 });
        });
      }
      await withinBounds(async () => {
        for (const dir of [...dirs, ...dirs]) expect((await cli(['sync', '--data-dir', dir])).code).toBe(0);
      });
      const lists = dirs.map((dir) =>
        (
          JSON.parse(
            runCli(['page', 'list', '--limit', String(rounds * 3 + 10), '--json', '--data-dir', dir]).stdout,
          ) as {
            summary: string;
          }[]
        )
          .map((p) => p.summary)
          .sort(),
      );
      expect(lists[0]).toHaveLength(rounds * 3);
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[2]).toEqual(lists[0]);
    },
    30_000 * soak,
  );
});
