// The hostile calendars of issue #19 through the built CLI and a spawned `oncall serve` (after
// `npm run build`): refused within the bounds, naming the file, the event and the limit; the
// server answers other calls meanwhile. Nothing here depends on the clock: a rule that never
// matches is refused whatever the window.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import * as hostile from './hostile';
import { withinBounds } from './measure';

describe('hostile calendars through the built CLI and server', () => {
  it('the CLI refuses a never-matching rule and a SECONDLY time zone in seconds, naming the file', async () => {
    const dir = tempDir();
    const never = path.join(dir, 'never.ics');
    const zone = path.join(dir, 'zone.ics');
    fs.writeFileSync(never, hostile.neverMatching());
    fs.writeFileSync(zone, hostile.secondlyZone());
    const { value: first } = await withinBounds(() =>
      runCli(['rotation', 'import', 'Search', never, '--apply', '--data-dir', dir]),
    );
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/never\.ics: event "never@fault" \("Ann"\) .*100,000 recurrence steps/);
    const { value: second } = await withinBounds(() =>
      runCli(['rotation', 'import', 'Search', zone, '--apply', '--data-dir', dir]),
    );
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /zone\.ics: time zone "Hostile\/Zone" \(VTIMEZONE\) has a STANDARD rule repeating SECONDLY/,
    );
    expect(runCli(['rotation', 'list', '--data-dir', dir]).stdout).not.toMatch(/Search/);
  });

  it('the CLI refuses a never-matching holiday rule, naming the file and the event', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'holidays.ics');
    fs.writeFileSync(file, hostile.holidayNeverMatching());
    expect(runCli(['team', 'add', 'Platform', '--data-dir', dir]).code).toBe(0);
    const { value: run } = await withinBounds(() => runCli(['team', 'holidays', 'import', file, '--data-dir', dir]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /holidays\.ics: event 1 \(UID never-holiday@fault, "Never Day"\) .*20,000 recurrence steps/,
    );
  });

  it('oncall serve answers app.info within 1 s while it refuses a hostile import', async () => {
    const served = await serve(tempDir());
    try {
      const call = (operation: string, input: unknown): Promise<Response> =>
        fetch(`${served.origin}/api/${operation}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
      const { value: imported } = await withinBounds(async () => {
        const pending = call('rotations.import', {
          rotation: 'Search',
          ics: hostile.neverMatching(),
          fileName: 'never.ics',
          apply: true,
        });
        const started = performance.now();
        const info = await call('app.info', {});
        expect(info.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(1000);
        return (await (await pending).json()) as { ok: boolean; error?: { message: string } };
      });
      expect(imported.ok).toBe(false);
      expect(imported.error?.message).toMatch(/^ics: never\.ics: event "never@fault"/);
      const list = (await (await call('rotations.list', {})).json()) as { value: unknown[] };
      expect(list.value).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
