// The team's shift limit, set in the Load view's targets (issue #17): a bad value is named and
// nothing is saved; a good one makes Rotations warn about every stretch past it; empty is no limit.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('the shift limit', () => {
  it('is set in the Load view’s targets, checked as typed, and Rotations warns past it', async () => {
    const dir = tempDir();
    const demo = runCli(['demo', '--data-dir', dir]);
    expect(demo.code, demo.stderr).toBe(0);
    const { url } = await serve(dir);
    const stored = (): unknown =>
      (JSON.parse(runCli(['report', 'targets', '--data-dir', dir, '--json']).stdout) as { maxShiftHours: unknown })
        .maxShiftHours;
    expect(stored()).toBe(null);

    const context = await newContext(browser(), { viewport: { width: 1024, height: 768 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
    const warnings = page.locator('.verdict.broken');

    // No limit yet: Rotations says nothing of long stretches (the demo's shifts are a week long).
    await page.keyboard.press('r');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Rotations' }).isVisible()).toBe(true);
    await page.waitForTimeout(500);
    expect(await warnings.count()).toBe(0);

    await page.keyboard.press('d');
    const targets = page.getByRole('region', { name: 'Targets of Platform' });
    const limit = targets.getByLabel(/Hours on call in a row/);
    await expect.poll(() => limit.isEnabled()).toBe(true);
    expect(await limit.inputValue()).toBe('');
    await expect.poll(() => page.getByText('Rotations warns when one person is on call longer').isVisible()).toBe(true);

    // Bad values are named, and nothing is stored.
    for (const [typed, said] of [
      ['a day', 'Hours on call in a row: give a number of hours, or leave it empty for no limit.'],
      ['0', 'Hours on call in a row: must be above 0 and at most 1000 hours (a week is 168).'],
      ['-12', 'Hours on call in a row: must be above 0 and at most 1000 hours (a week is 168).'],
      ['5000', 'Hours on call in a row: must be above 0 and at most 1000 hours (a week is 168).'],
    ]) {
      await limit.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(typed ?? '');
      await page.keyboard.press('Enter');
      await expect.poll(() => targets.getByRole('alert').textContent()).toBe(said);
    }
    expect(stored()).toBe(null);
    await expectAccessible(page, 'shift limit error');
    await screenshot(page, 'shift-limit-error');

    // 72 hours: saved, kept after a reload, and Rotations warns about each week-long stretch.
    await limit.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('72');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('Targets saved.');
    expect(stored()).toBe(72);
    await expect.poll(() => targets.getByRole('alert').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'Targets of Platform' }).isVisible()).toBe(true);
    await expect.poll(() => limit.inputValue()).toBe('72');
    await page.keyboard.press('r');
    await expect
      .poll(() => warnings.textContent())
      .toMatch(/Primary: @\w+ is on call for 168 hours in a row, past Platform's limit of 72/);
    await screenshot(page, 'shift-limit-rotations');

    // Empty again: no limit, no warning.
    await page.keyboard.press('d');
    await expect.poll(() => limit.inputValue()).toBe('72');
    await limit.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect.poll(stored).toBe(null);
    // Out of the field (Tab to the Save button), and the view keys work again.
    await page.keyboard.press('Tab');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Rotations' }).isVisible()).toBe(true);
    await page.waitForTimeout(500);
    expect(await warnings.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
