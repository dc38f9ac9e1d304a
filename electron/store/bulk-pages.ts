// The bulk path for many new pages (a first import of a large repository): the pages' secondary
// indexes, the search index's insert trigger and the rollups' insert trigger are dropped while the
// rows go in, and built once from the table at the end — half the time of keeping them row by row.
//
// Safe against a kill half-way: the drop writes a "rebuild pending" mark (a settings row holding
// the dropped objects' SQL) in the same transaction, and the rebuild clears it in the same
// transaction that puts them back. A store opened with the mark and nobody importing (the
// importer was killed) is healed before anything else (`healPendingRebuild`, from openStore).
//
// Writes by others between the import's chunks go through as usual (the outbox trigger is kept,
// and so are UNIQUE indexes, which guard what may be stored): their search entries and rollups
// come from the rebuild, which reads the whole table — not only what the import wrote.

import type { Database } from 'better-sqlite3';
import { rebuildPageRollups } from './rollups';
import { ChunkedWrite } from './write-turns';

export const rebuildMarkKey = 'pages.rebuild_pending';

interface Mark {
  /** The process that dropped them (while it lives, it will rebuild them itself). */
  pid: number;
  /** The dropped indexes and triggers, as sqlite_master had them. */
  dropped: { name: string; sql: string }[];
}

function readMark(db: Database): Mark | undefined {
  const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
  if (!hasSettings) return undefined;
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(rebuildMarkKey) as
    string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as Mark);
}

function writeMark(db: Database, mark: Mark): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(rebuildMarkKey, JSON.stringify(mark));
}

/**
 * Inside the writer's transaction: drops the pages' non-unique secondary indexes and the search
 * and rollup insert triggers, and marks the store "rebuild pending" (this process will rebuild).
 * Called again while a mark is there (a resumed import), it only takes the mark over.
 */
export function dropPageIndexesForBulk(db: Database): void {
  const mark = readMark(db);
  if (mark) {
    writeMark(db, { ...mark, pid: process.pid });
    return;
  }
  const dropped = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE (type = 'index' AND tbl_name = 'pages' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%')
          OR (type = 'trigger' AND name IN ('pages_fts_insert', 'pages_rollup_insert'))
       ORDER BY type, name`,
    )
    .all() as { name: string; sql: string }[];
  writeMark(db, { pid: process.pid, dropped });
  for (const object of dropped)
    db.exec(`DROP ${object.sql.startsWith('CREATE TRIGGER') ? 'TRIGGER' : 'INDEX'} "${object.name}"`);
}

/** Puts back what the mark names (whatever is still missing) and rebuilds the search index. */
function restore(db: Database, mark: Mark): void {
  const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').pluck();
  for (const object of mark.dropped) if (!exists.get(object.name)) db.exec(object.sql);
  db.exec("INSERT INTO pages_fts (pages_fts) VALUES ('rebuild')");
}

const clearMark = (db: Database): void => {
  db.prepare('DELETE FROM settings WHERE key = ?').run(rebuildMarkKey);
};

/**
 * Inside a transaction: when the store is marked, puts back what the mark names, rebuilds the
 * search index and the rollups from the table, and clears the mark. Whether there was anything to do.
 */
export function rebuildPendingPageIndexes(db: Database): boolean {
  const mark = readMark(db);
  if (!mark) return false;
  restore(db, mark);
  rebuildPageRollups(db);
  clearMark(db);
  return true;
}

const dayKeys = 86_400_000 * 1024;

/**
 * The end of a bulk load, inside the import's chunked write: the triggers, then each index and
 * the search index (none can be built in parts) with `turn()` between them, then the rollups
 * recounted one UTC day at a time with `turn()` between days, so other writers get in; the mark
 * is cleared last (killed before that, the next open does it all again).
 * The rollup trigger is back before the first day: a page written between days is counted by
 * it, and the day's recount (from the table) gives the same count whether it came before or after.
 */
export function finishBulkInTurns(db: Database, turn: () => void): void {
  const mark = readMark(db);
  if (!mark) return;
  // The triggers first: from here on a page written between turns is indexed and counted as it
  // goes in; each index, then the search index, is built from the table in a chunk of its own
  // (the longest hold is one of them, not all).
  const isTrigger = (object: { sql: string }): boolean => object.sql.startsWith('CREATE TRIGGER');
  const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').pluck();
  for (const object of [...mark.dropped].sort((a, b) => Number(isTrigger(b)) - Number(isTrigger(a)))) {
    if (exists.get(object.name)) continue;
    db.exec(object.sql);
    if (!isTrigger(object)) turn();
  }
  db.exec("INSERT INTO pages_fts (pages_fts) VALUES ('rebuild')");
  turn();
  const span = db.prepare('SELECT min(rowid) AS first, max(rowid) AS last FROM pages').get() as {
    first: number | null;
    last: number | null;
  };
  const first = span.first === null ? 0 : Math.floor(span.first / dayKeys);
  const last = span.last === null ? -1 : Math.floor(span.last / dayKeys);
  // No page outside [first, last] yet: no rollup either (a page moved meanwhile may have left one).
  for (const table of ['page_day_tallies', 'page_day_hours', 'page_day_minutes'])
    db.prepare(`DELETE FROM ${table} WHERE day < ? OR day > ?`).run(first, last);
  // Day by day where there are pages (from one to the next, skipping empty stretches).
  const next = db.prepare('SELECT min(rowid) FROM pages WHERE rowid >= ?').pluck();
  for (let day = first; day <= last;) {
    rebuildPageRollups(db, { from: day, to: day + 1 });
    turn();
    const following = next.get((day + 1) * dayKeys) as number | null;
    day = following === null ? last + 1 : Math.floor(following / dayKeys);
  }
  clearMark(db);
}

/**
 * The end of a bulk load that committed its own chunks (a paging-history import): outside any
 * transaction, `finishBulkInTurns` in chunks that let other writers in. Failing, the open chunk
 * rolls back and the mark stays: the store's next open (or `rebuildPendingPageIndexes`) finishes.
 */
export function finishBulkInChunks(db: Database): void {
  const chunks = new ChunkedWrite(db);
  chunks.begin();
  try {
    finishBulkInTurns(db, () => chunks.turn());
    chunks.commit();
  } catch (error) {
    chunks.rollback();
    throw error;
  }
}

/** Whether `pid` is a running process (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On opening a store: a mark left by an importer that is gone (killed half-way) is healed at
 * once, in one IMMEDIATE transaction; a mark whose importer still runs (another process, or a
 * worker thread of this one) is left to it.
 */
export function healPendingRebuild(db: Database): boolean {
  const mark = readMark(db);
  if (!mark || alive(mark.pid)) return false;
  return db
    .transaction(() => {
      // Looked at again inside the lock: another process may have healed it meanwhile.
      const again = readMark(db);
      return again !== undefined && !alive(again.pid) && rebuildPendingPageIndexes(db);
    })
    .immediate();
}
