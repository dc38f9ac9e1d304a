// Errors a new user meets on `oncall demo` data name the field and what it wants (issue #17).

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('clear errors', () => {
  it('a new SLO saved with nothing typed asks for the service, then for a name; nothing is stored', async () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data-dir', dir]).code).toBe(0);
    const slos = (): number =>
      (JSON.parse(runCli(['slo', 'list', '--data-dir', dir, '--json']).stdout) as unknown[]).length;
    const before = slos();
    const { url } = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1024, height: 768 } });
    const { page, problems } = await openPage(context);
    await page.goto(url);
    await expect.poll(() => page.getByRole('grid', { name: 'Pages, newest first' }).isVisible()).toBe(true);
    await page.keyboard.press('b');
    await page.getByRole('button', { name: 'New SLO' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New SLO' });
    await expect.poll(() => dialog.isVisible()).toBe(true);

    // Enter at once, from the Service field: the Service is asked for, under it.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('alert').allTextContents())
      .toEqual(['give the service this SLO is for, e.g. checkout-web']);
    expect(await dialog.getByRole('textbox', { name: 'Service' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'new SLO, no service');
    await screenshot(page, 'slo-no-service');

    // A service, its name emptied: the name is asked for.
    await page.keyboard.type('checkout-web');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('');
    await dialog.getByRole('textbox', { name: 'Service' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('alert').allTextContents())
      .toEqual(['give it a name: lowercase letters, digits or “-”']);
    expect(slos()).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
