// `npm start`: the desktop app. Builds, makes sure Electron's binary is there (npm ci skips its
// download, which fails on machines without network access to GitHub), makes sure there is a
// better-sqlite3 built for Electron's ABI — kept apart from node_modules so the CLI, the
// server and the tests keep the Node build — and launches Electron.
//
// When Electron cannot run here (its binary cannot be downloaded, ELECTRON_OVERRIDE_DIST_PATH
// names a folder without it, better-sqlite3 cannot be built for it, or there is no display), it
// says why in one line and starts the same app in browser mode instead: `oncall serve`, its
// address printed and opened in the system browser (BROWSER=none: printed only).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
const args = process.argv.slice(2);

function run(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options }).status ?? 1;
}

/** The app in browser mode: `oncall serve`, its address printed and opened. Never returns. */
function browserMode(reason) {
  process.stderr.write(`npm start: ${reason} — starting the app in your browser instead.\n`);
  const server = spawn(process.execPath, [path.join(root, 'bin', 'oncall.cjs'), 'serve', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  let opened = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    seen += chunk.toString();
    const url = /Serving on (http:\/\/\S+)/.exec(seen)?.[1];
    if (!url) return;
    opened = true;
    process.stdout.write(
      process.env.BROWSER === 'none' ? `Open ${url} in your browser.\n` : `Opening ${url} in your browser.\n`,
    );
    openBrowser(url);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

function openBrowser(url) {
  if (process.env.BROWSER === 'none') return;
  const [command, commandArgs] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, commandArgs, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`npm start: could not open a browser; open the address above.\n`));
    child.unref();
  } catch {
    process.stderr.write(`npm start: could not open a browser; open the address above.\n`);
  }
}

/** Why Electron cannot run here, or null when it can (downloading its binary if it is missing). */
function electronProblem() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(
      override,
      process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron',
    );
    if (!fs.existsSync(binary)) return `Electron's binary is not at ${binary} (ELECTRON_OVERRIDE_DIST_PATH)`;
  } else if (!fs.existsSync(path.join(electronDir, 'path.txt'))) {
    console.log(`Downloading Electron ${electronVersion} (first start only)…`);
    const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (fetched.status !== 0 || !fs.existsSync(path.join(electronDir, 'path.txt'))) {
      const why = /(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|HTTPError[^\n]*)/.exec(fetched.stderr ?? '')?.[1];
      return `could not download Electron ${electronVersion}${why ? ` (${why})` : ''}`;
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

/** better-sqlite3 for Electron's ABI, cached per Electron version; null when it cannot be built. */
function electronSqlite() {
  const binding = path.join(root, '.cache', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (first start only)…`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-sqlite-electron-'));
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  const fetched =
    run(bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion], { cwd: work }) === 0 ||
    run(
      bin('node-gyp'),
      [
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work },
    ) === 0;
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!fetched || !fs.existsSync(built)) return null;
  fs.mkdirSync(path.dirname(binding), { recursive: true });
  fs.copyFileSync(built, binding);
  fs.rmSync(work, { recursive: true, force: true });
  return binding;
}

if (!process.env.ONCALL_START_NO_BUILD && run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]) !== 0)
  process.exit(1);

const problem = electronProblem();
if (problem) browserMode(problem);
else {
  const binding = electronSqlite();
  if (!binding) browserMode(`could not build better-sqlite3 for Electron ${electronVersion}`);
  else {
    const electronBinary = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
      : path.join(electronDir, 'dist', fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8'));
    const code = run(electronBinary, [root, ...args], { env: { ...process.env, ONCALL_SQLITE_BINDING: binding } });
    process.exit(code);
  }
}
