// The postmortem studio's save, as the tests that type in it wait for it (postmortems.test.ts,
// postmortem-typing.test.ts).

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the studio says the text is stored: "Saved · revision N" (that revision, when given). */
export async function expectStudioSaved(page: Page, revision?: number): Promise<void> {
  const saved = revision === undefined ? /^Saved · revision/ : new RegExp(`^Saved · revision ${revision}$`);
  await expect.poll(() => page.getByRole('status').filter({ hasText: saved }).isVisible()).toBe(true);
}
