// The desktop app's behaviour around the window, in plain Node: it decides (with the pure
// functions in shared/domain/desktop and shared/domain/reminders) and asks a `DesktopPort` to
// do — the port is the only part that calls Electron (electron/shell/port.ts), and it has no
// logic of its own. The tray, reminders, shortcut, menu, theme, login item, deep links, a second
// launch and an opened postmortem file all come through here.
//
// It sees every operation the window calls (it wraps the operation table the IPC bridge
// answers with), so the tray is rebuilt as data changes and failed syncs are counted.

import fs from 'node:fs';
import path from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import type { DesktopPreferences } from '../../shared/desktop-contract';
import { launchRequest } from '../../shared/domain/desktop/launch';
import { aboutText, applicationMenu, type MenuSection } from '../../shared/domain/desktop/menu';
import type { AppRoute } from '../../shared/domain/desktop/routes';
import { parseShortcut, shortcutOutcome } from '../../shared/domain/desktop/shortcut';
import { trayModel, type TrayAction, type TrayModel } from '../../shared/domain/desktop/tray';
import {
  rememberWindow,
  restoreWindow,
  type DisplayArea,
  type SavedWindow,
} from '../../shared/domain/desktop/window-state';
import { gatherFacts, type Ask } from '../../shared/domain/reminders/facts';
import { afterSync, remindersDue, type Reminder } from '../../shared/domain/reminders/rules';
import type { Result } from '../../shared/result';
import { readMemory, writeMemory, type DesktopMemory } from './memory';

/** Everything the desktop does that only Electron can: each a call or two, no decisions. */
export interface DesktopPort {
  readonly platform: string;
  setTray(model: TrayModel): void;
  notify(reminder: Reminder, onClick: () => void): void;
  /** Registers the global shortcut (replacing any earlier one); false when the OS refused it. */
  registerShortcut(accelerator: string, onPress: () => void): boolean;
  setMenu(sections: MenuSection[]): void;
  setTheme(theme: DesktopPreferences['theme']): void;
  setStartAtLogin(on: boolean): void;
  /** Shows, restores and focuses the main window, then sends it to the route (if any). */
  showMain(route: AppRoute | null): void;
  showQuickLog(): void;
  showMessage(title: string, detail: string): void;
  confirm(title: string, detail: string, yes: string): Promise<boolean>;
  openFolder(folder: string): void;
  quit(): void;
}

export interface DesktopOperations {
  invoke: (name: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>;
}

export interface DesktopOptions {
  operations: DesktopOperations;
  port: DesktopPort;
  now: () => number;
  dataDir: string;
  version: string;
  /** How often the tray and reminders are brought up to date without any change (ms). */
  tickMs?: number;
}

const maxImportBytes = 5 * 2 ** 20;
const readOperations = new Set(['app.info', 'repo.status', 'desktop.preferences', 'toil.timer.get', 'rotations.now']);

export interface DesktopController {
  /** Reads the preferences, registers the shortcut, builds the menu and tray, starts the reminders. */
  start(): Promise<void>;
  stop(): void;
  /** The operations as the window should call them: the same results, and the desktop kept current. */
  operations: { invoke: (name: string, input: unknown) => Promise<Result<unknown>> };
  refresh(): Promise<void>;
  tray(action: TrayAction): Promise<void>;
  command(command: 'about' | 'data-folder' | 'start-at-login' | 'quick-log' | 'sync'): Promise<void>;
  /** A launch's argv (the first, or a second instance's): focus, open a link, offer a file. */
  launch(argv: readonly string[]): Promise<void>;
  openUrl(url: string): Promise<void>;
  openFile(file: string): Promise<void>;
  windowPlacement(displays: DisplayArea[], primary: DisplayArea): SavedWindow;
  windowMoved(displays: DisplayArea[], saved: SavedWindow): void;
  readonly preferences: DesktopPreferences | null;
}

export function createDesktopController(options: DesktopOptions): DesktopController {
  const { port, now } = options;
  const inner = options.operations;
  let preferences: DesktopPreferences | null = null;
  let memory: DesktopMemory = readMemory(options.dataDir);
  let failedSyncs = 0;
  let timer: NodeJS.Timeout | undefined;
  let pending: NodeJS.Timeout | undefined;
  let shortcutLabel: string | null = null;

  const call = async (name: string, input: unknown): Promise<Result<unknown>> => await inner.invoke(name, input);
  const ask: Ask = async <N extends OperationName>(name: N, input: OperationInput<N>) => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as OperationOutput<N>;
  };

  function remember(): void {
    try {
      writeMemory(options.dataDir, memory);
    } catch (error) {
      console.error('could not save the desktop state', error);
    }
  }

  function apply(next: DesktopPreferences): void {
    const before = preferences;
    preferences = next;
    if (before?.theme !== next.theme) port.setTheme(next.theme);
    if (before?.startAtLogin !== next.startAtLogin) port.setStartAtLogin(next.startAtLogin);
    if (before?.quickLogShortcut !== next.quickLogShortcut) {
      const parsed = parseShortcut(next.quickLogShortcut, port.platform);
      if (!parsed.ok) {
        shortcutLabel = null;
        port.showMessage('Quick-log shortcut refused', parsed.reason);
      } else {
        const registered = port.registerShortcut(parsed.value.accelerator, () => port.showQuickLog());
        shortcutLabel = registered ? parsed.value.label : null;
        const outcome = shortcutOutcome(parsed.value, registered);
        if (outcome) port.showMessage('Quick-log shortcut not available', outcome);
      }
    }
    port.setMenu(
      applicationMenu(port.platform, {
        startAtLogin: next.startAtLogin,
        quickLogKey: shortcutLabel ? next.quickLogShortcut : null,
      }),
    );
  }

  async function refresh(): Promise<void> {
    const facts = await gatherFacts(ask, now(), failedSyncs);
    port.setTray(trayModel(facts, shortcutLabel));
    const due = remindersDue(facts, { off: preferences?.remindersOff ?? [] }, memory.fired);
    if (due.reminders.length > 0) {
      memory = { ...memory, fired: due.fired };
      remember();
    }
    for (const reminder of due.reminders) port.notify(reminder, () => port.showMain(reminder.route));
  }

  function refreshSoon(): void {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      void refresh().catch((error: unknown) => console.error('desktop refresh failed', error));
    }, 500);
    pending.unref?.();
  }

  async function offerImport(file: string): Promise<void> {
    const name = path.basename(file);
    let markdown: string;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      if (stat.size > maxImportBytes) throw new Error('over 5 MB');
      markdown = fs.readFileSync(file, 'utf8');
    } catch (error) {
      port.showMessage('Could not open the file', `${name}: ${(error as Error).message}`);
      return;
    }
    const yes = await port.confirm(`Import ${name}?`, `Import ${name} as a postmortem?`, 'Import');
    if (!yes) return;
    const result = await call('postmortems.import', { markdown, fileName: name });
    if (!result.ok) {
      port.showMessage('Not imported', `${name}: ${result.error.message}`);
      return;
    }
    const { postmortem } = result.value as OperationOutput<'postmortems.import'>;
    port.showMain({ kind: 'item', item: 'postmortem', id: postmortem.id });
    refreshSoon();
  }

  const controller: DesktopController = {
    get preferences() {
      return preferences;
    },
    async start() {
      const result = await call('desktop.preferences', {});
      if (!result.ok) throw new Error(`desktop.preferences: ${result.error.message}`);
      apply(result.value as DesktopPreferences);
      await refresh();
      timer = setInterval(() => void refresh().catch(() => undefined), options.tickMs ?? 60_000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      if (pending) clearTimeout(pending);
    },
    operations: {
      async invoke(name, input) {
        const result = await call(name, input);
        if (name === 'repo.sync')
          failedSyncs = afterSync(failedSyncs, result.ok && (result.value as { ok: boolean }).ok);
        if (name === 'desktop.setPreferences' && result.ok) apply(result.value as DesktopPreferences);
        if (!readOperations.has(name)) refreshSoon();
        return result;
      },
    },
    refresh,
    async tray(action) {
      switch (action) {
        case 'log-page':
          return port.showQuickLog();
        case 'log-toil':
        case 'timer-start':
          return port.showMain({ kind: 'log', what: 'toil' });
        case 'timer-stop': {
          const stopped = await call('toil.timer.stop', {});
          // Over 12 hours the timer asks first: the toil dialog asks the person.
          if (!stopped.ok) port.showMain({ kind: 'log', what: 'toil' });
          return refresh();
        }
        case 'sync':
          await controller.operations.invoke('repo.sync', {});
          return refresh();
        case 'open':
          return port.showMain(null);
        case 'quit':
          return port.quit();
      }
    },
    async command(command) {
      switch (command) {
        case 'about': {
          const about = aboutText(options.version, options.dataDir);
          return port.showMessage(about.title, about.detail);
        }
        case 'data-folder':
          return port.openFolder(options.dataDir);
        case 'start-at-login':
          await controller.operations.invoke('desktop.setPreferences', { startAtLogin: !preferences?.startAtLogin });
          return;
        case 'quick-log':
          return port.showQuickLog();
        case 'sync':
          return controller.tray('sync');
      }
    },
    async launch(argv) {
      const request = launchRequest(argv);
      port.showMain(request.route);
      if (request.refused.length > 0) port.showMessage('Link not opened', request.refused.join('\n'));
      if (request.importFile) await offerImport(request.importFile);
    },
    openUrl: (url) => controller.launch([url]),
    openFile: (file) => offerImport(file),
    windowPlacement: (displays, primary) => restoreWindow(memory.windows, displays, primary),
    windowMoved(displays, saved) {
      memory = { ...memory, windows: rememberWindow(memory.windows, displays, saved) };
      remember();
    },
  };
  return controller;
}
