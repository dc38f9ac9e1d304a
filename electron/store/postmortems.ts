// Incidents, postmortems (with revisions), action items and team templates.

import type { Database } from 'better-sqlite3';

export interface IncidentRow {
  id: string;
  title: string;
  severity: number;
  services: string;
  started_at: number;
  detected_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface PostmortemRow {
  id: string;
  incident_id: string | null;
  title: string;
  template: string;
  status: 'draft' | 'review' | 'published';
  authors: string;
  time_zone: string;
  body: string;
  guidance: string;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  deleted_at: number | null;
  /** The text's version (migration 10); read, never written by these functions. */
  text_version?: number;
}

export interface ActionItemRow {
  id: string;
  postmortem_id: string;
  position: number;
  title: string;
  owner: string | null;
  due_date: string | null;
  because: number | null;
  status: 'open' | 'done' | 'wont_do';
  reason: string;
  link: string | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
}

// ---------------------------------------------------------------- incidents

export function insertIncident(db: Database, row: IncidentRow, pages: string[], deviceId: string): void {
  db.prepare(
    `INSERT INTO incidents (id, title, severity, services, started_at, detected_at, mitigated_at, resolved_at,
       created_at, updated_at, device_id, deleted_at)
     VALUES (@id, @title, @severity, @services, @started_at, @detected_at, @mitigated_at, @resolved_at,
       @created_at, @updated_at, @device_id, @deleted_at)`,
  ).run({ ...row, device_id: deviceId });
  const link = db.prepare('INSERT OR IGNORE INTO incident_pages (incident_id, page_id) VALUES (?, ?)');
  for (const page of pages) link.run(row.id, page);
}

export function updateIncidentRow(db: Database, row: IncidentRow, deviceId: string): void {
  db.prepare(
    `UPDATE incidents SET title = @title, severity = @severity, services = @services, started_at = @started_at,
       detected_at = @detected_at, mitigated_at = @mitigated_at, resolved_at = @resolved_at,
       updated_at = @updated_at, device_id = @device_id WHERE id = @id`,
  ).run({ ...row, device_id: deviceId });
}

export function setIncidentPages(db: Database, incidentId: string, pages: string[]): void {
  db.prepare('DELETE FROM incident_pages WHERE incident_id = ?').run(incidentId);
  const link = db.prepare('INSERT OR IGNORE INTO incident_pages (incident_id, page_id) VALUES (?, ?)');
  for (const page of pages) link.run(incidentId, page);
}

export function getIncidentRow(db: Database, id: string): IncidentRow | undefined {
  return db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
}

export function listIncidentRows(db: Database): IncidentRow[] {
  return db
    .prepare('SELECT * FROM incidents WHERE deleted_at IS NULL ORDER BY started_at DESC, id')
    .all() as IncidentRow[];
}

export function incidentPageIds(db: Database, incidentId: string): string[] {
  return (
    db.prepare('SELECT page_id FROM incident_pages WHERE incident_id = ? ORDER BY page_id').all(incidentId) as {
      page_id: string;
    }[]
  ).map((r) => r.page_id);
}

// ---------------------------------------------------------------- postmortems

export function insertPostmortem(db: Database, row: PostmortemRow, deviceId: string): void {
  db.prepare(
    `INSERT INTO postmortems (id, incident_id, title, template, status, authors, time_zone, body, guidance,
       created_at, updated_at, published_at, device_id, deleted_at)
     VALUES (@id, @incident_id, @title, @template, @status, @authors, @time_zone, @body, @guidance,
       @created_at, @updated_at, @published_at, @device_id, @deleted_at)`,
  ).run({ ...row, device_id: deviceId });
}

export function updatePostmortemRow(db: Database, row: PostmortemRow, deviceId: string): void {
  db.prepare(
    `UPDATE postmortems SET incident_id = @incident_id, title = @title, template = @template, status = @status,
       authors = @authors, time_zone = @time_zone, body = @body, guidance = @guidance, created_at = @created_at,
       updated_at = @updated_at, published_at = @published_at, device_id = @device_id, deleted_at = NULL
     WHERE id = @id`,
  ).run({ ...row, device_id: deviceId });
}

export function getPostmortemRow(db: Database, id: string): PostmortemRow | undefined {
  return db.prepare('SELECT * FROM postmortems WHERE id = ?').get(id) as PostmortemRow | undefined;
}

export function listPostmortemRows(db: Database): PostmortemRow[] {
  return db
    .prepare('SELECT * FROM postmortems WHERE deleted_at IS NULL ORDER BY updated_at DESC, id')
    .all() as PostmortemRow[];
}

export function postmortemForIncident(db: Database, incidentId: string): PostmortemRow | undefined {
  return db
    .prepare('SELECT * FROM postmortems WHERE incident_id = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1')
    .get(incidentId) as PostmortemRow | undefined;
}

/**
 * Saves the text. While typing, an autosave revision younger than `windowMs` absorbs the change
 * (history in steps of about a minute, not keystrokes); a checkpoint always starts a new one.
 */
export function saveBody(
  db: Database,
  id: string,
  body: string,
  nowMs: number,
  kind: 'autosave' | 'checkpoint' = 'autosave',
  windowMs = 60_000,
): number {
  db.prepare('UPDATE postmortems SET body = ?, updated_at = ? WHERE id = ?').run(body, nowMs, id);
  const latest = db
    .prepare(
      'SELECT number, saved_at, body, kind FROM postmortem_revisions WHERE postmortem_id = ? ORDER BY number DESC LIMIT 1',
    )
    .get(id) as { number: number; saved_at: number; body: string; kind: string } | undefined;
  if (latest && latest.body === body) return latest.number;
  if (latest && kind === 'autosave' && latest.kind === 'autosave' && nowMs - latest.saved_at < windowMs) {
    db.prepare('UPDATE postmortem_revisions SET body = ? WHERE postmortem_id = ? AND number = ?').run(
      body,
      id,
      latest.number,
    );
    return latest.number;
  }
  const number = (latest?.number ?? 0) + 1;
  db.prepare(
    'INSERT INTO postmortem_revisions (postmortem_id, number, body, saved_at, kind) VALUES (?, ?, ?, ?, ?)',
  ).run(id, number, body, nowMs, kind);
  return number;
}

/** A new revision that later typing will not absorb (create, restore, import, structural changes). */
export function checkpoint(db: Database, id: string, body: string, nowMs: number): number {
  return saveBody(db, id, body, nowMs, 'checkpoint');
}

export function latestRevision(db: Database, id: string): number {
  const row = db.prepare('SELECT MAX(number) AS n FROM postmortem_revisions WHERE postmortem_id = ?').get(id) as {
    n: number | null;
  };
  return row.n ?? 0;
}

export function listRevisions(db: Database, id: string): { number: number; saved_at: number; body: string }[] {
  return db
    .prepare('SELECT number, saved_at, body FROM postmortem_revisions WHERE postmortem_id = ? ORDER BY number DESC')
    .all(id) as { number: number; saved_at: number; body: string }[];
}

// ---------------------------------------------------------------- action items

export function actionRowsOf(db: Database, postmortemId: string): ActionItemRow[] {
  return db
    .prepare('SELECT * FROM action_items WHERE postmortem_id = ? AND deleted_at IS NULL ORDER BY position, id')
    .all(postmortemId) as ActionItemRow[];
}

export function getActionRow(db: Database, id: string): (ActionItemRow & { deleted_at: number | null }) | undefined {
  return db.prepare('SELECT * FROM action_items WHERE id = ?').get(id) as
    (ActionItemRow & { deleted_at: number | null }) | undefined;
}

export function upsertAction(db: Database, row: ActionItemRow, deviceId: string): void {
  db.prepare(
    `INSERT INTO action_items (id, postmortem_id, position, title, owner, due_date, because, status, reason, link,
       closed_at, created_at, updated_at, device_id)
     VALUES (@id, @postmortem_id, @position, @title, @owner, @due_date, @because, @status, @reason, @link,
       @closed_at, @created_at, @updated_at, @device_id)
     ON CONFLICT (id) DO UPDATE SET postmortem_id = excluded.postmortem_id, position = excluded.position,
       title = excluded.title, owner = excluded.owner, due_date = excluded.due_date, because = excluded.because,
       status = excluded.status, reason = excluded.reason, link = excluded.link, closed_at = excluded.closed_at,
       updated_at = excluded.updated_at, device_id = excluded.device_id, deleted_at = NULL`,
  ).run({ ...row, device_id: deviceId });
}

export function removeAction(db: Database, id: string, nowMs: number): void {
  db.prepare('UPDATE action_items SET deleted_at = ?, updated_at = ? WHERE id = ?').run(nowMs, nowMs, id);
}

export function removeActionsExcept(db: Database, postmortemId: string, keep: string[], nowMs: number): void {
  const kept = new Set(keep);
  for (const row of actionRowsOf(db, postmortemId)) if (!kept.has(row.id)) removeAction(db, row.id, nowMs);
}

export function allActionRows(db: Database): (ActionItemRow & { postmortem_title: string })[] {
  return db
    .prepare(
      `SELECT a.*, p.title AS postmortem_title FROM action_items a JOIN postmortems p ON p.id = a.postmortem_id
       WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL
       ORDER BY a.due_date IS NULL, a.due_date, p.updated_at DESC, a.position`,
    )
    .all() as (ActionItemRow & { postmortem_title: string })[];
}

// ---------------------------------------------------------------- templates

export function listTemplateRows(db: Database): { name: string; markdown: string }[] {
  return db.prepare('SELECT name, markdown FROM postmortem_templates WHERE deleted_at IS NULL ORDER BY name').all() as {
    name: string;
    markdown: string;
  }[];
}

export function upsertTemplate(db: Database, name: string, markdown: string, nowMs: number, deviceId: string): void {
  db.prepare(
    `INSERT INTO postmortem_templates (name, markdown, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET markdown = excluded.markdown, updated_at = excluded.updated_at,
       device_id = excluded.device_id, deleted_at = NULL`,
  ).run(name, markdown, nowMs, nowMs, deviceId);
}
