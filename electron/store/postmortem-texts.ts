// A postmortem's text versions (migration 10): the number of the text as stored now, and the
// texts of recent versions — the base a save from an editor that lagged behind merges against.

import type { Database } from 'better-sqlite3';

/** The stored text's version and edit time, or undefined for no live postmortem. */
export function textVersionOf(db: Database, id: string): { version: number; updatedAt: number } | undefined {
  const row = db
    .prepare(
      'SELECT text_version AS version, updated_at AS updatedAt FROM postmortems WHERE id = ? AND deleted_at IS NULL',
    )
    .get(id) as { version: number; updatedAt: number } | undefined;
  return row;
}

/** The text of one version, or null when it is no longer kept (older than the last 200). */
export function textAt(db: Database, id: string, version: number): string | null {
  const row = db
    .prepare('SELECT body FROM postmortem_texts WHERE postmortem_id = ? AND version = ?')
    .get(id, version) as { body: string } | undefined;
  return row?.body ?? null;
}

/**
 * Two editors changed the same lines: the text stored is `kept`, and `lost` (the text it replaced)
 * goes to the conflict log as a sync clash does, so the editor shows both section by section and
 * the author can put it back (Review conflicts, `oncall conflicts restore`).
 */
export function logTextClash(db: Database, id: string, kept: string, lost: string, nowMs: number): void {
  db.prepare(
    `INSERT INTO sync_conflicts (at, kind, key, field, kept, lost, lost_side, restored_record)
     VALUES (?, 'postmortem', ?, 'body', ?, ?, 'theirs', 0)`,
  ).run(nowMs, id, JSON.stringify(kept), JSON.stringify(lost));
}
