// Pulling from a paging platform in the Import panel, in Chromium through `oncall serve`, against
// a replay server on 127.0.0.1 answering with PagerDuty's documented `GET /incidents` pages
// (test/fixtures/history): a refused token is a clear message and stores nothing; a pull shows its
// counts while a page is held, is cancelled, resumed where it stopped, then previewed and applied
// like a dropped export, and the Load view and the pages change. Afterwards neither token is in
// any file of the data directory (the SQLite store, its WAL, the pulled pages, the resume state)
// nor in the server's output; the browser door keeps no token and says so.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annLoggedOnePage, runCli, serve, tempDir } from '../helpers';
import { replay } from '../replay';
import { expectAccessible, openApp, screenshot, useBrowser } from './browser';
import { myLoadWithOnePage } from './my-load';

const browser = useBrowser();
const fixtures = path.join(__dirname, '..', 'fixtures', 'history');
const page1 = fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-1.json'), 'utf8');
const page2 = fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8');
const goodToken = 'pd-u+Ex4mpleT0ken-kept-nowhere';
const badToken = 'pd-revoked-T0ken-kept-nowhere';

function everyFile(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

const pageCount = (dir: string): number =>
  (JSON.parse(runCli(['page', 'list', '--data-dir', dir, '--json']).stdout) as unknown[]).length;

describe('pulling from a platform in the Import panel', () => {
  it('refuses a bad token plainly, shows progress, cancels, resumes, previews and applies; the token is nowhere', async () => {
    const dir = tempDir();
    annLoggedOnePage(dir);
    const platform = await replay();
    const server = await serve(dir);
    let output = '';
    server.process.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.process.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const { context, page, problems } = await openApp(browser(), server.url);
    const { metrics, loadBefore } = await myLoadWithOnePage(page);

    // h: the panel, with the pull form; this door says it keeps no token.
    await page.keyboard.press('h');
    const form = page.getByRole('region', { name: 'Pull from a platform' });
    await expect
      .poll(() => page.getByTestId('pull-keychain').textContent())
      .toBe('No keychain here: the browser door keeps tokens for this pull only.');
    expect(await form.getByLabel('Remember in the keychain').isDisabled()).toBe(true);
    await expectAccessible(page, 'import (pull form)');
    await screenshot(page, 'import-pull');

    // A revoked token: PagerDuty's 401, named with what to do; nothing stored.
    platform.steps.set('/incidents', [{ status: 401, body: '{"error":{"message":"Unauthorized","code":2006}}' }]);
    await form.getByLabel('API address').fill(platform.url);
    await form.getByLabel('Since').fill('2026-06-01');
    await form.getByLabel('PagerDuty API token').fill(badToken);
    await form.getByLabel('PagerDuty API token').press('Enter');
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('PagerDuty refused the token (HTTP 401); check the key, its access and the address');
    expect(platform.requests.map((r) => r.auth)).toEqual([`Token token=${badToken}`]);
    expect(pageCount(dir)).toBe(1);

    // The right token: the first page comes, the second is held — the bar shows the counts.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    platform.steps.set('/incidents', [
      { status: 200, body: page1 },
      { held, then: { status: 200, body: page2 } },
    ]);
    await form.getByLabel('PagerDuty API token').fill(goodToken);
    await form.getByRole('button', { name: 'Pull' }).click();
    const progress = form.locator('.import-progress label');
    await expect.poll(() => progress.textContent()).toBe('Pulling from PagerDuty: 2 records · 1 page so far');
    expect(await form.getByRole('progressbar').isVisible()).toBe(true);
    await expectAccessible(page, 'import (pulling)');
    await screenshot(page, 'import-pulling');

    // Cancel: what was saved stays, and the pull is listed to resume.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Stopped after 2 records (1 page)');
    const stopped = form.getByRole('list', { name: 'Stopped pulls' });
    await expect.poll(() => stopped.textContent()).toContain('PagerDuty since 2026-06-01');
    release();

    // Resume: only what it did not get is asked for, for the same range.
    platform.steps.set('/incidents', [{ status: 200, body: page2 }]);
    const askedBefore = platform.requests.length;
    await form.getByLabel('PagerDuty API token').fill(goodToken);
    await stopped.getByRole('button', { name: 'Resume' }).click();
    await expect
      .poll(() => page.getByTestId('pulled-summary').textContent())
      .toContain('4 records in 2 pages, resumed where it had stopped');
    const resumed = platform.requests.slice(askedBefore).map((r) => new URL(r.path, platform.url).searchParams);
    expect(resumed.map((q) => [q.get('offset'), q.get('until')])).toEqual([['2', '2026-11-25T10:00:00.000Z']]);

    // The same preview → people → apply as a dropped export.
    await expect.poll(() => page.getByTestId('import-new').textContent()).toBe('New4pages not here yet');
    const people = page.getByRole('region', { name: 'People' });
    await expect.poll(() => people.textContent()).toContain('Ann Berg → @ann');
    await people.getByLabel('Bo Okafor').selectOption('ann');
    const preview = page.getByRole('region', { name: /^Preview/ });
    await expect
      .poll(() => preview.getByRole('row').filter({ hasText: 'Disk 90% full on db-3' }).textContent())
      .toContain('@ann');
    await expectAccessible(page, 'import (pulled preview)');
    await screenshot(page, 'import-pulled-preview');
    await page.getByRole('button', { name: 'Import 4 pages' }).click();
    const result = page.getByRole('region', { name: 'Imported from PagerDuty' });
    await expect.poll(() => result.textContent()).toContain('4 new, 0 updated, 0 unchanged');
    expect(pageCount(dir)).toBe(5);

    await page.keyboard.press('d');
    await page.locator('main').getByRole('button', { name: 'Me', exact: true }).click();
    await expect.poll(() => metrics.textContent()).toContain('4 not triaged');
    expect(await metrics.textContent()).not.toBe(loadBefore);

    // Dark: the pull form again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('h');
    await page.getByRole('button', { name: 'Start again' }).click();
    await expect.poll(() => form.isVisible()).toBe(true);
    await expectAccessible(page, 'import (pull form, dark)');
    await screenshot(page, 'import-pull-dark');
    expect(problems).toEqual([]);
    await context.close();
    await server.stop();

    // Neither token in any file of the data directory, nor in what the server wrote.
    const files = everyFile(dir);
    expect(files.some((file) => file.endsWith('oncall.db'))).toBe(true);
    expect(files.some((file) => file.includes(`${path.sep}pulls${path.sep}`))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(goodToken), file).toBe(false);
      expect(bytes.includes(badToken), file).toBe(false);
    }
    expect(output).not.toContain(goodToken);
    expect(output).not.toContain(badToken);
  });
});
