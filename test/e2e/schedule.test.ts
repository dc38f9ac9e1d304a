// A schedule you can work with (#17): drag across a rotation on the timeline (or pick a shift with
// the keys) → choose who covers → the team's final schedule row, the header's "On call now" and
// `oncall now` all show the override; Ctrl+Z takes it back; Esc leaves nothing behind.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli, serve, tempDir, testNow } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();
const hour = 3_600_000;
const day = 24 * hour;

/** The team's final-schedule stretch under an instant, as the row draws it. */
async function finalAt(page: Page, atMs: number): Promise<{ handle: string; override: string } | null> {
  return page.evaluate((at) => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.final-lane[data-team="Platform"] .segment'))) {
      if (Date.parse(el.dataset.starts ?? '') <= at && at < Date.parse(el.dataset.ends ?? ''))
        return { handle: el.dataset.handle ?? '', override: el.dataset.override ?? '' };
    }
    return null;
  }, atMs);
}

/** The CLI's answer to "who is on call in Primary now". */
function cliPrimaryNow(dir: string): string | undefined {
  const now = JSON.parse(runCli(['now', '--data-dir', dir, '--json']).stdout) as {
    rotation: string;
    now: { handle: string } | null;
  }[];
  return now.find((r) => r.rotation === 'Primary')?.now?.handle;
}

describe('the schedule by mouse and keyboard', () => {
  it('drag → person → final row, header and CLI agree; undo; the same by keys; Esc cancels', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    for (const [name, handle] of [
      ['Bo Okafor', 'bo'],
      ['Chen Li', 'chen'],
    ] as const)
      expect(
        runCli(['person', 'add', '--data-dir', dir, '--name', name, '--handle', handle, '--zone', 'UTC']).code,
      ).toBe(0);
    expect(runCli(['team', 'add', 'Platform', '--data-dir', dir, '--members', 'ann,bo,chen']).code).toBe(0);
    // Weekly from Monday 2026-11-23 09:00 UTC: ann this week, then bo. Secondary: chen, then ann.
    for (const [name, layer, members] of [
      ['Primary', 'primary', 'ann,bo'],
      ['Secondary', 'secondary', 'chen,ann'],
    ] as const) {
      const added = runCli([
        'rotation',
        'add',
        name,
        '--data-dir',
        dir,
        '--zone',
        'UTC',
        '--start',
        '2026-11-23T09:00',
        '--every',
        '1w',
        '--members',
        members,
        '--layer',
        layer,
        '--team',
        'Platform',
      ]);
      expect(added.code, added.stderr).toBe(0);
    }

    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'No pages yet' }).isVisible()).toBe(true);
    await page.keyboard.press('r');
    const finalRow = page.getByRole('list', { name: 'Final schedule · Platform' });
    await expect.poll(() => finalRow.getByRole('listitem').count()).toBeGreaterThan(0);
    // Before any override: the primary decides, and it is ann now.
    expect(await finalAt(page, testNow)).toEqual({ handle: 'ann', override: 'no' });
    const onCallNow = page.getByRole('status', { name: 'On call now' });
    await expect.poll(() => onCallNow.textContent()).toContain('Primary: @ann');

    // Drag across Primary from a day before now to a day after.
    const track = page.locator('.lane-track[data-rotation="Primary"]');
    const box = await track.boundingBox();
    if (!box) throw new Error('no Primary lane');
    const from = Date.parse('2026-11-23T00:00:00Z'); // the view starts on this week's Monday
    const span = 8 * 7 * day;
    const x = (ms: number): number => box.x + ((ms - from) / span) * box.width;
    await page.mouse.move(x(testNow - day), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(x(testNow), box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(x(testNow + day), box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const form = page.getByRole('region', { name: 'Override on Primary' });
    await expect.poll(() => form.isVisible()).toBe(true);
    // Prefilled with the span dragged (to the hour; a pixel is about 1.5 hours here).
    const fromValue = Date.parse(`${await form.getByLabel('From').inputValue()}:00Z`);
    const toValue = Date.parse(`${await form.getByLabel('To').inputValue()}:00Z`);
    expect(Math.abs(fromValue - (testNow - day))).toBeLessThan(3 * hour);
    expect(Math.abs(toValue - (testNow + day))).toBeLessThan(3 * hour);
    // The person is asked for first: focus is on the select.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await expectAccessible(page, 'rotations (override form)');
    await screenshot(page, 'schedule-form');
    await form.getByLabel('Who covers').selectOption('chen');
    await page.keyboard.press('Enter');
    await expect.poll(() => form.isVisible()).toBe(false);

    // The final schedule shows chen, marked as an override; header and CLI agree.
    await expect.poll(() => finalAt(page, testNow)).toEqual({ handle: 'chen', override: 'yes' });
    expect(await finalAt(page, toValue + hour)).toEqual({ handle: 'ann', override: 'no' });
    await expect.poll(() => onCallNow.textContent()).toContain('Primary: @chen');
    expect(cliPrimaryNow(dir)).toBe('chen');
    // chen is now on both layers at once: the view warns.
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: '@chen is on call in both' }).count())
      .toBeGreaterThan(0);
    await screenshot(page, 'schedule-override');

    // Undo takes the override back.
    await page.keyboard.press('Control+z');
    await expect.poll(() => finalAt(page, testNow)).toEqual({ handle: 'ann', override: 'no' });
    expect(cliPrimaryNow(dir)).toBe('ann');

    // The keyboard path: Tab from the range's last field reaches the timeline's shift.
    await page.locator('.week-nav select').focus();
    await page.keyboard.press('Tab');
    const focused = (): Promise<string | null> =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    await expect.poll(focused).toMatch(/^Primary: Ann Berg/);
    await page.keyboard.press('ArrowDown'); // Secondary, the shift at the same time: chen
    await expect.poll(focused).toMatch(/^Secondary: Chen Li/);
    await page.keyboard.press('ArrowRight'); // the next week's: ann
    await expect.poll(focused).toMatch(/^Secondary: Ann Berg/);
    await page.keyboard.press('o');
    const secondaryForm = page.getByRole('region', { name: 'Override on Secondary' });
    await expect.poll(() => secondaryForm.isVisible()).toBe(true);
    // o is the timeline's here, not the Toil view's.
    expect(await page.getByRole('heading', { name: 'Rotations', level: 1 }).isVisible()).toBe(true);
    expect(await secondaryForm.getByLabel('From').inputValue()).toBe('2026-11-30T09:00');
    expect(await secondaryForm.getByLabel('To').inputValue()).toBe('2026-12-07T09:00');
    // Esc leaves nothing behind and gives the keys back to the shift.
    await page.keyboard.press('Escape');
    await expect.poll(() => secondaryForm.isVisible()).toBe(false);
    await expect.poll(focused).toMatch(/^Secondary: Ann Berg/);
    expect(await page.locator('.lane-track[data-rotation="Secondary"] .segment.override').count()).toBe(0);
    // Again, and this time bo covers, chosen with the keys.
    await page.keyboard.press('Enter');
    await expect.poll(() => secondaryForm.isVisible()).toBe(true);
    // "Choose a person" → Ann Berg → Bo Okafor.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await secondaryForm.getByLabel('Who covers').inputValue()).toBe('bo');
    await page.keyboard.press('Enter');
    await expect.poll(() => secondaryForm.isVisible()).toBe(false);
    const secondaryOverride = page.locator('.lane-track[data-rotation="Secondary"] .segment.override');
    await expect.poll(() => secondaryOverride.count()).toBe(1);
    expect(await secondaryOverride.getAttribute('aria-label')).toMatch(/^Secondary: Bo Okafor \(override\)/);
    const shifts = JSON.parse(
      runCli([
        'rotation',
        'shifts',
        'Secondary',
        '--data-dir',
        dir,
        '--from',
        '2026-11-30T09:00:00Z',
        '--to',
        '2026-12-07T09:00:00Z',
        '--json',
      ]).stdout,
    ) as { handle: string; overrideId: string | null }[];
    expect(shifts.map((s) => [s.handle, s.overrideId !== null])).toEqual([['bo', true]]);
    await expectAccessible(page, 'rotations (final schedule)');

    for (const [width, height] of [
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.locator('.timeline').scrollIntoViewIfNeeded();
        await screenshot(page, `schedule-${width}-${scheme}`);
      }
    }
    await expectAccessible(page, 'rotations (dark)');
    expect(problems).toEqual([]);
    await context.close();
  });
});
