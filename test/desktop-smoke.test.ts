// Start-up smoke test of the BUILT desktop app (`npm run build` first), under plain Node with a
// STAND-IN for `electron` (test/desktop-smoke/electron-stand-in.cjs) that records every call —
// Electron itself cannot be downloaded here, so this is not Electron running the app (see the
// README: what has never run inside Electron). Laid out as electron-builder packs it: the
// bundles, renderer and icons in resources/app.asar/ (here a plain folder: real asar reading is
// Electron's), the workers and better-sqlite3 in app.asar.unpacked/.

import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../electron/store/migrations';
import { root, tempDir, testEnv } from './helpers';

const dist = path.join(root, 'dist');

function packageLayout(): string {
  const resources = path.join(tempDir('oncall-package-'), 'resources');
  const asar = path.join(resources, 'app.asar');
  const unpacked = path.join(resources, 'app.asar.unpacked');
  for (const file of ['main.cjs', 'preload.cjs']) fs.cpSync(path.join(dist, file), path.join(asar, 'dist', file));
  fs.cpSync(path.join(dist, 'renderer'), path.join(asar, 'dist', 'renderer'), { recursive: true });
  fs.cpSync(path.join(root, 'resources', 'icons'), path.join(asar, 'resources', 'icons'), { recursive: true });
  fs.cpSync(path.join(root, 'package.json'), path.join(asar, 'package.json'));
  for (const file of ['sync-worker.cjs', 'import-worker.cjs'])
    fs.cpSync(path.join(dist, file), path.join(unpacked, 'dist', file));
  for (const dir of [asar, unpacked]) {
    fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', 'better-sqlite3'), path.join(dir, 'node_modules', 'better-sqlite3'));
  }
  return resources;
}

type Call = { name: string; args: unknown[] };
const named = (calls: Call[], name: string): unknown[][] => calls.filter((c) => c.name === name).map((c) => c.args);

describe('the built desktop app under a stand-in electron', () => {
  it('starts from a package layout and wires the window, IPC, tray, shortcut and notifications', () => {
    expect(fs.existsSync(path.join(dist, 'main.cjs')), 'run `npm run build` first').toBe(true);
    const resources = packageLayout();
    const dataDir = tempDir();
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'test', 'desktop-smoke', 'runner.cjs'), resources, dataDir],
      {
        env: testEnv(),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown> & { calls: Call[] };
    const calls = out.calls;
    const asar = path.join(resources, 'app.asar');
    const rendererIndex = path.join(asar, 'dist', 'renderer', 'index.html');

    // One instance, the oncall:// protocol, the sandbox for every renderer.
    expect(named(calls, 'app.requestSingleInstanceLock')).toHaveLength(1);
    expect(named(calls, 'app.setAsDefaultProtocolClient')).toEqual([['oncall']]);
    expect(named(calls, 'app.enableSandbox')).toHaveLength(1);
    for (const event of ['second-instance', 'open-url', 'open-file', 'web-contents-created', 'will-quit'])
      expect(named(calls, 'app.on')).toContainEqual([event]);

    // Exactly one IPC channel, answering only our own page's main frame.
    expect(named(calls, 'ipcMain.handle')).toEqual([['oncall:invoke']]);
    expect(named(calls, 'ipcMain.on')).toEqual([]);
    expect(out.trusted).toMatchObject({ ok: true, value: { dataDir } });
    // The pull door over the keychain (electron/shell/secrets.ts): this stand-in's safeStorage has
    // none (Linux's basic_text), so a token asked to be remembered is refused before anything is sent.
    expect(out.pullStatus).toMatchObject({ ok: true, value: { keychain: { available: false }, running: null } });
    expect(out.remember).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'remember' } });
    expect(out.quickLogFrame).toMatchObject({ ok: true, value: { quickLogShortcut: 'CommandOrControl+Alt+Shift+L' } });
    for (const refused of [out.foreign, out.iframe])
      expect(refused).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(out.pathFromPage).toMatchObject({ ok: false, error: { field: 'files.0.path' } });

    // Both windows: the same security options and preload; the renderer is found in the package.
    const windows = out.windows as {
      options: Record<string, unknown>;
      loaded: { file?: string; hash?: string; url?: string }[];
    }[];
    expect(windows).toHaveLength(2);
    for (const window of windows)
      expect(window.options.webPreferences).toEqual({
        preload: path.join(asar, 'dist', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      });
    expect(fs.existsSync(rendererIndex)).toBe(true);
    const [main, quickLog] = windows;
    expect(main?.loaded[0]).toEqual({ file: rendererIndex, hash: null });
    expect(main?.options).toMatchObject({
      width: 1200,
      height: 800,
      x: 360,
      y: 140,
      icon: path.join(asar, 'resources', 'icons', '256x256.png'),
    });
    // The quick-log window: the global shortcut, always on top, the same page at #/quick-log.
    expect(out.shortcut).toBe('CommandOrControl+Alt+Shift+L');
    expect(quickLog?.options).toMatchObject({ alwaysOnTop: true, skipTaskbar: true, width: 520 });
    expect(quickLog?.loaded).toEqual([{ file: rendererIndex, hash: '/quick-log' }]);
    // A notification's click, the tray's Open and a second launch's link route the main window.
    const rendererUrl = pathToFileURL(rendererIndex).toString();
    expect(main?.loaded.slice(1)).toEqual([{ url: `${rendererUrl}#/week` }, { url: `${rendererUrl}#/page/0193-abc` }]);
    expect(named(calls, 'dialog.showMessageBox')).toContainEqual([
      expect.objectContaining({
        message: 'Link not opened',
        detail: 'oncall://settings/reset: not a link this app opens',
      }),
    ]);

    // CSP on every response, every permission denied, navigation and new windows blocked.
    expect(out.headers).toEqual({
      'X-Test': ['1'],
      'Content-Security-Policy': [
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      ],
    });
    expect(out.permissionRequest).toBe(false);
    expect(out.permissionCheck).toBe(false);
    expect(out.contents).toEqual({
      events: ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'],
      open: { action: 'deny' },
    });

    // Tray, reminders as notifications, menu, theme.
    expect(out.notifications).toEqual([
      {
        title: 'Your Payments primary shift starts now',
        body: 'On call until 10:00. Log each page with the quick-log shortcut.',
        silent: false,
      },
    ]);
    expect(out.trayMenu).toEqual([
      'Log a page…',
      'Log toil…',
      'Start toil timer…',
      '—',
      'Payments primary: @ann now',
      'My next shift: Payments primary, tomorrow 10:00',
      '—',
      expect.stringMatching(/^Sync now — /),
      '—',
      'Open On-call Workstation',
      'Quit',
    ]);
    expect(named(calls, 'Tray')[0]).toEqual([{ file: path.join(asar, 'resources', 'icons', '32x32.png') }]);
    expect(named(calls, 'nativeTheme.themeSource')).toEqual([['system']]);
    expect(named(calls, 'app.setLoginItemSettings')).toEqual([[{ openAtLogin: false }]]);
    const menu = out.menu as { label: string; items: [string, string | null, boolean | null][] }[];
    expect(menu.find((s) => s.label === '&View')?.items[0]).toEqual(['Pages', 'P', false]);
    expect(menu.find((s) => s.label === '&File')?.items[0]).toEqual(['Log a page…', 'N', false]);

    // Sync ran in its worker, loaded from where the package unpacks it; the store was migrated.
    expect(out.connect).toMatchObject({ ok: true });
    expect(out.sync).toMatchObject({ ok: true, value: { ok: true } });
    expect(out.workers).toContain(path.join(resources, 'app.asar.unpacked', 'dist', 'sync-worker.cjs'));
    const db = new Database(path.join(dataDir, 'oncall.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    db.close();

    // The preload: exactly one function, over the one channel.
    expect(named(calls, 'contextBridge.exposeInMainWorld')).toEqual([['oncall', ['invoke']]]);
    expect(named(calls, 'ipcRenderer.invoke')).toEqual([['oncall:invoke', 'app.info', {}]]);
  });
});
