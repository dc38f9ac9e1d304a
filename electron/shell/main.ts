// The desktop shell: the windows, the preload bridge, and the desktop around them (tray, global
// quick-log shortcut, reminders as notifications, menu, one instance, oncall:// links, opened
// postmortem files). Everything behind the bridge is the same operation table the CLI and
// `oncall serve` use; everything the desktop decides is in electron/desktop/ and shared/domain/
// (plain Node, tested there). This file and port.ts only call Electron.
// Electron's security checklist: context isolation, sandbox, no Node in the renderer, strict
// CSP, no remote content, navigation and new windows blocked, permissions denied, IPC sender
// checked and input validated by the contract.

import { app, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../data-dir';
import { createDesktopController, type DesktopController } from '../desktop/controller';
import { appFiles } from '../desktop/paths';
import { refusedFromPage } from '../operations/doors';
import { withImportWorker } from '../import/background';
import { withPulls } from '../import/history/pull-door';
import { withBackgroundSync } from '../sync/background';
import { version } from '../version';
import { openWorkstation, type Workstation } from '../workstation';
import { protocolScheme } from '../../shared/domain/desktop/routes';
import { fail } from '../../shared/result';
import { electronPort } from './port';
import { keychainSecrets } from './secrets';

const files = appFiles(__dirname);
const rendererUrl = pathToFileURL(files.rendererIndex).toString();
let workstation: Workstation | undefined;
let desktop: DesktopController | undefined;
const early: string[][] = [];

function dataDirFromArgs(): string | undefined {
  const index = process.argv.indexOf('--data-dir');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Only our own page (the main or the quick-log window), in its main frame, may call operations. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && frame.url.split('#')[0] === rendererUrl;
}

// One instance: a second launch hands its argv (a link, a file) to this one and quits.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', (_event, argv) => {
  if (desktop) void desktop.launch(argv);
  else early.push(argv);
});
// oncall:// links (macOS delivers them as open-url; Windows and Linux as a second launch's argv).
if (process.defaultApp) app.setAsDefaultProtocolClient(protocolScheme, process.execPath, [process.argv[1] ?? '.']);
else app.setAsDefaultProtocolClient(protocolScheme);
app.on('open-url', (event, url) => {
  event.preventDefault();
  if (desktop) void desktop.openUrl(url);
  else early.push([url]);
});
// A postmortem .md opened with the app (macOS); elsewhere it comes in argv.
app.on('open-file', (event, file) => {
  event.preventDefault();
  if (desktop) void desktop.openFile(file);
  else early.push([file]);
});

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== rendererUrl) event.preventDefault();
  });
  // Frames (iframes too, which will-navigate does not cover) never navigate anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || event.url.split('#')[0] !== rendererUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Nothing opens inside the app or in another window: the app has no external content.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(async () => {
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
  // .ics never freezes the window. Inside a package both workers are unpacked beside app.asar.
  // A live pull waits on the network beside the other calls; a token asked to be remembered is
  // kept encrypted by the OS keychain (safeStorage), in userData.
  const operations = withImportWorker(
    workstation.table,
    withPulls(
      workstation.table,
      withBackgroundSync(workstation.table, workstation.ctx.dataDir, {
        nativeBinding: process.env.ONCALL_SQLITE_BINDING,
        workerFile: files.syncWorker,
      }),
      { dataDir: workstation.ctx.dataDir, now: workstation.ctx.now, secrets: keychainSecrets() },
    ),
    { now: workstation.ctx.now, workerFile: files.importWorker },
  );
  const controller: DesktopController = createDesktopController({
    operations,
    now: workstation.ctx.now,
    dataDir: workstation.ctx.dataDir,
    version,
    port: electronPort(files, {
      tray: (action) => void controller.tray(action),
      command: (command) => void controller.command(command),
      placement: (displays, primary) => controller.windowPlacement(displays, primary),
      moved: (displays, saved) => controller.windowMoved(displays, saved),
    }),
  });
  desktop = controller;
  ipcMain.handle('oncall:invoke', (event, operation: unknown, input: unknown) => {
    if (!trustedSender(event)) return fail('unauthorized', 'This window may not call operations.');
    const name = typeof operation === 'string' ? operation : '';
    return refusedFromPage(name, input) ?? controller.operations.invoke(name, input);
  });

  await controller.launch(process.argv);
  for (const argv of early.splice(0)) await controller.launch(argv);
  await controller.start();
  app.on('activate', () => controller.launch([]));
});

// The tray keeps the app running with no window open (the quick-log shortcut still works).
app.on('window-all-closed', () => undefined);

app.on('will-quit', () => {
  desktop?.stop();
  workstation?.close();
});
