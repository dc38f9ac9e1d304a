// What a hostile-input probe found in the CLI: output cut short by the reader, flags that
// contradict each other, and local date-times that do not exist.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { operations } from '../shared/contract';
import { cliPath, runCli, tempDir } from './helpers';

describe('the oncall CLI under hostile input', () => {
  it('ends quietly when the reader stops early (oncall page list | head -1)', () => {
    const dir = tempDir();
    const demo = runCli(['demo', '--data-dir', dir, '--people', '3', '--months', '2', '--pages', '1000']);
    expect(demo.code).toBe(0);
    // 1,000 lines are more than a pipe holds: the CLI is still writing when head has gone.
    const run = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"$NODE" "$CLI" page list --limit 1000 --data-dir "$DIR" | head -1`],
      { encoding: 'utf8', env: { ...process.env, NODE: process.execPath, CLI: cliPath, DIR: dir }, timeout: 60_000 },
    );
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('refuses toil stop --confirm --discard, naming both, and the timer runs on', () => {
    const dir = tempDir();
    expect(runCli(['toil', 'start', 'rotate TLS certificates', '--data-dir', dir]).code).toBe(0);
    const both = runCli(['toil', 'stop', '--confirm', '--discard', '--data-dir', dir]);
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'oncall: --confirm and --discard: choose one\n' });
    const stopped = runCli(['toil', 'stop', '--minutes', '20m', '--json', '--data-dir', dir]);
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ discarded: false, entry: { minutes: 20 } });
  });

  it('refuses a rotation whose first handoff is not a real local date-time, naming --start', () => {
    const dir = tempDir();
    expect(
      runCli(['person', 'add', '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC', '--data-dir', dir]).code,
    ).toBe(0);
    const add = (start: string): ReturnType<typeof runCli> =>
      runCli([
        'rotation',
        'add',
        'R',
        '--zone',
        'UTC',
        '--start',
        start,
        '--every',
        '1w',
        '--members',
        'ann',
        '--data-dir',
        dir,
      ]);
    for (const start of [
      '2026-99-99T99:99',
      '2026-02-30T25:61',
      '2026-02-29T09:00',
      '2026-04-31T09:00',
      '2026-11-02T24:00',
    ]) {
      const run = add(start);
      expect({ start, code: run.code, stdout: run.stdout }).toEqual({ start, code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^oncall: --start: must be the first handoff as YYYY-MM-DDTHH:MM \(local time\)\n$/);
    }
    expect(JSON.parse(runCli(['rotation', 'list', '--json', '--data-dir', dir]).stdout)).toEqual([]);
    expect(add('2028-02-29T23:59').code).toBe(0);
  });

  it('has the contract refuse such a start too (the API, not only the CLI)', () => {
    const rotation = { name: 'R', timeZone: 'UTC', shiftLength: 1, shiftUnit: 'weeks', members: [{ handle: 'ann' }] };
    const accepts = (start: string): boolean =>
      operations['rotations.save'].input.safeParse({ ...rotation, start }).success;
    expect(['2026-99-99T99:99', '2026-02-30T25:61', '2026-13-01T09:00', '2026-01-00T09:00'].filter(accepts)).toEqual(
      [],
    );
    expect(['2026-11-02T09:00', '2028-02-29T00:00', '2026-12-31T23:59'].every(accepts)).toBe(true);
  });
});
