// The global quick-log shortcut: what a person types in Me (“Ctrl+Alt+Shift+L”, “cmd+shift+9”)
// read into Electron's accelerator form, or refused with the reason. Refused: no modifier (it
// would fire while typing anywhere), Shift alone (capitals), keys the OS or nearly every app
// already owns (copy, paste, undo, save, quit, close, switch windows, lock the screen, Spotlight,
// the command palettes), and anything Electron's accelerators cannot name.

import type { Parsed } from './routes';

/**
 * Ctrl+Alt+Shift+L (Cmd+Option+Shift+L on macOS): three modifiers and L for "log". Not used by
 * the common desktops (GNOME, KDE, Windows, macOS), browsers, editors (VS Code, JetBrains) or chat apps.
 */
export const defaultQuickLogShortcut = 'CommandOrControl+Alt+Shift+L';

const modifierNames: Record<string, Modifier> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  mod: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  opt: 'Alt',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
  win: 'Super',
};
type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'Shift' | 'Super';
const modifierOrder: Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Super', 'Alt', 'Shift'];

const namedKeys: Record<string, string> = {
  space: 'Space',
  tab: 'Tab',
  enter: 'Enter',
  return: 'Enter',
  backspace: 'Backspace',
  delete: 'Delete',
  del: 'Delete',
  insert: 'Insert',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  esc: 'Escape',
  escape: 'Escape',
  plus: 'Plus',
};
const punctuation = new Set([
  ')',
  '!',
  '@',
  '#',
  '$',
  '%',
  '^',
  '&',
  '*',
  '(',
  ':',
  ';',
  '<',
  '=',
  '>',
  '?',
  '_',
  '-',
  ',',
  '.',
  '/',
  '`',
  '~',
  '[',
  ']',
  '{',
  '}',
  '\\',
  '|',
  "'",
  '"',
]);

function keyName(text: string): string | null {
  if (/^[a-z0-9]$/i.test(text)) return text.toUpperCase();
  if (/^f([1-9]|1\d|2[0-4])$/i.test(text)) return text.toUpperCase();
  if (punctuation.has(text)) return text;
  return namedKeys[text.toLowerCase()] ?? null;
}

/**
 * Shortcuts that belong to someone else on the common desktops. Keys are the canonical
 * accelerator with CommandOrControl written as "Mod" (it is Ctrl on Linux/Windows, Cmd on macOS,
 * and either clashes).
 */
const taken: Record<string, string> = {
  'Mod+A': 'select all',
  'Mod+C': 'copy',
  'Mod+V': 'paste',
  'Mod+X': 'cut',
  'Mod+Z': 'undo',
  'Mod+Shift+Z': 'redo',
  'Mod+Y': 'redo',
  'Mod+S': 'save',
  'Mod+O': 'open',
  'Mod+P': 'print',
  'Mod+F': 'find',
  'Mod+N': 'new window',
  'Mod+T': 'new tab',
  'Mod+W': 'close',
  'Mod+Q': 'quit',
  'Mod+R': 'reload',
  'Mod+L': 'the address bar',
  'Mod+Tab': 'switching tabs',
  'Mod+Space': 'Spotlight and input sources',
  'Mod+Shift+P': 'command palettes (VS Code, browsers)',
  'Mod+Shift+N': 'private windows',
  'Mod+Shift+T': 'reopening a closed tab',
  'Mod+Shift+Escape': 'the task manager',
  'Mod+Alt+Delete': 'the system (Ctrl+Alt+Del)',
  'Mod+Alt+T': 'the terminal (GNOME)',
  'Mod+Alt+L': 'locking the screen',
  'Mod+Alt+Escape': 'force quit (macOS)',
  'Alt+Tab': 'switching windows',
  'Alt+F4': 'closing windows',
  'Alt+Space': 'the window menu',
  'Super+L': 'locking the screen',
  'Super+D': 'showing the desktop',
  'Super+E': 'the file manager',
  'Super+Tab': 'switching windows',
  'Super+Space': 'input sources',
};

export interface Shortcut {
  /** Electron's accelerator, canonical order: "CommandOrControl+Alt+Shift+L". */
  accelerator: string;
  /** As the person reads it on their platform: "Ctrl+Alt+Shift+L" / "⌘⌥⇧L". */
  label: string;
}

export function shortcutLabel(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const names: Record<string, string> = mac
    ? { CommandOrControl: '⌘', Command: '⌘', Control: '⌃', Alt: '⌥', Shift: '⇧', Super: '⌘' }
    : { CommandOrControl: 'Ctrl', Command: 'Super', Control: 'Ctrl', Alt: 'Alt', Shift: 'Shift', Super: 'Super' };
  const parts = accelerator.split(/\+(?!$)/);
  return parts.map((p) => names[p] ?? p).join(mac ? '' : '+');
}

/** A typed shortcut as an accelerator, or the reason it is refused (naming the clash). */
export function parseShortcut(text: string, platform = 'linux'): Parsed<Shortcut> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'shortcut: type one, such as Ctrl+Alt+Shift+L' };
  if (trimmed.length > 60) return { ok: false, reason: 'shortcut: too long' };
  // "Ctrl++" is Ctrl and the plus key.
  const parts = trimmed.replace(/\+\+$/, '+Plus').split(/\s*\+\s*/);
  const modifiers = new Set<Modifier>();
  let key: string | null = null;
  for (const part of parts) {
    if (part === '') return { ok: false, reason: `shortcut: "${trimmed}" has an empty part` };
    const modifier = modifierNames[part.toLowerCase()];
    if (modifier) {
      if (modifiers.has(modifier)) return { ok: false, reason: `shortcut: ${part} appears twice` };
      modifiers.add(modifier);
      continue;
    }
    const name = keyName(part);
    if (!name) return { ok: false, reason: `shortcut: "${part}" is not a key a shortcut can use` };
    if (key) return { ok: false, reason: `shortcut: one key only (${key} and ${name})` };
    key = name;
  }
  if (!key) return { ok: false, reason: 'shortcut: needs a key after the modifiers, such as L' };
  const strong = [...modifiers].filter((m) => m !== 'Shift');
  if (strong.length === 0)
    return {
      ok: false,
      reason: `shortcut: needs Ctrl, Cmd, Alt or Super — ${modifiers.size ? 'Shift+' : ''}${key} alone would fire while typing`,
    };
  const ordered = modifierOrder.filter((m) => modifiers.has(m));
  const accelerator = [...ordered, key].join('+');
  const mod = (m: Modifier): string =>
    m === 'CommandOrControl' || m === (platform === 'darwin' ? 'Command' : 'Control') ? 'Mod' : m;
  const clashKey = [...new Set(ordered.map(mod))].join('+') + `+${key}`;
  const owner = taken[clashKey];
  if (owner) return { ok: false, reason: `shortcut: ${shortcutLabel(accelerator, platform)} is taken by ${owner}` };
  return { ok: true, value: { accelerator, label: shortcutLabel(accelerator, platform) } };
}

/** What to tell the person after registering the shortcut with the OS. */
export function shortcutOutcome(shortcut: Shortcut, registered: boolean): string | null {
  return registered ? null : `The quick-log shortcut ${shortcut.label} is taken by another app; choose another in Me.`;
}
