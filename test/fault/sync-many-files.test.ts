// A very wide push: thousands of one-line files in one commit (#19: 20,004 took 54 s — a git
// process per file to read it as it was at the last sync, and a statement prepared per new
// person). Received within the fault suite's bounds, every page in it arrives, and the next sync
// has nothing left to do. CI pushes 5,000 files (writing the push takes longer than receiving
// it); ONCALL_WIDE_FILES=20000 pushes the issue's 20,000.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../../electron/workstation';
import { bareRepository } from '../git-helpers';
import { invokeOk, tempDir, tempWorkstation } from '../helpers';
import { withinBounds } from './measure';

/** Pages a minute apart from the start of November 2026. */
const minute = (i: number): string => new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString();
const files = Number(process.env.ONCALL_WIDE_FILES ?? 5_000);

function device(remote: string, handle: string): Workstation {
  const ws = tempWorkstation();
  const me = invokeOk(ws, 'people.save', { name: handle.toUpperCase(), handle, timeZone: 'UTC' });
  invokeOk(ws, 'me.set', { id: me.id });
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

const git = (dir: string, args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

describe('a very wide push', () => {
  it(`${files.toLocaleString('en')} one-line files in one commit arrive within the bounds, every page with them`, async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    invokeOk(ann, 'pages.add', {
      service: 'checkout',
      severity: 2,
      summary: 'first',
      receivedAt: '2026-11-08T02:21:00Z',
    });
    invokeOk(ann, 'repo.sync', {});

    // A teammate's script writes one page per file, each for a different person, in one commit.
    const hand = path.join(tempDir(), 'hand');
    execFileSync('git', ['clone', '--quiet', remote, hand]);
    const folder = path.join(hand, 'pages/2026/11');
    const [own] = fs.readdirSync(folder).filter((f) => f.endsWith('.jsonl'));
    const template = JSON.parse(fs.readFileSync(path.join(folder, own ?? ''), 'utf8').split('\n')[0] ?? '{}') as object;
    for (let i = 0; i < files; i++) {
      const id = `0193a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`;
      const person = `p${String(i).padStart(5, '0')}`;
      fs.writeFileSync(
        path.join(folder, `${person}.jsonl`),
        `${JSON.stringify({ ...template, id, person, summary: `wide ${i}`, receivedAt: minute(i), acknowledgedAt: null, resolvedAt: null })}\n`,
      );
    }
    git(hand, ['add', '-A']);
    git(hand, ['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '--quiet', '-m', 'wide']);
    git(hand, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);

    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.received.pages).toBe(files);
    expect(invokeOk(ann, 'pages.list', { limit: 1, query: `wide ${files - 1}` }).pages).toHaveLength(1);
    const again = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(again.value.received.pages).toBe(0);
  }, 60_000);
});
