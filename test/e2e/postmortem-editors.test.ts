// Two people in one postmortem at once — two browser tabs on one `oncall serve`, and two
// `oncall serve` processes on one store — typing into the same section: both texts survive, each
// editor learns of the other's within seconds, and the cursor stays where its person was typing.
// Where the same line changed, both versions are shown section by section.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../shared/postmortem-contract';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();
const section = 'Why It Happened';

async function openPostmortem(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
  const opened = await openPage(context);
  const { page } = opened;
  await page.goto(url);
  const item = page.getByRole('button', { name: /Pool exhaustion/ });
  // The studio is one key away once the app has loaded.
  await expect
    .poll(async () => {
      if (!(await item.isVisible())) await page.keyboard.press('i');
      return item.isVisible();
    })
    .toBe(true);
  await item.click();
  await expect.poll(() => editor(page).isVisible()).toBe(true);
  return opened;
}

const editor = (page: Page) => page.getByRole('textbox', { name: section, exact: true });
const textOf = (page: Page) => editor(page).textContent();

function setUp(): { dir: string; id: string } {
  const dir = tempDir();
  runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
  const pm = JSON.parse(
    runCli(['postmortem', 'new', '--data-dir', dir, '--title', 'Pool exhaustion', '--json']).stdout,
  ) as Postmortem;
  return { dir, id: pm.id };
}

describe.each([
  ['two tabs on one oncall serve', 1],
  ['two oncall serve processes on one store', 2],
])('two editors of one postmortem: %s', (_name, servers) => {
  it('keeps both people’s typing in one section and each cursor where it was', async () => {
    const { dir, id } = setUp();
    const first = await serve(dir);
    const second = servers === 2 ? await serve(dir) : first;
    const ann = await openPostmortem(first.url);
    const bo = await openPostmortem(second.url);

    // Ann writes three lines; Bo's editor shows them within a few seconds without reloading.
    await editor(ann.page).click();
    await ann.page.keyboard.insertText('The pool was small.\n\nRetries doubled the load.\n\nNo alarm on saturation.');
    await expect
      .poll(() => textOf(bo.page), { timeout: 8000 })
      .toBe('The pool was small.Retries doubled the load.No alarm on saturation.');

    // Both type at once: Ann at the end of the first line, Bo at the end of the last.
    await editor(ann.page).click();
    await ann.page.keyboard.press('Control+Home');
    await ann.page.keyboard.press('End');
    await editor(bo.page).click();
    await bo.page.keyboard.press('Control+End');
    await Promise.all([
      ann.page.keyboard.type(' Sized for last year’s peak (Ann).', { delay: 25 }),
      bo.page.keyboard.type(' The dashboard had none either (Bo).', { delay: 25 }),
    ]);
    const both =
      'The pool was small. Sized for last year’s peak (Ann).Retries doubled the load.' +
      'No alarm on saturation. The dashboard had none either (Bo).';
    await expect.poll(() => textOf(ann.page), { timeout: 10_000 }).toBe(both);
    await expect.poll(() => textOf(bo.page), { timeout: 10_000 }).toBe(both);

    // Each cursor stayed where its person was typing: the next keys land there.
    await ann.page.keyboard.type(' [A]');
    await bo.page.keyboard.type(' [B]');
    const after =
      'The pool was small. Sized for last year’s peak (Ann). [A]Retries doubled the load.' +
      'No alarm on saturation. The dashboard had none either (Bo). [B]';
    await expect.poll(() => textOf(ann.page), { timeout: 10_000 }).toBe(after);
    await expect.poll(() => textOf(bo.page), { timeout: 10_000 }).toBe(after);
    await expect
      .poll(() => runCli(['postmortem', 'export', id, '--data-dir', dir]).stdout)
      .toContain(
        '## Why It Happened\n\nThe pool was small. Sized for last year’s peak (Ann). [A]\n\nRetries doubled the load.\n\n' +
          'No alarm on saturation. The dashboard had none either (Bo). [B]\n',
      );
    expect(JSON.parse(runCli(['conflicts', '--data-dir', dir, '--json']).stdout)).toEqual([]);
    expect([...ann.problems, ...bo.problems]).toEqual([]);
  });
});

describe('two editors changing the same line', () => {
  it('shows both versions section by section in both editors, and one comes back whole', async () => {
    const { dir, id } = setUp();
    const server = await serve(dir);
    const ann = await openPostmortem(server.url);
    const bo = await openPostmortem(server.url);
    await editor(ann.page).click();
    await ann.page.keyboard.insertText('The pool was small.');
    await expect.poll(() => textOf(bo.page), { timeout: 8000 }).toBe('The pool was small.');

    // Both rewrite the one line before either editor hears of the other.
    for (const { page } of [ann, bo]) {
      await editor(page).click();
      await page.keyboard.press('Control+A');
    }
    await Promise.all([
      ann.page.keyboard.insertText('Ann: the pool was sized for last year.'),
      bo.page.keyboard.insertText('Bo: the pool ran dry at 03:12.'),
    ]);
    for (const { page } of [ann, bo]) {
      await expect
        .poll(() => page.getByRole('heading', { name: 'Changed on two devices' }).isVisible(), { timeout: 10_000 })
        .toBe(true);
    }
    const kept = await textOf(ann.page);
    await expect.poll(() => textOf(bo.page), { timeout: 10_000 }).toBe(kept);
    const setAside = kept?.startsWith('Ann')
      ? 'Bo: the pool ran dry at 03:12.'
      : 'Ann: the pool was sized for last year.';
    await ann.page.getByRole('button', { name: 'Compare section by section' }).click();
    await expect.poll(() => ann.page.locator('.clash-sections').textContent()).toContain(setAside);
    await screenshot(ann.page, 'postmortem-editors-clash');
    await expectAccessible(ann.page, 'postmortem editors clash');
    await ann.page.getByRole('button', { name: 'Use the other version', exact: true }).click();
    await expect.poll(() => textOf(ann.page), { timeout: 10_000 }).toBe(setAside);
    await expect.poll(() => textOf(bo.page), { timeout: 10_000 }).toBe(setAside);
    expect(runCli(['postmortem', 'export', id, '--data-dir', dir]).stdout).toContain(setAside);
  });
});
