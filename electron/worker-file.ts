// Finding a worker thread's script: beside the bundle that starts it, or, in a packaged app,
// unpacked beside app.asar. The one rule for the sync worker, the import worker and the desktop's
// list of its own files (electron/desktop/paths.ts).

import fs from 'node:fs';

/**
 * Where a worker script can be started from. In a packaged app the bundle runs from inside
 * app.asar, which a worker thread cannot load its script from: electron-builder.yml unpacks the
 * workers, and they are started from app.asar.unpacked. Null when the file is in neither.
 */
export function outsideAsar(file: string, exists: (p: string) => boolean = fs.existsSync): string | null {
  const unpacked = file.replace(/([\\/])app\.asar([\\/])(?!.*[\\/]app\.asar[\\/])/, '$1app.asar.unpacked$2');
  if (unpacked !== file && exists(unpacked)) return unpacked;
  return exists(file) ? file : null;
}
