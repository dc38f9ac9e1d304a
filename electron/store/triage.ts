// The triage queue's reads and writes over `pages`: untriaged pages (triage IS NULL, not
// deleted), optionally only one person's, and marking them. A mark goes through updatePage, so
// the load rollups' triggers and the sync outbox see it like any edit of a page.

import type { Database } from 'better-sqlite3';
import type { Triage } from '../../shared/contract';
import { getPageRow, rowToWrite, updatePage, type PageRow } from './pages';

export interface UntriagedScope {
  /** Only this person's pages (with a team repository, a device triages only its person's). */
  personId?: string;
  summary?: string;
  serviceId?: string;
}

function where(scope: UntriagedScope): { sql: string; params: unknown[] } {
  const clauses = ['p.deleted_at IS NULL', 'p.triage IS NULL'];
  const params: unknown[] = [];
  if (scope.personId !== undefined) {
    clauses.push('p.person_id = ?');
    params.push(scope.personId);
  }
  if (scope.summary !== undefined) {
    clauses.push('p.summary = ?');
    params.push(scope.summary);
  }
  if (scope.serviceId !== undefined) {
    clauses.push('p.service_id = ?');
    params.push(scope.serviceId);
  }
  return { sql: clauses.join(' AND '), params };
}

export function countUntriaged(db: Database, scope: UntriagedScope): number {
  const { sql, params } = where(scope);
  return (db.prepare(`SELECT count(*) AS n FROM pages p WHERE ${sql}`).get(...params) as { n: number }).n;
}

/** Untriaged pages newest first (time-key order), after `beforeKey` when given. */
export function untriagedRows(
  db: Database,
  scope: UntriagedScope,
  limit: number,
  beforeKey?: number,
): (PageRow & { person_name: string })[] {
  const { sql, params } = where(scope);
  const after = beforeKey === undefined ? '' : ' AND p.rowid < ?';
  const ids = db
    .prepare(`SELECT p.id FROM pages p WHERE ${sql}${after} ORDER BY p.rowid DESC LIMIT ?`)
    .pluck()
    .all(...params, ...(beforeKey === undefined ? [] : [beforeKey]), limit) as string[];
  const nameOf = db.prepare('SELECT name FROM people WHERE id = ?').pluck();
  return ids.flatMap((id) => {
    const row = getPageRow(db, id);
    return row ? [{ ...row, person_name: (nameOf.get(row.person_id) as string | undefined) ?? row.person_handle }] : [];
  });
}

export function untriagedIds(db: Database, scope: UntriagedScope): string[] {
  const { sql, params } = where(scope);
  return db
    .prepare(`SELECT p.id FROM pages p WHERE ${sql}`)
    .pluck()
    .all(...params) as string[];
}

/** Sets one page's triage; false when the page is gone or already has that triage. */
export function setTriage(db: Database, row: PageRow, triage: Triage, now: number, deviceId: string): boolean {
  if (row.deleted_at !== null || row.triage === triage) return false;
  updatePage(db, { ...rowToWrite(row), triage, updatedAt: now, deviceId }, row);
  return true;
}
