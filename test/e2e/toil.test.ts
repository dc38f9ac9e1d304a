// Recording toil in the browser, keyboard only, against `oncall serve` with a fresh store.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir, testNow } from '../helpers';
import { expectAccessible, openPage, screenshot, useBrowser, newContext } from './browser';

const browser = useBrowser();

describe('the toil log in the browser', () => {
  it('starts a timer with the keyboard, stops it, and sees the week’s toil % move', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    runCli(['page', 'add', '--data-dir', dir, '--service', 'payments-api', '--severity', '3', '--summary', 'seed']);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('row').count()).toBe(1);

    await page.keyboard.press('o');
    await expect.poll(() => page.getByText('No toil logged in').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('toil-week').textContent()).toContain('0%');
    await expectAccessible(page, 'toil (empty)');

    // t, describe it, Enter: the timer runs and shows in the header.
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Log toil' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.type('access request grant prod db access');
    await expect.poll(() => dialog.getByText('Enter starts a timer').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const headerTimer = page.getByRole('button', { name: /Timer .* grant prod db access/ });
    await expect.poll(() => headerTimer.isVisible()).toBe(true);

    // t, Enter on an empty line: the timer stops and its time is logged.
    await page.keyboard.press('t');
    await expect.poll(() => dialog.getByText('Timer running:').isVisible()).toBe(true);
    await expectAccessible(page, 'toil dialog');
    await page.keyboard.press('Enter');
    await expect.poll(() => headerTimer.count()).toBe(0);
    const entries = page.getByRole('region', { name: /My entries this quarter/ });
    await expect.poll(() => entries.getByRole('row').filter({ hasText: 'grant prod db access' }).count()).toBe(1);
    await expect.poll(() => entries.getByRole('row').filter({ hasText: 'access request' }).count()).toBe(1);

    // One line with a duration: the week's toil % moves — 4 h over this week's working days so far.
    await page.keyboard.press('t');
    await page.keyboard.type('4h manual deploy payments');
    await expect.poll(() => dialog.getByText('Enter logs 4h · manual deploy · payments-api').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const weekday = new Date(testNow).getUTCDay() || 7;
    const expected = `${Math.round((4 / (8 * Math.min(weekday, 5))) * 100)}%`;
    await expect.poll(() => page.getByTestId('toil-week').textContent()).toBe(`This week${expected}4 h of toil`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'under the 50% cap' }).count()).toBe(1);
    // Mark it as automatable with a rough effort: its payback shows in "What to automate first".
    await page.getByLabel('Hours to automate: manual deploy payments').fill('2');
    await page.getByLabel('Hours to automate: manual deploy payments').press('Enter');
    const sources = page.getByRole('region', { name: 'What to automate first' });
    await expect
      .poll(() => sources.getByRole('row').filter({ hasText: 'manual deploy · payments-api' }).textContent())
      .toContain('2×');
    await expectAccessible(page, 'toil');
    await screenshot(page, 'toil');

    // A duration nobody could mean is explained, and nothing is stored.
    await page.keyboard.press('t');
    await page.keyboard.type('30h manual deploy');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('more than 24 hours');
    await page.keyboard.press('Escape');
    await expect.poll(() => entries.getByRole('row').count()).toBe(3); // header + 2 entries

    expect(problems).toEqual([]);
    await context.close();
  });
});
