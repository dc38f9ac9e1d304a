// Real Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser.

import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { testNow, testZone } from '../helpers';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: run 'apt-get install -y chromium' (npm test does this where apt is usable).`,
    );
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    browser,
    // Playwright gives every launch a fresh, temporary user-data dir of its own.
    close: () => browser.close(),
  };
}

/**
 * A browser context on the tests' clock and zone, like the `oncall serve` that `serve()` starts:
 * the page's Date starts at testNow (and runs on from there), its zone is testZone.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ timezoneId: testZone, ...options });
  await context.clock.install({ time: testNow });
  return context;
}

/** A window on the app that `url` serves (from `serve()`): a context on the tests' clock and zone,
 * 1400×900 unless `options` say otherwise, with the app loaded and its problems recorded. */
export async function openApp(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = { viewport: { width: 1400, height: 900 } },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await newContext(browser, options);
  const { page, problems } = await openPage(context);
  await page.goto(url, { timeout: 20_000 });
  return { context, page, problems };
}

/** A page that records console errors and page errors, so a test can assert there were none. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems };
}

/** axe-core over the whole page: no serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/** axe-core over the whole page: no violation of any impact (issue #17's bar for every view and dialog). */
export async function expectAxeClean(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.ONCALL_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** One Chromium for the whole test file, started before and closed after it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ browser, close } = await launch());
  });
  afterAll(async () => {
    await close?.();
  });
  return () => {
    if (!browser) throw new Error('Chromium has not started');
    return browser;
  };
}

/** Every view, by its key and its heading (level 1). */
export const everyView: readonly { key: string; heading: string | RegExp }[] = [
  { key: 'p', heading: 'Pages' },
  { key: 'w', heading: 'My week' },
  { key: 'o', heading: 'Toil' },
  { key: 'd', heading: /load/ },
  { key: 'r', heading: 'Rotations' },
  { key: 'i', heading: 'Postmortems' },
  { key: 'a', heading: 'Action items' },
  { key: 'b', heading: 'Error budgets' },
  { key: 'h', heading: 'Import paging history' },
  { key: 'g', heading: 'Triage' },
  { key: 'm', heading: 'Me' },
];
