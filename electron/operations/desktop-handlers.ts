// The desktop preferences, stored as one JSON value in this device's settings table. A value
// that no longer parses (written by a newer app, or edited by hand) falls back field by field
// to the defaults rather than failing every read.

import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import {
  defaultDesktopPreferences,
  desktopOperations,
  desktopPreferences,
  type DesktopPreferences,
} from '../../shared/desktop-contract';
import { getSetting, setSetting } from '../store/settings';
import type { OperationContext } from './context';
import { writes } from './writes';

type DesktopName = keyof typeof desktopOperations & OperationName;
type DesktopHandlers = { [N in DesktopName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

const key = 'desktop.preferences';

export function readDesktopPreferences(ctx: OperationContext): DesktopPreferences {
  let stored: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(getSetting(ctx.db, key) ?? '{}');
    if (typeof value === 'object' && value !== null) stored = value as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const result: Record<string, unknown> = { ...defaultDesktopPreferences };
  for (const field of Object.keys(defaultDesktopPreferences) as (keyof DesktopPreferences)[]) {
    const parsed = desktopPreferences.shape[field].safeParse(stored[field]);
    if (parsed.success) result[field] = parsed.data;
  }
  return result as DesktopPreferences;
}

export const desktopHandlers: DesktopHandlers = {
  'desktop.preferences': (ctx) => readDesktopPreferences(ctx),
  'desktop.setPreferences': writes((ctx, input) => {
    const next: DesktopPreferences = { ...readDesktopPreferences(ctx) };
    for (const [field, value] of Object.entries(input)) {
      if (value !== undefined) (next as Record<string, unknown>)[field] = value;
    }
    setSetting(ctx.db, key, JSON.stringify(next));
    return next;
  }),
};
