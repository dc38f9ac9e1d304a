// An on-call engineer's first night, in real Chromium against `oncall serve` with a fresh store.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir, testNow } from '../helpers';
import { expectAccessible, openPage, screenshot, useBrowser, newContext } from './browser';

const browser = useBrowser();

describe('logging and reviewing pages in the browser', () => {
  it('logs a page with the keyboard only, sees it in the list and in My week, keeps it across a reload, deletes and undoes', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'Europe/Berlin']);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);

    // A new user is told what to do.
    await expect.poll(() => page.getByRole('heading', { name: 'No pages yet' }).isVisible()).toBe(true);
    expect(page.url()).not.toContain('token='); // the token leaves the address bar
    await expectAccessible(page, 'empty state');
    await screenshot(page, 'empty');

    // n, type what paged you, Tab, the service, Enter: done.
    const started = performance.now();
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Log a page' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.type('payments-api p99 latency above 800ms');
    await page.keyboard.press('Tab');
    await page.keyboard.type('payments-api');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = page.getByRole('row').filter({ hasText: 'payments-api p99 latency above 800ms' });
    await expect.poll(() => row.count()).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect.poll(() => row.textContent()).toContain('SEV3');

    // The second page defaults to the last service and severity.
    await page.keyboard.press('n');
    await expect.poll(() => page.getByRole('dialog').getByLabel('Service').inputValue()).toBe('payments-api');
    await expectAccessible(page, 'log dialog');
    await screenshot(page, 'log-dialog');
    await page.keyboard.type('card processor timeouts');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await expectAccessible(page, 'pages list');
    await screenshot(page, 'pages');

    // My week shows them.
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('stat-pages').textContent()).toContain('2');
    await expect.poll(() => page.getByTestId('stat-actionable').textContent()).toContain('0');
    await expectAccessible(page, 'my week');
    await screenshot(page, 'week');

    // Still there after a reload (same token, kept for this tab); the reload comes back to My week.
    await page.reload();
    await expect.poll(() => page.getByTestId('stat-pages').textContent()).toContain('2');
    await page.keyboard.press('p');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);

    // Delete with the keyboard, then undo.
    await page.getByRole('grid', { name: 'Pages, newest first' }).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByRole('row').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Page deleted: card processor timeouts');
    await page.getByRole('grid', { name: 'Pages, newest first' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await expect.poll(() => page.getByRole('row').first().textContent()).toContain('card processor timeouts');
    // The toast that offered this undo is gone, so it cannot undo something else later.
    await expect.poll(() => page.locator('.toasts').textContent()).not.toContain('Page deleted');

    // Settings view is reachable and accessible too.
    await page.keyboard.press('m');
    await expect.poll(() => page.getByRole('heading', { name: 'Me' }).isVisible()).toBe(true);
    await expectAccessible(page, 'me');
    await screenshot(page, 'me');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('edits a page: acknowledge and resolve times, actionable, time spent — and shows a clear error for bad input', async () => {
    const dir = tempDir();
    // Seconds and milliseconds that the form (minutes only) cannot show.
    const seededAt = new Date(Math.floor(testNow / 60_000) * 60_000 - 3_600_000 + 45_123).toISOString();
    runCli([
      'page',
      'add',
      '--data-dir',
      dir,
      '--service',
      'db',
      '--severity',
      '2',
      '--summary',
      'replica lag',
      '--at',
      seededAt,
    ]);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    // The page must be in the list before Enter can open it.
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'replica lag' }).count()).toBe(1);
    await page.getByRole('grid', { name: 'Pages, newest first' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit page' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.getByLabel('Actionable', { exact: true }).check();
    await page.getByLabel('Time spent').fill('-4');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Time spent: "-4" must not be negative');
    await page.getByLabel('Time spent').fill('1h30');
    await page.locator('textarea[name="notes"]').fill('Restarted the replication worker.');
    await screenshot(page, 'edit-dialog');
    await page.locator('textarea[name="notes"]').press('Control+Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = page.getByRole('row').first();
    await expect.poll(() => row.textContent()).toContain('actionable');
    await expect.poll(() => row.textContent()).toContain('1 h 30 min');
    // Times the person did not touch keep their seconds.
    const [saved] = JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--json']).stdout) as {
      receivedAt: string;
      triage: string;
    }[];
    expect(saved).toMatchObject({ receivedAt: seededAt, triage: 'actionable' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stays accessible and readable in dark mode, with a large history', async () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data-dir', dir, '--pages', '20000', '--seed', '3']).code).toBe(0);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(10);
    // Only the rows on screen exist, however long the history.
    expect(await page.getByRole('row').count()).toBeLessThan(60);
    await expectAccessible(page, 'pages (dark)');
    await screenshot(page, 'pages-dark');
    const rows = async (): Promise<string[]> => page.getByRole('row').allTextContents();
    await page.getByLabel('Search pages').fill('disk');
    await expect.poll(async () => (await rows()).every((t) => /disk/i.test(t))).toBe(true);
    await page.getByLabel('Severity').selectOption('5');
    await expect.poll(async () => (await rows()).every((t) => /disk/i.test(t) && t.includes('SEV5'))).toBe(true);
    expect((await rows()).length).toBeGreaterThan(0);
    await page.getByLabel('Search pages').fill('no such words anywhere');
    await expect.poll(() => page.getByText('No pages match these filters.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await rows()).length).toBeGreaterThan(10);
    await page.keyboard.press('Escape');
    await page.keyboard.press('w');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'target' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'my week (dark)');
    await screenshot(page, 'week-dark');
    expect(problems).toEqual([]);
    await context.close();
  });
});
