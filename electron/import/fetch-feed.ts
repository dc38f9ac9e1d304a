// A calendar by URL, read as it arrives and cut at the size cap: the body is never held whole
// before it is measured, so an endless or huge response costs at most the cap in memory.

import { FeedError } from './ical';

export interface FetchOptions {
  /** Bytes read at most; one more and the download stops. */
  maxBytes: number;
  /** The whole download, headers and body. */
  timeoutMs: number;
}

const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The text at `address` (webcal:// is https://), or a FeedError naming the URL and the limit. */
export async function fetchCalendar(address: string, options: FetchOptions): Promise<string> {
  const url = address.replace(/^webcal:\/\//i, 'https://');
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no complete answer within ${options.timeoutMs / 1000} s`)),
    options.timeoutMs,
  );
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw new FeedError(`cannot fetch ${url}: ${reason(error, controller)}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError(`${url} answered ${response.status} ${response.statusText}`);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError(`${url} sends ${megabytes(length)}; a calendar is read up to ${megabytes(options.maxBytes)}`);
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      let part: ReadableStreamReadResult<Uint8Array>;
      try {
        part = await reader.read();
      } catch (error) {
        throw new FeedError(`cannot fetch ${url}: ${reason(error, controller)}`);
      }
      if (part.done) break;
      size += part.value.byteLength;
      if (size > options.maxBytes) {
        controller.abort();
        await reader.cancel().catch(() => undefined);
        throw new FeedError(
          `${url} sends more than ${megabytes(options.maxBytes)}; a calendar is read up to ${megabytes(options.maxBytes)} (the download was stopped there)`,
        );
      }
      chunks.push(part.value);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown, controller: AbortController): string {
  if (controller.signal.aborted && controller.signal.reason instanceof Error) return controller.signal.reason.message;
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause ?? (error as Error).message;
}
