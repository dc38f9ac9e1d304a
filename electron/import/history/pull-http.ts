// What every live pull shares (docs/import.md, "Live pulls"): one GET with the platform's
// token, tried again on 429 (after Retry-After), 5xx and a cut connection with backoff, stopped
// with a typed error on 401/403; files written whole (temp file, then rename) so a pull that
// stops leaves only complete pages. The token goes in a request header only — never into a
// file, an error message or a log line.

import fs from 'node:fs';

export class PullError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'failed' | 'bad_response',
    message: string,
  ) {
    super(message);
  }
}

/** How one pull waits and retries (tests inject `sleep` and `now`). */
export interface PullTiming {
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** For a Retry-After given as a date. */
  now?: () => number;
}

export function writeAtomically(file: string, text: string): void {
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

/**
 * One page's body. `platform` and `where` (e.g. "offset 200", "page 3") only name things in
 * errors; neither ever holds the token.
 */
export async function fetchPage(
  url: URL,
  headers: Record<string, string>,
  platform: string,
  where: string,
  timing: PullTiming,
): Promise<string> {
  const maxRetries = timing.maxRetries ?? 5;
  const sleep = timing.sleep ?? defaultSleep;
  const now = timing.now ?? Date.now;
  for (let attempt = 0; ; attempt += 1) {
    let status = 0;
    let retryAfter: string | null = null;
    try {
      const response = await fetch(url, { headers, redirect: 'error' });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      const text = await response.text();
      if (status === 200) return text;
      if (status === 401 || status === 403)
        throw new PullError(
          'unauthorized',
          `${platform} refused the token (HTTP ${status}); check the key, its access and the address`,
        );
      if (status !== 429 && status < 500)
        throw new PullError('failed', `${platform} answered HTTP ${status} at ${where}`);
    } catch (error) {
      if (error instanceof PullError) throw error;
      status = 0; // the connection was cut or refused: try again
    }
    if (attempt >= maxRetries)
      throw new PullError(
        'failed',
        `gave up at ${where} after ${attempt + 1} tries (${status ? `HTTP ${status}` : 'connection lost'}); run again to resume`,
      );
    await sleep(status === 429 ? retryAfterMs(retryAfter, now()) : 500 * 2 ** attempt);
  }
}

/** The JSON object of a page, or a bad_response naming where. */
export function pageObject(body: string, where: string): Record<string, unknown> {
  let page: unknown;
  try {
    page = JSON.parse(body);
  } catch {
    throw new PullError('bad_response', `${where}: the answer is not JSON`);
  }
  if (typeof page !== 'object' || page === null || Array.isArray(page))
    throw new PullError('bad_response', `${where}: the answer is not a JSON object`);
  return page as Record<string, unknown>;
}
