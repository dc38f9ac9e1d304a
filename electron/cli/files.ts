// Files and feeds a command reads: named in its error as the person typed them, checked for
// size before they are read.

import fs from 'node:fs';
import path from 'node:path';
import { fetchCalendar } from '../import/fetch-feed';
import { FeedError, maxFeedBytes } from '../import/ical';
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

/** A calendar feed by URL (webcal:// is https://), read up to 5 MB as it arrives, 20 seconds. */
export async function fetchFeed(address: string): Promise<string> {
  try {
    return await fetchCalendar(address, { maxBytes: maxFeedBytes, timeoutMs: 20_000 });
  } catch (error) {
    if (error instanceof FeedError) throw new OperationFailure('invalid_input', `URL: ${error.message}`, 'url');
    throw error;
  }
}

/** What goes along with a calendar as its name, so a refusal names it: the URL, or the file's name. */
export function calendarName(file: string): string {
  return isFeedUrl(file) ? file.slice(0, 300) : path.basename(file);
}
