// What every live pull shares (docs/import.md, "Live pulls"): one GET with the platform's
// token, tried again on 429 (after Retry-After), 5xx and a cut connection with backoff, stopped
// with a typed error on 401/403; files written whole (temp file, then rename) so a pull that
// stops leaves only complete pages. The token goes in a request header only — never into a
// file, an error message or a log line.

import fs from 'node:fs';

export class PullError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'failed' | 'bad_response' | 'cancelled',
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
  /** How long one request may take before it is tried again (default 30 s). */
  timeoutMs?: number;
  /** Stops the pull (the Import panel's Cancel): it ends with a PullError of kind `cancelled`. */
  signal?: AbortSignal;
}

const cancelled = (): PullError =>
  new PullError('cancelled', 'the pull was stopped; pulling again resumes where it stopped');

export function writeAtomically(file: string, text: string): void {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A wait that a cancel cuts short. */
function waitUnless(signal: AbortSignal | undefined, wait: Promise<void>): Promise<void> {
  if (!signal) return wait;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const stop = (): void => reject(cancelled());
    signal.addEventListener('abort', stop, { once: true });
    void wait.then(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    });
  });
}

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
  const timeoutMs = timing.timeoutMs ?? 30_000;
  for (let attempt = 0; ; attempt += 1) {
    if (timing.signal?.aborted) throw cancelled();
    let status = 0;
    let timedOut = false;
    let retryAfter: string | null = null;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = timing.signal ? AbortSignal.any([timing.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, { headers, redirect: 'error', signal });
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
      if (timing.signal?.aborted) throw cancelled();
      timedOut = timeout.aborted;
      status = 0; // the connection was cut, refused or timed out: try again
    }
    if (attempt >= maxRetries) {
      const tries = `at ${where}, ${attempt + 1} tries`;
      throw new PullError(
        'failed',
        status >= 500
          ? `${platform} is failing (HTTP ${status} ${tries}); nothing saved is lost — pull again later and it resumes where it stopped`
          : status === 429
            ? `${platform} kept asking to slow down (HTTP 429 ${tries}); pull again later and it resumes where it stopped`
            : timedOut
              ? `${platform} did not answer within ${timeoutMs / 1000} s (${tries}); check the network and the address, then pull again: it resumes where it stopped`
              : `the connection to ${platform} was lost (${tries}); check the network and the address, then pull again: it resumes where it stopped`,
      );
    }
    await waitUnless(timing.signal, sleep(status === 429 ? retryAfterMs(retryAfter, now()) : 500 * 2 ** attempt));
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
