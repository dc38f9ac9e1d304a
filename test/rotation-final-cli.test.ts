// `oncall rotation final`: who is actually paged first after layers and overrides, each team's
// stretches in my zone, overrides marked, time nobody covers named; --json for scripts.

import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers';
import { rotationTeam } from './rotation-team';

describe('`rotation final`', () => {
  it('prints each team’s final schedule in my zone, overrides marked, and refuses a bad range by its flag', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    expect(runCli(['rotation', 'final', ...d]).stdout).toContain('No rotations yet');
    // The primary layer is on call in working hours only; the secondary around the clock.
    rotationTeam(dir, {
      inesZone: 'Europe/Berlin',
      team: 'Payments',
      primaryFlags: ['--only', '09:00-17:00', '--weekdays'],
    });
    const cover = runCli([
      'override',
      'add',
      'Primary',
      ...d,
      '--person',
      'bo',
      '--from',
      '2026-11-27T12:00:00Z',
      '--to',
      '2026-11-27T15:00:00Z',
    ]);
    expect(cover.code, cover.stderr).toBe(0);
    const range = ['--from', '2026-11-26T00:00:00Z', '--to', '2026-11-28T00:00:00Z'];

    const text = runCli(['rotation', 'final', ...d, ...range]);
    expect(text.code, text.stderr).toBe(0);
    // Berlin is an hour ahead of UTC in November: the primary's 09:00–17:00 UTC is 10:00–18:00 there.
    expect(text.stdout.split('\n')).toEqual([
      'Final schedule, Thu 26 Nov, 01:00 – Sat 28 Nov, 01:00 (Europe/Berlin):',
      'Payments (Primary, Secondary):',
      '  Thu 26 Nov, 01:00 – Thu 26 Nov, 10:00\t@kai\tSecondary',
      '  Thu 26 Nov, 10:00 – Thu 26 Nov, 18:00\t@ines\tPrimary',
      '  Thu 26 Nov, 18:00 – Fri 27 Nov, 10:00\t@kai\tSecondary',
      '  Fri 27 Nov, 10:00 – Fri 27 Nov, 13:00\t@ines\tPrimary',
      '  Fri 27 Nov, 13:00 – Fri 27 Nov, 16:00\t@bo\tPrimary\toverride',
      '  Fri 27 Nov, 16:00 – Fri 27 Nov, 18:00\t@ines\tPrimary',
      '  Fri 27 Nov, 18:00 – Sat 28 Nov, 01:00\t@kai\tSecondary',
      '',
    ]);

    const json = JSON.parse(runCli(['rotation', 'final', ...d, ...range, '--json']).stdout) as {
      timeZone: string;
      schedules: {
        team: string;
        stretches: { handle: string; startsAt: string; layer: string; overrideId: string | null }[];
      }[];
    };
    expect(json.timeZone).toBe('Europe/Berlin');
    const stretches = json.schedules[0]?.stretches ?? [];
    expect(stretches.map((s) => s.handle)).toEqual(['kai', 'ines', 'kai', 'ines', 'bo', 'ines', 'kai']);
    expect(stretches[4]).toMatchObject({ startsAt: '2026-11-27T12:00:00.000Z', layer: 'primary' });
    expect(stretches.filter((s) => s.overrideId !== null).map((s) => s.handle)).toEqual(['bo']);

    // A gap: with the secondary removed from the picture by a range before it starts, nobody is named.
    const before = runCli([
      'rotation',
      'final',
      ...d,
      '--from',
      '2026-11-23T06:00:00Z',
      '--to',
      '2026-11-23T10:00:00Z',
    ]);
    expect(before.stdout).toContain('  Mon 23 Nov, 07:00 – Mon 23 Nov, 10:00\tnobody on call');

    const bad = runCli(['rotation', 'final', ...d, '--from', 'yesterday']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('--from: must be an ISO 8601 instant');
    // rotation shifts likewise (it threw "Invalid time value" working out its default --to).
    const badShifts = runCli(['rotation', 'shifts', ...d, '--from', 'yesterday']);
    expect(badShifts).toMatchObject({ code: 2, stdout: '' });
    expect(badShifts.stderr).toContain('--from: must be an ISO 8601 instant');
    expect(
      runCli(['rotation', 'final', ...d, '--from', '2026-11-26T00:00:00Z', '--to', '2026-11-25T00:00:00Z']).stderr,
    ).toContain('--to: must be after from');
  });
});
