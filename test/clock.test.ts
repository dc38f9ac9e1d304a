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
