// "Primary: @ines / Secondary: @ines" and a 10-day stretch are warned about, not called covered
// (issue #17 item 5). `rotation check` runs the built CLI (npm run build first).

import { describe, expect, it } from 'vitest';
import type { Shift } from '../shared/domain/rotation';
import { bothLayers, longStretches } from '../shared/domain/rotation-warnings';
import { runCli, tempDir } from './helpers';
import { rotationTeam } from './rotation-team';

const h = 3_600_000;
const shift = (rotationId: string, layer: string, personId: string, from: number, to: number): Shift => ({
  rotationId,
  layer,
  personId,
  startMs: from * h,
  endMs: to * h,
  overrideId: null,
});

describe('one person on two layers at once', () => {
  const primary = {
    name: 'Primary',
    layer: 'primary',
    team: 'Payments',
    shifts: [shift('p', 'primary', 'ines', 0, 168), shift('p', 'primary', 'jon', 168, 336)],
  };
  const secondary = {
    name: 'Secondary',
    layer: 'secondary',
    team: 'Payments',
    shifts: [shift('s', 'secondary', 'kai', 0, 100), shift('s', 'secondary', 'ines', 100, 200)],
  };

  it('finds the hours when the primary is also the secondary', () => {
    expect(bothLayers(primary, [primary, secondary])).toEqual([
      { personId: 'ines', rotation: 'Primary', other: 'Secondary', startMs: 100 * h, endMs: 168 * h },
    ]);
  });

  it('joins back-to-back overlaps into one stretch', () => {
    const split = {
      ...secondary,
      shifts: [shift('s', 'secondary', 'ines', 10, 20), shift('s', 'secondary', 'ines', 20, 30)],
    };
    expect(bothLayers(primary, [split])).toEqual([
      { personId: 'ines', rotation: 'Primary', other: 'Secondary', startMs: 10 * h, endMs: 30 * h },
    ]);
  });

  it('does not compare the same layer, another team, or different people', () => {
    expect(bothLayers(primary, [{ ...secondary, layer: 'primary' }])).toEqual([]);
    expect(bothLayers(primary, [{ ...secondary, team: 'Search' }])).toEqual([]);
    expect(bothLayers(primary, [{ ...secondary, shifts: [shift('s', 'secondary', 'kai', 0, 336)] }])).toEqual([]);
  });
});

describe('a stretch longer than the team’s limit', () => {
  it('joins one person’s back-to-back shifts and measures the stretch', () => {
    const shifts = [
      shift('p', 'primary', 'ann', 0, 168),
      shift('p', 'primary', 'ann', 168, 240), // an override extends Ann's week by three days
      shift('p', 'primary', 'bo', 240, 408),
    ];
    expect(longStretches(shifts, 168)).toEqual([{ personId: 'ann', startMs: 0, endMs: 240 * h, hours: 240 }]);
    expect(longStretches(shifts, 240)).toEqual([]);
  });
});

describe('rotations.check and `rotation check`', () => {
  it('warn about one person on both layers and a stretch past the team’s limit, and exit 1', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    rotationTeam(dir);
    expect(runCli(['rotation', 'check', 'Primary', ...d]).code).toBe(0);

    // Ines covers Kai's secondary week while she is primary.
    const cover = runCli([
      'override',
      'add',
      'Secondary',
      ...d,
      '--person',
      'ines',
      '--from',
      '2026-11-25T09:00:00Z',
      '--to',
      '2026-11-26T09:00:00Z',
    ]);
    expect(cover.code, cover.stderr).toBe(0);
    const check = runCli(['rotation', 'check', 'Primary', ...d]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('covered for the next 4 weeks, with 1 warning');
    expect(check.stdout).toContain('@ines is on call in both Primary (primary) and Secondary at once');
  });
});

describe('`rotation add --member handle:FROM..UNTIL`', () => {
  it('stores each member’s join and leave days, and refuses a malformed span by its flag', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    runCli(['me', 'set', ...d, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    runCli(['person', 'add', ...d, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
    const rule = ['--zone', 'UTC', '--start', '2026-11-02T09:00', '--every', '1w'];
    const added = runCli([
      'rotation',
      'add',
      'P',
      ...d,
      ...rule,
      '--member',
      'ann:2026-01-01..2026-06-30',
      '--member',
      'bo:2026-03-01..',
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).members).toEqual([
      { handle: 'ann', name: 'Ann Berg', from: '2026-01-01', until: '2026-06-30' },
      { handle: 'bo', name: 'Bo Okafor', from: '2026-03-01', until: null },
    ]);
    const bad = runCli(['rotation', 'add', 'P', ...d, ...rule, '--member', 'ann:2026-01-01..soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--member: write it as handle:YYYY-MM-DD..YYYY-MM-DD');
    // Nothing stored was changed by the refused command.
    const list = JSON.parse(runCli(['rotation', 'list', ...d, '--json']).stdout) as { members: unknown[] }[];
    expect(list[0]?.members).toHaveLength(2);
  });
});

describe('a team’s limit on hours in a row, on demo data', () => {
  it('is set with `report targets --max-shift`, shown there, and `rotation check` warns past it until it is unset', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    expect(runCli(['demo', ...d]).code).toBe(0);
    expect(runCli(['report', 'targets', ...d]).stdout).toContain('  hours on call in a row: no limit');
    expect(runCli(['rotation', 'check', 'Primary', ...d])).toMatchObject({
      code: 0,
      stdout: 'Primary: covered for the next 4 weeks.\n',
    });

    // Weekly shifts (168 h) against a 100-hour limit: each full week is warned about.
    const set = runCli(['report', 'targets', '--max-shift', '100', ...d]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('  hours on call in a row: at most 100\n');
    const json = JSON.parse(runCli(['report', 'targets', '--json', ...d]).stdout) as {
      own: string[];
      maxShiftHours: number;
    };
    expect(json).toMatchObject({ own: ['maxShiftHours'], maxShiftHours: 100 });
    const check = runCli(['rotation', 'check', 'Primary', ...d]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/covered for the next 4 weeks, with \d+ warnings/);
    expect(check.stdout).toMatch(/@\w+ is on call for 168 hours in a row, past Platform's limit of 100/);

    expect(runCli(['report', 'targets', '--max-shift', 'default', ...d]).stdout).toContain('no limit');
    expect(runCli(['rotation', 'check', 'Primary', ...d]).code).toBe(0);
  });
});
