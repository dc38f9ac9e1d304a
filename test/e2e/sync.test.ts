// Git sync in the browser: connect a local bare repository in the settings screen, log a page,
// sync, watch the status, and see a teammate's page arrive after their sync.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeOk, runCli, serve, tempDir, tempWorkstation } from '../helpers';
import { expectAccessible, openPage, screenshot, useBrowser, newContext } from './browser';

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
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
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

    // A fresh laptop: nobody has said who it is yet.
    const dir = tempDir();
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'No pages yet' }).isVisible()).toBe(true);
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
    await expect.poll(() => panel.getByText(/received 60,000/).isVisible()).toBe(true);

    // Who is this device? Someone from the team's roster.
    const who = panel.getByRole('form', { name: 'Who is this device?' });
    await expect.poll(() => who.isVisible()).toBe(true);
    const roster = await who.getByLabel('I am on the team as').locator('option').allTextContents();
    expect(roster.length).toBeGreaterThan(2);
    await screenshot(page, 'repository-who-is-this');
    await expectAccessible(page, 'repository (who is this device)');
    const person = roster[1] ?? '';
    await who.getByLabel('I am on the team as').selectOption({ label: person });
    const team =
      (
        await who
          .getByRole('combobox', { name: /^On the team/ })
          .locator('option')
          .allTextContents()
      )[1] ?? '';
    await who.getByRole('combobox', { name: /^On the team/ }).selectOption({ label: team });
    await who.getByRole('button', { name: 'This is me' }).click();
    await expect
      .poll(() => page.getByText(`This device logs pages as ${person}, on team ${team}.`).isVisible())
      .toBe(true);
    // The confirmation and the form's closing are two renders: wait for the second as a person would.
    await expect.poll(() => who.isVisible()).toBe(false);
    expect(problems).toEqual([]);
  }, 120_000);

  it('asks the author in the editor when a postmortem’s lines clashed in a sync', async () => {
    const remote = path.join(tempDir('oncall-bare-'), 'reliability.git');
    execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const device = (name: string, handle: string) => {
      const ws = tempWorkstation({ now: clock });
      const me = invokeOk(ws, 'people.save', { name, handle, timeZone: 'UTC' });
      invokeOk(ws, 'me.set', { id: me.id });
      invokeOk(ws, 'repo.connect', { url: remote });
      return ws;
    };
    const ann = device('Ann Berg', 'ann');
    const bo = device('Bo Okafor', 'bo');
    const pm = invokeOk(ann, 'postmortems.create', { title: 'Pool exhaustion' });
    const body =
      '## What Happened\n\nThe pool filled at 02:10.\n\nCheckout slowed.\n\n## Why It Happened\n\nbecause the pool is small\n';
    invokeOk(ann, 'postmortems.save', { id: pm.id, body });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    // Both change the same line; Ann also adds a "because". Bo's edit is the later one.
    t += 60_000;
    invokeOk(ann, 'postmortems.save', {
      id: pm.id,
      body: body
        .replace('Checkout slowed.', 'Checkout slowed to 4 s.')
        .replace('is small\n', 'is small\nbecause nothing alarms on pool use\n'),
    });
    t += 60_000;
    invokeOk(bo, 'postmortems.save', { id: pm.id, body: body.replace('Checkout slowed.', 'Checkout timed out.') });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    const boDir = bo.ctx.dataDir;
    bo.close();

    const server = await serve(boDir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 1000 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'No pages yet' }).isVisible()).toBe(true);
    // The header says there is a conflict; it leads to Review conflicts, and that to the editor.
    await page.getByRole('button', { name: /1 conflict to review/ }).click();
    await page.getByRole('button', { name: 'Compare in the editor' }).click();
    const clash = page.getByRole('region', { name: 'Changed on two devices' });
    await expect.poll(() => clash.isVisible()).toBe(true);
    expect(await clash.textContent()).toContain('2 sections differ');
    await clash.getByRole('button', { name: 'Compare section by section' }).click();
    const why = clash.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Why It Happened' }) });
    expect(await why.locator('ins').textContent()).toContain('because nothing alarms on pool use');
    await screenshot(page, 'postmortem-text-clash');
    await expectAccessible(page, 'postmortem text clash');

    // Ann's "because" is taken; Bo's line in What Happened stays.
    await why.getByRole('button', { name: 'Use the other version of this section' }).click();
    await expect.poll(() => clash.textContent()).toContain('1 section differs');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Why It Happened', exact: true }).textContent())
      .toContain('because nothing alarms on pool use');
    await clash.getByRole('button', { name: 'Keep the editor’s text' }).click();
    await expect.poll(() => clash.isVisible()).toBe(false);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /^Saved/ })
          .isVisible(),
      )
      .toBe(true);
    const saved = runCli(['postmortem', 'export', pm.id, '--data-dir', boDir]).stdout;
    expect(saved).toContain('Checkout timed out.');
    expect(saved).toContain('because nothing alarms on pool use');
    expect(runCli(['conflicts', '--data-dir', boDir]).stdout).toContain('No conflicts to review.');
    expect(problems).toEqual([]);
  }, 120_000);
});
