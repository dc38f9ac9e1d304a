// Git sync in the browser: connect a local bare repository in the settings screen, log a page,
// sync, watch the status, and see a teammate's page arrive after their sync.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('the reliability repository in the browser', () => {
  it('connects, syncs a page, shows the status, and brings in a teammate’s page', async () => {
    const remote = path.join(tempDir('oncall-bare-'), 'reliability.git');
    execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    const bo = tempDir();
    runCli(['me', 'set', '--data-dir', bo, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);

    const server = await serve(dir);
    const context = await browser().newContext({ viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'No pages yet' }).isVisible()).toBe(true);
    await page.keyboard.press('m');
    const panel = page.getByRole('region', { name: 'Reliability repository' });
    await panel.getByLabel('Repository URL or path').fill(path.join(tempDir(), 'nowhere.git'));
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/git clone failed/);
    await expectAccessible(page, 'repository (not connected)');

    await panel.getByLabel('Repository URL or path').fill(remote);
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Synced just now/ }).isVisible()).toBe(true);

    // Log a page: one change waits, then Sync now sends it.
    await page.keyboard.press('n');
    await page.getByLabel('What paged you?').fill('checkout latency above 2 s');
    await page.getByLabel('Service').fill('checkout');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /1 change waiting/ }).isVisible()).toBe(true);
    await page.getByRole('button', { name: /1 change waiting/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /Synced just now/ }).isVisible()).toBe(true);
    const pushed = execFileSync('git', ['-C', remote, 'log', '--format=%s', 'main'], { encoding: 'utf8' });
    expect(pushed).toMatch(/^1 page — ann@/);

    // Bo, on his own machine, syncs a page of his.
    runCli(['repo', 'connect', remote, '--data-dir', bo]);
    runCli([
      'page',
      'add',
      '--data-dir',
      bo,
      '--service',
      'search',
      '--severity',
      '3',
      '--summary',
      'search index lagging',
    ]);
    expect(runCli(['sync', '--data-dir', bo]).code).toBe(0);

    await page.keyboard.press('m');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => panel.getByText(/received 1/).isVisible()).toBe(true);
    await screenshot(page, 'repository-connected');
    await expectAccessible(page, 'repository (connected)');
    await page.keyboard.press('p');
    await expect.poll(() => page.getByText('search index lagging').isVisible()).toBe(true);
    expect(await page.getByText('@bo').first().isVisible()).toBe(true);
    await screenshot(page, 'pages-after-sync');
    expect(problems).toEqual([]);
  });

  it('shows how far a long first import has got, and stays usable meanwhile', async () => {
    // A teammate's 60,000 pages in the repository.
    const remote = path.join(tempDir('oncall-bare-'), 'reliability.git');
    execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
    const teammate = tempDir();
    const demo = ['--people', '4', '--months', '6', '--pages', '60000', '--until', '2026-11-20T00:00:00Z'];
    expect(runCli(['demo', '--data-dir', teammate, ...demo]).code).toBe(0);
    expect(runCli(['repo', 'connect', remote, '--data-dir', teammate]).code).toBe(0);
    expect(runCli(['sync', '--data-dir', teammate]).code).toBe(0);

    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Cy Diaz', '--handle', 'cy', '--zone', 'UTC']);
    const server = await serve(dir);
    const context = await browser().newContext({ viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await page.keyboard.press('m');
    const panel = page.getByRole('region', { name: 'Reliability repository' });
    await panel.getByLabel('Repository URL or path').fill(remote);
    await panel.getByRole('button', { name: 'Connect' }).click();
    // The phase and count, a bar, and the header's share while it runs.
    const bar = panel.getByRole('progressbar', { name: 'Sync progress' });
    await expect.poll(() => bar.isVisible()).toBe(true);
    await expect.poll(() => panel.getByText(/Importing records: [\d,]+ of 60,\d{3}/).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Syncing… \d+%/ }).isVisible()).toBe(true);
    await screenshot(page, 'repository-first-import');
    // Still usable meanwhile: the pages view opens and answers.
    await page.keyboard.press('p');
    await expect.poll(() => page.getByRole('heading', { name: /^(Pages|No pages yet)$/ }).isVisible()).toBe(true);
    await page.keyboard.press('m');
    await expect
      .poll(() => page.getByRole('button', { name: /Synced just now/ }).isVisible(), { timeout: 60_000 })
      .toBe(true);
    expect(await bar.isVisible()).toBe(false);
    await expect.poll(() => panel.getByText(/received 60000/).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);
});
