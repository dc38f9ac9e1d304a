// Typing in the postmortem studio, as the keystroke now does only its section editor's work: the
// notes, the readiness checklist and the preview follow once typing pauses; whatever happens right
// after the last keystroke (a timeline entry added, leaving the field, the preview, undo) works on
// the text as typed; Enter and Backspace in a Markdown list still continue and end it (the
// Markdown tree is parsed when those keys need it).

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, newContext, openPage, screenshot, useBrowser } from './browser';
import { expectStudioSaved } from './studio';

const browser = useBrowser();

const draft = [
  '# Checkout outage',
  '',
  '## What Happened',
  '',
  '_Times are in UTC (UTC+00:00)._',
  '',
  '- 2026-11-08 03:12 Checkout errors rose.',
  '',
  '## Why It Happened',
  '',
  '1. The pool ran dry because it was sized for last year.',
  '',
].join('\n');

async function open(): Promise<{ page: Page; problems: string[]; dir: string; stop: () => Promise<void> }> {
  const dir = tempDir();
  runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
  const file = path.join(dir, 'draft.md');
  fs.writeFileSync(file, draft);
  runCli(['postmortem', 'import', file, '--apply', '--data-dir', dir]);
  const server = await serve(dir);
  const context = await newContext(browser(), { viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openPage(context);
  await page.goto(server.url);
  await expect.poll(() => page.getByRole('navigation').first().isVisible()).toBe(true);
  await page.keyboard.press('i');
  await page.getByRole('button', { name: /Checkout outage/ }).click();
  await page.locator('aside.pm-side[aria-busy="false"]').waitFor();
  return {
    page,
    problems,
    dir,
    stop: async () => {
      await context.close();
      await server.stop();
    },
  };
}

const editorOf = (page: Page, section: string) => page.getByRole('textbox', { name: section, exact: true });

describe('typing in the postmortem studio', () => {
  it('shows the coach’s notes once typing pauses, and acts on the text as typed right after a keystroke', async () => {
    const { page, problems, dir, stop } = await open();
    const why = editorOf(page, 'Why It Happened');
    // The blame words' note and underline arrive after the pause, on the words as typed.
    const notes = page.getByRole('region', { name: 'Why It Happened' }).getByRole('list', {
      name: 'Coach notes for this section',
    });
    expect(await notes.textContent()).not.toContain('Human error');
    await why.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Human error on the deploy.');
    await expect.poll(() => notes.textContent()).toContain('“Human error” judges a person');
    await expect.poll(() => page.locator('.cm-lintRange-warning').first().textContent()).toMatch(/human error/i);
    await screenshot(page, 'postmortem-typing-notes');

    // Typed in the timeline and, without a pause, an entry added: both are kept.
    const timeline = editorOf(page, 'What Happened');
    await timeline.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Paged the on-call.');
    await page.getByLabel('Time (UTC)').fill('2026-11-08T03:30');
    await page.getByLabel('New timeline entry').fill('Pool size raised.');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await expect
      .poll(() => timeline.textContent())
      .toContain('Checkout errors rose. Paged the on-call.- 2026-11-08 03:30 Pool size raised.');

    // Typed, then straight to the preview: the preview shows the last keystroke.
    await why.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Zebra.');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('article', { name: 'Postmortem preview' });
    await expect.poll(() => preview.textContent()).toContain('Human error on the deploy. Zebra.');
    await expect.poll(() => preview.textContent()).toContain('Pool size raised.');
    await page.getByRole('button', { name: 'Edit' }).click();

    // Undo in the editor takes back the typing, not a text handed back to it.
    await why.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Undone.');
    await page.keyboard.press('Control+z');
    await expect.poll(() => why.textContent()).not.toContain('Undone.');
    expect(await why.textContent()).toContain('Zebra.');

    // What was typed is what is stored.
    await expectStudioSaved(page);
    const id = (JSON.parse(runCli(['postmortem', 'list', '--data-dir', dir, '--json']).stdout) as { id: string }[])[0]
      ?.id;
    const stored = runCli(['postmortem', 'export', id ?? '', '--data-dir', dir]).stdout;
    expect(stored).toContain(
      '1. The pool ran dry because it was sized for last year. Human error on the deploy. Zebra.\n',
    );
    expect(stored).toContain('- 2026-11-08 03:12 Checkout errors rose. Paged the on-call.\n');
    expect(stored).toContain('- 2026-11-08 03:30 Pool size raised.\n');
    await expectAccessible(page, 'postmortem editor after typing');
    expect(problems).toEqual([]);
    await stop();
  });

  it('continues a numbered list on Enter, takes the author’s own number, and ends the list on Backspace', async () => {
    const { page, problems, stop } = await open();
    const why = editorOf(page, 'Why It Happened');
    await why.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await expect.poll(() => why.textContent()).toBe('1. The pool ran dry because it was sized for last year.2. ');
    await page.keyboard.type('Retries had no backoff because the client retried at once.');
    await page.keyboard.press('Enter');
    // The author types their own number over the one Enter added.
    await page.keyboard.type('3. Nothing alerted because the pool had no saturation alarm.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('After the list.');
    await expect
      .poll(() => page.locator('.section-editor .cm-line').allTextContents())
      .toEqual(
        expect.arrayContaining([
          '1. The pool ran dry because it was sized for last year.',
          '2. Retries had no backoff because the client retried at once.',
          '3. Nothing alerted because the pool had no saturation alarm.',
        ]),
      );
    const lines = await page.locator('.section-editor').nth(1).locator('.cm-line').allTextContents();
    // Backspace took the marker Enter added: the last line is no list item.
    expect(lines.at(-1)?.trim()).toBe('After the list.');
    expect(lines.at(-1)).not.toMatch(/\d[.)]/);
    expect(lines.join('\n')).not.toContain('3. 3.');
    expect(problems).toEqual([]);
    await stop();
  });
});
