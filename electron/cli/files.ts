// Files and feeds a command reads: named in its error as the person typed them, checked for
// size before they are read.

import fs from 'node:fs';
import { OperationFailure } from '../operations/errors';
import { UsageError } from './command';

const fiveMegabytes = 5 * 2 ** 20;

/** A text file given as an argument; `name` is how the usage calls it (FILE). */
export function readTextFile(file: string | undefined, name: string, maxBytes = fiveMegabytes): string {
  if (!file) throw new UsageError(`${name}: give one file`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${name}: cannot read ${file}`);
  }
  if (!stat.isFile()) throw new UsageError(`${name}: ${file} is not a file`);
  if (stat.size > maxBytes)
    throw new UsageError(`${name}: ${file} is larger than ${Math.round(maxBytes / 2 ** 20)} MB`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${name}: cannot read ${file}`);
  }
}

export const isFeedUrl = (address: string): boolean => /^(https?|webcal):\/\//i.test(address);

/** A calendar feed by URL (webcal:// is https://), at most 5 MB, 20 seconds. */
export async function fetchFeed(address: string): Promise<string> {
  const url = address.replace(/^webcal:\/\//i, 'https://');
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(20_000), redirect: 'follow' });
  } catch (error) {
    throw new OperationFailure('invalid_input', `URL: cannot fetch ${url}: ${(error as Error).message}`, 'url');
  }
  if (!response.ok)
    throw new OperationFailure(
      'invalid_input',
      `URL: ${url} answered ${response.status} ${response.statusText}`,
      'url',
    );
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > fiveMegabytes)
    throw new OperationFailure('invalid_input', `URL: the calendar is larger than 5 MB`, 'url');
  const text = await response.text();
  if (text.length > fiveMegabytes)
    throw new OperationFailure('invalid_input', `URL: the calendar is larger than 5 MB`, 'url');
  return text;
}
