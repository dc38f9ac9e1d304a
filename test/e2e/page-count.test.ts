// The Pages list says how many pages there are — exactly, not "200+" (#17): the list loads 200 at
// a time, the header shows pages.count's total, and a search shows how many match.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('the Pages list count', () => {
  it('shows the exact number of pages, and of the pages a search matches', async () => {
    const dir = tempDir();
    const demo = runCli(['demo', '--data-dir', dir, '--pages', '3000', '--seed', '3']);
    expect(demo.stdout).toContain('Wrote 3000 pages');
    const disk = (
      JSON.parse(
        runCli(['page', 'list', '--data-dir', dir, '--search', 'disk', '--limit', '1000', '--json']).stdout,
      ) as unknown[]
    ).length;
    expect(disk).toBeGreaterThan(200); // more than the list's first batch
    expect(disk).toBeLessThan(1000);

    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    const count = page.locator('.pages-view .view-header [aria-live]');
    await expect.poll(() => count.textContent()).toBe('3,000 pages');
    await page.getByLabel('Search pages').fill('disk');
    await expect.poll(() => count.textContent()).toBe(`${disk.toLocaleString('en')} matching pages`);
    await expectAccessible(page, 'pages (count)');
    await screenshot(page, 'pages-count');
    expect(problems).toEqual([]);
    await context.close();
  });
});
