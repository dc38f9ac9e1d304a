// Builds what runs: the CLI/server and Electron main + preload (esbuild, CommonJS for Node and
// Electron) and the renderer (Vite). Run by `npm ci` through `prepare`, and by `npm run build`.
import { build as esbuild } from 'esbuild';
import react from '@vitejs/plugin-react';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3'],
};

const started = Date.now();
await Promise.all([
  esbuild({
    ...common,
    entryPoints: [path.join(root, 'electron/cli/cli.ts')],
    outfile: path.join(root, 'dist/cli.cjs'),
  }),
  esbuild({
    ...common,
    entryPoints: [path.join(root, 'electron/shell/main.ts')],
    outfile: path.join(root, 'dist/main.cjs'),
  }),
  // The background sync's worker thread, beside the CLI/server and Electron main that start it.
  esbuild({
    ...common,
    entryPoints: [path.join(root, 'electron/sync/sync-worker.ts')],
    outfile: path.join(root, 'dist/sync-worker.cjs'),
  }),
  // Calendar imports' worker thread (electron/import/background.ts), found the same way.
  esbuild({
    ...common,
    entryPoints: [path.join(root, 'electron/import/worker.ts')],
    outfile: path.join(root, 'dist/import-worker.cjs'),
  }),
  esbuild({
    ...common,
    entryPoints: [path.join(root, 'electron/shell/preload.ts')],
    outfile: path.join(root, 'dist/preload.cjs'),
  }),
]);
await viteBuild({
  configFile: false,
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: path.join(root, 'dist/renderer'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
});
process.stdout.write(`built dist/ in ${Date.now() - started} ms\n`);
