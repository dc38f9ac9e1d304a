// The import and sync workers in a packaged app (#19): the bundle runs from inside app.asar,
// which a worker thread cannot start a script from; electron-builder.yml unpacks the workers and
// they are started from app.asar.unpacked, the path resolved the way the packaged app does.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultImportWorkerFile } from '../../electron/import/background';
import { outsideAsar } from '../../electron/worker-file';
import { tempDir } from '../helpers';

const root = path.resolve(__dirname, '..', '..');

describe('worker scripts in a packaged app', () => {
  it('are found in app.asar.unpacked beside the app.asar the bundle runs from', () => {
    // resources/app.asar/dist/main.cjs starts the workers; the unpacked copies sit beside it.
    const resources = tempDir();
    const packed = path.join(resources, 'app.asar', 'dist');
    const unpacked = path.join(resources, 'app.asar.unpacked', 'dist');
    fs.mkdirSync(packed, { recursive: true });
    fs.mkdirSync(unpacked, { recursive: true });
    for (const dir of [packed, unpacked]) {
      fs.writeFileSync(path.join(dir, 'import-worker.cjs'), '');
      fs.writeFileSync(path.join(dir, 'sync-worker.cjs'), '');
    }
    expect(defaultImportWorkerFile(packed)).toBe(path.join(unpacked, 'import-worker.cjs'));
    expect(outsideAsar(path.join(packed, 'sync-worker.cjs'))).toBe(path.join(unpacked, 'sync-worker.cjs'));
    // Unpacked by nobody: the packed path is all there is (and what the error will name).
    fs.rmSync(path.join(unpacked, 'import-worker.cjs'));
    expect(defaultImportWorkerFile(packed)).toBe(path.join(packed, 'import-worker.cjs'));
    // Not packaged (dist/ beside the sources): the file itself.
    expect(outsideAsar(path.join(root, 'package.json'))).toBe(path.join(root, 'package.json'));
    expect(outsideAsar(path.join(resources, 'nothing.cjs'))).toBeNull();
  });

  it('electron-builder.yml unpacks both workers from app.asar', () => {
    const config = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const unpack = /^asarUnpack:\n((?: {2}(?:-.*|#.*)\n)+)/m.exec(config)?.[1] ?? '';
    const patterns = [...unpack.matchAll(/- '([^']+)'/g)].map((m) => m[1] ?? '');
    // The build writes these names (scripts/build.mjs); each matches a pattern.
    for (const worker of ['dist/import-worker.cjs', 'dist/sync-worker.cjs'])
      expect(
        patterns.some((p) => path.matchesGlob(worker, p)),
        worker,
      ).toBe(true);
  });
});
