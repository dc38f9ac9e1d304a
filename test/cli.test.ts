import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, Week } from '../shared/contract';
import { runCli, tempDir } from './helpers';

describe('the oncall CLI', () => {
  it('logs, lists, deletes and restores pages, with stable --json output', () => {
    const dir = tempDir();
    const added = runCli([
      'page',
      'add',
      '--data-dir',
      dir,
      '--service',
      'payments-api',
      '--severity',
      '2',
      '--summary',
      'p99 latency above 800ms',
      '--at',
      '2026-11-23T02:12:00Z',
      '--ack',
      '2026-11-23T02:15:00Z',
      '--resolved',
      '2026-11-23T02:40:00Z',
      '--actionable',
      '--minutes',
      '25',
      '--tag',
      'latency',
      '--tag',
      'db',
      '--json',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const page = JSON.parse(added.stdout) as Page;
    expect(page).toMatchObject({
      service: 'payments-api',
      severity: 2,
      summary: 'p99 latency above 800ms',
      receivedAt: '2026-11-23T02:12:00.000Z',
      acknowledgedAt: '2026-11-23T02:15:00.000Z',
      resolvedAt: '2026-11-23T02:40:00.000Z',
      triage: 'actionable',
      minutesSpent: 25,
      tags: ['latency', 'db'],
      source: 'manual',
    });

    const human = runCli([
      'page',
      'add',
      '--data-dir',
      dir,
      '--service',
      'search',
      '--severity',
      '4',
      '--summary',
      'queue depth',
      '--noise',
    ]);
    expect(human.code).toBe(0);
    // Logged now, without --at: in sleep hours or not, depending on the hour the test runs.
    expect(human.stdout).toMatch(/^Logged page [0-9a-f-]{36}( \(sleep hours\))?: queue depth\n$/);

    const listed = JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--json']).stdout) as Page[];
    expect(listed.map((p) => p.summary)).toEqual(['queue depth', 'p99 latency above 800ms']);
    const since = JSON.parse(
      runCli(['page', 'list', '--data-dir', dir, '--since', '2026-11-23T03:00:00Z', '--json']).stdout,
    ) as Page[];
    expect(since.map((p) => p.summary)).toEqual(['queue depth']);
    expect(runCli(['page', 'list', '--data-dir', dir]).stdout).toContain('sev2\tpayments-api\tactionable');

    const removed = runCli(['page', 'rm', page.id, '--data-dir', dir]);
    expect(removed).toMatchObject({
      code: 0,
      stdout: `Deleted page ${page.id} (undo: oncall page restore ${page.id})\n`,
    });
    expect(
      (JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--json']).stdout) as Page[]).map((p) => p.id),
    ).not.toContain(page.id);
    expect(runCli(['page', 'restore', page.id, '--data-dir', dir]).code).toBe(0);
    expect(JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--json']).stdout)).toHaveLength(2);
  });

  it('shows my week against the targets', () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'Europe/Berlin']);
    for (const at of ['2026-11-23T02:12:00Z', '2026-11-24T10:00:00Z', '2026-11-25T10:00:00Z']) {
      expect(
        runCli([
          'page',
          'add',
          '--data-dir',
          dir,
          '--service',
          'db',
          '--severity',
          '2',
          '--summary',
          's',
          '--at',
          at,
          '--actionable',
        ]).code,
      ).toBe(0);
    }
    const week = JSON.parse(
      runCli(['me', 'week', '--data-dir', dir, '--at', '2026-11-25T12:00:00Z', '--json']).stdout,
    ) as Week;
    expect(week.person).toMatchObject({ name: 'Ann Berg', handle: 'ann', timeZone: 'Europe/Berlin' });
    expect(week.counts).toMatchObject({ pages: 3, actionable: 3, sleepHour: 1 });
    const text = runCli(['me', 'week', '--data-dir', dir, '--at', '2026-11-25T12:00:00Z']).stdout;
    expect(text).toContain('3 actionable pages this week: above the target of fewer than 2');
    expect(text).toContain('You were woken once this shift');
  });

  it('bad flags or values: exit 2, one line naming the field, nothing written', () => {
    const dir = tempDir();
    expect(
      runCli(['page', 'add', '--data-dir', dir, '--service', 'db', '--severity', '3', '--summary', 'first']).code,
    ).toBe(0);
    const store = path.join(dir, 'oncall.db');
    const rows = (): string => runCli(['page', 'list', '--data-dir', dir, '--json']).stdout;
    const before = rows();
    const cases: [string[], RegExp][] = [
      [
        ['--service', 'db', '--severity', '9', '--summary', 'x'],
        /^oncall: --severity: must be from 1 \(highest\) to 5 \(lowest\)\n$/,
      ],
      [
        ['--service', 'db', '--severity', 'high', '--summary', 'x'],
        /^oncall: --severity: must be a number from 1 to 5\n$/,
      ],
      [['--service', 'db', '--severity', '2'], /^oncall: --summary: is required\n$/],
      [['--severity', '2', '--summary', 'x'], /^oncall: --service: is required\n$/],
      [
        ['--service', 'db', '--severity', '2', '--summary', 'x', '--at', 'yesterday'],
        /^oncall: --at: must be an ISO 8601 instant/,
      ],
      [
        ['--service', 'db', '--severity', '2', '--summary', 'x', '--minutes=-3'],
        /^oncall: --minutes: must not be negative\n$/,
      ],
      [
        ['--service', 'db', '--severity', '2', '--summary', 'x', '--actionable', '--noise'],
        /^oncall: --actionable and --noise: choose one\n$/,
      ],
      [
        ['--service', 'db', '--severity', '2', '--summary', 'x', '--colour', 'red'],
        /^oncall: Unknown option '--colour'/,
      ],
      [['--service', 'db', '--severity', '2', 'disk full'], /^oncall: unexpected argument "disk full"/],
      [
        [
          '--service',
          'db',
          '--severity',
          '2',
          '--summary',
          'x',
          '--at',
          '2026-11-23T03:00:00Z',
          '--ack',
          '2026-11-23T02:00:00Z',
        ],
        /^oncall: --ack: must not be before/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = runCli(['page', 'add', '--data-dir', dir, ...args]);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(runCli(['page', 'list', '--data-dir', dir, '--limit', 'lots']).stderr).toBe(
      'oncall: --limit: must be a whole number from 1 to 1000\n',
    );
    expect(runCli(['page', 'rm', '--data-dir', dir]).code).toBe(2);
    expect(runCli(['page', 'rm', 'no-such-id', '--data-dir', dir])).toMatchObject({
      code: 1,
      stderr: 'oncall: ID: no page with id no-such-id\n',
    });
    expect(runCli(['pages', 'add', '--data-dir', dir]).code).toBe(2);
    expect(rows()).toBe(before);
    expect(fs.existsSync(store)).toBe(true);
  });

  it('refuses times outside 1970–2200 and an acknowledgement before "now" when no --at is given', () => {
    const dir = tempDir();
    const base = ['page', 'add', '--data-dir', dir, '--service', 'db', '--severity', '2', '--summary', 'x'];
    expect(runCli([...base, '--at', '1025-11-23T03:12:00Z'])).toMatchObject({
      code: 2,
      stderr: 'oncall: --at: must be between 1970 and 2200\n',
    });
    expect(runCli([...base, '--ack', '2020-01-01T00:00:00Z'])).toMatchObject({
      code: 2,
      stderr: 'oncall: --ack: must not be before the page was received\n',
    });
  });

  it('bad input on a new data directory creates nothing: no store, no person', async () => {
    const dir = tempDir();
    expect(
      runCli(['page', 'add', '--data-dir', dir, '--service', 'db', '--severity', '9', '--summary', 'x']).code,
    ).toBe(2);
    expect(runCli(['me', 'set', '--data-dir', dir, '--handle', 'Bad Handle']).code).toBe(2);
    expect(runCli(['toil', 'capacity', '--data-dir', dir, '--hours', 'normal']).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'oncall.db'))).toBe(false);
    // A refusal that needs the store (an unknown category) leaves no person behind either.
    expect(runCli(['toil', 'add', '30m', 'fix', '--category', 'nope', '--data-dir', dir]).code).toBe(2);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, 'oncall.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'me'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('uses ONCALL_DATA_DIR when no --data-dir is given', () => {
    const dir = tempDir();
    expect(
      runCli(['page', 'add', '--service', 'db', '--severity', '3', '--summary', 'env'], { ONCALL_DATA_DIR: dir }).code,
    ).toBe(0);
    expect(fs.existsSync(path.join(dir, 'oncall.db'))).toBe(true);
  });

  it('refuses a store from a newer version with a clear message', async () => {
    const dir = tempDir();
    runCli(['page', 'add', '--data-dir', dir, '--service', 'db', '--severity', '3', '--summary', 'x']);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, 'oncall.db'));
    db.pragma('user_version = 99');
    db.close();
    const run = runCli(['page', 'list', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /written by a newer version of On-call Workstation \(schema 99; this app knows up to \d+\)/,
    );
  });

  it('oncall demo writes a deterministic team history with --seed', () => {
    const [a, b] = [tempDir(), tempDir()];
    const args = ['--people', '6', '--months', '3', '--seed', '7', '--until', '2026-11-23T09:00:00Z', '--json'];
    const first = runCli(['demo', '--data-dir', a, ...args]);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as { pages: number; people: number; overloaded: string };
    expect(summary.people).toBe(6);
    expect(summary.pages).toBeGreaterThan(80);
    expect(runCli(['demo', '--data-dir', b, ...args]).code).toBe(0);
    const list = (dir: string): Page[] =>
      JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--limit', '1000', '--json']).stdout) as Page[];
    const strip = (pages: Page[]) => pages.map(({ deviceId: _device, ...rest }) => rest);
    expect(strip(list(a))).toEqual(strip(list(b)));
    // Realistic: noisy services, sleep-hour storms, one person carrying far more than the rest.
    const pages = list(a);
    const byService = new Map<string, { all: number; noise: number }>();
    for (const p of pages) {
      const s = byService.get(p.service) ?? { all: 0, noise: 0 };
      s.all += 1;
      if (p.triage === 'noise') s.noise += 1;
      byService.set(p.service, s);
    }
    const payments = byService.get('payments-api');
    expect(payments && payments.noise / payments.all).toBeGreaterThan(0.5);
    expect(pages.some((p) => p.tags.includes('storm') && p.sleepHour)).toBe(true);
    const perPerson = new Map<string, number>();
    for (const p of pages) perPerson.set(p.personHandle, (perPerson.get(p.personHandle) ?? 0) + 1);
    const counts = [...perPerson.values()].sort((x, y) => y - x);
    expect(perPerson.get(summary.overloaded)).toBe(counts[0]);
    expect(counts[0]).toBeGreaterThan(1.5 * (counts[1] ?? 0));
    expect(runCli(['demo', '--data-dir', a, ...args])).toMatchObject({ code: 2 });
  });
});
