// The clock source itself: the only test that may read the real clock.
import { describe, expect, it } from 'vitest';
import { ClockSettingError, clockFromEnvironment, clockStartingAt } from '../electron/clock';
import { runCli, tempDir, testNow } from './helpers';

describe('the clock', () => {
  it('is the system clock unless ONCALL_NOW pins it', () => {
    expect(clockFromEnvironment({})).toBe(Date.now);
    const pinned = clockFromEnvironment({ ONCALL_NOW: '2026-03-08T01:30:00-03:30' });
    expect(pinned() - Date.parse('2026-03-08T05:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(pinned() - Date.parse('2026-03-08T05:00:00Z')).toBeLessThan(5_000);
  });

  it('advances with elapsed time from the pinned instant', () => {
    let elapsed = 1_000.4;
    const clock = clockStartingAt(testNow, () => elapsed);
    expect(clock()).toBe(testNow);
    elapsed += 90_000.9;
    expect(clock()).toBe(testNow + 90_000);
  });

  it('refuses a pinned time without a zone offset, naming the variable', () => {
    expect(() => clockFromEnvironment({ ONCALL_NOW: '2026-11-04T23:30' })).toThrow(ClockSettingError);
    expect(() => clockFromEnvironment({ ONCALL_NOW: 'tomorrow' })).toThrow(
      /^ONCALL_NOW: "tomorrow" is not an ISO 8601 instant/,
    );
  });

  it('a page logged "now" by the CLI is at the pinned instant, judged in the person’s zone', () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'Europe/Berlin']);
    const night = runCli(
      ['page', 'add', '--data-dir', dir, '--service', 'db', '--severity', '2', '--summary', 'disk full', '--json'],
      {
        ONCALL_NOW: '2026-11-25T23:30:00Z',
      },
    );
    expect(night.stderr).toBe('');
    const page = JSON.parse(night.stdout) as { receivedAt: string; sleepHour: boolean };
    expect(Date.parse(page.receivedAt) - Date.parse('2026-11-25T23:30:00Z')).toBeLessThan(60_000);
    expect(page.sleepHour).toBe(true);
  });
});

describe('ONCALL_NOW at the doors', () => {
  it('a bad value is refused in one line naming it, exit 2, nothing written', () => {
    const dir = tempDir();
    const run = runCli(['page', 'list', '--data-dir', dir], { ONCALL_NOW: 'yesterday' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'oncall: ONCALL_NOW: "yesterday" is not an ISO 8601 instant with a zone offset (e.g. 2026-11-04T10:00:00Z)\n',
    );
  });

  it('rotation shifts defaults to the pinned now', () => {
    const dir = tempDir();
    runCli(['person', 'add', '--data-dir', dir, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
    runCli([
      'rotation',
      'add',
      'Primary',
      '--data-dir',
      dir,
      '--zone',
      'UTC',
      '--start',
      '2026-01-05T09:00',
      '--every',
      '1w',
      '--members',
      'bo',
    ]);
    const shifts = JSON.parse(runCli(['rotation', 'shifts', 'Primary', '--data-dir', dir, '--json']).stdout) as {
      startsAt: string;
    }[];
    // From the tests' now (Wednesday 2026-11-25 10:00 UTC) for 8 weeks: the shift under way, from then on.
    expect(Date.parse(shifts[0]?.startsAt ?? '') - testNow).toBeLessThan(5_000);
    expect(shifts[1]?.startsAt).toBe('2026-11-30T09:00:00.000Z');
    expect(shifts).toHaveLength(9);
  });
});
