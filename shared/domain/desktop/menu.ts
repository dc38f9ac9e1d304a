// The native application menu: the app's own keys shown as accelerators (n log a page, t log
// toil, p w o d r i a m views, ? keys). They are single keys that the page itself handles (and
// ignores while typing in a field), so the adapter shows them without registering them with the
// OS (Electron's `registerAccelerator: false`); a registered plain "n" would swallow every n typed.
// Standard items (copy, paste, quit, zoom…) are Electron roles.

import type { AppRoute } from './routes';

export type MenuRole =
  | 'about'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'close'
  | 'hide'
  | 'hideOthers'
  | 'unhide';

export type MenuEntry =
  | { type: 'route'; label: string; route: AppRoute; key?: string }
  | {
      type: 'command';
      label: string;
      command: 'about' | 'data-folder' | 'start-at-login' | 'quick-log' | 'sync';
      checked?: boolean;
      key?: string;
    }
  | { type: 'role'; role: MenuRole; key?: string }
  | { type: 'separator' };

export interface MenuSection {
  label: string;
  /** The macOS app menu (named after the app) */
  appMenu?: boolean;
  entries: MenuEntry[];
}

export const viewKeys: { label: string; key: string; route: AppRoute }[] = [
  { label: 'Pages', key: 'P', route: { kind: 'view', view: 'pages' } },
  { label: 'My week', key: 'W', route: { kind: 'view', view: 'week' } },
  { label: 'Toil', key: 'O', route: { kind: 'view', view: 'toil' } },
  { label: 'Load', key: 'D', route: { kind: 'view', view: 'dashboard' } },
  { label: 'Error budgets', key: 'B', route: { kind: 'view', view: 'budgets' } },
  { label: 'Rotations', key: 'R', route: { kind: 'view', view: 'rotations' } },
  { label: 'Postmortems', key: 'I', route: { kind: 'view', view: 'postmortems' } },
  { label: 'Actions', key: 'A', route: { kind: 'view', view: 'actions' } },
  { label: 'Me', key: 'M', route: { kind: 'view', view: 'settings' } },
];

export function applicationMenu(
  platform: string,
  options: { startAtLogin: boolean; quickLogKey: string | null },
): MenuSection[] {
  const mac = platform === 'darwin';
  const sections: MenuSection[] = [];
  if (mac)
    sections.push({
      label: 'On-call Workstation',
      appMenu: true,
      entries: [
        { type: 'role', role: 'about' },
        { type: 'separator' },
        { type: 'command', label: 'Start at login', command: 'start-at-login', checked: options.startAtLogin },
        { type: 'separator' },
        { type: 'role', role: 'hide' },
        { type: 'role', role: 'hideOthers' },
        { type: 'role', role: 'unhide' },
        { type: 'separator' },
        { type: 'role', role: 'quit' },
      ],
    });
  sections.push({
    label: mac ? 'File' : '&File',
    entries: [
      { type: 'route', label: 'Log a page…', route: { kind: 'log', what: 'page' }, key: 'N' },
      { type: 'route', label: 'Log toil…', route: { kind: 'log', what: 'toil' }, key: 'T' },
      {
        type: 'command',
        label: 'Quick log (from anywhere)',
        command: 'quick-log',
        ...(options.quickLogKey ? { key: options.quickLogKey } : {}),
      },
      { type: 'separator' },
      { type: 'command', label: 'Sync now', command: 'sync' },
      { type: 'command', label: 'Show data folder', command: 'data-folder' },
      ...(mac
        ? []
        : ([
            { type: 'command', label: 'Start at login', command: 'start-at-login', checked: options.startAtLogin },
            { type: 'separator' },
            { type: 'role', role: 'quit' },
          ] satisfies MenuEntry[])),
    ],
  });
  sections.push({
    label: mac ? 'Edit' : '&Edit',
    entries: [
      { type: 'role', role: 'undo' },
      { type: 'role', role: 'redo' },
      { type: 'separator' },
      { type: 'role', role: 'cut' },
      { type: 'role', role: 'copy' },
      { type: 'role', role: 'paste' },
      { type: 'role', role: 'selectAll' },
    ],
  });
  sections.push({
    label: mac ? 'View' : '&View',
    entries: [
      ...viewKeys.map((v): MenuEntry => ({ type: 'route', label: v.label, route: v.route, key: v.key })),
      { type: 'separator' },
      { type: 'role', role: 'resetZoom' },
      { type: 'role', role: 'zoomIn' },
      { type: 'role', role: 'zoomOut' },
      { type: 'role', role: 'togglefullscreen' },
    ],
  });
  sections.push({
    label: mac ? 'Window' : '&Window',
    entries: [
      { type: 'role', role: 'minimize' },
      { type: 'role', role: 'close' },
    ],
  });
  sections.push({
    label: mac ? 'Help' : '&Help',
    entries: mac ? [] : [{ type: 'command', label: 'About On-call Workstation', command: 'about' }],
  });
  return sections;
}

/** The About box's text: version and where the data lives. */
export function aboutText(version: string, dataDir: string): { title: string; detail: string } {
  return {
    title: `On-call Workstation ${version}`,
    detail: `Version ${version}\nData folder: ${dataDir}\n\nYour pages, toil and postmortems live in this folder (oncall.db) and in your team's repository once connected.`,
  };
}
