// The live pull (stretch of #14): saves PagerDuty's `GET /incidents` list pages for a date range
// into a folder, page by page, so history.apply can read them like any saved export. Offset
// pagination while `more` is true; 429 waits for Retry-After; 5xx and a cut connection are tried
// again with backoff; 401/403 stop with a typed error. It resumes where it stopped: each page is
// written (temp file, then rename) before the state file says so. The token is sent in the
// Authorization header only — never written to a file, an error or a log.

import fs from 'node:fs';
import path from 'node:path';
import { fetchPage, pageObject, PullError, writeAtomically, type PullTiming } from './pull-http';

export { PullError, retryAfterMs } from './pull-http';

export interface PullOptions extends PullTiming {
  /** https://api.pagerduty.com, or a replay server in tests. */
  baseUrl: string;
  token: string;
  since: string;
  until: string;
  /** Where the pages (incidents-<offset>.json) and pull-state.json go. */
  dir: string;
  limit?: number;
  onPage?: (saved: { file: string; incidents: number; offset: number }) => void;
}

interface PullState {
  since: string;
  until: string;
  nextOffset: number;
  files: string[];
  done: boolean;
}

const stateFile = (dir: string): string => path.join(dir, 'pull-state.json');

function readState(options: PullOptions): PullState {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile(options.dir), 'utf8')) as PullState;
    if (state.since === options.since && state.until === options.until) return state;
  } catch {
    // No state yet (or another range): start at the beginning.
  }
  return { since: options.since, until: options.until, nextOffset: 0, files: [], done: false };
}

export async function pullPagerDuty(options: PullOptions): Promise<{ files: string[]; resumed: boolean }> {
  fs.mkdirSync(options.dir, { recursive: true });
  const limit = options.limit ?? 100;
  const state = readState(options);
  const resumed = state.nextOffset > 0 && !state.done;
  while (!state.done) {
    const url = new URL('/incidents', options.baseUrl);
    url.searchParams.set('since', options.since);
    url.searchParams.set('until', options.until);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(state.nextOffset));
    url.searchParams.set('time_zone', 'UTC');
    const where = `offset ${state.nextOffset}`;
    const headers = {
      Authorization: `Token token=${options.token}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
    };
    const body = await fetchPage(url, headers, 'PagerDuty', where, options);
    const page = pageObject(body, where);
    if (!Array.isArray(page.incidents))
      throw new PullError('bad_response', `offset ${state.nextOffset}: the answer has no "incidents" list`);
    const name = `incidents-${String(state.nextOffset).padStart(8, '0')}.json`;
    writeAtomically(path.join(options.dir, name), body);
    state.files.push(name);
    options.onPage?.({ file: name, incidents: page.incidents.length, offset: state.nextOffset });
    state.nextOffset += page.incidents.length;
    state.done = page.more !== true || page.incidents.length === 0;
    writeAtomically(stateFile(options.dir), JSON.stringify(state));
  }
  return { files: state.files.map((file) => path.join(options.dir, file)), resumed };
}
