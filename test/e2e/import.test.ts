// Importing paging history and triaging it in Chromium, keyboard first: drop a PagerDuty export,
// map one person, preview, apply, see the Load view change, triage five pages (one undone).

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { annLoggedOnePage, runCli, serve, tempDir } from '../helpers';
import { expectAccessible, openApp, screenshot, useBrowser } from './browser';
import { myLoadWithOnePage } from './my-load';

const browser = useBrowser();
const fixtures = path.join(__dirname, '..', 'fixtures', 'history');

/** On a store with no pages yet (the list says so), h opens the Import panel. */
async function emptyImportPanel(page: Page): Promise<void> {
  await expect.poll(() => page.getByText('No pages').count()).toBeGreaterThan(0);
  await page.keyboard.press('h');
  await expect.poll(() => page.getByRole('heading', { name: 'Import paging history' }).isVisible()).toBe(true);
}

describe('the Import panel and the triage queue in the browser', () => {
  it('imports a PagerDuty export with one person mapped, changes the load, and triages five pages by key', async () => {
    const dir = tempDir();
    // One page logged by hand and not triaged: it joins the queue with the imported ones.
    annLoggedOnePage(dir);
    const server = await serve(dir);
    const { context, page, problems } = await openApp(browser(), server.url);
    // The Load view before: one page, not triaged.
    const { metrics, loadBefore } = await myLoadWithOnePage(page);

    // h: the Import panel, empty: which exports are accepted.
    await page.keyboard.press('h');
    await expect.poll(() => page.getByRole('heading', { name: 'Which exports are accepted' }).isVisible()).toBe(true);
    await expectAccessible(page, 'import (empty)');
    await screenshot(page, 'import-empty');

    // A truncated export: named by file and record, nothing stored.
    const chooser = page.locator('#import-files');
    await chooser.setInputFiles(path.join(fixtures, 'pagerduty-truncated.json'));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/pagerduty-truncated\.json.*record/);
    await page.getByRole('button', { name: 'Remove pagerduty-truncated.json' }).click();

    // Two saved pages of GET /incidents: format per file, then the preview.
    await chooser.setInputFiles([
      path.join(fixtures, 'pagerduty-incidents-1.json'),
      path.join(fixtures, 'pagerduty-incidents-2.json'),
    ]);
    const files = page.getByRole('region', { name: 'Files' });
    await expect.poll(() => files.getByRole('row').filter({ hasText: 'PagerDuty' }).count()).toBe(2);
    await expect.poll(() => page.getByTestId('import-new').textContent()).toBe('New4pages not here yet');
    const people = page.getByRole('region', { name: 'People' });
    // Ann Berg is matched by name; Earline Greenholt and Bo Okafor would be created.
    await expect.poll(() => people.getByRole('combobox').count()).toBe(2);
    await expect.poll(() => people.textContent()).toContain('Ann Berg → @ann');
    // Map Bo Okafor to Ann (say, Bo's pages went to Ann's phone) with the keyboard.
    const bo = people.getByLabel('Bo Okafor');
    await expect.poll(() => bo.inputValue()).toBe('');
    await bo.focus();
    await bo.selectOption('ann');
    const preview = page.getByRole('region', { name: /^Preview/ });
    await expect
      .poll(() => preview.getByRole('row').filter({ hasText: 'Disk 90% full on db-3' }).textContent())
      .toContain('@ann');
    await expectAccessible(page, 'import (preview)');
    await screenshot(page, 'import-preview');

    // Apply: the progress goes by, then the result with the way to the triage queue.
    await page.getByRole('button', { name: 'Import 4 pages' }).focus();
    await page.keyboard.press('Enter');
    const result = page.getByRole('region', { name: 'Imported from PagerDuty' });
    await expect.poll(() => result.textContent()).toContain('4 new, 0 updated, 0 unchanged');
    await expect.poll(() => result.textContent()).toContain('New people: @earline-greenholt');
    await expectAccessible(page, 'import (result)');
    await screenshot(page, 'import-result');

    // The Load view changed: Ann now has the three pages of this week, not triaged.
    await page.keyboard.press('d');
    await page.locator('main').getByRole('button', { name: 'Me', exact: true }).click();
    await expect.poll(() => metrics.textContent()).toContain('4 not triaged');
    expect(await metrics.textContent()).not.toBe(loadBefore);

    // The triage queue, from the result's link; the newest page first.
    await page.keyboard.press('h');
    await result.getByRole('button', { name: /Go to the triage queue/ }).click();
    const remaining = page.getByTestId('triage-remaining');
    await expect.poll(() => remaining.textContent()).toBe('5 pages not triaged');
    const summary = page.locator('#triage-summary');
    await expect.poll(() => summary.textContent()).toBe('Index lag above 5 min');
    // The bulk rules say their counts before anything is applied.
    await expect.poll(() => page.getByTestId('rule-service').textContent()).toContain('1 not triaged');
    await expectAccessible(page, 'triage');
    await screenshot(page, 'triage');

    await page.keyboard.press('a'); // Index lag: actionable
    await expect.poll(() => summary.textContent()).toBe('Checkout error rate above 2%');
    await expect.poll(() => page.getByTestId('rule-service').textContent()).toContain('3 not triaged');
    const card = page.getByRole('article');
    await expect.poll(() => card.textContent()).toContain('PagerDuty · PANN003');
    await expect
      .poll(() => card.getByRole('link', { name: 'Open in PagerDuty' }).getAttribute('href'))
      .toBe('https://subdomain.pagerduty.com/incidents/PANN003');
    // A slow server: a `u` typed before it has stored the verdict still undoes this page's verdict,
    // not the one before (the undo used to join the stack only once the server had answered).
    await page.route('**/api/triage.set', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.keyboard.press('n'); // Checkout: noise…
    await expect.poll(() => summary.textContent()).toBe('Disk 90% full on db-3');
    await expect.poll(() => remaining.textContent()).toBe('3 pages not triaged');
    await page.keyboard.press('u'); // …undone at once: it is back, not triaged
    await expect.poll(() => summary.textContent()).toBe('Checkout error rate above 2%');
    await page.unrouteAll({ behavior: 'wait' }); // the delayed requests finish first
    await expect.poll(() => remaining.textContent()).toBe('4 pages not triaged');
    await page.keyboard.press('a'); // Checkout: actionable
    await expect.poll(() => summary.textContent()).toBe('Disk 90% full on db-3');
    await page.keyboard.press('n'); // Disk: noise
    await expect.poll(() => summary.textContent()).toBe('p99 latency above 800ms');
    await page.keyboard.press('a'); // p99: actionable
    await expect.poll(() => summary.textContent()).toBe('The server is on fire.');
    await page.keyboard.press('s'); // 2015's incident: skipped, still waiting
    await expect.poll(() => remaining.textContent()).toBe('1 page not triaged');
    await expect.poll(() => page.getByRole('heading', { name: 'You skipped the rest' }).isVisible()).toBe(true);

    // The figures follow: three actionable this week, one noise, nothing untriaged in Ann's week.
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('stat-actionable').textContent()).toContain('3');
    await expect.poll(() => page.getByTestId('stat-pages').textContent()).toContain('1 noise · 0 not triaged');
    const stored = runCli(['page', 'list', '--data-dir', dir, '--json']);
    const triage = (JSON.parse(stored.stdout) as { summary: string; triage: string | null }[])
      .map((p) => `${p.summary}: ${p.triage}`)
      .sort();
    expect(triage).toEqual([
      'Checkout error rate above 2%: actionable',
      'Disk 90% full on db-3: noise',
      'Index lag above 5 min: actionable',
      'The server is on fire.: null',
      'p99 latency above 800ms: actionable',
    ]);

    // Dark: both views again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('g'); // the queue again, from the newest: the skipped page
    await expect.poll(() => summary.textContent()).toBe('The server is on fire.');
    await expectAccessible(page, 'triage (dark)');
    await screenshot(page, 'triage-dark');
    await page.keyboard.press('h');
    await page.locator('#import-files').setInputFiles(path.join(fixtures, 'pagerduty-incidents-2.json'));
    // The same export again: the panel keeps this session's map, so nothing changes twice.
    await expect
      .poll(() => page.getByTestId('import-unchanged').textContent())
      .toBe('Unchanged2already here as they are');
    await expect.poll(() => page.getByRole('button', { name: 'Import 0 pages' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'import (dark)');
    await screenshot(page, 'import-dark');
    expect(problems).toEqual([]);
    await context.close();
    await server.stop();
  });

  it("reads PagerDuty's incident CSV export with no column map, and asks for the zone its times lack", async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    const server = await serve(dir);
    const { context, page, problems } = await openApp(browser(), server.url);
    await emptyImportPanel(page);

    // Saved again by a spreadsheet: its times lost their offset. Detected as PagerDuty (no column
    // map asked for); refused, naming the file, the line and the zone to give.
    await page.locator('#import-files').setInputFiles(path.join(fixtures, 'pagerduty-incidents-local-times.csv'));
    const files = page.getByRole('region', { name: 'Files' });
    await expect.poll(() => files.getByRole('row').filter({ hasText: 'PagerDuty' }).count()).toBe(1);
    expect(await page.getByLabel('Columns').count()).toBe(0);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/pagerduty-incidents-local-times\.csv record 2: created_on "2026-11-23 03:12:00" has no time zone/);
    await expectAccessible(page, 'import (zone asked for)');
    await screenshot(page, 'import-csv-zone-missing');

    // The account's zone, chosen with the keyboard: read again, the preview shows the instants.
    const zone = page.getByLabel('Zone of times written without one');
    await zone.focus();
    await zone.selectOption('Europe/Berlin');
    await expect.poll(() => page.getByTestId('import-new').textContent()).toBe('New2pages not here yet');
    const preview = page.getByRole('region', { name: /^Preview/ });
    await expect
      .poll(() => preview.getByRole('row').filter({ hasText: 'p99 latency above 800ms' }).textContent())
      .toContain('@ann');
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, 'import (PagerDuty CSV)');
    await screenshot(page, 'import-csv-preview');
    await page.getByRole('button', { name: 'Import 2 pages' }).click();
    const result = page.getByRole('region', { name: 'Imported from PagerDuty' });
    await expect.poll(() => result.textContent()).toContain('2 new, 0 updated, 0 unchanged');
    expect(problems).toEqual([]);
    await context.close();
    await server.stop();
  });

  it('sends a big export in parts with a progress bar, naming a bad record by its place in the file', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
    // 3,000 incidents in one saved response (about 4 MB), each the shape of the documented example.
    const saved = JSON.parse(fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8')) as {
      incidents: Record<string, unknown>[];
    };
    const template = saved.incidents[0] ?? {};
    const incidents = Array.from({ length: 3000 }, (_, i) => ({
      ...template,
      id: `PBIG${i}`,
      incident_number: 5000 + i,
      title: `Queue depth above 10k on worker-${i % 40}`,
      created_at: i === 2345 ? '2026-10-01 10:00' : new Date(Date.UTC(2026, 9, 1) + i * 600_000).toISOString(),
    }));
    const file = path.join(dir, 'incidents-big.json');
    fs.writeFileSync(file, JSON.stringify({ ...saved, incidents, limit: 3000, more: false }, null, 2));
    expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024);

    const server = await serve(dir);
    const { context, page, problems } = await openApp(browser(), server.url);
    await emptyImportPanel(page);
    await page.locator('#import-files').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('import-new').textContent(), { timeout: 60_000 })
      .toBe('New2999pages not here yet');
    const skipped = page.getByRole('region', { name: /^Preview/ }).getByRole('listitem');
    await expect
      .poll(() => skipped.textContent())
      .toMatch(/^incidents-big\.json record 2345: created_at: .* has no time zone/);
    await page.getByRole('button', { name: 'Import 2999 pages' }).click();
    const progress = page.getByRole('progressbar');
    await expect.poll(() => progress.isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('.import-progress label').textContent())
      .toMatch(/^Importing part \d+ of \d+ · \d+ pages so far$/);
    await screenshot(page, 'import-progress');
    const result = page.getByRole('region', { name: 'Imported from PagerDuty' });
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toContain('2999 new, 0 updated, 0 unchanged');
    await expect.poll(() => result.textContent()).toContain('incidents-big.json record 2345');
    await screenshot(page, 'import-big-result');

    // A bulk rule in the triage queue: its count first, then applied at once, then undone.
    await result.getByRole('button', { name: /Go to the triage queue/ }).click();
    const remaining = page.getByTestId('triage-remaining');
    await expect.poll(() => remaining.textContent()).toBe('2999 pages not triaged');
    const byTitle = page.getByTestId('rule-title');
    await expect.poll(() => byTitle.textContent()).toContain('75 not triaged');
    await byTitle.getByRole('button', { name: 'Mark 75 as noise' }).click();
    await expect.poll(() => remaining.textContent()).toBe('2924 pages not triaged');
    await page.keyboard.press('u');
    await expect.poll(() => remaining.textContent()).toBe('2999 pages not triaged');
    expect(problems).toEqual([]);
    await context.close();
    await server.stop();
  });
});
