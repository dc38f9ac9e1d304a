// Where the app's own files are, in a checkout (dist/) and inside a package (app.asar/dist/).
// Worker threads and native modules cannot run from inside an asar archive, so electron-builder
// unpacks them (asarUnpack) beside it, in app.asar.unpacked/: their paths are rewritten there.

import fs from 'node:fs';
import path from 'node:path';
import { outsideAsar } from '../worker-file';

export interface AppFiles {
  rendererIndex: string;
  preload: string;
  syncWorker: string | null;
  importWorker: string | null;
  /** The window icon (256 px). */
  icon: string | null;
  /** The tray icon (32 px). */
  trayIcon: string | null;
}

/** The files beside the main bundle (`dir` is its __dirname). */
export function appFiles(dir: string, exists: (p: string) => boolean = fs.existsSync): AppFiles {
  const worker = (name: string): string | null => outsideAsar(path.join(dir, name), exists);
  const icon = (size: number): string | null => {
    const file = path.join(dir, '..', 'resources', 'icons', `${size}x${size}.png`);
    return exists(file) ? file : null;
  };
  return {
    rendererIndex: path.join(dir, 'renderer', 'index.html'),
    preload: path.join(dir, 'preload.cjs'),
    syncWorker: worker('sync-worker.cjs'),
    importWorker: worker('import-worker.cjs'),
    icon: icon(256),
    trayIcon: icon(32),
  };
}
