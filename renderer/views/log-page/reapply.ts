// Reapplying a page edit onto a newer version of the page (it was changed elsewhere after the
// form opened): only the fields this person changed go again, so the other change stays.

import type { Page } from '../../../shared/contract';

/** The patch without the fields whose value is still the one the form opened with. */
export function changedOnly<P extends Record<string, unknown>>(patch: P, opened: Page): Partial<P> {
  const before = opened as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const was = before[key];
    const same =
      JSON.stringify(value ?? null) === JSON.stringify(was ?? null) ||
      // Times go as instants: the same moment written another way is no change.
      (typeof value === 'string' && typeof was === 'string' && Date.parse(value) === Date.parse(was)) ||
      // "Derive it" and the derived answer: no change either.
      (key === 'sleepHour' && value === null);
    if (!same) out[key] = value;
  }
  return out as Partial<P>;
}
