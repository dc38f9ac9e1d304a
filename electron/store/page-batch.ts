// New pages inserted in batches (a paging-history import): the three row triggers an inserted
// page fires — the search index (`pages_fts_insert`), the sync outbox (`pages_outbox_insert`) and
// the load rollups (`pages_rollup_insert`) — are set aside for the batch, and what they would have
// added is added once for the whole batch: one INSERT … SELECT into the search index, one into
// the outbox (in insertion order, so `seq` is what the triggers would have made), the rollups
// tallied in JavaScript. Row by row these triggers were most of an import's cost (measured at
// 100k pages: ~50 µs a page of the ~70 µs an insert took; in bulk ~5 µs). Any other insert
// trigger a later migration adds still fires row by row.

import type { Database } from 'better-sqlite3';
import { addToRollups, type RollupPage } from './rollups';

/** A page the batch inserted: its time key (rowid) and what the rollups count of it. */
export interface BatchPage extends RollupPage {
  timeKey: number;
  deletedAt: number | null;
}

const setAside = ['pages_fts_insert', 'pages_outbox_insert', 'pages_rollup_insert'] as const;
type SetAside = (typeof setAside)[number];

function triggersOf(db: Database): Map<SetAside, string> {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pages'
       AND name IN (${setAside.map(() => '?').join(', ')})`,
    )
    .all(...setAside) as { name: SetAside; sql: string }[];
  return new Map(rows.map((row) => [row.name, row.sql]));
}

/**
 * Runs `load`, which inserts pages and lists each in `added`, without the row triggers above,
 * then adds the batch to the search index, the outbox and the rollups. Call it inside the
 * batch's transaction: a failure rolls back the pages, the additions and the triggers' drop.
 */
export function insertingPagesInBatch<T>(db: Database, load: (added: BatchPage[]) => T): T {
  const triggers = triggersOf(db);
  for (const name of triggers.keys()) db.exec(`DROP TRIGGER ${name}`);
  try {
    const added: BatchPage[] = [];
    const result = load(added);
    if (added.length > 0) {
      const keys = JSON.stringify(added.map((page) => page.timeKey));
      if (triggers.has('pages_fts_insert'))
        db.prepare(
          `INSERT INTO pages_fts (rowid, summary, notes)
           SELECT p.rowid, p.summary, p.notes FROM json_each(?) j JOIN pages p ON p.rowid = j.value`,
        ).run(keys);
      if (triggers.has('pages_outbox_insert'))
        db.prepare(
          `INSERT INTO sync_outbox (kind, key)
           SELECT 'page', p.id FROM json_each(?) j JOIN pages p ON p.rowid = j.value
           WHERE NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing') ORDER BY j.key`,
        ).run(keys);
      if (triggers.has('pages_rollup_insert'))
        addToRollups(
          db,
          added.filter((page) => page.deletedAt === null),
        );
    }
    return result;
  } finally {
    for (const sql of triggers.values()) db.exec(sql);
  }
}
