// The desktop's preferences (merged into the contract in contract.ts): which reminders are on,
// the quick-log shortcut, light/dark, start at login. Kept on this device (the settings table),
// never synced: they are about this machine. The desktop app and browser mode read the same ones.

import { z } from 'zod';
import { defaultQuickLogShortcut, parseShortcut } from './domain/desktop/shortcut';
import { reminderKinds } from './domain/reminders/rules';

export const themes = ['system', 'light', 'dark'] as const;

export const desktopPreferences = z.strictObject({
  /** Reminder kinds turned off. */
  remindersOff: z.array(z.enum(reminderKinds, { message: `must be one of ${reminderKinds.join(', ')}` })).max(20),
  /** The global shortcut that opens the quick-log window (Electron's accelerator form). */
  quickLogShortcut: z
    .string()
    .max(60)
    .superRefine((text, issue) => {
      const parsed = parseShortcut(text);
      if (!parsed.ok) issue.addIssue({ code: 'custom', message: parsed.reason.replace(/^shortcut: /, '') });
    })
    .transform((text) => {
      const parsed = parseShortcut(text);
      return parsed.ok ? parsed.value.accelerator : text;
    }),
  theme: z.enum(themes, { message: 'must be system, light or dark' }),
  startAtLogin: z.boolean({ message: 'must be true or false' }),
});
export type DesktopPreferences = z.output<typeof desktopPreferences>;

export const defaultDesktopPreferences: DesktopPreferences = {
  remindersOff: [],
  quickLogShortcut: defaultQuickLogShortcut,
  theme: 'system',
  startAtLogin: false,
};

export const desktopOperations = {
  'desktop.preferences': {
    input: z.strictObject({}),
    output: desktopPreferences,
    summary: 'Reminders on or off, the quick-log shortcut, light/dark, start at login (this device).',
  },
  'desktop.setPreferences': {
    input: desktopPreferences.partial(),
    output: desktopPreferences,
    summary: 'Change the desktop preferences; the fields not given stay as they are.',
  },
} as const;
