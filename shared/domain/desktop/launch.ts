// What a launch's arguments ask for — the first launch's, or a second launch's handed to the
// running one (single instance): open a deep link, offer to import a postmortem file, or just
// focus. Electron and the OS put their own flags and the app's path in argv; only an
// `oncall://` link or a `.md` file is taken, and a link that is not one of ours is refused.

import { parseDeepLink, type AppRoute } from './routes';

export interface LaunchRequest {
  /** Always: a second launch focuses the running window. */
  focus: true;
  route: AppRoute | null;
  /** A postmortem Markdown file to offer for import. */
  importFile: string | null;
  /** Links that were refused, with the reason (shown to the person, never acted on). */
  refused: string[];
}

/** The app's own flags that take a value (so the value is not read as a file). */
const flagsWithValue = new Set(['--data-dir']);

export function launchRequest(argv: readonly string[]): LaunchRequest {
  const request: LaunchRequest = { focus: true, route: null, importFile: null, refused: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (flagsWithValue.has(arg)) {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      const parsed = parseDeepLink(arg);
      if (parsed.ok) request.route ??= parsed.value;
      else request.refused.push(parsed.reason);
    } else if (/\.(md|markdown)$/i.test(arg) && request.importFile === null) {
      request.importFile = arg;
    }
  }
  return request;
}
