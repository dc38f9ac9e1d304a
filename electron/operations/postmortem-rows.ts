// What the postmortem operations share: rows turned into the contract's incidents, postmortems and
// action items, live lookups that refuse removed records, templates and their guidance, front matter.

import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import { defaultCoachConfig, type CoachConfig } from '../../shared/domain/blameless/rules';
import {
  findSection,
  formatActionList,
  replaceSectionBody,
  sectionPatterns,
  splitSections,
  type TimelineEntry,
} from '../../shared/domain/postmortem/document';
import { type FrontMatter } from '../../shared/domain/postmortem/file';
import { type Template } from '../../shared/domain/postmortem/templates';
import { type ActionItem, type Incident, type Postmortem } from '../../shared/postmortem-contract';
import { getPageRow, toPage } from '../store/pages';
import { listPeople } from '../store/people';
import { actionItemFile, allTemplates } from '../store/postmortem-records';
import { incidentImpact } from '../store/slos';
import {
  actionRowsOf,
  checkpoint,
  getIncidentRow,
  getPostmortemRow,
  incidentPageIds,
  latestRevision,
  postmortemForIncident,
  upsertAction,
  type ActionItemRow,
  type IncidentRow,
  type PostmortemRow,
} from '../store/postmortems';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { currentPerson } from './me';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
export const msOrNull = (value: string | null | undefined): number | null => (value ? Date.parse(value) : null);

// ---------------------------------------------------------------- incidents

function impactOf(db: Database, id: string): Incident['impact'] {
  const impact = incidentImpact(db, id);
  return impact && { start: iso(impact.start), end: iso(impact.end), share: impact.share };
}

export function toIncident(db: Database, row: IncidentRow): Incident {
  const postmortem = postmortemForIncident(db, row.id);
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    services: JSON.parse(row.services) as string[],
    startedAt: iso(row.started_at),
    detectedAt: isoOrNull(row.detected_at),
    mitigatedAt: isoOrNull(row.mitigated_at),
    resolvedAt: isoOrNull(row.resolved_at),
    pages: incidentPageIds(db, row.id),
    postmortem: postmortem ? { id: postmortem.id, status: postmortem.status } : null,
    expectsPostmortem: row.severity <= 2 && !postmortem,
    updatedAt: iso(row.updated_at),
    impact: impactOf(db, row.id),
  };
}

export function liveIncident(ctx: OperationContext, id: string, field = 'id'): IncidentRow {
  const row = getIncidentRow(ctx.db, id);
  if (!row || row.deleted_at !== null) throw notFound('incident', id, field);
  return row;
}

// ---------------------------------------------------------------- templates

// The templates and their guidance are the store's (sync stores postmortems with them too).
export { allTemplates, guidanceOf } from '../store/postmortem-records';

export function templateNamed(db: Database, name: string): Template {
  const found = allTemplates(db).find((t) => t.name === name);
  if (!found) {
    const names = allTemplates(db)
      .map((t) => t.name)
      .join(', ');
    throw new OperationFailure('not_found', `template: there is no template called "${name}" (${names})`, 'template');
  }
  return found;
}

// ---------------------------------------------------------------- postmortems

export function livePostmortem(ctx: OperationContext, id: string, field = 'id'): PostmortemRow {
  const row = getPostmortemRow(ctx.db, id);
  if (!row || row.deleted_at !== null) throw notFound('postmortem', id, field);
  return row;
}

export function todayIn(ctx: OperationContext, at?: string): string {
  const zone = currentPerson(ctx)?.timeZone ?? ctx.defaults.timeZone;
  return DateTime.fromMillis(at ? Date.parse(at) : ctx.now(), { zone }).toISODate() ?? '';
}

export function teamsByHandle(db: Database): Map<string, string[]> {
  const rows = db
    .prepare(
      `SELECT p.handle, t.name FROM team_people tp JOIN people p ON p.id = tp.person_id
       JOIN teams t ON t.id = tp.team_id WHERE t.deleted_at IS NULL ORDER BY t.name`,
    )
    .all() as { handle: string; name: string }[];
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(row.handle.toLowerCase(), [...(map.get(row.handle.toLowerCase()) ?? []), row.name]);
  return map;
}

export function toAction(
  row: ActionItemRow,
  postmortemTitle: string,
  today: string,
  teams: Map<string, string[]>,
): ActionItem {
  return {
    id: row.id,
    postmortem: row.postmortem_id,
    postmortemTitle,
    title: row.title,
    owner: row.owner,
    due: row.due_date,
    because: row.because,
    status: row.status,
    reason: row.reason,
    link: row.link,
    closedAt: isoOrNull(row.closed_at),
    overdue: row.status === 'open' && row.due_date !== null && row.due_date < today,
    teams: row.owner ? (teams.get(row.owner.toLowerCase()) ?? []) : [],
    updatedAt: iso(row.updated_at),
  };
}

export function toPostmortem(ctx: OperationContext, row: PostmortemRow): Postmortem {
  const incident = row.incident_id ? getIncidentRow(ctx.db, row.incident_id) : undefined;
  const today = todayIn(ctx);
  const teams = teamsByHandle(ctx.db);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    template: row.template,
    timeZone: row.time_zone,
    authors: JSON.parse(row.authors) as string[],
    body: row.body,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    publishedAt: isoOrNull(row.published_at),
    incident: incident ? toIncident(ctx.db, incident) : null,
    actionItems: actionRowsOf(ctx.db, row.id).map((a) => toAction(a, row.title, today, teams)),
    guidance: JSON.parse(row.guidance) as { title: string; guidance: string }[],
    revision: latestRevision(ctx.db, row.id),
    textVersion: row.text_version ?? 0,
  };
}

/** The coach's settings with everyone on the roster as names it recognises. */
export function rosterCoachConfig(db: Database): CoachConfig {
  const names = listPeople(db).flatMap((p) => [p.name.split(/\s+/)[0] ?? '', p.handle]);
  return { ...defaultCoachConfig, names: [...defaultCoachConfig.names, ...names.filter((n) => n.length > 1)] };
}

export function timelineFromPages(ctx: OperationContext, incident: IncidentRow): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const pageId of incidentPageIds(ctx.db, incident.id)) {
    const row = getPageRow(ctx.db, pageId);
    if (!row || row.deleted_at !== null) continue;
    const page = toPage(row);
    const what = `“${page.summary}” (${page.service}, severity ${page.severity})`;
    entries.push({ at: row.received_at, text: `Page received: ${what}.` });
    if (row.acknowledged_at !== null) entries.push({ at: row.acknowledged_at, text: `Page acknowledged: ${what}.` });
    if (row.resolved_at !== null) entries.push({ at: row.resolved_at, text: `Page resolved: ${what}.` });
  }
  const known = new Set(entries.map((e) => e.at));
  if (incident.mitigated_at !== null) entries.push({ at: incident.mitigated_at, text: 'Incident mitigated.' });
  if (incident.resolved_at !== null && !known.has(incident.resolved_at)) {
    entries.push({ at: incident.resolved_at, text: 'Incident resolved.' });
  }
  return entries;
}

/** Rewrites the postmortem's action-item list from its action items (a new revision). */
export function writeActionSection(ctx: OperationContext, postmortemId: string, now: number): void {
  const row = livePostmortem(ctx, postmortemId, 'postmortem');
  const items = actionRowsOf(ctx.db, postmortemId).map(actionItemFile);
  const sections = splitSections(row.body);
  let body = row.body;
  if (findSection(sections, sectionPatterns.actions) < 0) {
    body = `${row.body.replace(/\s*$/, '')}\n\n## What Teams Are Changing\n`;
  }
  body = replaceSectionBody(body, sectionPatterns.actions, formatActionList(items));
  if (body !== row.body) checkpoint(ctx.db, postmortemId, body, now);
  ctx.db.prepare('UPDATE postmortems SET updated_at = ? WHERE id = ?').run(now, postmortemId);
}

export function frontMatterOf(ctx: OperationContext, pm: Postmortem): FrontMatter {
  return {
    id: pm.id,
    title: pm.title,
    status: pm.status,
    severity: pm.incident?.severity ?? null,
    services: pm.incident?.services ?? [],
    authors: pm.authors,
    template: pm.template,
    timeZone: pm.timeZone,
    created: pm.createdAt,
    updated: pm.updatedAt,
    published: pm.publishedAt,
    incident: pm.incident && {
      id: pm.incident.id,
      title: pm.incident.title,
      started: pm.incident.startedAt,
      detected: pm.incident.detectedAt,
      mitigated: pm.incident.mitigatedAt,
      resolved: pm.incident.resolvedAt,
      pages: pm.incident.pages,
    },
    actionItems: pm.actionItems.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.owner,
      due: a.due,
      because: a.because,
      status: a.status,
      reason: a.reason,
      link: a.link,
    })),
    impact: pm.incident?.impact
      ? {
          start: pm.incident.impact.start,
          end: pm.incident.impact.end,
          share: pm.incident.impact.share === 1 ? 'full' : pm.incident.impact.share,
        }
      : null,
  };
}

export function addWorkingDays(ms: number, days: number): number {
  let at = DateTime.fromMillis(ms, { zone: 'UTC' }).endOf('day');
  let left = days;
  while (left > 0) {
    at = at.plus({ days: 1 });
    if (at.weekday <= 5) left -= 1;
  }
  return at.toMillis();
}

/** Stores an action item and the postmortem's action section with it, in one transaction. */
export function saveAction(ctx: OperationContext, row: ActionItemRow, pm: { id: string; title: string }, now: number) {
  upsertAction(ctx.db, row, ctx.deviceId);
  writeActionSection(ctx, pm.id, now);
  return toAction(row, pm.title, todayIn(ctx), teamsByHandle(ctx.db));
}
