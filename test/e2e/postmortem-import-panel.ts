// The postmortem Import panel's steps, for the tests that import real documents in Chromium
// (postmortem-import.test.ts, postmortem-import-confluence.test.ts): choose a file in the
// Postmortems view's Import, and read back the PDF the postmortem prints to.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * On the app as loaded (`openApp`): goes to Postmortems (key i), chooses `file` in its Import,
 * and waits for the preview headed 'Import “title”'.
 */
export async function openImportPanel(page: Page, file: string, title: string): Promise<void> {
  await expect.poll(() => page.getByRole('navigation').first().isVisible()).toBe(true);
  await page.keyboard.press('i');
  await expect.poll(() => page.getByRole('button', { name: 'Import…' }).isVisible()).toBe(true);
  await page.getByLabel('Import a postmortem file').setInputFiles(file);
  await expect.poll(() => page.getByRole('heading', { name: `Import “${title}”` }).isVisible()).toBe(true);
}

/** A PDF's text, one string a page, its white space folded to single spaces. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  return pages;
}
