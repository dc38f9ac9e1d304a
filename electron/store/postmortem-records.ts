// A postmortem as its repository record (front matter + body), read from and written to the
// store directly — what sync exchanges with the repository, without a Markdown round trip.
// Writing one is what `postmortems.import` does with a file that has front matter.

import type { Database } from 'better-sqlite3';
import { splitSections } from '../../shared/domain/postmortem/document';
import { frontMatter, type ActionItemFile } from '../../shared/domain/postmortem/file';
import { builtInTemplates, parseTemplate, type Template } from '../../shared/domain/postmortem/templates';
import type { PostmortemRecord } from '../../shared/domain/repository/format';
import {
  actionRowsOf,
  checkpoint,
  getActionRow,
  getIncidentRow,
  getPostmortemRow,
  incidentPageIds,
  insertIncident,
  insertPostmortem,
  listTemplateRows,
  removeActionsExcept,
  setIncidentPages,
  updateIncidentRow,
  updatePostmortemRow,
  upsertAction,
  type ActionItemRow,
  type IncidentRow,
  type PostmortemRow,
} from './postmortems';
import { incidentImpact, setIncidentImpact } from './slos';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
const msOrNull = (value: string | null | undefined): number | null => (value ? Date.parse(value) : null);

/** A live postmortem as the repository has it: its front matter (checked by its schema) and text. */
export function readPostmortemRecord(db: Database, id: string): PostmortemRecord | null {
  const row = getPostmortemRow(db, id);
  if (!row || row.deleted_at !== null) return null;
  const incident = row.incident_id ? getIncidentRow(db, row.incident_id) : undefined;
  const impact = incident ? incidentImpact(db, incident.id) : null;
  const meta = frontMatter.parse({
    id: row.id,
    title: row.title,
    status: row.status,
    severity: incident?.severity ?? null,
    services: incident ? (JSON.parse(incident.services) as string[]) : [],
    authors: JSON.parse(row.authors) as string[],
    template: row.template,
    timeZone: row.time_zone,
    created: iso(row.created_at),
    updated: iso(row.updated_at),
    published: isoOrNull(row.published_at),
    incident: incident
      ? {
          id: incident.id,
          title: incident.title,
          started: iso(incident.started_at),
          detected: isoOrNull(incident.detected_at),
          mitigated: isoOrNull(incident.mitigated_at),
          resolved: isoOrNull(incident.resolved_at),
          pages: incidentPageIds(db, incident.id),
        }
      : null,
    actionItems: actionRowsOf(db, row.id).map(actionItemFile),
    impact: impact && impactFile(impact),
  });
  // As a file would bring it back (line endings as the file reader normalises them).
  return { meta, body: row.body.replace(/\r\n/g, '\n') };
}

/** An action item as a postmortem's file and its action list have it. */
export function actionItemFile(a: ActionItemRow): ActionItemFile {
  return {
    id: a.id,
    title: a.title,
    owner: a.owner,
    due: a.due_date,
    because: a.because,
    status: a.status,
    reason: a.reason,
    link: a.link,
  };
}

type Impact = { start: number; end: number; share: number };

/** An incident's impact as front matter has it (a share of 1 is `full`). */
export function impactFile(impact: Impact): NonNullable<PostmortemRecord['meta']['impact']> {
  return { start: iso(impact.start), end: iso(impact.end), share: impact.share === 1 ? 'full' : impact.share };
}

/** Front matter's impact as the incident stores it; null when the file has none. */
export function impactOf(meta: Pick<PostmortemRecord['meta'], 'impact'>): Impact | null {
  const impact = meta.impact;
  if (!impact) return null;
  return {
    start: Date.parse(impact.start),
    end: Date.parse(impact.end),
    share: impact.share === 'full' ? 1 : impact.share,
  };
}

/** The built-in templates, with the team's own in place of any of the same name. */
export function allTemplates(db: Database): Template[] {
  const team = listTemplateRows(db).map((row) => parseTemplate(row.name, row.markdown));
  return [...builtInTemplates.filter((b) => !team.some((t) => t.name === b.name)), ...team];
}

/** Each section's guidance: the template's, or (no template) the text's headings with none. */
export function guidanceOf(template: Template | undefined, body: string): { title: string; guidance: string }[] {
  if (template) return template.sections.map((s) => ({ title: s.title, guidance: s.guidance }));
  return splitSections(body)
    .filter((s) => s.heading !== '')
    .map((s) => ({ title: s.title, guidance: '' }));
}

/**
 * The incident a postmortem's front matter names, as the row to store (null when it names none).
 * No severity in the file keeps the incident's own (3 for a new one).
 */
export function incidentRowOf(
  db: Database,
  meta: Pick<PostmortemRecord['meta'], 'incident' | 'severity' | 'services'>,
  now: number,
): IncidentRow | null {
  if (!meta.incident) return null;
  return {
    id: meta.incident.id,
    title: meta.incident.title,
    severity: meta.severity ?? getIncidentRow(db, meta.incident.id)?.severity ?? 3,
    services: JSON.stringify(meta.services),
    started_at: Date.parse(meta.incident.started),
    detected_at: msOrNull(meta.incident.detected),
    mitigated_at: msOrNull(meta.incident.mitigated),
    resolved_at: msOrNull(meta.incident.resolved),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
}

export interface RecordWriter {
  db: Database;
  deviceId: string;
  now: () => number;
}

/**
 * Stores a postmortem record as it is: its incident (and the incident's pages), the postmortem
 * with its text as a new revision, and exactly its action items. All or nothing.
 */
export function writePostmortemRecord(ctx: RecordWriter, record: PostmortemRecord): void {
  const { db } = ctx;
  const { meta, body } = record;
  if (splitSections(body).every((s) => s.heading === '')) {
    throw new Error('markdown: no sections found: a postmortem needs “## ” headings (e.g. “## What Happened”)');
  }
  const now = ctx.now();
  const id = meta.id;
  const existing = getPostmortemRow(db, id);
  const incidentRow = incidentRowOf(db, meta, now);
  const row: PostmortemRow = {
    id,
    incident_id: incidentRow?.id ?? null,
    title: meta.title,
    template: meta.template,
    status: meta.status,
    authors: JSON.stringify(meta.authors),
    time_zone: meta.timeZone,
    body,
    guidance: JSON.stringify(
      guidanceOf(
        allTemplates(db).find((t) => t.name === meta.template),
        body,
      ),
    ),
    created_at: Date.parse(meta.created),
    updated_at: meta.updated ? Date.parse(meta.updated) : now,
    published_at: msOrNull(meta.published),
    deleted_at: null,
  };
  const actions = actionRowsFor(id, meta.actionItems, now);
  db.transaction(() =>
    storePostmortem(
      db,
      {
        row,
        existing: Boolean(existing),
        incidentRow,
        incidentPages: meta.incident?.pages ?? [],
        impact: impactOf(meta),
        actions,
      },
      ctx.deviceId,
      now,
    ),
  )();
}

/** A postmortem's action items as read from its file, in their order, as rows to store. */
export function actionRowsFor(
  postmortemId: string,
  items: readonly {
    id: string;
    title: string;
    owner: string | null;
    due: string | null;
    because: number | null;
    status: ActionItemRow['status'];
    reason: string;
    link: string | null;
  }[],
  now: number,
): ActionItemRow[] {
  return items.map((a, position) => ({
    id: a.id,
    postmortem_id: postmortemId,
    position,
    title: a.title,
    owner: a.owner,
    due_date: a.due,
    because: a.because,
    status: a.status,
    reason: a.reason,
    link: a.link,
    closed_at: a.status === 'open' ? null : now,
    created_at: now,
    updated_at: now,
  }));
}

/** An action item named in a postmortem's file that belongs to another postmortem. */
export class ForeignActionItemError extends Error {
  override readonly name = 'ForeignActionItemError';
}

/**
 * Stores a postmortem as read from its file (the repository's, or one a person imports): its
 * incident, the postmortem with a revision, and its action items (those no longer named are
 * removed). The caller holds the transaction.
 */
export function storePostmortem(
  db: Database,
  record: {
    row: PostmortemRow;
    existing: boolean;
    incidentRow: IncidentRow | null | undefined;
    incidentPages: string[];
    /** The incident's customer impact as the file has it (null: none); undefined leaves it as stored. */
    impact?: Impact | null;
    actions: ActionItemRow[];
  },
  deviceId: string,
  now: number,
): void {
  const { row, incidentRow, actions } = record;
  const id = row.id;
  if (incidentRow) {
    const current = getIncidentRow(db, incidentRow.id);
    if (current) updateIncidentRow(db, { ...incidentRow, created_at: current.created_at }, deviceId);
    else insertIncident(db, incidentRow, [], deviceId);
    setIncidentPages(db, incidentRow.id, record.incidentPages);
    if (record.impact !== undefined)
      setIncidentImpact(db, incidentRow.id, record.impact, incidentRow.updated_at, deviceId);
  }
  if (record.existing) updatePostmortemRow(db, row, deviceId);
  else insertPostmortem(db, row, deviceId);
  checkpoint(db, id, row.body, now);
  db.prepare('UPDATE postmortems SET updated_at = ? WHERE id = ?').run(row.updated_at, id);
  for (const action of actions) {
    const old = getActionRow(db, action.id);
    if (old && old.postmortem_id !== id)
      throw new ForeignActionItemError(`markdown: action item ${action.id} belongs to another postmortem`);
    const closedAt = old && old.status === action.status ? old.closed_at : action.closed_at;
    upsertAction(db, { ...action, closed_at: closedAt, created_at: old?.created_at ?? now }, deviceId);
  }
  removeActionsExcept(
    db,
    id,
    actions.map((a) => a.id),
    now,
  );
}
