// Every view and every dialog a new user opens on `oncall demo` data, light and dark, with axe at
// any impact on each (issue #17: "0 violations of any impact in every view and dialog"): log and
// edit a page, all keys, the header's rotations, create incident, log toil, the More menu, new
// and edited SLO, the rotation rules with member dates, an override picked by key, a definition's
// "?", the postmortem studio in each state, triage, Me. And one way to show a definition: no
// view has a paragraph-long definition in a panel — a "?" beside the title holds it. Toasts queue.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cliOk, serve, storeOnce } from '../helpers';
import { everyView, expectAxeClean, newContext, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();
/** `oncall demo`'s store, written once for both passes; each serves its own copy. */
const demoStore = storeOnce((dir) => cliOk(dir, 'demo'));

/** The longest paragraph shown in the view's panels (a definition written out in a card). The
 * import view's "Which exports are accepted" is help to read, not a figure's definition. */
function longestPanelParagraph(page: Page): Promise<string> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('main .panel > p, main .panel > header > p'))
      .filter(
        (p) => p.getBoundingClientRect().height > 0 && !p.closest('.empty-panel, .triage-done, .accepted-exports'),
      )
      .map((p) => (p.textContent ?? '').trim())
      .reduce((a, b) => (b.length > a.length ? b : a), ''),
  );
}

// Light and dark at once (two pages, two servers): the walk mostly waits on axe, and on two cores
// the pair takes little more than one.
describe.concurrent('every view and dialog on demo data, light and dark', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds nothing at any impact, and definitions sit behind a "?" (${colorScheme})`, async () => {
      const server = await serve(demoStore());
      const context = await newContext(browser(), { viewport: { width: 1400, height: 900 }, colorScheme });
      const { page, problems } = await openPage(context);
      const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const grid = page.getByRole('grid', { name: 'Pages, newest first' });
      await page.goto(server.url);
      await expect.poll(() => grid.isVisible()).toBe(true);

      // Every view (light is also daily-use's; the dark pass is here).
      for (const view of everyView) {
        await blur();
        await page.keyboard.press(view.key);
        await expect.poll(() => page.getByRole('heading', { level: 1, name: view.heading }).isVisible()).toBe(true);
        await page.waitForTimeout(300);
        await expectAxeClean(page, `${String(view.heading)} (${colorScheme})`);
        expect(
          (await longestPanelParagraph(page)).length,
          `${String(view.heading)}: a paragraph in a panel`,
        ).toBeLessThan(200);
      }
      // The Load view's per-person table and holidays say what they count behind a "?".
      await blur();
      await page.keyboard.press('d');
      const people = page.getByRole('region', { name: 'On-call time and load, per person' });
      await people.getByRole('button', { name: 'What is “On-call time and load, per person”?' }).click();
      await expect.poll(() => people.getByRole('note').textContent()).toContain('Hours on call from the rotations');
      await expectAxeClean(page, `a definition open (${colorScheme})`);
      await screenshot(page, `definition-${colorScheme}`);
      await page.keyboard.press('Escape');
      const holidays = page.getByRole('region', { name: 'Holidays of Platform' });
      await holidays.getByRole('button', { name: 'What is “Holidays”?' }).click();
      await expect.poll(() => holidays.getByRole('note').textContent()).toContain('every person’s own zone');
      await page.keyboard.press('Escape');

      // Pages: log, edit, mark for an incident.
      await blur();
      await page.keyboard.press('p');
      await expect.poll(() => grid.isVisible()).toBe(true);
      await page.keyboard.press('n');
      await expect.poll(() => page.getByRole('dialog', { name: 'Log a page' }).isVisible()).toBe(true);
      await expectAxeClean(page, `log a page (${colorScheme})`);
      await page.keyboard.press('Escape');
      await grid.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
      await expectAxeClean(page, `edit a page (${colorScheme})`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
      await grid.focus();
      await page.keyboard.press(' ');
      await page.getByRole('button', { name: 'Create incident…' }).click();
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
      await expectAxeClean(page, `create incident (${colorScheme})`);
      await page.keyboard.press('Escape');

      // The header: all keys, the rotations it shows, the More menu at 1024 wide.
      await blur();
      await page.keyboard.press('?');
      await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
      await expectAxeClean(page, `keys (${colorScheme})`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Choose the rotations the header shows' }).click();
      await expect.poll(() => page.getByRole('dialog', { name: 'Rotations in the header' }).isVisible()).toBe(true);
      await expectAxeClean(page, `header rotations (${colorScheme})`);
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /More/ }).click();
      await expect.poll(() => page.getByRole('menuitem').count()).toBeGreaterThan(0);
      await expectAxeClean(page, `More menu (${colorScheme})`);
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 1400, height: 900 });

      // Toil: log toil.
      await blur();
      await page.keyboard.press('t');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
      await expectAxeClean(page, `log toil (${colorScheme})`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);

      // Error budgets: a new SLO, an SLO edited.
      await blur();
      await page.keyboard.press('b');
      await page.getByRole('button', { name: 'New SLO' }).click();
      await expect.poll(() => page.getByRole('dialog', { name: 'New SLO' }).isVisible()).toBe(true);
      await expectAxeClean(page, `new SLO (${colorScheme})`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Edit SLO auth-service-availability' }).click();
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
      await expectAxeClean(page, `edit SLO (${colorScheme})`);
      await screenshot(page, `slo-edit-${colorScheme}`);
      await page.keyboard.press('Escape');

      // Rotations: the rules with member dates, an override picked by key.
      await blur();
      await page.keyboard.press('r');
      await page.getByRole('button', { name: 'Primary', exact: true }).click();
      await expect.poll(() => page.getByLabel(/^@\w+ joined$/).count()).toBeGreaterThan(0);
      await expectAxeClean(page, `rotation rules (${colorScheme})`);
      await page.getByRole('group', { name: 'Primary shifts' }).getByRole('button').first().focus();
      await page.keyboard.press('o');
      await expect.poll(() => page.getByRole('region', { name: 'Override on Primary' }).isVisible()).toBe(true);
      await expectAxeClean(page, `override form (${colorScheme})`);
      await page.keyboard.press('Escape');

      // Postmortems: the studio on a draft (coach findings), a published one, an incident without one.
      await blur();
      await page.keyboard.press('i');
      await page.getByRole('button', { name: /Checkout errors after a deploy/ }).click();
      await expect.poll(() => page.getByText('Blame words and counterfactual framing').count()).toBeGreaterThan(0);
      await expectAxeClean(page, `studio, draft (${colorScheme})`);
      await screenshot(page, `studio-draft-${colorScheme}`);
      await page.getByRole('button', { name: /Card payments failed for 40 minutes/ }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: /Card payments failed/ }).count()).toBe(1);
      await expectAxeClean(page, `studio, published (${colorScheme})`);
      await page.getByRole('button', { name: /Logins failing for a quarter of users/ }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: /Logins failing/ }).count()).toBe(1);
      await expectAxeClean(page, `studio, incident (${colorScheme})`);

      // Triage: the demo's newest noise waits there.
      await blur();
      await page.keyboard.press('g');
      await expect.poll(() => page.getByRole('main').textContent()).toMatch(/[1-9]\d* pages? not triaged/);
      await expectAxeClean(page, `triage card (${colorScheme})`);
      await screenshot(page, `triage-${colorScheme}`);

      // Toasts queue: three deletes in a row show two toasts and say one more waits, over no view.
      await blur();
      await page.keyboard.press('p');
      await grid.focus();
      const queued = () =>
        page.evaluate(
          () =>
            document.querySelectorAll('.toasts .toast').length +
            Number.parseInt(document.querySelector('.toast-waiting')?.textContent ?? '0', 10),
        );
      const count = page.locator('.pages-view .view-header .muted');
      for (let i = 1; i <= 3; i++) {
        // Each Delete takes the row under the selection at once (pages-list.test.ts: at once too).
        const before = await count.textContent();
        await grid.focus();
        await page.keyboard.press('Delete');
        await expect.poll(queued).toBe(i);
        await expect.poll(() => count.textContent()).not.toBe(before);
      }
      await expect.poll(() => page.locator('.toasts .toast').count()).toBe(2);
      await expect.poll(() => page.locator('.toast-waiting').textContent()).toBe('1 more');
      await expectAxeClean(page, `toasts (${colorScheme})`);

      expect(problems).toEqual([]);
      await context.close();
    }, 600_000);
  }
});
