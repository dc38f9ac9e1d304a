// Hostile repository trees (#19): entries git cannot check out, symbolic links, folders where a
// file belongs, names that clash in case, duplicate postmortem ids, oversized rotations. Each is
// skipped and named, the rest syncs, nothing local is lost; each case within 10 s and 500 MB.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../../electron/workstation';
import { bareRepository, pushByHand } from '../git-helpers';
import { invokeOk, tempDir, tempWorkstation } from '../helpers';
import { withinBounds } from './measure';

function device(remote: string, handle: string): Workstation {
  const ws = tempWorkstation();
  const me = invokeOk(ws, 'people.save', { name: handle.toUpperCase(), handle, timeZone: 'UTC' });
  invokeOk(ws, 'me.set', { id: me.id });
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

function page(ws: Workstation, summary: string, at = '2026-11-08T02:21:00Z') {
  return invokeOk(ws, 'pages.add', { service: 'checkout', severity: 2, summary, receivedAt: at });
}

const summaries = (ws: Workstation): string[] =>
  invokeOk(ws, 'pages.list', { limit: 1000 })
    .pages.map((p) => `${p.personHandle}: ${p.summary}`)
    .sort();

const git = (dir: string, args: string[], input?: string): string =>
  execFileSync('git', args, { cwd: dir, input, encoding: 'utf8' }).trim();

/**
 * Someone pushes a commit git itself would not make: `edit(hand)` changes a clone's files, and
 * `extra(hand)` adds raw entries (mktree lines) to its top-level tree.
 */
function pushRawTree(remote: string, edit: (hand: string) => void, extra: (hand: string) => string[]): void {
  const hand = path.join(tempDir(), 'hand');
  execFileSync('git', ['clone', '--quiet', remote, hand]);
  edit(hand);
  git(hand, ['add', '-A']);
  const staged = git(hand, ['write-tree']);
  const lines = [...git(hand, ['ls-tree', staged]).split('\n').filter(Boolean), ...extra(hand)];
  const tree = git(hand, ['mktree'], `${lines.join('\n')}\n`);
  const commit = git(hand, [
    '-c',
    'user.name=x',
    '-c',
    'user.email=x@x',
    'commit-tree',
    tree,
    '-p',
    'HEAD',
    '-m',
    'raw',
  ]);
  git(hand, ['push', '--quiet', 'origin', `${commit}:refs/heads/main`]);
}

const blob = (dir: string, text: string): string => git(dir, ['hash-object', '-w', '--stdin'], text);

/** A page line for `person` made from one of the repository's own lines. */
function pageLine(hand: string, person: string, summary: string, id: string): string {
  const file = fs.readdirSync(path.join(hand, 'pages/2026/11')).find((f) => f.endsWith('.jsonl')) ?? '';
  const line = JSON.parse(fs.readFileSync(path.join(hand, 'pages/2026/11', file), 'utf8').split('\n')[0] ?? '{}');
  return JSON.stringify({ ...line, id, person, summary });
}

describe('hostile repository trees', () => {
  it('a tree entry named ".." is skipped and named; a valid page in the same push arrives, and local changes go out', async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    page(ann, 'first');
    invokeOk(ann, 'repo.sync', {});
    const bo = device(remote, 'bo');
    invokeOk(bo, 'repo.sync', {});

    pushRawTree(
      remote,
      (hand) => {
        fs.writeFileSync(
          path.join(hand, 'pages/2026/11/cy.jsonl'),
          `${pageLine(hand, 'cy', 'valid in the same push', '0193a6f0-0000-7000-8000-000000000001')}\n`,
        );
      },
      (hand) => {
        const x = blob(hand, 'anything\n');
        const inner = git(hand, ['mktree'], `100644 blob ${x}\tx.jsonl\n`);
        return [`040000 tree ${inner}\t..`];
      },
    );
    page(ann, 'second, local');
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { file: '..', line: 0, message: expect.stringMatching(/^skipped: /) as unknown as string },
      ]),
    );
    expect(summaries(ann)).toEqual(['ann: first', 'ann: second, local', 'cy: valid in the same push']);
    expect(invokeOk(ann, 'repo.status', {})).toMatchObject({ waiting: 0 });
    // Every device goes on syncing, and the entry stays in the repository, untouched.
    const fromBo = await withinBounds(() => invokeOk(bo, 'repo.sync', {}));
    expect(fromBo.value.ok).toBe(true);
    expect(summaries(bo)).toEqual(summaries(ann));
    expect(git(remote, ['ls-tree', '--name-only', 'main'])).toContain('..');
    page(bo, 'from bo');
    expect(invokeOk(bo, 'repo.sync', {}).ok).toBe(true);
    invokeOk(ann, 'repo.sync', {});
    expect(summaries(ann)).toContain('bo: from bo');
  });

  it('symlinked file and folder, a folder where a file belongs, a case clash and bad names: skipped and named, the rest syncs', async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    page(ann, 'first');
    invokeOk(ann, 'repo.sync', {});
    pushRawTree(
      remote,
      (hand) => {
        fs.mkdirSync(path.join(hand, 'pages/2026/12'), { recursive: true });
        fs.symlinkSync('/etc/passwd', path.join(hand, 'pages/2026/12/cy.jsonl'));
        fs.symlinkSync('/etc', path.join(hand, 'pages/2026/10'));
        fs.mkdirSync(path.join(hand, 'pages/2026/12/dy.jsonl'));
        fs.writeFileSync(path.join(hand, 'pages/2026/12/dy.jsonl/x'), 'x\n');
        fs.writeFileSync(path.join(hand, 'Team.yaml'), 'people: []\n');
        fs.writeFileSync(path.join(hand, 'pages/2026/12/aux.jsonl'), 'x\n');
        fs.writeFileSync(
          path.join(hand, 'pages/2026/11/ed.jsonl'),
          `${pageLine(hand, 'ed', 'arrives', '0193a6f0-0000-7000-8000-000000000002')}\n`,
        );
      },
      () => [],
    );
    page(ann, 'second, local');
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.ok).toBe(true);
    const named = report.problems.map((p) => `${p.file}: ${p.message}`);
    expect(named).toEqual(
      expect.arrayContaining([
        'pages/2026/12/cy.jsonl: is a symbolic link; only plain files are read',
        'pages/2026/10: is a symbolic link; only plain files are read',
        'pages/2026/12/dy.jsonl: skipped: a folder where a file belongs',
        'Team.yaml: skipped: its name differs from team.yaml only in case (or accents)',
        'pages/2026/12/aux.jsonl: skipped: is a device name on Windows',
      ]),
    );
    expect(summaries(ann)).toEqual(['ann: first', 'ann: second, local', 'ed: arrives']);
    const status = invokeOk(ann, 'repo.status', {});
    expect(status.waiting).toBe(0);
    expect(status.problems.length).toBeGreaterThanOrEqual(5);
    // A second device clones the same tree (git checks it out on this system) and syncs too.
    const bo = device(remote, 'bo');
    expect(invokeOk(bo, 'repo.sync', {}).ok).toBe(true);
    expect(summaries(bo)).toEqual(summaries(ann));
  });

  it('a record behind a symbolic link stays in the outbox, is shown waiting with the reason, and goes out once the path is fixed', async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    invokeOk(ann, 'repo.sync', {});
    pushByHand(remote, (hand) => {
      fs.mkdirSync(path.join(hand, 'pages/2026'), { recursive: true });
      fs.symlinkSync('/tmp', path.join(hand, 'pages/2026/11'));
    });
    page(ann, 'behind a link');
    const { value: blocked } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(blocked.message).not.toBe('nothing to sync');
    expect(blocked.message).toMatch(/not written/);
    const status = invokeOk(ann, 'repo.status', {});
    expect(status.waiting).toBe(1);
    expect(status.problems.map((p) => `${p.file}: ${p.message}`)).toContain(
      'pages/2026/11/ann.jsonl: not written: a symbolic link is on its path',
    );
    // Still waiting at the next sync.
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'repo.status', {}).waiting).toBe(1);
    // Repaired: the page goes out.
    pushByHand(remote, (hand) => fs.rmSync(path.join(hand, 'pages/2026/11')));
    const sent = invokeOk(ann, 'repo.sync', {});
    expect(sent).toMatchObject({ ok: true, message: 'synced' });
    expect(invokeOk(ann, 'repo.status', {})).toMatchObject({ waiting: 0, problems: [] });
    const bo = device(remote, 'bo');
    invokeOk(bo, 'repo.sync', {});
    expect(summaries(bo)).toContain('ann: behind a link');
  });
});
