// Runs the BUILT main bundle and preload, as a package lays them out, under plain Node with the
// stand-in `electron` module (electron-stand-in.cjs) — for test/desktop-smoke.test.ts, in a
// child process of its own. It starts the app, then acts as Electron would: calls over the IPC
// channel from a trusted and from untrusted frames, presses the global shortcut, clicks the
// tray, hands over a second launch's argv, and prints what was recorded as one JSON line.
//   node runner.cjs <resources dir of the package layout> <data dir>

const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const workerThreads = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');

const [resources, dataDir] = process.argv.slice(2);
const standIn = path.join(__dirname, 'electron-stand-in.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standIn : resolve.call(this, request, ...rest);
};
const electron = require(standIn);

// Which files worker threads are started from (the sync worker must come from app.asar.unpacked).
const workers = [];
const RealWorker = workerThreads.Worker;
workerThreads.Worker = class extends RealWorker {
  constructor(file, options) {
    workers.push(String(file));
    super(file, options);
  }
};

const appDir = path.join(resources, 'app.asar');
process.argv = [process.execPath, appDir, '--data-dir', dataDir];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, test, ms = 15_000) {
  const started = performance.now();
  while (!test()) {
    if (performance.now() - started > ms) throw new Error(`smoke: timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function main() {
  const out = { workers };
  require(path.join(appDir, 'dist', 'main.cjs'));
  const { handlers } = electron;
  await until('the IPC channel', () => handlers.ipc['oncall:invoke']);
  await until('the tray', () => handlers.trays[0]?.menu);

  const rendererUrl = pathToFileURL(path.join(appDir, 'dist', 'renderer', 'index.html')).toString();
  const invoke = handlers.ipc['oncall:invoke'];
  const from = (url, parent = null) => ({ senderFrame: { url, parent } });
  const call = (name, input) => invoke(from(`${rendererUrl}#/pages`), name, input);
  out.trusted = await call('app.info', {});
  out.pullStatus = await call('history.pullStatus', {});
  out.remember = await call('history.pull', {
    platform: 'pagerduty',
    since: '2026-01-01',
    token: 'stand-in-token',
    remember: true,
  });
  out.quickLogFrame = await invoke(from(`${rendererUrl}#/quick-log`), 'desktop.preferences', {});
  out.foreign = await invoke(from('https://evil.example/'), 'app.info', {});
  out.iframe = await invoke(from(rendererUrl, {}), 'app.info', {});
  out.pathFromPage = await call('history.preview', { source: 'csv', files: [{ path: '/etc/passwd' }] });

  // Data changes through the window: Ann's shift starts now → the tray and a notification follow.
  const ann = await call('people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'UTC' });
  await call('me.set', { id: ann.value.id });
  out.rotation = await call('rotations.save', {
    name: 'Payments primary',
    timeZone: 'UTC',
    start: '2026-11-25T10:00',
    shiftLength: 1,
    shiftUnit: 'days',
    members: [{ handle: 'ann' }],
  });
  await until('the shift-start notification', () => handlers.notifications.length > 0);
  out.notifications = handlers.notifications.map((n) => n.options);
  out.trayMenu = handlers.trays[0].menu.template.map((item) => item.label ?? '—');

  // The global shortcut opens the quick-log window.
  const shortcut = Object.keys(handlers.shortcuts)[0];
  handlers.shortcuts[shortcut]();
  out.shortcut = shortcut;

  // A notification click and a tray click open the main window; a second launch hands over a link.
  handlers.notifications[0].listeners.click();
  handlers.trays[0].menu.template.find((item) => item.label === 'Open On-call Workstation').click();
  for (const fn of handlers.app['second-instance'])
    fn({}, ['/opt/oncall/oncall', '--no-sandbox', 'oncall://page/0193-abc']);
  for (const fn of handlers.app['second-instance']) fn({}, ['/opt/oncall/oncall', 'oncall://settings/reset']);
  await sleep(100);
  out.windows = handlers.windows.map((w) => ({ options: w.options, loaded: w.loaded }));

  // Sync in its worker thread, from where a package unpacks it.
  out.connect = await call('repo.connect', { url: null });
  out.sync = await call('repo.sync', {});

  // The session's guards.
  let headers;
  handlers.headers[0]({ responseHeaders: { 'X-Test': ['1'] } }, (answer) => (headers = answer.responseHeaders));
  out.headers = headers;
  let permission;
  handlers.permissionRequest(null, 'notifications', (granted) => (permission = granted));
  out.permissionRequest = permission;
  out.permissionCheck = handlers.permissionCheck(null, 'notifications');
  const contents = {
    events: [],
    on: (event) => contents.events.push(event),
    setWindowOpenHandler: (fn) => (contents.open = fn()),
  };
  for (const fn of handlers.app['web-contents-created']) fn({}, contents);
  out.contents = { events: contents.events, open: contents.open };
  out.menu = handlers.applicationMenu.map((section) => ({
    label: section.label,
    items: section.submenu.map((item) => [
      item.label ?? item.role ?? '—',
      item.accelerator ?? null,
      item.registerAccelerator ?? null,
    ]),
  }));

  // The preload, in its own (stand-in) renderer.
  require(path.join(appDir, 'dist', 'preload.cjs'));
  await handlers.exposed.api.invoke('app.info', {});

  for (const fn of handlers.app['will-quit'] ?? []) fn();
  out.calls = electron.calls;
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
