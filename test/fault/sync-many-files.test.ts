// A very wide push: thousands of one-line files in one commit (#19: 20,004 took 54 s — a git
// process per file to read it as it was at the last sync, and a statement prepared per new
// person; then each file looked up by path in one git process, which walks the folder per file). Received within the fault suite's bounds, every page in it arrives, and the next sync
// has nothing left to do. CI pushes 5,000 files (writing the push takes longer than receiving
// it); ONCALL_WIDE_FILES=20000 pushes the issue's 20,000. Then all of those files change at once.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../../electron/workstation';
import { bareRepository } from '../git-helpers';
import { invokeOk, tempWorkstation } from '../helpers';
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

/** A teammate's commit on the repository's branch writing `pages/2026/11/p<i>.jsonl` for each i, as `text(i)`. */
function pushWide(remote: string, message: string, text: (i: number) => string): void {
  const parent = git(remote, ['rev-parse', 'main']);
  const data = (body: string): string => `data ${Buffer.byteLength(body)}\n${body}\n`;
  const stream = [
    'commit refs/heads/main\n',
    'committer x <x@x> 1764064800 +0000\n',
    data(message),
    `from ${parent}\n`,
  ];
  for (let i = 0; i < files; i++) {
    stream.push(`M 100644 inline pages/2026/11/p${String(i).padStart(5, '0')}.jsonl\n`, data(text(i)));
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: remote, input: stream.join('') });
}

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

    // A teammate's script writes one page per file, each for a different person, in one commit
    // (made with git fast-import: writing and adding the files by hand took longer than the sync).
    const own = git(remote, ['ls-tree', '--name-only', 'main', 'pages/2026/11/']).split('\n')[0] ?? '';
    const template = JSON.parse(git(remote, ['show', `main:${own}`]).split('\n')[0] ?? '{}') as object;
    const page = (i: number, acknowledgedAt: string | null): string =>
      `${JSON.stringify({ ...template, id: `0193a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`, person: `p${String(i).padStart(5, '0')}`, summary: `wide ${i}`, receivedAt: minute(i), acknowledgedAt, resolvedAt: null, ...(acknowledgedAt ? { updatedAt: '2026-11-25T11:00:00.000Z' } : {}) })}\n`;
    pushWide(remote, 'wide', (i) => page(i, null));
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.received.pages).toBe(files);
    expect(invokeOk(ann, 'pages.list', { limit: 1, query: `wide ${files - 1}` }).pages).toHaveLength(1);
    const again = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(again.value.received.pages).toBe(0);

    // Then every one of those files changes at once (each page acknowledged). Each file's text as
    // at the last sync used to be looked up by its path, which walks the folder of thousands of
    // files every time (20,000 such lookups: 5 min 45 s in git alone); now by its blob.
    pushWide(remote, 'all acknowledged', (i) => page(i, '2026-11-24T09:00:00.000Z'));
    const { value: acknowledged } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(acknowledged).toMatchObject({ ok: true, problems: [] });
    expect(acknowledged.received.pages).toBe(files);
    for (const i of [0, files - 1]) {
      const [found] = invokeOk(ann, 'pages.list', { limit: 1, query: `wide ${i}` }).pages;
      expect(found?.acknowledgedAt).toBe('2026-11-24T09:00:00.000Z');
    }
  }, 120_000);
});
