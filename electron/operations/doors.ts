// What the page's doors (the loopback server, the Electron IPC bridge) refuse that the CLI may
// ask: reading a file by its local path. A page sends the file's text; only a terminal names a
// path on this machine, so a page (or anything that got its token) can never make the app read
// an arbitrary local file.

import { fail, type Result } from '../../shared/result';

/** A refusal when a page asks an operation to read local paths; null when the input is fine. */
export function refusedFromPage(operation: string, input: unknown): Result<never> | null {
  if (!operation.startsWith('history.') || typeof input !== 'object' || input === null) return null;
  const files = (input as { files?: unknown }).files;
  if (!Array.isArray(files)) return null;
  const index = files.findIndex((file) => typeof file === 'object' && file !== null && 'path' in file);
  if (index < 0) return null;
  const field = `files.${index}.path`;
  return fail('invalid_input', `${field}: a page sends the file's text; only the CLI reads a path`, field);
}
