// Browser mode's reminders as Web Notifications (permission granted to the context, Playwright's
// clock), links into the app (#/page/<id>), the desktop settings in Me, and the quick-log
// window's page (#/quick-log), against `oncall serve` with a fresh store.

import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clockStartingAt } from '../../electron/clock';
import { openWorkstation } from '../../electron/workstation';
import { invokeOk, serve, tempDir, testNow } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** A store where Ann (this device) is in a daily rotation; `setup` adds what the test needs. */
function team(zone: string, setup: (ws: ReturnType<typeof openWorkstation>) => void = () => undefined): string {
  const dir = tempDir();
  const ws = openWorkstation(dir, { now: clockStartingAt(testNow), timeZone: zone });
  const ann = invokeOk(ws, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: zone });
  invokeOk(ws, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: zone });
  invokeOk(ws, 'me.set', { id: ann.id });
  setup(ws);
  ws.close();
  return dir;
}

/** Records every Web Notification the page shows (the real constructor still runs). */
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    window.Notification = Recorded;
  });
}
const shown = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications,
  );

describe('reminders in browser mode', () => {
  it('fires exactly one notification when my shift starts, and opens the app at a page link', async () => {
    let pageId = '';
    const dir = team('UTC', (ws) => {
      // Ann's daily shift starts at testNow (Wednesday 10:00 UTC).
      invokeOk(ws, 'rotations.save', {
        name: 'Payments primary',
        timeZone: 'UTC',
        start: '2026-11-25T10:00',
        shiftLength: 1,
        shiftUnit: 'days',
        members: [{ handle: 'ann' }, { handle: 'bo' }],
      });
      pageId = invokeOk(ws, 'pages.add', { service: 'payments-api', severity: 2, summary: 'checkout 502s' }).id;
    });
    const server = await serve(dir);
    const context = await newContext(browser(), {
      permissions: ['notifications'],
      viewport: { width: 1280, height: 900 },
    });
    await recordNotifications(context);
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect
      .poll(() => shown(page))
      .toEqual([
        {
          title: 'Your Payments primary shift starts now',
          body: 'On call until 10:00. Log each page with the quick-log shortcut.',
        },
      ]);
    // Minutes pass and the app checks again: still one — once per kind per day.
    await page.clock.runFor(5 * 60_000);
    await page.reload();
    await page.clock.runFor(2 * 60_000);
    await expect.poll(() => page.getByRole('button', { name: /Log a page/ }).isVisible()).toBe(true);
    expect(await shown(page)).toEqual([]);

    // A link to a page opens it.
    await page.goto(`${server.origin}/#/page/${pageId}`);
    const dialog = page.getByRole('dialog', { name: 'Edit page' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.getByLabel('What paged you?').inputValue()).toBe('checkout 502s');
    expect(page.url()).not.toContain('#/page');
    // A link that is not one of ours is refused and says why.
    await page.keyboard.press('Escape');
    await page.goto(`${server.origin}/#/settings/reset`);
    await expect.poll(() => page.getByText('Link not opened').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('fires none during my sleep hours when I am not on call, and speaks once I am awake', async () => {
    // 10:00 UTC is 23:00 in Auckland: Ann is asleep. Bo is on call; Ann's shift starts in 30 minutes,
    // her toil timer has run 3 hours, and the repository has conflicts — none of it may wake her.
    const dir = team('Pacific/Auckland', (ws) => {
      invokeOk(ws, 'rotations.save', {
        name: 'Payments primary',
        timeZone: 'UTC',
        start: '2026-11-24T10:30',
        shiftLength: 1,
        shiftUnit: 'days',
        members: [{ handle: 'bo' }, { handle: 'ann' }],
      });
    });
    const early = openWorkstation(dir, { now: clockStartingAt(testNow - 3 * 3_600_000) });
    invokeOk(early, 'toil.timer.start', { description: 'reindex search cluster' });
    early.close();
    const server = await serve(dir);
    const context = await newContext(browser(), {
      permissions: ['notifications'],
      viewport: { width: 1280, height: 900 },
    });
    await recordNotifications(context);
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect
      .poll(() => page.getByRole('button', { name: /Timer .* reindex search cluster/ }).isVisible())
      .toBe(true);
    await page.clock.runFor(3 * 60_000);
    expect(await shown(page)).toEqual([]);

    // Me: the reminders panel, permission already granted.
    await page.keyboard.press('m');
    await expect.poll(() => page.getByText('Browser notifications are on').isVisible()).toBe(true);
    await expectAccessible(page, 'me with reminders');
    await screenshot(page, 'me-reminders');

    // 08:30 in Auckland: awake (and on call since 23:30) — the long toil timer is mentioned, once.
    await page.clock.fastForward('09:30:00');
    await expect
      .poll(async () => (await shown(page)).map((n) => n.title))
      .toContain('Your toil timer has run 12 hours');
    expect((await shown(page)).filter((n) => n.title.startsWith('Your toil timer'))).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('refuses a shortcut another app owns and saves a free one, in Me', async () => {
    const dir = team('UTC');
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect
      .poll(() =>
        page
          .locator('header')
          .getByRole('button', { name: /Log a page/ })
          .isVisible(),
      )
      .toBe(true);
    await page.keyboard.press('m');
    const field = page.getByLabel('Quick-log shortcut (from any app, desktop app)');
    await expect.poll(() => field.inputValue()).toBe('Ctrl+Alt+Shift+L');
    await field.fill('Ctrl+C');
    await page.getByRole('button', { name: 'Save shortcut' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Shortcut: Ctrl+C is taken by copy');
    await field.fill('Ctrl+Alt+9');
    await page.getByRole('button', { name: 'Save shortcut' }).click();
    await expect.poll(() => page.getByText('Quick-log shortcut: Ctrl+Alt+9.').isVisible()).toBe(true);
    // Saved as it is clicked (the box follows once the device stored it).
    await page.getByLabel('A toil timer running over 2 hours').click();
    await expect.poll(() => page.getByText(/Reminder off: A toil timer/).isVisible()).toBe(true);
    expect(await page.getByLabel('A toil timer running over 2 hours').isChecked()).toBe(false);
    await page.reload();
    await expect
      .poll(() =>
        page
          .locator('header')
          .getByRole('button', { name: /Log a page/ })
          .isVisible(),
      )
      .toBe(true);
    await page.keyboard.press('m');
    await expect.poll(() => field.inputValue()).toBe('Ctrl+Alt+9');
    expect(await page.getByLabel('A toil timer running over 2 hours').isChecked()).toBe(false);
    await screenshot(page, 'me-shortcut');
    expect(problems).toEqual([]);
  });
});

describe('the quick-log window’s page', () => {
  it('opens on the page form: Enter saves and asks to hide, ready for the next page; Esc asks to hide and keeps the draft', async () => {
    const dir = team('UTC');
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 520, height: 600 } });
    // In the desktop app, window.close() from this page hides the window (electron/shell/port.ts);
    // a tab would really close, so here each request is counted instead.
    await context.addInitScript(() => {
      const counted = window as unknown as { closeRequests: number };
      counted.closeRequests = 0;
      window.close = () => {
        counted.closeRequests += 1;
      };
    });
    const closeRequests = (page: Page) =>
      page.evaluate(() => (window as unknown as { closeRequests: number }).closeRequests);
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}#/quick-log`);
    const dialog = page.getByRole('dialog', { name: 'Log a page' });
    const summary = dialog.getByLabel('What paged you?');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('navigation', { name: 'Views' }).count()).toBe(0);
    await expectAccessible(page, 'quick log');
    await screenshot(page, 'quick-log');

    await page.keyboard.type('payments-api 5xx burst');
    await page.keyboard.press('Tab');
    await page.keyboard.type('payments-api');
    await page.keyboard.press('Enter');
    // Saved: the window is asked to hide, and the form is empty and focused for the next page.
    await expect.poll(() => closeRequests(page)).toBe(1);
    await expect.poll(() => summary.inputValue()).toBe('');
    const ws = openWorkstation(dir, { now: clockStartingAt(testNow) });
    expect(invokeOk(ws, 'pages.list', {}).pages.map((p) => p.summary)).toEqual(['payments-api 5xx burst']);
    ws.close();

    await page.keyboard.type('half a thought');
    await expect.poll(() => summary.inputValue()).toBe('half a thought');
    await page.keyboard.press('Escape');
    await expect.poll(() => closeRequests(page)).toBe(2);
    expect(await dialog.isVisible()).toBe(true);
    expect(await summary.inputValue()).toBe('half a thought');
    expect(problems).toEqual([]);
  });
});
