// README's "Try it with data" in Chromium: after `oncall demo`, no headline view opens empty —
// each shows the demo's own records (pages, my week, toil, load, rotations, postmortems in every
// state, overdue action items, error budgets, pages waiting for triage), with no empty state anywhere.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('the demo in the browser', () => {
  it('opens every headline view with something in it', async () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data-dir', dir]).code).toBe(0);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    const main = page.locator('main');
    const noEmptyState = async (view: string) => {
      await expect.poll(() => main.locator('.empty, .empty-panel, .empty-filter').count(), { message: view }).toBe(0);
      await screenshot(page, `demo-${view}`);
    };

    // Pages: the team's history.
    await expect.poll(() => main.getByRole('row').count()).toBeGreaterThan(10);
    await noEmptyState('pages');

    await page.keyboard.press('w');
    await expect.poll(() => main.textContent()).toMatch(/[1-9]\d* actionable pages? this week/);
    await noEmptyState('my-week');

    // Toil: a quarter of chores, some worth automating.
    await page.keyboard.press('o');
    await expect.poll(() => main.getByText('Cleared the flapping health check by hand').count()).toBeGreaterThan(0);
    await noEmptyState('toil');

    // Load: the charts, and the team's holidays below them.
    await page.keyboard.press('d');
    await expect.poll(() => main.getByTestId('chart-trend').locator('path.series-line').count()).toBe(2);
    const holidays = main.getByRole('region', { name: 'Holidays of Platform' });
    await expect.poll(() => holidays.getByRole('row').filter({ hasText: 'Christmas Day' }).count()).toBeGreaterThan(0);
    await noEmptyState('load');

    await page.keyboard.press('r');
    await expect.poll(() => main.textContent()).toContain('Primary');
    await noEmptyState('rotations');

    // Postmortems: published, in review and a draft.
    await page.keyboard.press('i');
    for (const title of [
      'Card payments failed for 40 minutes',
      'Search results up to two hours stale',
      'Checkout errors after a deploy',
    ])
      await expect.poll(() => main.getByText(title).count(), { message: title }).toBeGreaterThan(0);
    for (const status of ['published', 'review', 'draft'])
      await expect.poll(() => main.locator(`.studio-items .chip.${status}`).count(), { message: status }).toBe(1);
    // The draft, opened: the coach has findings in it.
    await main.getByRole('button', { name: /Checkout errors after a deploy/ }).click();
    await expect.poll(() => main.getByText('Blame words and counterfactual framing').count()).toBeGreaterThan(0);
    await noEmptyState('postmortems');
    await expectAccessible(page, 'demo postmortems');

    // Actions: two are overdue. (The editor has the focus: the tab, not the key.)
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Actions/ })
      .click();
    await expect
      .poll(() => main.getByText('Give new documents their own queue ahead of re-index jobs').count())
      .toBeGreaterThan(0);
    await expect.poll(() => main.textContent()).toMatch(/overdue/i);
    await noEmptyState('actions');

    // Error budgets: yesterday's outage put auth-service's budget at risk.
    await page.keyboard.press('b');
    await expect
      .poll(() => main.getByTestId('budget-auth-service-availability').textContent())
      .toMatch(/auth-service.*at risk.*48%/);
    await expect.poll(() => main.getByTestId('chart-burn-down').locator('.incident-mark').count()).toBe(1);
    await noEmptyState('budgets');
    await expectAccessible(page, 'demo error budgets');

    // Triage: the last hours' noise still waits for its verdict.
    await page.keyboard.press('g');
    await expect.poll(() => main.textContent()).toMatch(/[1-9]\d* pages? not triaged/);
    expect(await main.locator('.triage-done').count()).toBe(0);
    await noEmptyState('triage');

    expect(problems).toEqual([]);
    await context.close();
  });
});
