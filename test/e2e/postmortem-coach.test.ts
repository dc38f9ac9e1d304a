// The studio's coach where a Web Worker cannot start (an old browser, a policy that forbids
// workers): the structure coach loads on demand and runs on the page in idle time, after a pause
// in typing, and still finds what the word lists missed.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serve, tempDir } from '../helpers';
import { newContext, openPage, useBrowser } from './browser';

const browser = useBrowser();

describe('the coach without a worker', () => {
  it('runs the structure coach on the page, after typing pauses', async () => {
    const dir = tempDir();
    runCli(['me', 'set', '--data-dir', dir, '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC']);
    const file = path.join(dir, 'draft.md');
    fs.writeFileSync(
      file,
      '# Checkout outage\n\n## What Happened\n\n- 03:12 Checkout errors rose.\n\n## Why It Happened\n\nThe pool was small.\n',
    );
    runCli(['postmortem', 'import', file, '--apply', '--data-dir', dir]);
    const server = await serve(dir);
    const context = await newContext(browser(), { viewport: { width: 1400, height: 1000 } });
    // No Worker in this page.
    await context.addInitScript(() => {
      Reflect.deleteProperty(window, 'Worker');
    });
    const { page, problems } = await openPage(context);
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(request.url()));
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('navigation').first().isVisible()).toBe(true);
    await page.keyboard.press('i');
    await page.getByRole('button', { name: /Checkout outage/ }).click();
    const editor = page.getByRole('textbox', { name: 'Why It Happened', exact: true });
    await editor.click();
    await page.keyboard.press('Control+End');
    // A role cast as the culprit with an error asserted: not in the old word lists' reach
    // ("technicians" acting, "did not copy").
    await page.keyboard.type(' One of the technicians did not copy the new code to one of the servers.');
    const why = page.getByRole('region', { name: 'Why It Happened' });
    await expect
      .poll(() => why.getByRole('list', { name: 'Coach notes for this section' }).textContent(), { timeout: 15_000 })
      .toContain('casts a person as the one who got it wrong');
    expect(page.workers()).toEqual([]);
    expect(loaded.filter((url) => /deep-coach-[\w-]+\.js$/.test(url))).toHaveLength(1);
    await expect.poll(() => page.locator('aside.pm-side').getAttribute('aria-busy')).toBe('false');
    expect(problems).toEqual([]);
    await context.close();
    await server.stop();
  });
});
