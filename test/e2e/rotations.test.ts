// Importing a schedule, mapping a name, seeing the timeline and "on call now" change with an override.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir, testNow } from '../helpers';
import { expectAccessible, openPage, screenshot, useBrowser, newContext } from './browser';

const browser = useBrowser();
const stamp = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

describe('rotations in the browser', () => {
  it('imports an .ics, maps an unknown name, shows the timeline, and an override changes who is on call now', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    runCli(['person', 'add', '--data-dir', dir, '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC']);
    const hour = 3_600_000;
    const now = Math.floor(testNow / hour) * hour;
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//PagerDuty Inc.//NONSGML PagerDuty//EN',
      'BEGIN:VEVENT',
      'UID:pd-1',
      `DTSTART;VALUE=DATE-TIME:${stamp(now - 72 * hour)}`,
      `DTEND;VALUE=DATE-TIME:${stamp(now + 96 * hour)}`,
      'SUMMARY:On Call - Ann Berg - Search Primary',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:pd-2',
      `DTSTART;VALUE=DATE-TIME:${stamp(now + 96 * hour)}`,
      `DTEND;VALUE=DATE-TIME:${stamp(now + 264 * hour)}`,
      'SUMMARY:On Call - Robert Okafor - Search Primary',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const file = path.join(dir, 'search-primary.ics');
    fs.writeFileSync(file, ics);

    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'No pages yet' }).isVisible()).toBe(true);
    await page.keyboard.press('r');
    await expect.poll(() => page.getByText('No rotations yet.').isVisible()).toBe(true);
    await expectAccessible(page, 'rotations (empty)');

    await page.getByLabel('Into rotation').fill('Search primary');
    // A file that is no calendar: the refusal names the file.
    await page.getByLabel('Calendar file').setInputFiles({
      name: 'notes.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from('hello'),
    });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'notes.ics' }).count()).toBe(1);
    await page.getByLabel('Calendar file').setInputFiles(file);
    // "Robert Okafor" matches nobody yet: only Ann's shift could be stored, and Import waits.
    await expect.poll(() => page.getByText('1 new, 0 changed, 0 removed, 0 unchanged shifts').isVisible()).toBe(true);
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByLabel('Who is Robert Okafor?').selectOption('bo');
    await expect.poll(() => page.getByText('2 new, 0 changed, 0 removed, 0 unchanged shifts').isVisible()).toBe(true);
    await expect.poll(() => importButton.isDisabled()).toBe(false);
    await importButton.click();

    const onCallNow = page.getByRole('status', { name: 'On call now' });
    const local = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
    await expect.poll(() => onCallNow.textContent()).toBe('Search primary: @ann');
    const lane = page.locator('.timeline-lane').filter({ hasText: 'Search primary' });
    await expect.poll(() => lane.locator('.segment').allTextContents()).toEqual(['ann', 'bo']);
    // The feed ends in 11 days: the coming four weeks have uncovered time, and the view says so.
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Search primary: nobody is on call' }).count())
      .toBe(1);
    await expectAccessible(page, 'rotations');

    // A rotation from rules, through the editor.
    await page.getByLabel('Name', { exact: true }).fill('Payments primary');
    await page.getByLabel('First handoff').fill(local(now - 24 * hour));
    await page.getByLabel('Members, in order').fill('bo, ann');
    await page.getByRole('button', { name: 'Save rotation' }).click();
    const payments = page.locator('.timeline-lane').filter({ hasText: 'Payments primary' });
    await expect.poll(() => payments.locator('.segment').first().textContent()).toBe('bo');

    // Bo covers the next two hours.
    await page.getByLabel('Override rotation').selectOption('Search primary');
    await page.getByLabel('Person').selectOption('bo');
    await page
      .getByLabel('From', { exact: true })
      .last()
      .fill(local(now - hour));
    await page.getByLabel('To', { exact: true }).fill(local(now + 2 * hour));
    await page.getByLabel('Why').fill('swap');
    await page.getByRole('button', { name: 'Add override' }).click();
    await expect.poll(() => onCallNow.textContent()).toBe('Payments primary: @boSearch primary: @bo');
    await expect.poll(() => lane.locator('.segment.override').count()).toBe(1);
    await screenshot(page, 'rotations');

    const current = JSON.parse(runCli(['now', '--data-dir', dir, '--json']).stdout) as {
      rotation: string;
      now: { handle: string };
    }[];
    expect(current.map((r) => [r.rotation, r.now.handle])).toEqual([
      ['Payments primary', 'bo'],
      ['Search primary', 'bo'],
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
