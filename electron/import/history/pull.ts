// The live pull (stretch of #14): saves PagerDuty's `GET /incidents` list pages for a date range
// into a folder, page by page, so history.apply can read them like any saved export. Offset
// pagination while `more` is true; 429 waits for Retry-After; 5xx and a cut connection are tried
// again with backoff; 401/403 stop with a typed error. It resumes where it stopped: each page is
// written (temp file, then rename) before the state file says so. The token is sent in the
// Authorization header only — never written to a file, an error or a log.

import fs from 'node:fs';
import path from 'node:path';

export class PullError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'failed' | 'bad_response',
    message: string,
  ) {
    super(message);
  }
}

export interface PullOptions {
  /** https://api.pagerduty.com, or a replay server in tests. */
  baseUrl: string;
  token: string;
  since: string;
  until: string;
  /** Where the pages (incidents-<offset>.json) and pull-state.json go. */
  dir: string;
  limit?: number;
  maxRetries?: number;
  /** Waiting (injected by tests). */
  sleep?: (ms: number) => Promise<void>;
  /** For a Retry-After given as a date. */
  now?: () => number;
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

function writeAtomically(file: string, text: string): void {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 allows; 1 s when missing or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : 1000;
}

export async function pullPagerDuty(options: PullOptions): Promise<{ files: string[]; resumed: boolean }> {
  fs.mkdirSync(options.dir, { recursive: true });
  const limit = options.limit ?? 100;
  const maxRetries = options.maxRetries ?? 5;
  const sleep = options.sleep ?? defaultSleep;
  const state = readState(options);
  const resumed = state.nextOffset > 0 && !state.done;
  while (!state.done) {
    const url = new URL('/incidents', options.baseUrl);
    url.searchParams.set('since', options.since);
    url.searchParams.set('until', options.until);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(state.nextOffset));
    url.searchParams.set('time_zone', 'UTC');
    const body = await fetchPage(url, options.token, maxRetries, sleep, options.now ?? Date.now);
    let page: { incidents?: unknown; more?: unknown };
    try {
      page = JSON.parse(body) as { incidents?: unknown; more?: unknown };
    } catch {
      throw new PullError('bad_response', `offset ${state.nextOffset}: the answer is not JSON`);
    }
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

async function fetchPage(
  url: URL,
  token: string,
  maxRetries: number,
  sleep: (ms: number) => Promise<void>,
  now: () => number,
): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    let status = 0;
    let retryAfter: string | null = null;
    try {
      const response = await fetch(url, {
        headers: { Authorization: `Token token=${token}`, Accept: 'application/vnd.pagerduty+json;version=2' },
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      const text = await response.text();
      if (status === 200) return text;
      if (status === 401 || status === 403)
        throw new PullError(
          'unauthorized',
          `PagerDuty refused the token (HTTP ${status}); check the key and its access`,
        );
      if (status !== 429 && status < 500)
        throw new PullError('failed', `PagerDuty answered HTTP ${status} at offset ${url.searchParams.get('offset')}`);
    } catch (error) {
      if (error instanceof PullError) throw error;
      status = 0; // the connection was cut or refused: try again
    }
    if (attempt >= maxRetries)
      throw new PullError(
        'failed',
        `gave up at offset ${url.searchParams.get('offset')} after ${attempt + 1} tries (${status ? `HTTP ${status}` : 'connection lost'}); run again to resume`,
      );
    await sleep(status === 429 ? retryAfterMs(retryAfter, now()) : 500 * 2 ** attempt);
  }
}
