import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionItem, Incident, Postmortem } from '../shared/postmortem-contract';
import { runCli, tempDir } from './helpers';

describe('oncall incident / postmortem / actions / template', () => {
  it('goes from pages to an incident, a postmortem, action items, a Markdown file and back', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    const page = (summary: string, at: string): string =>
      (
        JSON.parse(
          runCli([
            'page',
            'add',
            '--service',
            'checkout',
            '--severity',
            '2',
            '--summary',
            summary,
            '--at',
            at,
            '--json',
            ...d,
          ]).stdout,
        ) as { id: string }
      ).id;
    const a = page('checkout latency above 2 s', '2026-11-08T02:21:00Z');
    const b = page('checkout errors above 1%', '2026-11-08T02:30:00Z');

    const created = runCli([
      'incident',
      'create',
      '--page',
      a,
      '--page',
      b,
      '--title',
      'Checkout slow',
      '--severity',
      '2',
      ...d,
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Created incident \S+: Checkout slow \(severity 2, 2 pages\) — a postmortem is expected/,
    );
    const incident = (JSON.parse(runCli(['incident', 'list', '--json', ...d]).stdout) as Incident[])[0];
    expect(incident?.pages.sort()).toEqual([a, b].sort());
    const updated = runCli([
      'incident',
      'update',
      incident?.id ?? '',
      '--mitigated',
      '2026-11-08T03:10:00Z',
      '--json',
      ...d,
    ]);
    expect(JSON.parse(updated.stdout)).toMatchObject({ mitigatedAt: '2026-11-08T03:10:00.000Z', resolvedAt: null });
    expect(runCli(['incident', 'update', incident?.id ?? '', '--resolved', 'soon', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --resolved: must be an ISO 8601 instant, e.g. 2026-11-23T03:12:00Z\n',
    });

    const pm = JSON.parse(
      runCli(['postmortem', 'new', '--incident', incident?.id ?? '', '--zone', 'Europe/Berlin', '--json', ...d]).stdout,
    ) as Postmortem;
    expect(pm.body).toContain('- 2026-11-08 03:21 Page received: “checkout latency above 2 s” (checkout, severity 2).');
    expect(pm.body).toContain('- 2026-11-08 04:10 Incident mitigated.');

    const added = runCli([
      'actions',
      'add',
      pm.id,
      'Alert on connection pool saturation',
      '--owner',
      '@ann',
      '--due',
      '2026-11-01',
      '--because',
      '3',
      '--json',
      ...d,
    ]);
    expect(added.code).toBe(0);
    const action = JSON.parse(added.stdout) as ActionItem;
    expect(action).toMatchObject({ owner: 'ann', due: '2026-11-01', because: 3, overdue: true });
    const overdue = runCli(['actions', '--overdue', ...d]);
    expect(overdue.stdout).toMatch(
      /\tOVERDUE\t2026-11-01\t@ann\tbecause 3\tAlert on connection pool saturation\t\(Checkout slow\)\n$/,
    );

    const file = path.join(dir, 'pm.md');
    const exported = runCli(['postmortem', 'export', pm.id, ...d]);
    expect(exported.code).toBe(0);
    fs.writeFileSync(file, exported.stdout);
    expect(exported.stdout).toContain(
      '- Alert on connection pool saturation — owner: @ann, due: 2026-11-01, because: 3\n',
    );

    // Not ready: Why It Happened is empty. The team's CI fails on it.
    const lint = runCli(['postmortem', 'lint', file]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('Not ready to publish: 5 of 6 checks pass.');

    expect(runCli(['actions', 'done', action.id, ...d]).stdout).toBe(`Action item ${action.id} is done.\n`);
    const imported = runCli(['postmortem', 'import', file, '--apply', ...d]);
    expect(imported).toMatchObject({
      code: 0,
      stdout: `Updated postmortem ${pm.id}: Checkout slow (1 action item)\n`,
    });
    // The file said "open": importing it brings that back.
    expect((JSON.parse(runCli(['actions', '--json', ...d]).stdout) as ActionItem[])[0]?.status).toBe('open');
    expect(runCli(['postmortem', 'export', pm.id, ...d]).stdout).toBe(exported.stdout);
  });

  it('names the flag or field at fault and writes nothing', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    expect(runCli(['incident', 'create', '--title', 'x', '--severity', '2', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --page: must list at least one page\n',
    });
    expect(runCli(['incident', 'create', '--page', 'p', '--title', 'x', '--severity', '9', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --severity: must be from 1 to 5\n',
    });
    expect(runCli(['postmortem', 'new', '--template', 'nope', ...d])).toMatchObject({ code: 1 });
    expect(runCli(['postmortem', 'new', '--template', 'nope', ...d]).stderr).toMatch(
      /^oncall: --template: there is no template called "nope" \(default, sre-book\)/,
    );
    const bad = path.join(dir, 'bad.md');
    fs.writeFileSync(bad, '---\nid: x\ntitle: T\nstatus: draft\ncreated: yesterday\n---\n## What Happened\n');
    expect(runCli(['postmortem', 'import', bad, '--apply', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: FILE: front matter: created: must be an ISO 8601 instant, e.g. 2026-11-23T03:12:00Z\n',
    });
    expect(runCli(['postmortem', 'import', path.join(dir, 'missing.md'), ...d])).toMatchObject({ code: 2 });
    expect(runCli(['actions', 'wont-do', 'x', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --reason: must say why it won’t be done\n',
    });
    expect(JSON.parse(runCli(['postmortem', 'list', '--json', ...d]).stdout)).toEqual([]);
  });

  it('adds a team template and starts a postmortem from it', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    const file = path.join(dir, 'Short.md');
    fs.writeFileSync(
      file,
      '# Short\n\n## What Happened\nFacts only.\n\n## Why It Happened\nFive because.\n\n## What Teams Are Changing\n',
    );
    expect(runCli(['template', 'add', file, ...d]).stdout).toBe(
      'Saved template short: What Happened / Why It Happened / What Teams Are Changing\n',
    );
    expect(runCli(['template', 'list', ...d]).stdout).toContain('short\tWhat Happened / Why It Happened');
    const pm = JSON.parse(
      runCli(['postmortem', 'new', '--template', 'short', '--title', 'Disk full', '--json', ...d]).stdout,
    ) as Postmortem;
    expect(pm.guidance[0]).toEqual({ title: 'What Happened', guidance: 'Facts only.' });
    fs.writeFileSync(file, 'no sections');
    expect(runCli(['template', 'add', file, ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: FILE: the template has no sections: start each section with a “## Heading” line\n',
    });
  });
});
