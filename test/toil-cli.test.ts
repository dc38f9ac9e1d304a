import { describe, expect, it } from 'vitest';
import type { ToilEntry, ToilReport } from '../shared/toil-contract';
import { runCli, tempDir } from './helpers';

describe('oncall toil', () => {
  it('adds from one line or with flags, lists, and reports as JSON or Markdown', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    const quick = runCli(['toil', 'add', '45m', 'alert triage payments', '--at', '2026-10-05', '--json', ...d]);
    expect(quick.code).toBe(0);
    expect(JSON.parse(quick.stdout) as ToilEntry).toMatchObject({
      minutes: 45,
      category: 'alert triage',
      day: '2026-10-05',
      source: 'manual',
    });
    const flagged = runCli([
      'toil',
      'add',
      '1h30',
      'Deploy payments release by hand',
      '--category',
      'manual deploy',
      '--service',
      'payments-api',
      '--automatable',
      '--effort',
      '6',
      '--at',
      '2026-10-06',
      ...d,
    ]);
    expect(flagged).toMatchObject({
      code: 0,
      stdout: 'Logged 1h30 of manual deploy toil on 2026-10-06: Deploy payments release by hand\n',
    });

    const list = JSON.parse(runCli(['toil', 'list', '--json', ...d]).stdout) as ToilEntry[];
    expect(list.map((e) => e.description)).toEqual(['Deploy payments release by hand', 'alert triage payments']);

    const report = JSON.parse(runCli(['toil', 'report', '--quarter', '2026Q4', '--json', ...d]).stdout) as ToilReport;
    expect(report.current.toilHours).toBeCloseTo(2.25, 6);
    expect(report.sources[0]).toMatchObject({ label: 'manual deploy · payments-api', payback: 0.25 });
    const md = runCli(['toil', 'report', '--quarter', '2026Q4', '--md', ...d]).stdout;
    expect(md).toMatch(/^## Toil 2026Q4 — /);
    expect(md).toContain('| manual deploy · payments-api | 1.5 | 1 | 6 | 0.3× |');
    expect(md).toContain('| week of | toil h | capacity h | toil % |');
  });

  it('lets a team add its own categories, which one-line entries then recognise', () => {
    const d = ['--data-dir', tempDir()];
    expect(runCli(['toil', 'categories', '--add', 'on-call handover', ...d]).stdout).toContain('on-call handover\n');
    expect(runCli(['toil', 'add', '20m', 'on-call handover notes', ...d]).stdout).toBe(
      `Logged 20m of on-call handover toil on ${JSON.parse(runCli(['toil', 'list', '--json', ...d]).stdout)[0].day}: on-call handover notes\n`,
    );
    expect(runCli(['toil', 'categories', '--add', ' ', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --add: name the category\n',
    });
  });

  it('starts and stops the timer', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    expect(
      runCli(['toil', 'start', 'Rotate TLS certificates', '--category', 'certificate/secret rotation', ...d]).code,
    ).toBe(0);
    expect(runCli(['toil', 'start', 'again', ...d])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^oncall: timer: already running/),
    });
    const stopped = runCli(['toil', 'stop', '--minutes', '25m', '--json', ...d]);
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({
      entry: { minutes: 25, source: 'timer', description: 'Rotate TLS certificates' },
    });
    expect(runCli(['toil', 'stop', ...d])).toMatchObject({
      code: 1,
      stderr: 'oncall: timer: no toil timer is running\n',
    });
  });

  it('bad durations and values: exit 2, one line, nothing stored', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    const cases: [string[], string][] = [
      [['toil', 'add', 'soon', 'x'], 'oncall: DURATION: "soon" is not a duration (try 45m, 1h30 or 1.5h)\n'],
      [['toil', 'add', '--', '-30m', 'x'], 'oncall: DURATION: "-30m" must not be negative\n'],
      [['toil', 'add', '25h', 'x'], 'oncall: DURATION: "25h" is more than 24 hours; log each day separately\n'],
      [
        ['toil', 'add', '30m'],
        'oncall: the description: say what the toil was, e.g. oncall toil add 45m "alert triage payments"\n',
      ],
      [
        ['toil', 'add', '30m', 'x', '--category', 'naps'],
        expect.stringMatching(/^oncall: --category: "naps" is not a toil category/) as unknown as string,
      ],
      [['toil', 'add', '30m', 'x', '--at', 'tuesday'], 'oncall: --at: must be a date as YYYY-MM-DD\n'],
      [
        ['toil', 'add', '30m', 'x', '--category', 'data fix', '--effort', 'lots'],
        'oncall: --effort: must be a number of hours\n',
      ],
      [['toil', 'report', '--quarter', 'Q4'], 'oncall: --quarter: must be a quarter like 2026Q4\n'],
      [
        ['toil', 'stop', '--minutes', 'a while'],
        'oncall: --minutes: "a while" is not a duration (try 45m, 1h30 or 1.5h)\n',
      ],
      [['toil', 'capacity', '--hours', '200'], 'oncall: --hours: must be a number of hours from 0 to 168\n'],
      [['toil', 'list', '--from', '2026-13-01'], 'oncall: --from: must be a date as YYYY-MM-DD\n'],
      [['toil', 'report', '--quarter', '0000Q1'], 'oncall: --quarter: must be a quarter like 2026Q4\n'],
      [['toil', 'add', '20m', '3', 'access', 'requests', '--at', 'x'], 'oncall: --at: must be a date as YYYY-MM-DD\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = runCli([...args, ...d]);
      expect({ args, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
        args,
        code: 2,
        stdout: '',
        stderr,
      });
    }
    expect(JSON.parse(runCli(['toil', 'list', '--json', ...d]).stdout)).toEqual([]);
  });
});
