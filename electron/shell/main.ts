// The desktop shell: one window, the preload bridge, and nothing else. Everything behind the
// bridge is the same operation table the CLI and `oncall serve` use (tested in plain Node).
// Electron's security checklist: context isolation, sandbox, no Node in the renderer, strict
// CSP, no remote content, navigation and new windows blocked, permissions denied, IPC sender
// checked and input validated by the contract.

import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../data-dir';
import { refusedFromPage } from '../operations/doors';
import { withImportWorker } from '../import/background';
import { withBackgroundSync } from '../sync/background';
import { openWorkstation, type Workstation } from '../workstation';
import { fail } from '../../shared/result';

const rendererIndex = path.join(__dirname, 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();
let workstation: Workstation | undefined;

function dataDirFromArgs(): string | undefined {
  const index = process.argv.indexOf('--data-dir');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Only our own page, in our own window's main frame, may call operations. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && frame.url.split('#')[0] === rendererUrl;
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'On-call Workstation',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
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
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
}

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  // Frames (iframes too, which will-navigate does not cover) never navigate anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || event.url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Nothing opens inside the app or in another window: the app has no external content.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // The same policy as electron/server/server.ts (test/security.test.ts keeps the two equal).
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });

  workstation = openWorkstation(resolveDataDir(dataDirFromArgs()), {
    nativeBinding: process.env.ONCALL_SQLITE_BINDING,
    onInternalError: (error, operation) => console.error(`operation ${operation} failed`, error),
  });
  // A sync runs in a worker thread: the window keeps answering during a long first import.
  // A calendar import is read in a worker thread with a deadline and a memory ceiling: a hostile
  // .ics never freezes the window.
  const operations = withImportWorker(
    workstation.table,
    withBackgroundSync(workstation.table, workstation.ctx.dataDir, {
      nativeBinding: process.env.ONCALL_SQLITE_BINDING,
    }),
    { now: workstation.ctx.now },
  );
  ipcMain.handle('oncall:invoke', (event, operation: unknown, input: unknown) => {
    if (!trustedSender(event)) return fail('unauthorized', 'This window may not call operations.');
    const name = typeof operation === 'string' ? operation : '';
    return refusedFromPage(name, input) ?? operations.invoke(name, input);
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => workstation?.close());
