// Daily use on `oncall demo` data, as a new user tripped over it (issue #17): every view scrolls by
// wheel with the header in place, the list takes the keys after load, the header shows my
// rotations and keeps my choice, a half-typed page survives Esc, and the service is asked for when
// the summary names another one.

import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cliOk, runCli, serve, storeOnce } from '../helpers';
import { everyView, expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** `oncall demo`'s store, written once for this file; each test serves its own copy. */
const demoStore = storeOnce((dir) => cliOk(dir, 'demo'));

async function demoServer(dir = demoStore()): Promise<string> {
  return (await serve(dir)).url;
}

/** Where the view's last piece of content is, relative to the window's bottom (≤ 0: on screen). */
async function lastContentBelowFold(page: Page): Promise<number> {
  return page.evaluate(() => {
    // The last visible part, inside the last visible part… (not text only screen readers get).
    const shown = (el: Element): boolean => {
      const style = getComputedStyle(el);
      return style.position !== 'absolute' && style.position !== 'fixed' && style.display !== 'none';
    };
    let element = document.querySelector('main > section');
    while (element && element.getAttribute('role') !== 'grid') {
      const last = Array.from(element.children).filter(shown).pop();
      if (!last) break;
      element = last;
    }
    return (element?.getBoundingClientRect().bottom ?? 0) - window.innerHeight;
  });
}

describe('daily use on demo data', () => {
  it('every view scrolls by wheel at 1024 and 1400 wide, and the header stays at the top', async () => {
    const url = await demoServer();
    for (const viewport of [
      { width: 1024, height: 700 },
      { width: 1400, height: 900 },
    ]) {
      const context = await newContext(browser(), { viewport });
      const { page, problems } = await openPage(context);
      await page.goto(url);
      await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
      for (const view of everyView) {
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press(view.key);
        await expect.poll(() => page.getByRole('heading', { level: 1, name: view.heading }).isVisible()).toBe(true);
        await page.waitForTimeout(300);
        // The wheel, over the middle of the view, until the view's end is on screen.
        await page.mouse.move(viewport.width / 2, viewport.height * 0.6);
        for (let turn = 0; turn < 15 && (await lastContentBelowFold(page)) > 0; turn++) {
          await page.mouse.wheel(0, 500);
          await page.waitForTimeout(50);
        }
        expect(
          await lastContentBelowFold(page),
          `${String(view.heading)} at ${viewport.width}: the end is out of reach`,
        ).toBeLessThanOrEqual(1);
        const header = await page.evaluate(() => ({
          top: document.querySelector('.topbar')?.getBoundingClientRect().top,
          scrolled: document.scrollingElement?.scrollTop,
        }));
        expect(header, `${String(view.heading)} at ${viewport.width}`).toEqual({ top: 0, scrolled: 0 });
        // axe: no violation of any impact, in light and dark alike (the dark pass is the dashboard test's).
        if (viewport.width === 1400) {
          const results = await new AxeBuilder({ page }).analyze();
          expect(
            results.violations.map(
              (v) =>
                `${String(view.heading)}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
            ),
            'axe',
          ).toEqual([]);
        }
      }
      // Every view's tab is one click away: those that do not fit are in "More", none is cut.
      const clipped = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll<HTMLElement>('nav[aria-label="Views"] > button')).filter(
            (b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > window.innerWidth,
          ).length,
      );
      expect(clipped).toBe(0);
      const tabs = await page.locator('nav[aria-label="Views"] > button').count();
      if (tabs < everyView.length) {
        await page
          .getByRole('button', { name: /More|Me|Actions|Postmortems/ })
          .last()
          .click();
        await expect.poll(() => page.getByRole('menuitem').count()).toBe(everyView.length - tabs);
        await page.keyboard.press('Escape');
      }
      await screenshot(page, `views-${viewport.width}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('after load the list has the keys: ↓, Del and Ctrl+Z work without a click, and the skip link reaches the list', async () => {
    const url = await demoServer();
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    const grid = page.getByRole('grid', { name: 'Pages, newest first' });
    await expect.poll(() => grid.evaluate((el) => el === document.activeElement)).toBe(true);
    const rows = page.getByRole('row');
    const second = (await rows.nth(1).textContent()) ?? '';
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('Page deleted');
    await expect.poll(() => rows.nth(1).textContent()).not.toBe(second);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('Undone');
    await expect.poll(() => rows.nth(1).textContent()).toBe(second);

    // Someone else's page: their handle in full, their own time where their zone differs from
    // mine (sleep and off hours are judged there), and the shift it belongs to.
    const theirs = rows.filter({ hasText: '@gita' }).first();
    await expect.poll(() => theirs.textContent()).toMatch(/\d\d:\d\d( [AP]M)? in Berlin/);
    await expect.poll(() => theirs.textContent()).toMatch(/(Primary|Secondary) shift|off rotation/);
    expect(await theirs.locator('.who').evaluate((el) => el.scrollWidth <= el.clientWidth && el.textContent)).toBe(
      '@gita',
    );
    await screenshot(page, 'pages-owner-zone');

    // Focus lost (a click on empty space): the list keys still reach the list.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => grid.evaluate((el) => el === document.activeElement)).toBe(true);

    // From the top of the page: the skip link is the first stop of Tab, and Enter on it gives the
    // list the focus. (Where a blurred focus starts Tab again is Chromium's choice, so the first
    // stop is read from the tab order, and the link is focused as Tab would.)
    await page.reload();
    await expect.poll(() => grid.evaluate((el) => el === document.activeElement)).toBe(true);
    const firstStop = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')).find(
          (el) => el.tabIndex >= 0 && !el.hasAttribute('disabled'),
        )?.textContent,
    );
    expect(firstStop).toBe('Skip to content');
    await page.getByText('Skip to content').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => grid.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the header shows the rotations I am on, and keeps the ones I choose', async () => {
    const url = await demoServer();
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    const onCallNow = page.getByRole('status', { name: 'On call now' });
    await expect.poll(() => onCallNow.textContent()).toMatch(/^Primary: @\w+Secondary: @\w+$/);
    await page.getByRole('button', { name: 'Choose the rotations the header shows' }).click();
    const popover = page.getByRole('dialog', { name: 'Rotations in the header' });
    await expectAccessible(page, 'header rotations');
    await popover.getByLabel('Secondary').uncheck();
    await expect.poll(() => onCallNow.textContent()).toMatch(/^Primary: @\w+$/);
    await page.reload();
    await expect.poll(() => onCallNow.textContent()).toMatch(/^Primary: @\w+$/);
    await page.getByRole('button', { name: 'Choose the rotations the header shows' }).click();
    await popover.getByRole('button', { name: 'Mine, then my team’s' }).click();
    await expect.poll(() => onCallNow.textContent()).toMatch(/^Primary: @\w+Secondary: @\w+$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('Esc keeps a half-typed page as a draft, and the summary naming a service asks which', async () => {
    const url = await demoServer();
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
    const dialog = page.getByRole('dialog', { name: 'Log a page' });
    const summary = dialog.getByLabel('What paged you?');

    // A first page under checkout-web makes it the service the next page defaults to.
    await page.keyboard.press('n');
    await summary.fill('synthetic checkout failed');
    await dialog.getByLabel('Service').fill('checkout-web');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.keyboard.press('n');
    await expect.poll(() => dialog.getByLabel('Service').inputValue()).toBe('checkout-web');
    await page.keyboard.type('payments-api p99 above 800ms');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('Draft kept');
    await page.reload();
    await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
    await page.keyboard.press('n');
    await expect.poll(() => summary.inputValue()).toBe('payments-api p99 above 800ms');
    await expect.poll(() => dialog.getByText('Your draft from before.').isVisible()).toBe(true);

    // Enter does not file it under checkout-web: the dialog asks.
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('the summary names payments-api');
    expect(await dialog.isVisible()).toBe(true);
    await expectAccessible(page, 'service question');
    await screenshot(page, 'service-question');
    await dialog.getByRole('button', { name: 'payments-api', exact: true }).click();
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = page.getByRole('row').filter({ hasText: 'payments-api p99 above 800ms' });
    await expect.poll(() => row.first().textContent()).toContain('payments-api');
    // Logged: the draft is gone.
    await page.keyboard.press('n');
    await expect.poll(() => summary.inputValue()).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a member’s join and leave dates are set with date pickers and kept when the rotation is saved again; hours as CSV in one click', async () => {
    const dir = demoStore();
    const url = await demoServer(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
    await page.keyboard.press('r');
    await page.getByRole('button', { name: 'Primary', exact: true }).click();
    await page.getByLabel('@dara joined').fill('2026-12-07');
    await page.getByRole('button', { name: 'Save rotation' }).click();
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('Rotation “Primary” saved.');
    const dara = (): unknown => {
      const list = JSON.parse(runCli(['rotation', 'list', '--data-dir', dir, '--json']).stdout) as {
        name: string;
        members: { handle: string; from: string | null }[];
      }[];
      return list.find((r) => r.name === 'Primary')?.members.find((m) => m.handle === 'dara')?.from;
    };
    expect(dara()).toBe('2026-12-07');

    // Saved again from a fresh load, touching nothing: the stored date stays. (A reload comes back
    // to the last view, Rotations.)
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Rotations' }).isVisible()).toBe(true);
    await page.keyboard.press('r');
    await page.getByRole('button', { name: 'Primary', exact: true }).click();
    await expect.poll(() => page.getByLabel('@dara joined').inputValue()).toBe('2026-12-07');
    await expectAccessible(page, 'member dates');
    await screenshot(page, 'member-dates');
    await page.getByRole('button', { name: 'Save rotation' }).click();
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('saved');
    expect(dara()).toBe('2026-12-07');

    // The pay file is one click away, in the CLI's shape.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hours as CSV' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'handle,name,zone,on_call_hours,business_hours,off_hours,sleep_hours,weekend_hours,holiday_hours,nights,weekends,share_of_time',
    );
    expect(csv).toMatch(/\r\nchen,Chen Liu,/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
