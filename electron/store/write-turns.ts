// Taking turns at the store's one write lock. A long write (a first import of a large repository)
// commits in short chunks and lets go between them; a person's write (logging a page, a
// keystroke in a postmortem) asks for the lock every millisecond rather than on SQLite's busy
// back-off (which sleeps up to 100 ms between tries and so keeps missing the gaps), and so gets
// in at the next gap: waiting at most one chunk.

import type { Database } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';

/** How long a long write holds the lock before it lets another writer in. */
export const chunkMs = 25;
/** How long it lets go (writers asking every millisecond get in). */
export const gapMs = 3;
/** How long a person's write waits for the lock before "store busy". */
export const turnWaitMs = 5000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this thread for `ms` (a write waits synchronously, as SQLite's busy handler would). */
export function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error as { code?: string }).code === 'SQLITE_BUSY';
}

/**
 * Runs `write` in one IMMEDIATE transaction, asking for the lock every millisecond for up to
 * `turnWaitMs`; then SQLITE_BUSY as before. The connection's own busy timeout is set aside
 * meanwhile (restored after).
 */
export function inTurn<T>(db: Database, write: () => T): T {
  const transaction = db.transaction(write);
  const deadline = performance.now() + turnWaitMs;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        return transaction.immediate();
      } catch (error) {
        if (!isBusy(error) || performance.now() >= deadline || db.inTransaction) throw error;
        sleepMs(1);
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * A long write in chunks: `begin()` opens the first IMMEDIATE transaction; `turn()` (called often,
 * e.g. per record) commits and lets go for a moment once the chunk has held the lock `chunkMs`,
 * then begins the next; `commit()` ends the last; `rollback()` drops the open chunk only.
 * `onBegin`/`onEnd` run inside each chunk, first and last (e.g. set and clear a flag that must not
 * be seen by other writers between chunks).
 */
export class ChunkedWrite {
  private started = 0;
  constructor(
    private readonly db: Database,
    private readonly hooks: { onBegin?: () => void; onEnd?: () => void } = {},
  ) {}

  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.started = performance.now();
    this.hooks.onBegin?.();
  }

  /** Whether it let go (and began again): what was read before may have changed. */
  turn(): boolean {
    if (performance.now() - this.started < chunkMs) return false;
    this.commit();
    sleepMs(gapMs);
    this.begin();
    return true;
  }

  commit(): void {
    this.hooks.onEnd?.();
    this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
