// `oncall import …` end to end: the built CLI against real temp stores and the fixtures in
// test/fixtures/history (each names the documentation its shape comes from). A preview stores
// nothing; --apply stores; bad input is named by file and record and stores nothing.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkstation } from '../electron/workstation';
import { runCli, tempDir, testNow } from './helpers';

const fixtures = path.join(__dirname, 'fixtures', 'history');
const fixture = (name: string): string => path.join(fixtures, name);
const csvColumns =
  'at=Created,summary=Title,service=Service,who=Assignee,ack=Acknowledged,resolved=Resolved,severity=Priority,id=Ticket';

function oncall(dir: string, ...args: string[]): ReturnType<typeof runCli> {
  return runCli([...args, '--data-dir', dir]);
}

function json(dir: string, ...args: string[]): Record<string, unknown> {
  const run = oncall(dir, ...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** The pages in a store, read in this process (the CLI has closed it). */
function storedPages(
  dir: string,
): { externalSource?: string | null; externalId?: string | null; link?: string | null }[] {
  if (!fs.existsSync(path.join(dir, 'oncall.db'))) return [];
  const ws = openWorkstation(dir, { now: () => testNow, timeZone: 'UTC' });
  try {
    const result = ws.table.invoke('pages.list', { limit: 1000 });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { pages: { externalSource?: string | null }[] }).pages;
  } finally {
    ws.close();
  }
}

describe('oncall import', () => {
  it('previews without storing, applies with --apply, and a re-import changes nothing', () => {
    const dir = tempDir();
    const files = [fixture('pagerduty-incidents-1.json'), fixture('pagerduty-incidents-2.json')];
    const preview = json(dir, 'import', 'pagerduty', ...files);
    expect(Object.keys(preview)).toEqual([
      'source',
      'applied',
      'new',
      'updated',
      'unchanged',
      'skipped',
      'people',
      'merged',
    ]);
    expect(preview).toMatchObject({ source: 'pagerduty', applied: false, new: 4, skipped: [] });
    expect(preview.people).toEqual(expect.arrayContaining([{ key: 'Ann Berg', handle: 'ann-berg', created: true }]));
    expect(storedPages(dir)).toEqual([]);

    const applied = json(dir, 'import', 'pagerduty', ...files, '--apply');
    expect(applied).toMatchObject({ applied: true, new: 4, updated: 0, unchanged: 0 });
    const pages = storedPages(dir);
    expect(pages).toHaveLength(4);
    expect(pages.every((page) => page.externalSource === 'pagerduty' && page.link?.startsWith('https://'))).toBe(true);

    const again = json(dir, 'import', 'pagerduty', ...files, '--apply');
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 4, skipped: [] });
    expect(again.people).toEqual(expect.arrayContaining([{ key: 'Ann Berg', handle: 'ann-berg', created: false }]));
    expect(storedPages(dir)).toHaveLength(4);
  });

  it('says in words what a preview would do and who would be created', () => {
    const dir = tempDir();
    const run = oncall(dir, 'import', 'opsgenie', fixture('opsgenie-alerts.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Preview of a Opsgenie import \(nothing stored; add --apply to import\): 2 new/);
    expect(run.stdout).toContain('morpheus@opsgenie.com → morpheus (will be created');
    expect(run.stdout).toContain('First pages:');
  });

  it('maps a person to someone already here with --map, and names a handle nobody has', () => {
    const dir = tempDir();
    expect(oncall(dir, 'person', 'add', '--name', 'Ann', '--handle', 'ann').code).toBe(0);
    const mapped = json(
      dir,
      'import',
      'pagerduty',
      fixture('pagerduty-incidents-2.json'),
      '--map',
      'Ann Berg=ann',
      '--apply',
    );
    expect(mapped.people).toEqual(expect.arrayContaining([{ key: 'Ann Berg', handle: 'ann', created: false }]));
    const unknown = oncall(dir, 'import', 'pagerduty', fixture('pagerduty-incidents-1.json'), '--map', 'x@y.z=nobody');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe('oncall: --map: nobody here has the handle "nobody" (for x@y.z)\n');
    const malformed = oncall(dir, 'import', 'pagerduty', fixture('pagerduty-incidents-1.json'), '--map', 'ann');
    expect(malformed.stderr).toBe('oncall: --map: "ann" is not KEY=HANDLE, e.g. "ann.berg@example.com=ann"\n');
  });

  it('refuses a bad file by name and record and stores nothing from any file', () => {
    const dir = tempDir();
    const good = fixture('pagerduty-incidents-1.json');
    const truncated = fixture('pagerduty-truncated.json');
    const cases: [string[], string][] = [
      // A truncated file after a good one: nothing from either is stored.
      [['pagerduty', good, truncated], `oncall: FILE: ${truncated} record 0: the JSON stops half-way`],
      [['opsgenie', good], `oncall: FILE: ${good} is not an export of opsgenie (it looks like pagerduty)`],
      [
        ['csv', fixture('pages.csv'), '--columns', 'at=Created,service=Team,who=Assignee'],
        `oncall: FILE: ${fixture('pages.csv')} record 1: has no column "Team" (mapped as service)`,
      ],
      [['csv', fixture('pages.csv')], 'oncall: --columns: a CSV needs a column map'],
      [
        ['csv', fixture('pages.csv'), '--columns', 'when=Created'],
        'oncall: --columns: "when" is not one of at, summary',
      ],
      [['pagerduty', path.join(dir, 'missing.json')], `oncall: FILE: cannot read ${path.join(dir, 'missing.json')}`],
      [
        ['pagerduty'],
        'oncall: FILE: give one or more export files (or --api --since DATE with the token in PAGERDUTY_TOKEN)',
      ],
      [['pagerduty', good, '--severity', 'sev-a=9'], 'oncall: --severity: '],
    ];
    for (const [args, message] of cases) {
      const run = oncall(dir, 'import', ...args, '--apply');
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr.startsWith(message), `${run.stderr} should start with ${message}`).toBe(true);
      expect(storedPages(dir)).toEqual([]);
    }
  });

  it("reads PagerDuty's own incident CSV export with no --columns; times without a zone need --zone", () => {
    const dir = tempDir();
    const csv = fixture('pagerduty-incidents.csv');
    const preview = oncall(dir, 'import', 'pagerduty', csv);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Preview of a PagerDuty import (nothing stored; add --apply to import): 3 new');
    expect(preview.stdout).toContain(
      '2026-11-23T02:12:00.000Z\tnew\tsev2\tpayments-api\tann-berg\tp99 latency above 800ms',
    );
    expect(json(dir, 'import', 'pagerduty', csv, '--apply')).toMatchObject({ applied: true, new: 3 });
    expect(
      storedPages(dir)
        .map((p) => [p.externalSource, p.externalId])
        .sort(),
    ).toEqual([
      ['pagerduty', 'Q0RIJJZL9CFQ8A'],
      ['pagerduty', 'Q1BX5WQ0N4MZ7T'],
      ['pagerduty', 'Q2CY6XR1P5NA8U'],
    ]);

    const local = fixture('pagerduty-incidents-local-times.csv');
    const refused = oncall(dir, 'import', 'pagerduty', local, '--apply');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${local} record 2: created_on "2026-11-23 03:12:00" has no time zone: PagerDuty writes this export in the account's time zone — give that zone (zone, or --zone, e.g. Europe/Berlin)`,
    );
    expect(oncall(dir, 'import', 'pagerduty', local, '--zone', 'Nowhere/Else').stderr).toMatch(/^oncall: --zone: /);
    // Read in the account's zone, the same incidents land on the same instants: nothing changes.
    expect(json(dir, 'import', 'pagerduty', local, '--zone', 'Europe/Berlin', '--apply')).toMatchObject({
      new: 0,
      unchanged: 2,
    });
  });

  it('lists every skipped record with file, record and why; imports the rest', () => {
    const dir = tempDir();
    const hostile = fixture('pagerduty-hostile.json');
    const result = json(dir, 'import', 'pagerduty', hostile, '--apply');
    expect(result).toMatchObject({ new: 2 });
    expect(result.skipped).toEqual([
      { file: hostile, record: 1, reason: 'created_at: "2026-11-23 02:12:00" has no time zone (give Z or an offset)' },
      { file: hostile, record: 3, reason: `duplicate id PBO0002 (first at ${hostile} record 2)` },
      { file: hostile, record: 4, reason: 'nobody was paged: no assignee, acknowledger or notified user' },
    ]);
    expect(
      storedPages(dir)
        .map((page) => page.externalId)
        .sort(),
    ).toEqual(['PBO0002', 'PT4KHLK']);
    const text = oncall(dir, 'import', 'csv', fixture('pages.csv'), '--columns', csvColumns);
    expect(text.stdout).toContain(
      `Skipped:\n  ${fixture('pages.csv')} record 4: at: "2026-11-24 23:40" has no time zone`,
    );
  });

  it('keeps a column map under a name once applied, and uses it by name next time', () => {
    const dir = tempDir();
    const csv = fixture('pages.csv');
    // A preview keeps nothing.
    json(dir, 'import', 'csv', csv, '--columns', csvColumns, '--columns-name', 'Our tickets');
    const before = oncall(dir, 'import', 'csv', csv, '--columns-name', 'our tickets');
    expect(before).toMatchObject({ code: 2, stdout: '' });
    expect(before.stderr).toBe(
      'oncall: --columns-name: no column map is kept under "our tickets" (give columns with it once, and apply)\n',
    );
    expect(
      json(dir, 'import', 'csv', csv, '--columns', csvColumns, '--columns-name', 'Our tickets', '--apply'),
    ).toMatchObject({
      new: 2,
    });
    expect(json(dir, 'import', 'csv', csv, '--columns-name', 'our tickets')).toMatchObject({ new: 0, unchanged: 2 });
    expect(oncall(dir, 'import', 'csv', csv, '--columns-name', '../x').stderr).toMatch(
      /^oncall: --columns-name: must be letters/,
    );
  });

  it('reports progress on stderr while applying when asked, and keeps stdout the report', () => {
    const dir = tempDir();
    const run = oncall(
      dir,
      'import',
      'pagerduty',
      fixture('pagerduty-incidents-1.json'),
      '--apply',
      '--progress',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Importing records: 2 of 2');
    expect(JSON.parse(run.stdout)).toMatchObject({ new: 2 });
  });
});
