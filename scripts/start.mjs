// `npm start`: the desktop app. Builds, makes sure Electron's binary is there (npm ci skips its
// download, which fails on machines without network access to GitHub), makes sure there is a
// better-sqlite3 built for Electron's ABI — kept apart from node_modules so the CLI, the
// server and the tests keep the Node build — and launches Electron.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;

function run(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options }).status ?? 1;
}

function fail(message) {
  console.error(`npm start: ${message}`);
  console.error('Without Electron, use the same app in a browser: npm run serve');
  process.exit(1);
}

if (run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]) !== 0) process.exit(1);

// 1. Electron's binary (downloaded on first start).
if (!fs.existsSync(path.join(electronDir, 'path.txt'))) {
  console.log(`Downloading Electron ${electronVersion} (first start only)…`);
  if (run(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir }) !== 0) {
    fail(`could not download Electron ${electronVersion}; check the network or proxy settings.`);
  }
}

// 2. better-sqlite3 for Electron's ABI, cached per Electron version.
const binding = path.join(root, '.cache', `electron-${electronVersion}`, 'better_sqlite3.node');
if (!fs.existsSync(binding)) {
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
      {
        cwd: work,
      },
    ) === 0;
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!fetched || !fs.existsSync(built)) fail(`could not build better-sqlite3 for Electron ${electronVersion}.`);
  fs.mkdirSync(path.dirname(binding), { recursive: true });
  fs.copyFileSync(built, binding);
  fs.rmSync(work, { recursive: true, force: true });
}

// 3. Launch.
const electronBinary = path.join(electronDir, 'dist', fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8'));
const code = run(electronBinary, [root, ...process.argv.slice(2)], {
  env: { ...process.env, ONCALL_SQLITE_BINDING: binding },
});
process.exit(code);
