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
    // A new device can connect to it too (git clone would fail to check it out).
    const { value: dee } = await withinBounds(() => {
      const ws = device(remote, 'dee');
      invokeOk(ws, 'repo.sync', {});
      return ws;
    });
    expect(summaries(dee)).toEqual(summaries(ann));
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
    expect(blocked.sent.pages).toBe(0);
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

  it('two postmortem files with one id: both named, the first by path kept, on every device alike', async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    const pm = invokeOk(ann, 'postmortems.create', { title: 'Pool exhaustion' });
    invokeOk(ann, 'repo.sync', {});
    let original = '';
    pushByHand(remote, (hand) => {
      const dir = path.join(hand, 'postmortems');
      original = fs.readdirSync(dir)[0] ?? '';
      const text = fs.readFileSync(path.join(dir, original), 'utf8');
      // Sorts after the original: the original's title stays.
      fs.writeFileSync(path.join(dir, `zz-${original}`), text.replace('Pool exhaustion', 'Hijacked title'));
    });
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.problems.map((p) => `${p.file}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        `postmortems/${original}: postmortem ${pm.id} is also in postmortems/zz-${original}; this file (first by path) is kept`,
        `postmortems/zz-${original}: postmortem ${pm.id} is also in postmortems/${original}; skipped (the first by path is kept)`,
      ]),
    );
    expect(invokeOk(ann, 'postmortems.get', { id: pm.id }).title).toBe('Pool exhaustion');
    // A new device reading both at once keeps the same one.
    const bo = device(remote, 'bo');
    const first = invokeOk(bo, 'repo.sync', {});
    expect(first.problems.filter((p) => p.message.startsWith(`postmortem ${pm.id} is also in`))).toHaveLength(2);
    expect(invokeOk(bo, 'postmortems.get', { id: pm.id }).title).toBe('Pool exhaustion');
  });

  it('a page id not shaped as this app makes them is refused by file and line; UUIDs of any version are read', async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    page(ann, 'first');
    invokeOk(ann, 'repo.sync', {});
    pushByHand(remote, (hand) => {
      const lines = [
        pageLine(hand, 'cy', 'odd id', '../../etc'),
        pageLine(hand, 'cy', 'a v4 id', '5b0f3c1e-9d7a-4c1b-8f3e-2a6d9c4b7e10'),
        pageLine(hand, 'cy', 'spaces', 'a b c'),
      ];
      fs.writeFileSync(path.join(hand, 'pages/2026/11/cy.jsonl'), `${lines.join('\n')}\n`);
    });
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.problems).toEqual([
      { file: 'pages/2026/11/cy.jsonl', line: 1, message: 'id: must be an id as this app makes them (a UUID)' },
      { file: 'pages/2026/11/cy.jsonl', line: 3, message: 'id: must be an id as this app makes them (a UUID)' },
    ]);
    expect(summaries(ann)).toEqual(['ann: first', 'cy: a v4 id']);
  });

  it('a 1,000,000-member rotation file (under the 50 MB cap) is refused before it is parsed; the rest syncs', async () => {
    const remote = bareRepository();
    const ann = device(remote, 'ann');
    page(ann, 'first');
    invokeOk(ann, 'repo.sync', {});
    pushByHand(remote, (hand) => {
      fs.mkdirSync(path.join(hand, 'rotations'));
      const head =
        'name: Huge\nlayer: primary\nteam: null\ntimeZone: UTC\nstart: 2026-11-02T09:00\nshiftLength: 1\nshiftUnit: weeks\nrestriction: null\nmembers:\n';
      const member = '  - handle: ann\n    from: null\n    until: null\n';
      const tail = 'overrides: []\nupdatedAt: 2026-11-01T00:00:00.000Z\n';
      fs.writeFileSync(path.join(hand, 'rotations/huge.yaml'), head + member.repeat(1_000_000) + tail);
      fs.writeFileSync(
        path.join(hand, 'pages/2026/11/cy.jsonl'),
        `${pageLine(hand, 'cy', 'arrives', '0193a6f0-0000-7000-8000-000000000003')}\n`,
      );
    });
    const { value: report } = await withinBounds(() => invokeOk(ann, 'repo.sync', {}));
    expect(report.problems).toEqual([
      {
        file: 'rotations/huge.yaml',
        line: 9,
        message: 'members: more than 200 entries (the limit); the file is skipped',
      },
    ]);
    expect(summaries(ann)).toEqual(['ann: first', 'cy: arrives']);
  });
});
