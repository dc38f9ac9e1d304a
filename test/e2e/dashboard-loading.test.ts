// The Load view while its data is on its way: the first two charts' frames stand where they will
// be drawn (titles, no downloads yet), `d` asks for the data once, and the answer draws into the
// same frames at their full width.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('the Load view while its data loads', () => {
  it('shows the first charts’ frames, asks once, and draws the answer into them', async () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data-dir', dir]).code).toBe(0);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 1000 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1);

    // Hold the answer back until the loading view has been looked at.
    let asked = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/dashboard.get', async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await page.keyboard.press('d');
    const trend = page.getByTestId('chart-trend');
    const teamWeeks = page.getByTestId('chart-team-weeks');
    await expect.poll(() => trend.getAttribute('aria-busy')).toBe('true');
    expect(await trend.getByText('Load per on-call week vs the target').isVisible()).toBe(true);
    expect(await teamWeeks.getByText('Team pages per week, by person').isVisible()).toBe(true);
    expect(await page.getByText('Loading…').isVisible()).toBe(true);
    // Nothing to save yet, nothing drawn, no legend.
    expect(await page.getByRole('button', { name: /as PNG/ }).count()).toBe(0);
    expect(await page.locator('path.series-line, path.series-bars').count()).toBe(0);
    expect(await page.locator('.series-legend').count()).toBe(0);
    await expectAccessible(page, 'dashboard (loading)');
    await screenshot(page, 'dashboard-loading');
    // The key asked for the data once (its capture listener and the view change share the request).
    expect(asked).toBe(1);

    release();
    await expect.poll(() => trend.locator('path.series-line').count()).toBe(2);
    await expect.poll(() => teamWeeks.locator('path.series-bars').count()).toBeGreaterThan(0);
    expect(await trend.getAttribute('aria-busy')).toBeNull();
    expect(await page.getByText('Loading…').count()).toBe(0);
    expect(await trend.getByRole('button', { name: /as PNG/ }).isVisible()).toBe(true);
    // Drawn at the frame's full width: the plot spans its box once the view has its data (and its
    // scrollbar).
    for (const chart of [trend, teamWeeks]) {
      const fit = await chart.evaluate((figure) => {
        const box = figure.querySelector('.week-chart');
        const svg = figure.querySelector('svg.week-chart-surface');
        return box && svg ? Math.abs(box.clientWidth - svg.getBoundingClientRect().width) : null;
      });
      expect(fit).not.toBeNull();
      expect(fit).toBeLessThan(1);
    }
    expect(asked).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
