// The postmortem studio in Chromium: pages → incident → postmortem from the default template,
// the coach while typing, an action item, ready, export; autosave surviving SIGKILL; hostile
// Markdown staying inert in the preview.

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../shared/postmortem-contract';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, openPage, screenshot, useBrowser, newContext } from './browser';
import { expectStudioSaved } from './studio';

const browser = useBrowser();

function setUp(): { dir: string; pages: string[] } {
  const dir = tempDir();
  runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'Europe/Berlin']);
  runCli(['person', 'add', '--data-dir', dir, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
  const add = (summary: string, at: string, extra: string[] = []): string =>
    (
      JSON.parse(
        runCli([
          'page',
          'add',
          '--data-dir',
          dir,
          '--service',
          'checkout',
          '--severity',
          '2',
          '--summary',
          summary,
          '--at',
          at,
          '--json',
          ...extra,
        ]).stdout,
      ) as { id: string }
    ).id;
  const pages = [
    add('checkout p99 latency above 2 s', '2026-11-08T02:21:00Z', ['--ack', '2026-11-08T02:24:00Z']),
    add('checkout error rate above 1%', '2026-11-08T02:30:00Z', ['--resolved', '2026-11-08T03:40:00Z']),
    add('disk almost full on build cache', '2026-11-09T10:00:00Z'),
  ];
  return { dir, pages };
}

/** Replaces a section editor's text by typing, the way a person does. */
async function typeInto(page: Page, section: string, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: section, exact: true });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  // One line is typed key by key; several lines arrive as one input (like a paste), since Enter
  // in a Markdown list continues the list.
  if (text.includes('\n')) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.getByText('checkout error rate above 1%').isVisible()).toBe(true);
  await page.keyboard.press('i');
}

describe('the postmortem studio in the browser', () => {
  it('creates an incident from two pages, drafts a blameless postmortem with the coach, reaches ready and exports', async () => {
    const { dir } = setUp();
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const { page, problems } = await openPage(context);
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(request.url()));
    await page.goto(server.url);

    // Pages: mark the two checkout pages (Space on the focused row, and the checkbox).
    await expect.poll(() => page.getByText('checkout error rate above 1%').isVisible()).toBe(true);
    await page.getByRole('grid', { name: 'Pages, newest first' }).focus();
    await page.keyboard.press('ArrowDown'); // the list is newest first: the error-rate page
    await page.keyboard.press(' ');
    await page.getByLabel('Mark for an incident: checkout p99 latency above 2 s').check();
    await expect.poll(() => page.getByText('2 pages marked').isVisible()).toBe(true);
    await screenshot(page, 'pages-marked');
    await page.getByRole('button', { name: 'Create incident…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an incident from 2 pages' });
    await dialog.getByLabel('Title').fill('Checkout slow and failing at night');
    await dialog.getByLabel('SEV2').check();
    await dialog.getByRole('button', { name: 'Create incident' }).click();

    // The studio opens on the incident, which expects a postmortem.
    await expect.poll(() => page.getByText('This incident expects a postmortem').isVisible()).toBe(true);
    await expectAccessible(page, 'incident');
    await page.getByRole('button', { name: 'Start postmortem' }).click();

    // The timeline is pre-filled from the pages, in Ann's zone, and says which zone.
    const timeline = page.getByRole('textbox', { name: 'What Happened', exact: true });
    await expect.poll(() => timeline.textContent()).toContain('Times are in Europe/Berlin (UTC+01:00).');
    const timelineText = (await timeline.textContent()) ?? '';
    expect(timelineText).toContain(
      '2026-11-08 03:21 Page received: “checkout p99 latency above 2 s” (checkout, severity 2).',
    );
    expect(timelineText).toContain('2026-11-08 04:40 Page resolved: “checkout error rate above 1%”');
    await expect
      .poll(() => page.getByRole('heading', { name: /checks$/ }).textContent())
      .toMatch(/^Not ready yet: \d of 6 checks$/);

    // A blameful sentence: the structure coach (NLP, in a worker off the editor's thread) names it
    // once typing pauses, with a systems-oriented hint.
    await expect
      .poll(() => page.workers().map((w) => w.url()))
      .toEqual([expect.stringMatching(/coach-worker-[\w-]+\.js$/)]);
    await typeInto(page, 'Why It Happened', '1. Checkout broke because Ann forgot to run the migration check.');
    const why = page.getByRole('region', { name: 'Why It Happened' });
    await expect
      .poll(() => why.getByRole('list', { name: 'Coach notes for this section' }).textContent())
      .toContain('“Ann forgot to run” casts a person as the one who got it wrong.');
    expect(
      await why
        .getByText(
          'Try: Ask what let it happen, not who did it: what in the tools, defaults or process let “forgot to run',
        )
        .isVisible(),
    ).toBe(true);
    expect(await page.locator('.cm-lintRange-warning').count()).toBeGreaterThan(0);
    await screenshot(page, 'postmortem-coach');
    // The finding came from the worker: the page never loaded the coach's main-thread fallback.
    expect(loaded.filter((url) => /deep-coach-[\w-]+\.js$/.test(url))).toEqual([]);

    // Rewritten as conditions of the system: five "because".
    await typeInto(
      page,
      'Why It Happened',
      [
        '1. Checkout slowed because the connection pool was sized for last year’s traffic.',
        '2. The pool ran out because mobile retries have no backoff.',
        '3. Retries piled up because the health check ignores pool exhaustion.',
        '4. The alert fired late because its threshold averages over 15 minutes.',
        '5. The rollback took 19 minutes because config changes have no one-click revert.',
      ].join('\n'),
    );
    await expect.poll(() => why.getByRole('list', { name: 'Coach notes for this section' }).count()).toBe(0);

    // A timeline entry added after typing elsewhere: both edits stay, the entry lands in order.
    await page.getByLabel('Time (Europe/Berlin)').fill('2026-11-08T03:35');
    await page.getByLabel('New timeline entry').fill('Rollback of the pool size change started.');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await expect
      .poll(() => timeline.textContent())
      .toContain(
        '(checkout, severity 2).- 2026-11-08 03:35 Rollback of the pool size change started.- 2026-11-08 04:40 Page resolved',
      );
    expect(await page.getByRole('textbox', { name: 'Why It Happened', exact: true }).textContent()).toContain(
      '5. The rollback took 19 minutes',
    );

    // An action item: owned, dated, tied to a "because".
    const form = page.getByRole('form', { name: 'Add an action item' });
    await form.getByLabel('New action item').fill('Size the connection pool from measured peak traffic');
    await form.getByLabel('Owner').fill('bo');
    await form.getByLabel('Due').fill('2026-12-15');
    await form.getByLabel('Addresses').selectOption('1');
    await form.getByRole('button', { name: 'Add action item' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '@bo' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('heading', { name: /checks$/ }).textContent())
      .toBe('Ready to publish: 6 of 6 checks');
    await expectStudioSaved(page);
    await screenshot(page, 'postmortem-ready');
    await expectAccessible(page, 'postmortem editor');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Markdown' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('2026-11-08-checkout-slow-and-failing-at-night.md');
    const file = path.join(dir, 'export.md');
    await download.saveAs(file);
    const markdown = fs.readFileSync(file, 'utf8');
    expect(markdown).toMatch(/^---\nid: \S+\ntitle: Checkout slow and failing at night\nstatus: draft\nseverity: 2\n/);
    expect(markdown).toContain('3. Retries piled up because the health check ignores pool exhaustion.');
    expect(markdown).toContain('- 2026-11-08 03:35 Rollback of the pool size change started.\n');
    expect(markdown).toContain(
      '- Size the connection pool from measured peak traffic — owner: @bo, due: 2026-12-15, because: 1\n',
    );
    expect(runCli(['postmortem', 'lint', file]).code).toBe(0);

    // The action items view lists it, with the quality figures.
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('a');
    await expect.poll(() => page.getByRole('heading', { name: 'Action items' }).isVisible()).toBe(true);
    // The list loads after the view opens: wait for it, as a person would.
    await expect
      .poll(() => page.getByRole('cell', { name: 'Size the connection pool from measured peak traffic' }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByLabel('Postmortem quality').textContent())
      .toContain('SEV1–2 incidents with a postmortem100%1 of 1');
    await screenshot(page, 'action-items');
    await expectAccessible(page, 'action items');
    expect(problems).toEqual([]);
  });

  it('keeps what was typed when the server is killed (SIGKILL) half a second later', async () => {
    const { dir } = setUp();
    const pm = JSON.parse(
      runCli(['postmortem', 'new', '--data-dir', dir, '--title', 'Disk full on build cache', '--json']).stdout,
    ) as Postmortem;
    let server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
    const { page } = await openPage(context);
    await openStudio(page, server.url);
    await page.getByRole('button', { name: /Disk full on build cache/ }).click();
    await typeInto(page, 'Why It Happened', 'The cache filled because nothing expires old build artefacts.');
    await page.waitForTimeout(500);
    server.process.kill('SIGKILL');
    await new Promise((resolve) => server.process.once('exit', resolve));

    server = await serve(dir);
    const exported = runCli(['postmortem', 'export', pm.id, '--data-dir', dir]).stdout;
    expect(exported).toContain('## Why It Happened\n\nThe cache filled because nothing expires old build artefacts.\n');
    await openStudio(page, server.url);
    await page.getByRole('button', { name: /Disk full on build cache/ }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Why It Happened', exact: true }).textContent())
      .toBe('The cache filled because nothing expires old build artefacts.');

    // History: an earlier version comes back.
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Restore #1' }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Why It Happened', exact: true }).textContent())
      .not.toContain('The cache filled');
    await expectStudioSaved(page, 3);
    expect(runCli(['postmortem', 'export', pm.id, '--data-dir', dir]).stdout).not.toContain('The cache filled');
  });

  it('imports a Markdown postmortem whose HTML stays text in the preview', async () => {
    const { dir } = setUp();
    const file = path.join(dir, 'hostile.md');
    fs.writeFileSync(
      file,
      [
        '# Hostile postmortem',
        '',
        '## What Happened',
        '',
        '- 2026-11-08 03:00 <script>window.__pwned = 1</script> started',
        '- 2026-11-08 03:05 <img src=x onerror="window.__pwned = 2"> failed',
        '- 2026-11-08 03:10 [a link](javascript:window.__pwned=3) here',
        '',
      ].join('\n'),
    );
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await openStudio(page, server.url);
    await page.getByLabel('Import a postmortem file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByLabel('Postmortem title').inputValue()).toBe('Hostile postmortem');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('article', { name: 'Postmortem preview' });
    await expect.poll(() => preview.textContent()).toContain('<script>window.__pwned = 1</script> started');
    expect(await preview.textContent()).toContain('<img src=x onerror="window.__pwned = 2"> failed');
    expect(await preview.locator('script, img').count()).toBe(0);
    await screenshot(page, 'postmortem-preview');
    expect(await preview.locator('a').count()).toBe(0); // a javascript: link is not a link
    await preview.getByText('a link').click();
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await preview.isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
