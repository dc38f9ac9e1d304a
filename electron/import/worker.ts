// The import worker's thread (see background.ts): reads one calendar with the bounded parsers
// and posts what it read, or why it refused. It touches no store; the operation that asked
// stores the result on its own thread. A deadline and a memory ceiling are set by the parent.

import { parentPort, workerData } from 'node:worker_threads';
import { HolidayCalendarError, parseHolidayCalendar, type HolidayParseOptions } from './holidays';
import { FeedError, parseScheduleFeed, type ParseOptions } from './ical';
import type { PreparedOutcome } from './prepared';

export type ImportJob =
  | { kind: 'feed'; text: string; options: ParseOptions }
  | { kind: 'holidays'; text: string; options: HolidayParseOptions };

const port = parentPort;
if (!port) throw new Error('the import worker runs as a worker thread');
const job = workerData as ImportJob;

function read(): PreparedOutcome {
  try {
    const value =
      job.kind === 'feed' ? parseScheduleFeed(job.text, job.options) : parseHolidayCalendar(job.text, job.options);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof FeedError || error instanceof HolidayCalendarError)
      return { ok: false, message: error.message };
    return { ok: false, message: `the calendar cannot be read: ${(error as Error).message}` };
  }
}

port.postMessage(read());
