// The pages list in daily use (issue #17): quick deletes one after another each take the row under
// the selection and each come back with Ctrl+Z; the sleep-hours mark stays in sight at 1024 px.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

async function demoServer(dir = tempDir()): Promise<string> {
  const demo = runCli(['demo', '--data-dir', dir]);
  expect(demo.code, demo.stderr).toBe(0);
  return (await serve(dir)).url;
}

describe('the pages list', () => {
  it('Del pressed again at once deletes the next row (after ↓ too, and twice on one row), and Ctrl+Z brings back each', async () => {
    const dir = tempDir();
    const url = await demoServer(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    const grid = page.getByRole('grid', { name: 'Pages, newest first' });
    await expect.poll(() => grid.evaluate((el) => el === document.activeElement)).toBe(true);
    // Rows by id (summaries repeat in the demo), in list order.
    const shown = (): Promise<string[]> =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.page-row[id]'))
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map((row) => row.id)
          .slice(0, 8),
      );
    const selected = (): Promise<string | null> => page.locator('.page-row.selected').getAttribute('id');
    const storedCount = (): number =>
      (JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--limit', '1000', '--json']).stdout) as unknown[]).length;
    const [a, b, c, d, e, f, g, h] = await shown();
    const countBefore = storedCount();

    // Del, then at once ↓ and Del: the first row goes, the second takes its place, ↓ reaches the
    // third, and that one goes.
    await page.keyboard.press('Delete');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    // Del twice on the same spot: the row there, then the one that took its place.
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await expect
      .poll(shown)
      .toEqual([b, f, g, h, expect.any(String), expect.any(String), expect.any(String), expect.any(String)]);
    await expect.poll(selected).toBe(f);
    await expect.poll(storedCount).toBe(countBefore - 4);
    // The reloads that follow each delete agree; none brings a deleted row back.
    await page.waitForTimeout(1000);
    expect((await shown()).slice(0, 4)).toEqual([b, f, g, h]);
    expect(await grid.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.toasts').textContent()).toContain('Page deleted');

    // Each comes back, newest delete first.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
    await expect.poll(storedCount).toBe(countBefore);
    await expect.poll(shown).toEqual([a, b, c, d, e, f, g, h]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('the pages list at every width', () => {
  it('sleep-hour pages keep their mark at 1024, 1400 and 1920 wide in light and dark, and every row fits', async () => {
    const url = await demoServer();
    for (const colorScheme of ['light', 'dark'] as const)
      for (const width of [1024, 1400, 1920]) {
        const context = await newContext(browser(), { viewport: { width, height: 768 }, colorScheme });
        const { page, problems } = await openPage(context);
        await page.goto(url);
        const grid = page.getByRole('grid', { name: 'Pages, newest first' });
        await expect.poll(() => grid.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.getByLabel('Sleep hours only').check();
        await expect.poll(() => page.locator('.page-row[id]').count()).toBeGreaterThan(3);
        await page.waitForTimeout(300);
        const report = await page.evaluate(() => {
          const inside = (inner: DOMRect, outer: DOMRect): boolean =>
            inner.left >= outer.left - 1 &&
            inner.right <= outer.right + 1 &&
            inner.top >= outer.top - 1 &&
            inner.bottom <= outer.bottom + 1;
          const list = document.querySelector('.page-list') as HTMLElement;
          const rows = Array.from(document.querySelectorAll<HTMLElement>('.page-row[id]'));
          const problems: string[] = [];
          for (const row of rows) {
            const rowBox = row.getBoundingClientRect();
            for (const cell of Array.from(row.querySelectorAll<HTMLElement>('[role=gridcell]'))) {
              for (const part of Array.from(cell.querySelectorAll<HTMLElement>('*'))) {
                if (getComputedStyle(part).position === 'absolute') continue; // screen-reader text
                const box = part.getBoundingClientRect();
                if (box.width === 0) continue;
                if (!inside(box, cell.getBoundingClientRect()) || !inside(box, rowBox))
                  problems.push(`${row.id} ${cell.className}: “${part.textContent}” outside its cell`);
              }
            }
            const sleep = row.querySelector<HTMLElement>('.chip.sleep');
            const mark = sleep?.querySelector('.chip-mark');
            if (
              !sleep ||
              !mark ||
              mark.getBoundingClientRect().width === 0 ||
              getComputedStyle(sleep).display === 'none'
            )
              problems.push(`${row.id}: no sleep-hours mark in sight`);
            else if (!sleep.title.startsWith('Sleep hours in ') || sleep.textContent?.trim() !== 'sleep hours')
              problems.push(`${row.id}: the mark says “${sleep.textContent}” / “${sleep.title}”`);
          }
          return {
            rows: rows.length,
            problems,
            listScrollsSideways: list.scrollWidth > list.clientWidth + 1,
            pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
          };
        });
        await screenshot(page, `pages-sleep-${colorScheme}-${width}`);
        expect(report, `${colorScheme} ${width}`).toEqual({
          rows: report.rows,
          problems: [],
          listScrollsSideways: false,
          pageScrollsSideways: false,
        });
        expect(problems).toEqual([]);
        await context.close();
      }
  }, 120_000);
});
