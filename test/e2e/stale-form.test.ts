// A page edited in two windows at once (two tabs on one `oncall serve`): the second save is
// refused with a clear message instead of overwriting the first, and "Reapply my edit" puts only
// what that person changed onto the newer page — both edits are kept.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

async function editDialog(url: string) {
  const context = await newContext(browser(), { viewport: { width: 1280, height: 800 } });
  const opened = await openPage(context);
  const { page } = opened;
  await page.goto(url);
  await expect.poll(() => page.getByRole('row').filter({ hasText: 'replica lag' }).count()).toBe(1);
  await page.getByRole('grid', { name: 'Pages, newest first' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Edit page' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return { ...opened, dialog };
}

describe('a page form saved after the page changed elsewhere', () => {
  it('is refused with a clear message, and the edit is reapplied onto the newer page', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    runCli(['page', 'add', '--data-dir', dir, '--service', 'db', '--severity', '2', '--summary', 'replica lag']);
    const server = await serve(dir);
    const ann = await editDialog(server.url);
    const bo = await editDialog(server.url);

    // Bo saves first: actionable.
    await bo.page.getByLabel('Actionable', { exact: true }).check();
    await bo.page.getByRole('button', { name: 'Save page' }).click();
    await expect.poll(() => bo.dialog.isVisible()).toBe(false);

    // Ann's form still shows the page as it was: her notes are not saved over Bo's change.
    await ann.page.locator('textarea[name="notes"]').fill('Restarted the replication worker.');
    await ann.page.getByRole('button', { name: 'Save page' }).click();
    await expect
      .poll(() => ann.dialog.getByRole('alert').textContent())
      .toContain('This page was changed elsewhere after you opened it');
    const list = () =>
      JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--json']).stdout) as { triage: string; notes: string }[];
    expect(list()[0]).toMatchObject({ triage: 'actionable', notes: '' });
    await screenshot(ann.page, 'page-form-stale');
    await expectAccessible(ann.page, 'page form stale');

    await ann.page.getByRole('button', { name: 'Reapply my edit' }).click();
    await expect.poll(() => ann.dialog.isVisible()).toBe(false);
    expect(list()[0]).toMatchObject({ triage: 'actionable', notes: 'Restarted the replication worker.' });
    expect([...ann.problems, ...bo.problems]).toEqual([]);
  });
});
