// A Confluence page export imported in Chromium at 1024 wide in dark mode: the preview shows the
// task list's owners, due dates and done state before anything is stored; the postmortem then
// reads as a document (timeline and action items as tables, owner and due date in their columns,
// links), is printed to a PDF whose pages hold it, and a numbered list typed in the studio keeps
// the author's numbers (Enter continues the list, the typed "2." replaces the added one).

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, openApp, screenshot, useBrowser } from './browser';
import { openImportPanel, pdfPages } from './postmortem-import-panel';

const browser = useBrowser();
const fixture = path.join(__dirname, '..', 'fixtures', 'postmortem-import', 'confluence-tasks.html');

describe('a Confluence postmortem in the browser, dark and narrow', () => {
  it('previews its task list, reads as a document, prints to PDF, and keeps typed list numbers', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'aberg', '--zone', 'UTC']);
    const server = await serve(dir);
    const { context, page, problems } = await openApp(browser(), server.url, {
      viewport: { width: 1024, height: 900 },
      colorScheme: 'dark',
    });
    await openImportPanel(page, fixture, '2026-09-14 Login outage postmortem');

    // Before anything is stored: the task list's owner, due date and done state.
    const actions = page.locator('table.import-actions');
    await expect.poll(() => actions.locator('tbody tr').count()).toBe(2);
    const done = actions.locator('tr', { hasText: 'Validate TTL in the config schema' });
    expect(await done.textContent()).toContain('@aberg');
    expect(await done.textContent()).toContain('2026-09-30');
    expect(await done.textContent()).toMatch(/done/);
    const timeline = page.locator('table.import-timeline');
    expect(await timeline.locator('tbody tr').count()).toBe(2);
    expect(await timeline.textContent()).toContain('Change reverted. Logins recover.');
    expect(await timeline.textContent()).not.toContain('<br>');
    // At 1024 the blocks' section choices are not under the document as it will read: it comes below them.
    const blocksBox = await page.locator('table.import-blocks').boundingBox();
    const documentBox = await page.getByRole('article', { name: 'Imported postmortem as it will read' }).boundingBox();
    expect(documentBox && blocksBox && documentBox.y >= blocksBox.y + blocksBox.height).toBe(true);
    await expectAccessible(page, 'import preview (1024 dark)');
    await screenshot(page, 'confluence-import-preview-1024-dark');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByLabel('Postmortem title').inputValue())
      .toBe('2026-09-14 Login outage postmortem');
    await expectAccessible(page, 'studio (1024 dark)');
    await screenshot(page, 'confluence-studio-1024-dark');

    // The rendered postmortem: a document, the timeline and the action items as tables.
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('article', { name: 'Postmortem preview' });
    await expect.poll(() => preview.getByRole('heading', { name: 'Corrective actions' }).isVisible()).toBe(true);
    expect(await preview.getByRole('columnheader', { name: 'Owner' }).count()).toBe(1);
    expect(await preview.getByRole('cell', { name: '@aberg', exact: true }).count()).toBe(1);
    expect(await preview.getByRole('cell', { name: '2026-10-15', exact: true }).count()).toBe(1);
    expect(await preview.getByRole('cell', { name: 'Add a login canary', exact: true }).count()).toBe(1);
    expect(await preview.getByRole('cell', { name: 'Change reverted. Logins recover.' }).count()).toBe(1);
    expect(await preview.textContent()).not.toMatch(/<br>|\|\s*---/);
    expect(await preview.evaluate((e) => getComputedStyle(e).fontFamily)).not.toMatch(/monospace/);
    // Column headers read whole: each on one line, not "Ow / ner".
    const headerLines = await preview.locator('th').evaluateAll((ths) =>
      ths.map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return [th.textContent, new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size];
      }),
    );
    expect(headerLines.length).toBeGreaterThan(5);
    for (const [header, lines] of headerLines) expect({ header, lines }).toEqual({ header, lines: 1 });
    await expectAccessible(page, 'postmortem preview (1024 dark)');
    await screenshot(page, 'confluence-rendered-1024-dark');

    // Printed: the pages hold the document's sections and action items, and no app chrome.
    await page.emulateMedia({ media: 'print' });
    const pages = await pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    const text = pages.join(' ');
    expect(pages[0]).toContain('2026-09-14 Login outage postmortem');
    for (const words of ['Timeline', 'Root cause', 'Corrective actions', 'Add a login canary', 'Logins recover.'])
      expect(text).toContain(words);
    expect(text).not.toMatch(/Import…|Print or save as PDF/);
    await page.emulateMedia({ media: 'screen' });

    // Typing a numbered list in the studio: Enter continues it, the typed "2." replaces the added one.
    await page.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('textbox', { name: 'Root cause', exact: true });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1. The TTL of zero was accepted');
    await page.keyboard.press('Enter');
    await page.keyboard.type('2. Writes were refused');
    await expect.poll(() => editor.innerText()).toBe('1. The TTL of zero was accepted\n2. Writes were refused');
    expect(problems).toEqual([]);
    await context.close();
  });
});
