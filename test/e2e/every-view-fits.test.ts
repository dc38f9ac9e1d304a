// Every view as a new user walks README's "Try it with data" by keyboard (issue #17), at 1024×768
// and 1920×1080 in light and dark: nothing scrolls sideways, no drop-down or button cuts its own
// words, and a closed help panel gives the focus back to the list.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { everyView, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** What is cut in the view: drop-downs narrower than the option they show, fields narrower than their text, buttons narrower than their words. */
function cutControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d');
    const cut: string[] = [];
    const shown = (el: HTMLElement): boolean => el.getBoundingClientRect().width > 0;
    for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>('select')).filter(shown)) {
      const style = getComputedStyle(select);
      if (!context) break;
      context.font = style.font;
      const text = select.selectedOptions[0]?.textContent ?? '';
      // The words, the padding, and room for the arrow.
      const needed =
        context.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 16;
      if (select.clientWidth + 1 < needed)
        cut.push(
          `drop-down “${text}” (${select.getAttribute('aria-label') ?? select.closest('label')?.firstElementChild?.textContent ?? ''}): ${select.clientWidth} px for ${Math.ceil(needed)}`,
        );
    }
    for (const input of Array.from(
      document.querySelectorAll<HTMLInputElement>('main input:not([type]), main input[type=text], main input[list]'),
    ).filter(shown)) {
      const style = getComputedStyle(input);
      if (!context || input.value === '') continue;
      context.font = style.font;
      const needed =
        context.measureText(input.value).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      if (input.clientWidth + 1 < needed)
        cut.push(
          `field “${input.value}” (${input.getAttribute('aria-label') ?? input.closest('label')?.firstChild?.textContent ?? ''}): ${input.clientWidth} px for ${Math.ceil(needed)}`,
        );
    }
    for (const button of Array.from(document.querySelectorAll<HTMLElement>('main button, header button')).filter(
      shown,
    )) {
      if (button.classList.contains('segment')) continue; // timeline shifts run off the chosen weeks by design
      if (button.scrollWidth > button.clientWidth + 1) cut.push(`button “${button.textContent}”`);
    }
    return cut;
  });
}

describe('every view fits', () => {
  it('at 1024×768 and 1920×1080, light and dark: no sideways scroll, no cut drop-down or button', async () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data-dir', dir]).code).toBe(0);
    const { url } = await serve(dir);
    for (const colorScheme of ['light', 'dark'] as const)
      for (const viewport of [
        { width: 1024, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        const context = await newContext(browser(), { viewport, colorScheme });
        const { page, problems } = await openPage(context);
        await page.goto(url);
        await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
        for (const view of everyView) {
          const where = `${String(view.heading)} at ${viewport.width} (${colorScheme})`;
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await page.keyboard.press(view.key);
          await expect.poll(() => page.getByRole('heading', { level: 1, name: view.heading }).isVisible()).toBe(true);
          await page.waitForTimeout(400);
          await screenshot(page, `view-${view.key}-${viewport.width}-${colorScheme}`);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
            `${where}: scrolls sideways`,
          ).toBe(false);
          expect(await cutControls(page), where).toEqual([]);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
  }, 240_000);

  it('at 1024×768 the keys help fits in the window, and closed, like the toil dialog, gives the focus back to the list; the studio shows its zone and its action item fields in full', async () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data-dir', dir]).code).toBe(0);
    const { url } = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1024, height: 768 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    const grid = page.getByRole('grid', { name: 'Pages, newest first' });
    const listHasFocus = (): Promise<boolean> => grid.evaluate((el) => el === document.activeElement);
    await expect.poll(listHasFocus).toBe(true);
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

    await page.keyboard.press('?');
    await expect.poll(() => help.isVisible()).toBe(true);
    // Its end and Close are in the window (they ran off the bottom), or it scrolls to them.
    const box = await help.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(768);
    await help.getByRole('button', { name: 'Close' }).scrollIntoViewIfNeeded();
    expect(await help.getByRole('button', { name: 'Close' }).isVisible()).toBe(true);
    await screenshot(page, 'keys-help-1024');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(listHasFocus).toBe(true);

    await page.keyboard.press('?');
    await expect
      .poll(() => help.getByRole('button', { name: 'Close' }).evaluate((b) => b === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(listHasFocus).toBe(true);

    await page.keyboard.press('t');
    await expect.poll(() => page.getByRole('dialog', { name: 'Log toil' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    await expect.poll(listHasFocus).toBe(true);

    // ↓ goes on from where the list was.
    const second = await page.locator('.page-row[id]').nth(1).getAttribute('id');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.page-row.selected').getAttribute('id')).toBe(second);

    // The postmortem studio: its timeline zone in full.
    await page.keyboard.press('i');
    await page.getByRole('button', { name: /Checkout errors after a deploy/ }).click();
    await expect.poll(() => page.getByLabel('Timeline zone').inputValue()).toBe('America/New_York');
    expect(await cutControls(page)).toEqual([]);
    // Its incident's one page is "1 page".
    expect(await page.getByText(/^Incident: Checkout errors after a deploy/).textContent()).toMatch(/ · 1 page$/);
    await screenshot(page, 'studio-1024');
    await page.getByRole('form', { name: 'Add an action item' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'studio-actions-1024');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
