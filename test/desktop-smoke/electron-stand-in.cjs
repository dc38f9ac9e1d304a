// A STAND-IN for the `electron` module, for test/desktop-smoke.test.ts: it is not Electron. Each
// API the app's built main bundle and preload use is an object that records every call (name and
// arguments) into `calls`, answers the way Electron documents (requestSingleInstanceLock → true,
// globalShortcut.register → true, whenReady → a resolved promise…), and keeps the handlers it is
// given so the runner can fire them (an IPC call, a tray click, the shortcut, a second launch).
// Nothing here draws a window, a tray or a notification.

const calls = [];
const handlers = { app: {}, ipc: {}, headers: [], shortcuts: {}, notifications: [], windows: [], trays: [] };
const record = (name, ...args) => calls.push({ name, args: args.map(plain) });
function plain(value) {
  if (typeof value === 'function') return '[function]';
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? '[function]' : v)));
  } catch {
    return String(value);
  }
}

const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

class BrowserWindow {
  constructor(options) {
    record('BrowserWindow', options);
    this.options = options;
    this.listeners = {};
    this.loaded = [];
    this.visible = false;
    this.destroyed = false;
    handlers.windows.push(this);
    this.webContents = { id: handlers.windows.length };
  }
  static getAllWindows() {
    return handlers.windows.filter((w) => !w.destroyed);
  }
  on(event, fn) {
    record('BrowserWindow.on', event);
    (this.listeners[event] ??= []).push(fn);
    return this;
  }
  once(event, fn) {
    record('BrowserWindow.once', event);
    (this.listeners[event] ??= []).push(fn);
    return this;
  }
  emit(event, ...args) {
    for (const fn of this.listeners[event] ?? []) fn(...args);
  }
  loadFile(file, options) {
    record('BrowserWindow.loadFile', file, options);
    this.loaded.push({ file, hash: options?.hash ?? null });
    return Promise.resolve();
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', url);
    this.loaded.push({ url });
    return Promise.resolve();
  }
  show() {
    record('BrowserWindow.show');
    this.visible = true;
  }
  hide() {
    record('BrowserWindow.hide');
    this.visible = false;
  }
  focus() {
    record('BrowserWindow.focus');
  }
  isMinimized() {
    return false;
  }
  restore() {}
  maximize() {
    record('BrowserWindow.maximize');
  }
  isMaximized() {
    return false;
  }
  isFocused() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: this.options.x ?? 0, y: this.options.y ?? 0, width: this.options.width, height: this.options.height };
  }
}

class Tray {
  constructor(image) {
    record('Tray', image);
    handlers.trays.push(this);
    this.menu = null;
  }
  on(event) {
    record('Tray.on', event);
  }
  setToolTip(text) {
    record('Tray.setToolTip', text);
    this.tooltip = text;
  }
  setContextMenu(menu) {
    record('Tray.setContextMenu', menu.template);
    this.menu = menu;
  }
}

class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    record('Notification', options);
    this.options = options;
    this.listeners = {};
    handlers.notifications.push(this);
  }
  on(event, fn) {
    this.listeners[event] = fn;
  }
  show() {
    record('Notification.show', this.options.title);
  }
}

const listener = (scope) => (event, fn) => {
  record(`${scope}.on`, event);
  (handlers.app[event] ??= []).push(fn);
};

const app = {
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  setAsDefaultProtocolClient: (...args) => (record('app.setAsDefaultProtocolClient', ...args), true),
  enableSandbox: () => record('app.enableSandbox'),
  whenReady: () => (record('app.whenReady'), Promise.resolve()),
  on: listener('app'),
  quit: () => record('app.quit'),
  hide: () => record('app.hide'),
  setLoginItemSettings: (settings) => record('app.setLoginItemSettings', settings),
  getPath: (name) => (
    record('app.getPath', name),
    require('node:path').join(require('node:os').tmpdir(), 'oncall-smoke-userData')
  ),
};

module.exports = {
  calls,
  handlers,
  app,
  BrowserWindow,
  Tray,
  Notification,
  // No keychain in the stand-in: the pull door says tokens are kept for one pull only.
  safeStorage: {
    isEncryptionAvailable: () => false,
    encryptString: () => {
      throw new Error('encryption is not available');
    },
    decryptString: () => {
      throw new Error('encryption is not available');
    },
    getSelectedStorageBackend: () => 'basic_text',
  },
  ipcMain: {
    handle: (channel, fn) => {
      record('ipcMain.handle', channel);
      handlers.ipc[channel] = fn;
    },
    on: (channel) => record('ipcMain.on', channel),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => {
        record('session.setPermissionRequestHandler');
        handlers.permissionRequest = fn;
      },
      setPermissionCheckHandler: (fn) => {
        record('session.setPermissionCheckHandler');
        handlers.permissionCheck = fn;
      },
      webRequest: {
        onHeadersReceived: (fn) => {
          record('session.webRequest.onHeadersReceived');
          handlers.headers.push(fn);
        },
      },
    },
  },
  screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
  globalShortcut: {
    register: (accelerator, fn) => {
      record('globalShortcut.register', accelerator);
      handlers.shortcuts[accelerator] = fn;
      return true;
    },
    unregisterAll: () => record('globalShortcut.unregisterAll'),
  },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => {
      record('Menu.setApplicationMenu', menu.template);
      handlers.applicationMenu = menu.template;
    },
  },
  nativeTheme: {
    set themeSource(value) {
      record('nativeTheme.themeSource', value);
    },
  },
  nativeImage: {
    createFromPath: (file) => (record('nativeImage.createFromPath', file), { file }),
    createEmpty: () => ({ empty: true }),
  },
  dialog: {
    showMessageBox: (options) => (record('dialog.showMessageBox', options), Promise.resolve({ response: 0 })),
  },
  shell: { openPath: (folder) => (record('shell.openPath', folder), Promise.resolve('')) },
  contextBridge: {
    exposeInMainWorld: (key, api) => {
      record('contextBridge.exposeInMainWorld', key, Object.keys(api));
      handlers.exposed = { key, api };
    },
  },
  ipcRenderer: {
    invoke: (...args) => (record('ipcRenderer.invoke', ...args), Promise.resolve({ ok: true, value: null })),
  },
};
