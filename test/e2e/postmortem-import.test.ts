// Importing a real postmortem in Chromium: a Google Docs HTML export, one block mapped to a
// section in the preview, its action items and timeline seen before anything is stored, the
// coach flagging the blameful sentence it brought, and the postmortem printed to a PDF whose text
// holds its sections.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { expectAccessible, openApp, screenshot, useBrowser } from './browser';
import { openImportPanel, pdfPages } from './postmortem-import-panel';

const browser = useBrowser();
const fixture = path.join(__dirname, '..', 'fixtures', 'postmortem-import', 'google-docs.html');

describe('importing a postmortem document in the browser', () => {
  it('previews an HTML postmortem, maps a block, imports it, shows the coach, and prints it to PDF', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    const server = await serve(dir);
    const { context, page, problems } = await openApp(browser(), server.url, {
      viewport: { width: 1400, height: 1000 },
    });
    await openImportPanel(page, fixture, 'Postmortem: payments API latency');

    // Before anything is stored: sections, action items and timeline as they will be.
    const actions = page.locator('table.import-actions');
    await expect.poll(() => actions.textContent()).toContain('Alert on connection pool saturation — PAY-812');
    expect(await actions.textContent()).toContain('@ines');
    expect(await actions.textContent()).toContain('2026-12-15');
    const timeline = page.locator('table.import-timeline');
    expect(await timeline.locator('tbody tr').count()).toBe(3);
    expect(await timeline.textContent()).toContain('p99 latency alert fires for payments-api');

    // The line under the title sits before any section; the author makes it the Summary.
    const blocks = page.locator('table.import-blocks');
    const dateLine = blocks.locator('tr', { hasText: 'Incident date: 2026-11-03' });
    expect(await dateLine.textContent()).toContain('before any section');
    await dateLine.getByRole('combobox').selectOption('Summary');
    await expect.poll(() => dateLine.textContent()).toContain('Summary');
    const rendered = page.getByRole('article', { name: 'Imported postmortem as it will read' });
    await expect.poll(() => rendered.getByRole('heading', { name: 'Summary', exact: true }).isVisible()).toBe(true);
    await expectAccessible(page, 'import preview');
    await screenshot(page, 'import-preview');

    await page.getByRole('button', { name: 'Import', exact: true }).click();

    // The editor: the imported text, its action items, and the coach on the blameful sentence.
    await expect.poll(() => page.getByLabel('Postmortem title').inputValue()).toBe('Postmortem: payments API latency');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    const why = page.getByRole('region', { name: 'Five whys' });
    await expect
      .poll(() => why.getByRole('list', { name: 'Coach notes for this section' }).textContent(), { timeout: 15_000 })
      .toMatch(/forgot|engineer/i);
    await expectAccessible(page, 'imported postmortem');
    await screenshot(page, 'import-editor');

    // The preview reads as a document: the timeline and the action items as tables.
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('article', { name: 'Postmortem preview' });
    await expect.poll(() => preview.getByRole('heading', { name: 'Corrective actions' }).isVisible()).toBe(true);
    expect(await preview.getByRole('columnheader', { name: 'What happened' }).count()).toBe(1);
    expect(await preview.getByRole('columnheader', { name: 'Owner' }).count()).toBe(1);
    expect(await preview.getByRole('cell', { name: '@ann', exact: true }).count()).toBe(1);
    expect(await preview.getByRole('link', { name: 'PAY-812' }).count()).toBe(1);
    expect(await preview.evaluate((e) => getComputedStyle(e).fontFamily)).not.toMatch(/^ui-monospace|monospace$/);
    await expectAccessible(page, 'postmortem preview');
    await screenshot(page, 'import-rendered');

    // Printed: only the document, and its text reaches the PDF.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print or save as PDF…' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = (await pdfPages(pdf)).join(' ').replace(/\s+/g, ' ');
    for (const heading of [
      'Postmortem: payments API latency',
      'Summary',
      'Timeline',
      'Five whys',
      'Corrective actions',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('Alert on connection pool saturation');
    expect(text).not.toContain('Import…');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the import preview stays readable and accessible in dark mode', async () => {
    const dir = tempDir();
    const server = await serve(dir);
    const { context, page, problems } = await openApp(browser(), server.url, {
      viewport: { width: 1400, height: 1000 },
      colorScheme: 'dark',
    });
    await openImportPanel(page, fixture, 'Postmortem: payments API latency');
    await expect.poll(() => page.locator('table.import-actions tbody tr').count()).toBe(2);
    await expectAccessible(page, 'import preview (dark)');
    await screenshot(page, 'import-preview-dark');
    // Cancel stores nothing.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByText('None yet.').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
