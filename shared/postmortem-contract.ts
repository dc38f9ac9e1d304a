// The postmortem studio's operations: incidents, templates, postmortems (autosave, revisions,
// Markdown out and in), action items and the quality figures (merged into contract.ts).

import { z } from 'zod';
import { id, instant, isoDate, timeZone } from './schemas';

const title = z
  .string({ message: 'must be a title' })
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(200, { message: 'must be at most 200 characters' });
const severity = z
  .number({ message: 'must be a number from 1 to 5' })
  .int({ message: 'must be a whole number from 1 to 5' })
  .min(1, { message: 'must be from 1 to 5' })
  .max(5, { message: 'must be from 1 to 5' });
const owner = z
  .string()
  .trim()
  .regex(/^@?[\w.-]{1,80}$/, { message: 'must be a handle, e.g. @ann or @platform-team' })
  .transform((h) => h.replace(/^@/, ''));
const link = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);
const status = z.enum(['draft', 'review', 'published'], { message: 'must be draft, review or published' });
const actionStatus = z.enum(['open', 'done', 'wont_do'], { message: 'must be open, done or wont_do' });
const templateName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'must be lowercase letters, digits and dashes (at most 40)' });

export const incident = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.number(),
  services: z.array(z.string()),
  startedAt: z.string(),
  detectedAt: z.string().nullable(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  pages: z.array(z.string()),
  postmortem: z.object({ id: z.string(), status }).nullable(),
  /** Severity 1–2 without a postmortem yet. */
  expectsPostmortem: z.boolean(),
  /** When it last changed (a form's save sends it back as `baseUpdatedAt`). */
  updatedAt: z.string().optional(),
  /** Customer impact (error budgets): from start to end, `share` of requests or users (1: full outage). */
  impact: z.object({ start: z.string(), end: z.string(), share: z.number() }).nullable(),
});
export type Incident = z.infer<typeof incident>;

export const template = z.object({
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  sections: z.array(z.object({ title: z.string(), guidance: z.string() })),
});
export type TemplateView = z.infer<typeof template>;

export const actionItem = z.object({
  id: z.string(),
  postmortem: z.string(),
  postmortemTitle: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  because: z.number().nullable(),
  status: actionStatus,
  reason: z.string(),
  link: z.string().nullable(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Teams the owner belongs to. */
  teams: z.array(z.string()),
  /** When it last changed (a form's save sends it back as `baseUpdatedAt`). */
  updatedAt: z.string().optional(),
});
export type ActionItem = z.infer<typeof actionItem>;

export const postmortem = z.object({
  id: z.string(),
  title: z.string(),
  status,
  template: z.string(),
  timeZone: z.string(),
  authors: z.array(z.string()),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  incident: incident.nullable(),
  actionItems: z.array(actionItem),
  /** The template's sections with their guidance (the template may have been removed since). */
  guidance: z.array(z.object({ title: z.string(), guidance: z.string() })),
  revision: z.number(),
  /** The text's version: one more on every change of the text (a save says the one it was edited from). */
  textVersion: z.number().optional(),
});
export type Postmortem = z.infer<typeof postmortem>;

export const postmortemSummary = z.object({
  id: z.string(),
  title: z.string(),
  status,
  severity: z.number().nullable(),
  incident: z.string().nullable(),
  updatedAt: z.string(),
  ready: z.boolean(),
  checksPassed: z.number(),
  checksTotal: z.number(),
  openActions: z.number(),
});

const actionFields = {
  title: z.string().trim().min(1, { message: 'must say what changes' }).max(500),
  owner: owner.nullable().optional(),
  due: isoDate.nullable().optional(),
  because: z
    .number()
    .int()
    .min(1, { message: 'must be the number of a “because” (1 or more)' })
    .max(999)
    .nullable()
    .optional(),
  link: link.nullable().optional(),
  /** The item's `updatedAt` as the form was opened: a save when it changed since is refused (`stale`). */
  baseUpdatedAt: z.iso.datetime({ offset: true, message: 'must be the record’s updatedAt' }).optional(),
};

/** A document to import: Markdown, or HTML (Confluence, Google Docs, or a .docx as mammoth gives it). */
const importDocument = {
  markdown: z
    .string()
    .max(5 * 2 ** 20, { message: 'must be under 5 MB' })
    .optional(),
  html: z
    .string()
    .max(20 * 2 ** 20, { message: 'must be under 20 MB' })
    .optional(),
  /** What the file was (a .docx arrives as the HTML it converts to); read from the content when absent. */
  format: z.enum(['markdown', 'html', 'docx'], { message: 'must be markdown, html or docx' }).optional(),
  fileName: z.string().max(255).optional(),
  /** The author's choice of section for blocks (by their index in the preview). */
  mapping: z
    .array(
      z.strictObject({
        block: z.number().int().min(0).max(100_000),
        section: z.string().trim().min(1, { message: 'must name a section' }).max(120),
      }),
    )
    .max(1000)
    .optional(),
};
const oneDocument = (d: { markdown?: string; html?: string }): boolean =>
  (d.markdown === undefined) !== (d.html === undefined);
const oneDocumentMessage = { message: 'give the document as markdown or as html (one of them)', path: ['markdown'] };

export const importPreview = z.object({
  format: z.enum(['markdown', 'html', 'docx']),
  title: z.string(),
  details: z.array(z.object({ field: z.string(), value: z.string() })),
  blocks: z.array(
    z.object({
      index: z.number(),
      kind: z.enum(['heading', 'paragraph', 'list', 'table', 'code', 'quote', 'rule']),
      level: z.number().nullable(),
      text: z.string(),
      section: z.string().nullable(),
      mapped: z.boolean(),
      isTitle: z.boolean(),
    }),
  ),
  sections: z.array(z.object({ title: z.string(), written: z.string().nullable(), blocks: z.number() })),
  actionItems: z.array(
    z.object({
      title: z.string(),
      owner: z.string().nullable(),
      due: z.string().nullable(),
      link: z.string().nullable(),
      because: z.number().nullable(),
      status: z.enum(['open', 'done']),
      from: z.string(),
      note: z.string().nullable(),
    }),
  ),
  timeline: z.array(z.object({ at: z.string().nullable(), written: z.string(), text: z.string() })),
  timeZone: z.string(),
  markdown: z.string(),
  notes: z.array(z.string()),
  /** The postmortem this file would update (a file exported by the app), else null. */
  updates: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const postmortemOperations = {
  'incidents.create': {
    input: z.strictObject({
      pages: z.array(id).min(1, { message: 'must list at least one page' }).max(1000),
      title,
      severity,
      services: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
    }),
    output: incident,
    summary: 'Group pages into an incident; its times start from the pages’.',
  },
  'incidents.list': { input: z.strictObject({}), output: z.array(incident), summary: 'Incidents, newest first.' },
  'incidents.update': {
    input: z.strictObject({
      id,
      /** The incident's `updatedAt` as the form was opened: a save when it changed since is refused (`stale`). */
      baseUpdatedAt: z.iso.datetime({ offset: true, message: 'must be the record’s updatedAt' }).optional(),
      title: title.optional(),
      severity: severity.optional(),
      services: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
      startedAt: instant.optional(),
      detectedAt: instant.nullable().optional(),
      mitigatedAt: instant.nullable().optional(),
      resolvedAt: instant.nullable().optional(),
      /** Customer impact; null clears it. Without a share, the impact is a full outage. */
      impactStart: instant.nullable().optional(),
      impactEnd: instant.nullable().optional(),
      impactShare: z
        .number({ message: 'must be a share such as 0.3 (30%)' })
        .gt(0, { message: 'must be above 0%' })
        .max(1, { message: 'must be at most 100% (a full outage)' })
        .optional(),
    }),
    output: incident,
    summary: 'Change an incident’s title, severity, services, times or customer impact.',
  },
  'templates.list': { input: z.strictObject({}), output: z.array(template), summary: 'Built-in and team templates.' },
  'templates.save': {
    input: z.strictObject({
      name: templateName,
      markdown: z.string().max(200_000, { message: 'must be under 200 kB' }),
    }),
    output: template,
    summary: 'Add or replace a team template from Markdown (## headings are sections, text under them guidance).',
  },
  'postmortems.create': {
    input: z.strictObject({
      incident: id.optional(),
      title: title.optional(),
      template: templateName.default('default'),
      timeZone: timeZone.optional(),
    }),
    output: postmortem,
    summary: 'Start a postmortem from a template; What Happened is pre-filled from the incident’s pages.',
  },
  'postmortems.list': { input: z.strictObject({}), output: z.array(postmortemSummary), summary: 'All postmortems.' },
  'postmortems.get': { input: z.strictObject({ id }), output: postmortem, summary: 'One postmortem.' },
  'postmortems.save': {
    input: z.strictObject({
      id,
      body: z.string().max(2_000_000, { message: 'must be under 2 MB' }),
      /**
       * The text version this text was edited from (`textVersion` of postmortems.get or of an
       * earlier save). When the stored text has moved on since, the two are merged line by line.
       */
      baseVersion: z.number().int().min(0).optional(),
    }),
    output: z.object({
      updatedAt: z.string(),
      revision: z.number(),
      /** The stored text's version now. */
      textVersion: z.number().optional(),
      /**
       * saved: stored as sent; merged: merged with a newer text (`body` is the result);
       * clash: the same lines changed — this text is stored and the other is in the conflict log.
       */
      outcome: z.enum(['saved', 'merged', 'clash']).optional(),
      /** The stored text when it differs from the one sent (merged). */
      body: z.string().optional(),
    }),
    summary: 'Autosave the text (a new revision at most once a minute); a text edited from an older version is merged.',
  },
  'postmortems.version': {
    input: z.strictObject({ id }),
    output: z.object({ textVersion: z.number(), updatedAt: z.string() }),
    summary: 'The stored text’s version (cheap: open editors ask every few seconds).',
  },
  'postmortems.update': {
    input: z.strictObject({
      id,
      title: title.optional(),
      status: status.optional(),
      timeZone: timeZone.optional(),
      authors: z.array(owner).max(50).optional(),
    }),
    output: postmortem,
    summary: 'Change title, status, authors, or the timeline’s zone (its times are rewritten).',
  },
  'postmortems.revisions': {
    input: z.strictObject({ id }),
    output: z.array(z.object({ number: z.number(), savedAt: z.string(), words: z.number(), body: z.string() })),
    summary: 'Earlier versions, newest first.',
  },
  'postmortems.restore': {
    input: z.strictObject({ id, revision: z.number().int().min(1) }),
    output: postmortem,
    summary: 'Bring back an earlier version (itself saved as a new revision).',
  },
  'postmortems.export': {
    input: z.strictObject({ id }),
    output: z.object({ fileName: z.string(), markdown: z.string() }),
    summary: 'The postmortem as Markdown with YAML front matter.',
  },
  'postmortems.previewImport': {
    input: z.strictObject(importDocument).refine(oneDocument, oneDocumentMessage),
    output: importPreview,
    summary: 'What importing a document would store: sections, action items, timeline, details — nothing is stored.',
  },
  'postmortems.import': {
    input: z.strictObject(importDocument).refine(oneDocument, oneDocumentMessage),
    output: z.object({ postmortem, created: z.boolean(), preview: importPreview.optional() }),
    summary:
      'Read a postmortem file: Markdown with any headings (or mapped blocks), HTML from Confluence or Google Docs, or a .docx as HTML.',
  },
  'actions.save': {
    input: z.strictObject({ postmortem: id, id: id.optional(), ...actionFields }),
    output: actionItem,
    summary: 'Add or change an action item; the postmortem’s action-item list is rewritten from them.',
  },
  'actions.setStatus': {
    input: z
      .strictObject({ id, status: actionStatus, reason: z.string().trim().max(2000).default('') })
      .refine((a) => a.status !== 'wont_do' || a.reason !== '', {
        message: 'must say why it won’t be done',
        path: ['reason'],
      }),
    output: actionItem,
    summary: 'Open, done, or won’t do (with a reason).',
  },
  'actions.remove': { input: z.strictObject({ id }), output: z.object({ id: z.string() }), summary: 'Remove.' },
  'actions.list': {
    input: z.strictObject({
      overdue: z.boolean().default(false),
      status: actionStatus.optional(),
      owner: owner.optional(),
      team: z.string().trim().min(1).max(80).optional(),
      at: instant.optional(),
    }),
    output: z.array(actionItem),
    summary: 'Action items across all postmortems, soonest due first.',
  },
  'postmortems.quality': {
    input: z.strictObject({ from: instant.optional(), to: instant.optional(), at: instant.optional() }),
    output: z.object({
      severeIncidents: z.number(),
      withPostmortem: z.number(),
      publishedWithin5WorkingDays: z.number(),
      actionsDue: z.number(),
      actionsClosedOnTime: z.number(),
      overdue: z.number(),
      open: z.number(),
    }),
    summary: 'Postmortems written and published on time, action items closed on time, overdue count.',
  },
} as const;
