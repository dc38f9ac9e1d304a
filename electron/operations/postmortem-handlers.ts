// The postmortem studio's operations: incidents from pages, postmortems from templates (autosave,
// revisions, zone of the timeline), action items (the postmortem's list is written from them),
// Markdown with front matter out and in, and the quality figures.

import { DateTime } from 'luxon';
import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import { lintPostmortem } from '../../shared/domain/blameless/postmortem-lint';
import {
  findSection,
  formatTimeline,
  replaceSectionBody,
  retimeTimeline,
  sectionPatterns,
  splitSections,
} from '../../shared/domain/postmortem/document';
import { slugOf, writePostmortemFile } from '../../shared/domain/postmortem/file';
import {
  builtInTemplates,
  documentFrom,
  parseTemplate,
  TemplateError,
  type Template,
} from '../../shared/domain/postmortem/templates';
import { postmortemOperations } from '../../shared/postmortem-contract';
import { updateImpact } from './incident-impact';
import { getPageRow } from '../store/pages';
import {
  actionRowsOf,
  allActionRows,
  checkpoint,
  getActionRow,
  getIncidentRow,
  insertIncident,
  insertPostmortem,
  listIncidentRows,
  listPostmortemRows,
  listRevisions,
  postmortemForIncident,
  removeAction,
  updateIncidentRow,
  updatePostmortemRow,
  upsertTemplate,
  type ActionItemRow,
  type IncidentRow,
  type PostmortemRow,
} from '../store/postmortems';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { saveText, textVersion } from './postmortem-save';
import { refuseStale } from './stale';
import { writes } from './writes';
import {
  iso,
  msOrNull,
  toIncident,
  liveIncident,
  allTemplates,
  templateNamed,
  livePostmortem,
  todayIn,
  teamsByHandle,
  toAction,
  toPostmortem,
  rosterCoachConfig,
  timelineFromPages,
  writeActionSection,
  frontMatterOf,
  addWorkingDays,
  guidanceOf,
  saveAction,
} from './postmortem-rows';
import { currentPerson } from './me';
import { importPostmortem, importPreviewOf } from './postmortem-import';

type PostmortemName = keyof typeof postmortemOperations & OperationName;
type PostmortemHandlers = {
  [N in PostmortemName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N>;
};

export const postmortemHandlers: PostmortemHandlers = {
  'incidents.create': writes((ctx, input) => {
    const pages = input.pages.map((id, i) => {
      const row = getPageRow(ctx.db, id);
      if (!row || row.deleted_at !== null) throw notFound('page', id, `pages.${i}`);
      return row;
    });
    const now = ctx.now();
    const received = pages.map((p) => p.received_at);
    const resolved = pages.map((p) => p.resolved_at);
    const row: IncidentRow = {
      id: ctx.newId(),
      title: input.title,
      severity: input.severity,
      services: JSON.stringify(input.services ?? [...new Set(pages.map((p) => p.service_name))].sort()),
      started_at: Math.min(...received),
      detected_at: Math.min(...received),
      mitigated_at: null,
      resolved_at: resolved.every((r) => r !== null) ? Math.max(...(resolved as number[])) : null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    insertIncident(
      ctx.db,
      row,
      pages.map((p) => p.id),
      ctx.deviceId,
    );
    return toIncident(ctx.db, row);
  }),

  'incidents.list': (ctx) => listIncidentRows(ctx.db).map((row) => toIncident(ctx.db, row)),

  'incidents.update': writes((ctx, input) => {
    const current = liveIncident(ctx, input.id);
    refuseStale('incident', current.updated_at, input.baseUpdatedAt);
    const pick = (value: string | null | undefined, old: number | null): number | null =>
      value === undefined ? old : msOrNull(value);
    const row: IncidentRow = {
      ...current,
      title: input.title ?? current.title,
      severity: input.severity ?? current.severity,
      services: input.services ? JSON.stringify(input.services) : current.services,
      started_at: input.startedAt ? Date.parse(input.startedAt) : current.started_at,
      detected_at: pick(input.detectedAt, current.detected_at),
      mitigated_at: pick(input.mitigatedAt, current.mitigated_at),
      resolved_at: pick(input.resolvedAt, current.resolved_at),
      updated_at: ctx.now(),
    };
    updateIncidentRow(ctx.db, row, ctx.deviceId);
    updateImpact(ctx, input);
    return toIncident(ctx.db, row);
  }),

  'templates.list': (ctx) => allTemplates(ctx.db),

  'templates.save': writes((ctx, input) => {
    if (builtInTemplates.some((t) => t.name === input.name)) {
      throw new OperationFailure(
        'invalid_input',
        `name: "${input.name}" is a built-in template; choose another name`,
        'name',
      );
    }
    let template: Template;
    try {
      template = parseTemplate(input.name, input.markdown);
    } catch (error) {
      if (error instanceof TemplateError)
        throw new OperationFailure('invalid_input', `markdown: ${error.message}`, 'markdown');
      throw error;
    }
    upsertTemplate(ctx.db, input.name, input.markdown, ctx.now(), ctx.deviceId);
    return template;
  }),

  'postmortems.create': writes((ctx, input) => {
    const incident = input.incident ? liveIncident(ctx, input.incident, 'incident') : undefined;
    if (incident) {
      const existing = postmortemForIncident(ctx.db, incident.id);
      if (existing) {
        throw new OperationFailure(
          'invalid_input',
          `incident: this incident already has a postmortem (${existing.id}, “${existing.title}”)`,
          'incident',
        );
      }
    }
    const template = templateNamed(ctx.db, input.template);
    const me = currentPerson(ctx);
    const zone = input.timeZone ?? me?.timeZone ?? ctx.defaults.timeZone;
    const bodies: Record<string, string> = {};
    const timeline = template.sections.find((s) => sectionPatterns.timeline.test(s.title));
    if (timeline)
      bodies[timeline.title] = formatTimeline(incident ? timelineFromPages(ctx, incident) : [], zone, ctx.now());
    const now = ctx.now();
    const row: PostmortemRow = {
      id: ctx.newId(),
      incident_id: incident?.id ?? null,
      title: input.title ?? incident?.title ?? 'Untitled postmortem',
      template: template.name,
      status: 'draft',
      authors: JSON.stringify(me ? [me.handle] : []),
      time_zone: zone,
      body: documentFrom(template, bodies),
      guidance: JSON.stringify(guidanceOf(template, '')),
      created_at: now,
      updated_at: now,
      published_at: null,
      deleted_at: null,
    };
    insertPostmortem(ctx.db, row, ctx.deviceId);
    checkpoint(ctx.db, row.id, row.body, now);
    return toPostmortem(ctx, row);
  }),

  'postmortems.list': (ctx) => {
    const config = rosterCoachConfig(ctx.db);
    return listPostmortemRows(ctx.db).map((row) => {
      const incident = row.incident_id ? getIncidentRow(ctx.db, row.incident_id) : undefined;
      const lint = lintPostmortem(row.body, config);
      return {
        id: row.id,
        title: row.title,
        status: row.status,
        severity: incident?.severity ?? null,
        incident: row.incident_id,
        updatedAt: iso(row.updated_at),
        ready: lint.ready,
        checksPassed: lint.passed,
        checksTotal: lint.total,
        openActions: actionRowsOf(ctx.db, row.id).filter((a) => a.status === 'open').length,
      };
    });
  },

  'postmortems.get': (ctx, input) => toPostmortem(ctx, livePostmortem(ctx, input.id)),

  'postmortems.save': writes((ctx, input) => saveText(ctx, input)),

  'postmortems.version': (ctx, input) => textVersion(ctx, input.id),

  'postmortems.update': writes((ctx, input) => {
    const current = livePostmortem(ctx, input.id);
    const now = ctx.now();
    let body = current.body;
    if (input.timeZone && input.timeZone !== current.time_zone) {
      const sections = splitSections(body);
      const timeline = sections[findSection(sections, sectionPatterns.timeline)];
      if (timeline) {
        body = replaceSectionBody(
          body,
          sectionPatterns.timeline,
          retimeTimeline(timeline.body, current.time_zone, input.timeZone),
        );
      }
    }
    const status = input.status ?? current.status;
    const row: PostmortemRow = {
      ...current,
      title: input.title ?? current.title,
      status,
      time_zone: input.timeZone ?? current.time_zone,
      authors: input.authors ? JSON.stringify(input.authors) : current.authors,
      body,
      updated_at: now,
      published_at: status === 'published' ? (current.published_at ?? now) : null,
    };
    updatePostmortemRow(ctx.db, row, ctx.deviceId);
    if (body !== current.body) checkpoint(ctx.db, row.id, body, now);
    return toPostmortem(ctx, row);
  }),

  'postmortems.revisions': (ctx, input) => {
    livePostmortem(ctx, input.id);
    return listRevisions(ctx.db, input.id).map((r) => ({
      number: r.number,
      savedAt: iso(r.saved_at),
      words: r.body.split(/\s+/).filter(Boolean).length,
      body: r.body,
    }));
  },

  'postmortems.restore': writes((ctx, input) => {
    livePostmortem(ctx, input.id);
    const revision = listRevisions(ctx.db, input.id).find((r) => r.number === input.revision);
    if (!revision) throw notFound('revision', String(input.revision), 'revision');
    const now = ctx.now();
    checkpoint(ctx.db, input.id, revision.body, now);
    return toPostmortem(ctx, livePostmortem(ctx, input.id));
  }),

  'postmortems.export': (ctx, input) => {
    const pm = toPostmortem(ctx, livePostmortem(ctx, input.id));
    const day = DateTime.fromISO(pm.incident?.startedAt ?? pm.createdAt, { zone: pm.timeZone }).toISODate();
    return {
      fileName: `${day}-${slugOf(pm.title)}.md`,
      markdown: writePostmortemFile(frontMatterOf(ctx, pm), pm.body),
    };
  },

  'postmortems.previewImport': (ctx, input) => importPreviewOf(ctx, input).preview,

  'postmortems.import': writes((ctx, input) => importPostmortem(ctx, input)),

  'actions.save': writes((ctx, input) => {
    const pm = livePostmortem(ctx, input.postmortem, 'postmortem');
    const now = ctx.now();
    const current = input.id ? getActionRow(ctx.db, input.id) : undefined;
    // A removed item given by id comes back (undo of a removal).
    if (input.id && (!current || current.postmortem_id !== pm.id)) {
      throw notFound('action item', input.id);
    }
    if (current) refuseStale('action item', current.updated_at, input.baseUpdatedAt);
    const position = current?.position ?? actionRowsOf(ctx.db, pm.id).reduce((m, a) => Math.max(m, a.position + 1), 0);
    const row: ActionItemRow = {
      id: current?.id ?? ctx.newId(),
      postmortem_id: pm.id,
      position,
      title: input.title,
      owner: input.owner === undefined ? (current?.owner ?? null) : input.owner,
      due_date: input.due === undefined ? (current?.due_date ?? null) : input.due,
      because: input.because === undefined ? (current?.because ?? null) : input.because,
      status: current?.status ?? 'open',
      reason: current?.reason ?? '',
      link: input.link === undefined ? (current?.link ?? null) : input.link,
      closed_at: current?.closed_at ?? null,
      created_at: current?.created_at ?? now,
      updated_at: now,
    };
    return saveAction(ctx, row, pm, now);
  }),

  'actions.setStatus': writes((ctx, input) => {
    const current = getActionRow(ctx.db, input.id);
    if (!current || current.deleted_at !== null) throw notFound('action item', input.id);
    const pm = livePostmortem(ctx, current.postmortem_id, 'postmortem');
    const now = ctx.now();
    const row: ActionItemRow = {
      ...current,
      status: input.status,
      reason: input.status === 'wont_do' ? input.reason : '',
      closed_at: input.status === 'open' ? null : current.status === input.status ? current.closed_at : now,
      updated_at: now,
    };
    return saveAction(ctx, row, pm, now);
  }),

  'actions.remove': writes((ctx, input) => {
    const current = getActionRow(ctx.db, input.id);
    if (!current || current.deleted_at !== null) throw notFound('action item', input.id);
    const now = ctx.now();
    removeAction(ctx.db, input.id, now);
    writeActionSection(ctx, current.postmortem_id, now);
    return { id: input.id };
  }),

  'actions.list': (ctx, input) => {
    const today = todayIn(ctx, input.at);
    const teams = teamsByHandle(ctx.db);
    return allActionRows(ctx.db)
      .map((row) => toAction(row, row.postmortem_title, today, teams))
      .filter(
        (a) =>
          (!input.overdue || a.overdue) &&
          (!input.status || a.status === input.status) &&
          (!input.owner || a.owner?.toLowerCase() === input.owner.toLowerCase()) &&
          (!input.team || a.teams.some((t) => t.toLowerCase() === input.team?.toLowerCase())),
      );
  },

  'postmortems.quality': (ctx, input) => {
    const from = input.from ? Date.parse(input.from) : -Infinity;
    const to = input.to ? Date.parse(input.to) : Infinity;
    const today = todayIn(ctx, input.at);
    const severe = listIncidentRows(ctx.db).filter((i) => i.severity <= 2 && i.started_at >= from && i.started_at < to);
    let withPostmortem = 0;
    let onTime = 0;
    for (const incident of severe) {
      const pm = postmortemForIncident(ctx.db, incident.id);
      if (!pm) continue;
      withPostmortem += 1;
      const reference = incident.resolved_at ?? incident.started_at;
      if (pm.published_at !== null && pm.published_at <= addWorkingDays(reference, 5)) onTime += 1;
    }
    const actions = allActionRows(ctx.db);
    const due = actions.filter((a) => a.due_date !== null && a.due_date < today && a.status !== 'wont_do');
    const closedOnTime = due.filter(
      (a) =>
        a.status === 'done' &&
        a.closed_at !== null &&
        a.due_date !== null &&
        a.closed_at < Date.parse(`${a.due_date}T00:00:00Z`) + 86_400_000,
    );
    return {
      severeIncidents: severe.length,
      withPostmortem,
      publishedWithin5WorkingDays: onTime,
      actionsDue: due.length,
      actionsClosedOnTime: closedOnTime.length,
      overdue: actions.filter((a) => a.status === 'open' && a.due_date !== null && a.due_date < today).length,
      open: actions.filter((a) => a.status === 'open').length,
    };
  },
};
