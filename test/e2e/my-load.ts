// The Load view's figures for Me, before and after an import of paging history (import.test.ts,
// import-pull.test.ts: Ann's one hand-logged page from annLoggedOnePage, then the imported ones).

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * On the app as loaded with Ann's one page listed: the Load view (key d) for Me, its figures
 * saying that page is not triaged. Returns the figures and their text then, to compare after.
 */
export async function myLoadWithOnePage(page: Page): Promise<{ metrics: Locator; loadBefore: string | null }> {
  await expect.poll(() => page.getByRole('row').count()).toBe(1);
  await page.keyboard.press('d');
  await page.locator('main').getByRole('button', { name: 'Me', exact: true }).click();
  const metrics = page.getByRole('group', { name: 'Load metrics' });
  await expect.poll(() => metrics.textContent()).toContain('1 not triaged');
  return { metrics, loadBefore: await metrics.textContent() };
}
