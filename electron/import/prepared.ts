// Calendars already read in the import worker (worker.ts, background.ts). The operation's
// handler calls parseScheduleFeed / parseHolidayCalendar as always; while the table runs that
// one call (synchronously, so nothing else can run in between), the parse answers with what the
// worker read from the same text instead of reading it again on this thread.

export type Prepared =
  | { kind: 'feed'; text: string; zone: string; outcome: PreparedOutcome }
  | { kind: 'holidays'; text: string; outcome: PreparedOutcome };

export type PreparedOutcome = { ok: true; value: unknown } | { ok: false; message: string };

let current: Prepared | null = null;

/** Runs `work` (one table call) with the worker's reading of a calendar at hand. */
export function withPrepared<T>(prepared: Prepared, work: () => T): T {
  current = prepared;
  try {
    return work();
  } finally {
    current = null;
  }
}

/** The worker's reading of this very text, if there is one. */
export function preparedFor(kind: 'feed', text: string, zone: string): PreparedOutcome | null;
export function preparedFor(kind: 'holidays', text: string): PreparedOutcome | null;
export function preparedFor(kind: Prepared['kind'], text: string, zone?: string): PreparedOutcome | null {
  if (!current || current.kind !== kind || current.text !== text) return null;
  if (current.kind === 'feed' && current.zone !== zone) return null;
  return current.outcome;
}
