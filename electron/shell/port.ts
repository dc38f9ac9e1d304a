// The desktop port: each of the controller's requests (electron/desktop/controller.ts) as the
// one or two Electron calls that do it. No decisions live here — what the tray shows, which
// reminder fires, which shortcut is allowed, where a link goes and where the window opens are
// all decided in plain Node and tested there (test/desktop-*.test.ts, test/reminders.test.ts).

import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  screen,
  shell,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DesktopPort } from '../desktop/controller';
import type { AppFiles } from '../desktop/paths';
import type { MenuEntry } from '../../shared/domain/desktop/menu';
import { routeHash } from '../../shared/domain/desktop/routes';
import type { TrayAction } from '../../shared/domain/desktop/tray';
import type { DisplayArea, SavedWindow } from '../../shared/domain/desktop/window-state';
import { createAppWindow } from './windows';

export interface PortHandlers {
  tray: (action: TrayAction) => void;
  command: (command: Extract<MenuEntry, { type: 'command' }>['command']) => void;
  placement: (displays: DisplayArea[], primary: DisplayArea) => SavedWindow;
  moved: (displays: DisplayArea[], saved: SavedWindow) => void;
}

const displayAreas = (): { all: DisplayArea[]; primary: DisplayArea } => ({
  all: screen.getAllDisplays().map((d) => ({ id: d.id, workArea: d.workArea })),
  primary: { id: screen.getPrimaryDisplay().id, workArea: screen.getPrimaryDisplay().workArea },
});

export function electronPort(files: AppFiles, handlers: PortHandlers): DesktopPort & { mainWindow(): BrowserWindow } {
  const rendererUrl = pathToFileURL(files.rendererIndex).toString();
  let main: BrowserWindow | null = null;
  let quickLog: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  function mainWindow(): BrowserWindow {
    if (main && !main.isDestroyed()) return main;
    const { all, primary } = displayAreas();
    const placed = handlers.placement(all, primary);
    const window = createAppWindow({
      preload: files.preload,
      bounds: placed.bounds,
      quickLog: false,
      icon: files.icon,
    });
    main = window;
    if (placed.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());
    window.on('close', () => {
      const areas = displayAreas();
      handlers.moved(areas.all, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    });
    void window.loadFile(files.rendererIndex);
    return window;
  }

  const menuItem = (entry: MenuEntry): MenuItemConstructorOptions => {
    switch (entry.type) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: entry.role };
      case 'route':
        // The page handles its own one-letter keys; shown here, not registered with the OS.
        return {
          label: entry.label,
          ...(entry.key ? { accelerator: entry.key, registerAccelerator: false } : {}),
          click: () => port.showMain(entry.route),
        };
      case 'command':
        return {
          label: entry.label,
          ...(entry.checked === undefined ? {} : { type: 'checkbox', checked: entry.checked }),
          ...(entry.key ? { accelerator: entry.key, registerAccelerator: false } : {}),
          click: () => handlers.command(entry.command),
        };
    }
  };

  const port: DesktopPort & { mainWindow(): BrowserWindow } = {
    platform: process.platform,
    mainWindow,
    setTray(model) {
      if (!tray) {
        tray = new Tray(files.trayIcon ? nativeImage.createFromPath(files.trayIcon) : nativeImage.createEmpty());
        tray.on('click', () => port.showMain(null));
      }
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(
        Menu.buildFromTemplate(
          model.items.map((item): MenuItemConstructorOptions => {
            if (item.type === 'separator') return { type: 'separator' };
            if (item.type === 'info') return { label: item.label, enabled: false };
            return {
              label: item.label,
              enabled: item.enabled,
              ...(item.accelerator ? { sublabel: item.accelerator } : {}),
              click: () => handlers.tray(item.action),
            };
          }),
        ),
      );
    },
    notify(reminder, onClick) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: reminder.title, body: reminder.body, silent: false });
      notification.on('click', onClick);
      notification.show();
    },
    registerShortcut(accelerator, onPress) {
      globalShortcut.unregisterAll();
      return globalShortcut.register(accelerator, onPress);
    },
    setMenu(sections) {
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          sections.map((section) => ({
            label: section.label,
            ...(section.appMenu ? { role: 'appMenu' as const } : {}),
            submenu: section.entries.map(menuItem),
          })),
        ),
      );
    },
    setTheme(theme) {
      nativeTheme.themeSource = theme;
    },
    setStartAtLogin(on) {
      app.setLoginItemSettings({ openAtLogin: on });
    },
    showMain(route) {
      const window = mainWindow();
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      if (route) void window.loadURL(`${rendererUrl}${routeHash(route)}`);
    },
    showQuickLog() {
      if (!quickLog || quickLog.isDestroyed()) {
        const window = createAppWindow({
          preload: files.preload,
          bounds: { width: 520, height: 600 },
          quickLog: true,
          icon: files.icon,
        });
        quickLog = window;
        // Esc (or saving) closes it: hidden, not destroyed, so an unsaved draft is still there next time.
        window.on('close', (event) => {
          if (quitting) return;
          event.preventDefault();
          window.hide();
          // Focus goes back to the app the person was in.
          if (process.platform === 'darwin' && !main?.isFocused()) app.hide();
        });
        window.once('ready-to-show', () => {
          window.show();
          window.focus();
        });
        void window.loadFile(files.rendererIndex, { hash: routeHash({ kind: 'quick-log' }).slice(1) });
        return;
      }
      quickLog.show();
      quickLog.focus();
    },
    showMessage(title, detail) {
      void dialog.showMessageBox({ type: 'info', message: title, detail, buttons: ['OK'] });
    },
    async confirm(title, detail, yes) {
      const answer = await dialog.showMessageBox({
        type: 'question',
        message: title,
        detail,
        buttons: [yes, 'Cancel'],
        defaultId: 0,
        cancelId: 1,
      });
      return answer.response === 0;
    },
    openFolder(folder) {
      void shell.openPath(path.resolve(folder));
    },
    quit() {
      app.quit();
    },
  };
  return port;
}
