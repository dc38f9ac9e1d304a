// A page, an incident, an action item and a rotation, each edited in two windows at once (two
// tabs on one `oncall serve`): the second save is refused with a clear message instead of
// overwriting the first, and "Reapply my edit" puts only what that person changed onto the newer
// record — both edits are kept.

import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** One window on the app at `url`. */
async function openWindow(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
  const opened = await openPage(context);
  await opened.page.goto(url);
  return opened;
}

/** Presses a view's key until `ready` shows (the keys work once the app has loaded). */
async function toView(page: Page, key: string, ready: ReturnType<Page['getByRole']>): Promise<void> {
  await expect
    .poll(async () => {
      if (!(await ready.isVisible())) await page.keyboard.press(key);
      return ready.isVisible();
    })
    .toBe(true);
}

function cliJson<T>(dir: string, ...args: string[]): T {
  const run = runCli([...args, '--data-dir', dir, '--json']);
  if (run.code !== 0) throw new Error(`oncall ${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

function setUp(): string {
  const dir = tempDir();
  runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
  return dir;
}

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

describe('the other forms saved after their record changed elsewhere', () => {
  it('an incident’s times: refused with a clear message, then reapplied without losing the newer time', async () => {
    const dir = setUp();
    const page = cliJson<{ id: string }>(
      dir,
      'page',
      'add',
      '--service',
      'db',
      '--severity',
      '2',
      '--summary',
      'replica lag',
      '--at',
      '2026-11-08T02:00:00Z',
    );
    cliJson(dir, 'incident', 'create', '--page', page.id, '--title', 'Replica lag', '--severity', '3');
    const server = await serve(dir);
    const incidentTimes = () =>
      cliJson<{ mitigatedAt: string | null; resolvedAt: string | null }[]>(dir, 'incident', 'list')[0];
    const open = async () => {
      const window = await openWindow(server.url);
      const item = window.page.getByRole('button', { name: /Replica lag/ });
      await toView(window.page, 'i', item);
      await item.click();
      await expect.poll(() => window.page.getByLabel('Resolved').isVisible()).toBe(true);
      return window;
    };
    const ann = await open();
    const bo = await open();

    // Bo saves first: resolved at 04:00.
    await bo.page.getByLabel('Resolved').fill('2026-11-08T04:00');
    await bo.page.getByLabel('Resolved').blur();
    await expect.poll(() => incidentTimes()?.resolvedAt).toBe('2026-11-08T04:00:00.000Z');

    // Ann's form still shows the incident as it was: her time is not saved over Bo's change.
    await ann.page.getByLabel('Mitigated').fill('2026-11-08T03:10');
    await ann.page.getByLabel('Mitigated').blur();
    const alert = ann.page.getByRole('alert').filter({ hasText: 'changed elsewhere' });
    await expect.poll(() => alert.textContent()).toContain('This incident was changed elsewhere after you opened it');
    expect(incidentTimes()).toMatchObject({ mitigatedAt: null, resolvedAt: '2026-11-08T04:00:00.000Z' });
    await screenshot(ann.page, 'incident-form-stale');
    await expectAccessible(ann.page, 'incident form stale');

    await ann.page.getByRole('button', { name: 'Reapply my edit' }).click();
    await expect.poll(() => incidentTimes()?.mitigatedAt).toBe('2026-11-08T03:10:00.000Z');
    expect(incidentTimes()?.resolvedAt).toBe('2026-11-08T04:00:00.000Z');
    await expect.poll(() => alert.count()).toBe(0);
    expect([...ann.problems, ...bo.problems]).toEqual([]);
  });

  it('an action item: refused with a clear message, then reapplied keeping the newer owner', async () => {
    const dir = setUp();
    runCli(['person', 'add', '--data-dir', dir, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
    const pm = cliJson<{ id: string }>(dir, 'postmortem', 'new', '--title', 'Pool exhaustion');
    const item = cliJson<{ id: string }>(
      dir,
      'actions',
      'add',
      pm.id,
      'Alert on pool use',
      '--owner',
      'ann',
      '--due',
      '2026-12-15',
      '--because',
      '1',
    );
    const server = await serve(dir);
    const stored = () =>
      cliJson<{ id: string; title: string; owner: string | null }[]>(dir, 'actions').find((a) => a.id === item.id);
    const open = async () => {
      const window = await openWindow(server.url);
      const entry = window.page.getByRole('button', { name: /Pool exhaustion/ });
      await toView(window.page, 'i', entry);
      await entry.click();
      const row = window.page.getByRole('row').filter({ hasText: 'Alert on pool use' });
      await expect.poll(() => row.isVisible()).toBe(true);
      await row.getByRole('button', { name: 'Edit' }).click();
      const form = window.page.getByRole('form', { name: 'Edit action item' });
      await expect.poll(() => form.isVisible()).toBe(true);
      return { ...window, form };
    };
    const ann = await open();
    const bo = await open();

    // Bo saves first: he owns it now.
    await bo.form.getByLabel('Owner').fill('bo');
    await bo.form.getByRole('button', { name: 'Save action item' }).click();
    await expect.poll(() => stored()?.owner).toBe('bo');

    // Ann's form still has ann as owner: her new title is refused, not saved with ann over Bo.
    await ann.form.getByLabel('Edit action item').fill('Alert when the pool is 80% used');
    await ann.form.getByRole('button', { name: 'Save action item' }).click();
    await expect
      .poll(() => ann.form.getByRole('alert').textContent())
      .toContain('This action item was changed elsewhere after you opened it');
    expect(stored()).toMatchObject({ title: 'Alert on pool use', owner: 'bo' });
    await screenshot(ann.page, 'action-item-form-stale');
    await expectAccessible(ann.page, 'action item form stale');

    await ann.form.getByRole('button', { name: 'Reapply my edit' }).click();
    await expect.poll(() => stored()?.title).toBe('Alert when the pool is 80% used');
    expect(stored()?.owner).toBe('bo');
    expect([...ann.problems, ...bo.problems]).toEqual([]);
  });

  it('a rotation: refused with a clear message, then reapplied keeping the newer member', async () => {
    const dir = setUp();
    runCli(['person', 'add', '--data-dir', dir, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
    runCli(['person', 'add', '--data-dir', dir, '--name', 'Chen Liu', '--handle', 'chen', '--zone', 'UTC']);
    runCli([
      'rotation',
      'add',
      'Search primary',
      '--data-dir',
      dir,
      '--zone',
      'UTC',
      '--start',
      '2026-11-02T09:00',
      '--every',
      '1w',
      '--members',
      'ann,bo',
    ]);
    const server = await serve(dir);
    const stored = () =>
      cliJson<{ start: string; members: { handle: string }[] }[]>(dir, 'rotation', 'list').map((r) => ({
        start: r.start,
        members: r.members.map((m) => m.handle),
      }))[0];
    const open = async () => {
      const window = await openWindow(server.url);
      const rules = window.page.getByRole('region', { name: 'Rotation rules' });
      await toView(window.page, 'r', rules);
      await rules.getByRole('button', { name: 'Search primary' }).click();
      await expect.poll(() => rules.getByLabel('Members, in order').inputValue()).toBe('ann, bo');
      return { ...window, rules };
    };
    const ann = await open();
    const bo = await open();

    // Bo saves first: chen joins.
    await bo.rules.getByLabel('Members, in order').fill('ann, bo, chen');
    await bo.rules.getByRole('button', { name: 'Save rotation' }).click();
    await expect.poll(() => stored()?.members).toEqual(['ann', 'bo', 'chen']);

    // Ann's editor still lists ann and bo: her new handoff time is refused, chen is not dropped.
    await ann.rules.getByLabel('First handoff').fill('2026-11-02T10:00');
    await ann.rules.getByRole('button', { name: 'Save rotation' }).click();
    await expect
      .poll(() => ann.rules.getByRole('alert').textContent())
      .toContain('This rotation was changed elsewhere after you opened it');
    expect(stored()).toEqual({ start: '2026-11-02T09:00', members: ['ann', 'bo', 'chen'] });
    await screenshot(ann.page, 'rotation-form-stale');
    await expectAccessible(ann.page, 'rotation form stale');

    await ann.rules.getByRole('button', { name: 'Reapply my edit' }).click();
    await expect.poll(() => stored()?.start).toBe('2026-11-02T10:00');
    expect(stored()?.members).toEqual(['ann', 'bo', 'chen']);
    expect([...ann.problems, ...bo.problems]).toEqual([]);
  });
});
