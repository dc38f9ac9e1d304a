import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../shared/domain/csv';
import type { ReviewReport } from '../shared/report-contract';
import { runCli, storeOnce, tempDir } from './helpers';

/** A two-person weekly rotation in UTC and a few pages, all from the terminal: set up once for
 * this file; each test gets `--data-dir` and a copy of its own. */
const teamStore = storeOnce(buildTeam);
function team(): string[] {
  return ['--data-dir', teamStore()];
}

function buildTeam(dir: string): void {
  const d = ['--data-dir', dir];
  const ok = (args: string[]) => expect(runCli([...args, ...d])).toMatchObject({ code: 0 });
  ok(['me', 'set', '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
  ok(['person', 'add', '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'America/New_York']);
  ok(['team', 'add', 'Payments', '--members', 'ann,bo', '--services', 'payments-api']);
  ok([
    'rotation',
    'add',
    'Primary',
    '--zone',
    'UTC',
    '--start',
    '2026-11-02T00:00',
    '--every',
    '1w',
    '--members',
    'ann,bo',
    '--team',
    'Payments',
  ]);
  for (const [at, triage] of [
    ['2026-11-03T03:00:00Z', '--actionable'],
    ['2026-11-04T14:00:00Z', '--noise'],
    ['2026-11-05T23:30:00Z', '--actionable'],
  ])
    ok([
      'page',
      'add',
      '--service',
      'payments-api',
      '--severity',
      '2',
      '--summary',
      'card processor timeouts',
      '--at',
      at as string,
      '--ack',
      new Date(Date.parse(at as string) + 5 * 60_000).toISOString(),
      triage as string,
      '--minutes',
      '40',
    ]);
}

/** Election Day once; Veterans Day every year from 2025. */
const holidayCalendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//On-call Workstation tests//holidays//EN',
  'BEGIN:VEVENT',
  'UID:election-2026@test',
  'DTSTART;VALUE=DATE:20261103',
  'DTEND;VALUE=DATE:20261104',
  'SUMMARY:Election Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:veterans@test',
  'DTSTART;VALUE=DATE:20251111',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Veterans Day',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('oncall team holidays', () => {
  it('imports an iCalendar file, lists, adds and removes; a bad file names what is wrong and changes nothing', () => {
    const d = team();
    const dir = tempDir();
    const file = (name: string, text: string): string => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    expect(runCli(['team', 'holidays', 'list', ...d]).stdout).toBe(
      'Payments has no holidays yet (oncall team holidays import FILE.ics).\n',
    );
    const imported = runCli([
      'team',
      'holidays',
      'import',
      file('us.ics', holidayCalendar),
      '--team',
      'Payments',
      ...d,
    ]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    // Veterans Day repeats up to five years after this year; Election Day is once.
    expect(imported.stdout).toMatch(/^Holidays of Payments: \d+ added, 0 renamed, 0 already there \(\d+ in all\)\.\n$/);
    const listed = JSON.parse(runCli(['team', 'holidays', 'list', '--json', ...d]).stdout) as {
      team: string;
      holidays: { date: string; name: string }[];
    };
    expect(listed.holidays.slice(0, 3)).toEqual([
      { date: '2025-11-11', name: 'Veterans Day' },
      { date: '2026-11-03', name: 'Election Day' },
      { date: '2026-11-11', name: 'Veterans Day' },
    ]);
    expect(listed.holidays.filter((h) => h.name === 'Veterans Day').length).toBeGreaterThanOrEqual(6);
    // Importing again changes nothing.
    expect(runCli(['team', 'holidays', 'import', file('us.ics', holidayCalendar), ...d]).stdout).toMatch(
      / 0 added, 0 renamed, \d+ already there/,
    );
    expect(runCli(['team', 'holidays', 'add', '2026-12-24', 'Christmas', 'Eve', ...d])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('2026-12-24\tChristmas Eve\n') as unknown,
    });
    const before = runCli(['team', 'holidays', 'list', ...d]).stdout;
    const bad: [string, string, string][] = [
      ['notes.txt', 'just some text', 'oncall: FILE: notes.txt: this is not an iCalendar file (no BEGIN:VCALENDAR)\n'],
      [
        'offsite.ics',
        holidayCalendar.replace('DTSTART;VALUE=DATE:20261103', 'DTSTART:20261103T140000Z'),
        'oncall: FILE: offsite.ics: event 1 (UID election-2026@test, "Election Day") starts at 2026-11-03T14:00:00Z, a time of day: a holiday is a whole date (DTSTART;VALUE=DATE:20261103)\n',
      ],
      [
        'unnamed.ics',
        holidayCalendar.replace('SUMMARY:Veterans Day\r\n', ''),
        'oncall: FILE: unnamed.ics: event 2 (UID veterans@test) has no SUMMARY: a holiday needs a name\n',
      ],
    ];
    for (const [name, text, stderr] of bad)
      expect(runCli(['team', 'holidays', 'import', file(name, text), ...d])).toMatchObject({
        code: 2,
        stderr,
        stdout: '',
      });
    expect(runCli(['team', 'holidays', 'list', ...d]).stdout).toBe(before);
    // Bad values: exit 2 naming the argument; nothing written.
    const usage: [string[], string][] = [
      [['add', '2026-02-30', 'Leap'], 'oncall: DATE: must be a date as YYYY-MM-DD\n'],
      [['add', '2026-12-31'], 'oncall: NAME: must name the holiday\n'],
      [['import', path.join(dir, 'missing.ics')], `oncall: FILE: cannot read ${path.join(dir, 'missing.ics')}\n`],
      [['list', '--team', 'Search'], 'oncall: --team: there is no team called "Search"\n'],
    ];
    for (const [args, stderr] of usage) {
      const run = runCli(['team', 'holidays', ...args, ...d]);
      expect(run.stderr).toBe(stderr);
      expect(run.code).toBe(args.includes('--team') ? 1 : 2);
    }
    expect(runCli(['team', 'holidays', 'remove', '2026-12-25', ...d])).toMatchObject({
      code: 1,
      stderr: 'oncall: DATE: Payments has no holiday on 2026-12-25\n',
    });
    expect(runCli(['team', 'holidays', 'list', ...d]).stdout).toBe(before);
  });
});

describe('oncall report', () => {
  it('weekly as Markdown (the default and --md) and as JSON', () => {
    const d = team();
    const md = runCli(['report', 'weekly', '--at', '2026-11-04', ...d]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(
      /^## On-call load review — week of 2026-11-02\n\n_2026-11-02 to 2026-11-09 \(UTC\) · team Payments_\n/,
    );
    expect(md.stdout).toContain(
      '**3 pages** (2 actionable, 1 noise, 0 not triaged) · **2 in sleep hours** · 168 hours on call',
    );
    expect(md.stdout).toContain('| Ann Berg (@ann) | 168 | 3 | 2 | 2 | 8 | 48 |');
    expect(md.stdout).toContain('### Open pages\n\n| received (UTC) | service | summary | on call | postmortem |');
    expect(runCli(['report', 'weekly', '--at', '2026-11-04', '--md', ...d]).stdout).toBe(md.stdout);
    const json = JSON.parse(
      runCli(['report', 'weekly', '--at', '2026-11-04T12:00:00Z', '--json', ...d]).stdout,
    ) as ReviewReport;
    expect(json).toMatchObject({ kind: 'weekly', team: 'Payments', from: '2026-11-02T00:00:00.000Z' });
    expect(json.current.totals).toMatchObject({ pages: 3, actionable: 2, ackMeanMinutes: 5, onCallHours: 168 });
    expect(json.openIncidents).toHaveLength(2);
  });

  it('monthly and quarterly', () => {
    const d = team();
    const monthly = runCli(['report', 'monthly', '--at', '2026-11-20', '--team', 'Payments', ...d]).stdout;
    expect(monthly).toMatch(/^## Monthly on-call review — 2026-11\n/);
    expect(monthly).toContain('| Pages | 3 | 0 | new |');
    const quarterly = runCli(['report', 'quarterly', '--at', '2026-11-20', ...d]).stdout;
    expect(quarterly).toContain('| 2026-11 | 3 |');
    expect(quarterly).toContain(
      '1. **Noisiest service: payments-api.** payments-api sent 3 pages, 33% of them needing no action',
    );
  });

  it('oncall-hours as a table, CSV and JSON, with the team’s holidays in each person’s zone', () => {
    const d = team();
    const range = ['--from', '2026-11-02', '--to', '2026-11-16'];
    const csv = runCli(['report', 'oncall-hours', ...range, '--csv', ...d]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')).toEqual([
      'handle,name,zone,on_call_hours,business_hours,off_hours,sleep_hours,weekend_hours,holiday_hours,nights,weekends,share_of_time',
      'ann,Ann Berg,UTC,168,50,48,70,48,0,8,1,0.5',
      // Bo's week runs from 19:00 Sunday to 19:00 Sunday in New York: seven nights, and parts of
      // two weekends (5 hours of the first Sunday, 43 of the next weekend).
      'bo,Bo Okafor,America/New_York,168,50,48,70,48,0,7,2,0.5',
      '',
    ]);
    // Election Day (Tuesday 3 November) falls in Ann's week, Veterans Day (Wednesday 11 November)
    // in Bo's: each is a whole local day on call, whose ten working hours become off hours.
    const ics = path.join(tempDir(), 'holidays.ics');
    fs.writeFileSync(ics, holidayCalendar);
    expect(runCli(['team', 'holidays', 'import', ics, ...d])).toMatchObject({ code: 0 });
    expect(
      runCli(['report', 'oncall-hours', ...range, '--csv', ...d])
        .stdout.split('\n')
        .slice(1, 3),
    ).toEqual([
      'ann,Ann Berg,UTC,168,40,58,70,48,24,8,1,0.5',
      'bo,Bo Okafor,America/New_York,168,40,58,70,48,24,7,2,0.5',
    ]);
    expect(runCli(['team', 'holidays', 'remove', '2026-11-03', ...d])).toMatchObject({ code: 0 });
    expect(runCli(['report', 'oncall-hours', ...range, '--csv', ...d]).stdout.split('\n')[1]).toBe(
      'ann,Ann Berg,UTC,168,50,48,70,48,0,8,1,0.5',
    );
    const json = JSON.parse(runCli(['report', 'oncall-hours', ...range, '--json', ...d]).stdout) as {
      people: { handle: string; onCallHours: number }[];
    };
    expect(json.people.map((p) => [p.handle, p.onCallHours])).toEqual([
      ['ann', 168],
      ['bo', 168],
    ]);
    expect(runCli(['report', 'oncall-hours', ...range, ...d]).stdout).toContain(
      '@ann\t168\t50\t48\t70\t48\t0\t8\t1\t50%',
    );
  });

  it('bad flags: exit 2 with one line naming the flag', () => {
    const d = team();
    const cases: [string[], string][] = [
      [['report', 'yearly'], 'oncall: unknown command "report yearly" (oncall --help lists them)\n'],
      [
        ['report', 'weekly', '--at', 'friday'],
        'oncall: --at: must be an ISO 8601 instant, e.g. 2026-11-23T03:12:00Z\n',
      ],
      [['report', 'weekly', '--md', '--json'], 'oncall: --md and --json: choose one\n'],
      [['report', 'oncall-hours', '--from', '2026-11-02'], 'oncall: --to: is required\n'],
      [['report', 'oncall-hours', '--from', '2026-11-02', '--to', '2026-11-01'], 'oncall: --to: must be after from\n'],
      [
        ['report', 'oncall-hours', '--from', '2020-01-01', '--to', '2026-11-01'],
        'oncall: --to: must be at most 3 years after from\n',
      ],
    ];
    for (const [args, stderr] of cases) expect(runCli([...args, ...d])).toMatchObject({ code: 2, stderr, stdout: '' });
    expect(runCli(['report', 'weekly', '--team', 'Search', ...d])).toMatchObject({
      code: 1,
      stderr: 'oncall: --team: there is no team called "Search"\n',
    });
  });

  it('targets: shown, changed by flag (shares as 0.4 or 40%), back to default', () => {
    const d = team();
    expect(runCli(['report', 'targets', ...d]).stdout).toContain('  top 20% share of pages: at most 40%  (default)\n');
    const set = runCli([
      'report',
      'targets',
      '--actionable',
      '3',
      '--top-share',
      '45%',
      '--on-call-share',
      '0.3',
      ...d,
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('  actionable pages per on-call week: fewer than 3\n');
    expect(set.stdout).toContain('  top 20% share of pages: at most 45%\n');
    expect(set.stdout).toContain('  share of time on call: at most 30%\n');
    const json = JSON.parse(runCli(['report', 'targets', '--actionable', 'default', '--json', ...d]).stdout) as {
      targets: Record<string, number>;
      own: string[];
    };
    expect(json).toMatchObject({
      targets: { actionablePagesPerWeek: 2, topShareMax: 0.45 },
      own: ['topShareMax', 'onCallShareMax'],
    });
    expect(runCli(['report', 'targets', '--top-share', '2', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --top-share: must be a share above 0 and at most 1 (e.g. 0.4)\n',
    });
    expect(runCli(['report', 'targets', '--sleep', 'soon', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --sleep: "soon" is not a number or "default"\n',
    });
  });

  it('an empty store says so instead of showing zeros', () => {
    const out = runCli(['report', 'weekly', '--at', '2026-11-04', '--data-dir', tempDir()]);
    expect(out).toMatchObject({ code: 0 });
    expect(out.stdout).toContain('No pages and no on-call time in this period.');
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and makes formulas inert', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          ['=SUM(A1)', -3],
          [null, true],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n\'=SUM(A1),-3\r\n,true\r\n');
  });
});
