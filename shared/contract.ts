// The API contract: every operation, declared once, with its input and output schemas.
// The Electron preload, the loopback server and the CLI are thin doors onto this table.

import { z } from 'zod';
import { isClockTime } from './domain/hours';
import { id, instant, timeZone } from './schemas';
import { holidayOperations } from './holiday-contract';
import { postmortemOperations } from './postmortem-contract';
import { reportOperations } from './report-contract';
import { rotationOperations } from './rotation-contract';
import { syncOperations } from './sync-contract';
import { toilOperations } from './toil-contract';
import { historyOperations } from './history-contract';
import { historyPullOperations } from './history-pull-contract';
import { triageOperations } from './triage-contract';
import { desktopOperations } from './desktop-contract';
import { sloOperations } from './slo-contract';

const clock = z.string().refine(isClockTime, { message: 'must be a time of day as HH:MM' });
const serviceName = z
  .string()
  .trim()
  .min(1, { message: 'must name a service' })
  .max(80, { message: 'must be at most 80 characters' });
const severity = z
  .number({ message: 'must be a number from 1 to 5' })
  .int({ message: 'must be a whole number from 1 to 5' })
  .min(1, { message: 'must be from 1 (highest) to 5 (lowest)' })
  .max(5, { message: 'must be from 1 (highest) to 5 (lowest)' });
const summary = z
  .string()
  .trim()
  .min(1, { message: 'must say what paged you' })
  .max(500, { message: 'must be at most 500 characters' });
const notes = z.string().max(20000, { message: 'must be at most 20000 characters' });
const triage = z.enum(['actionable', 'noise'], { message: 'must be "actionable", "noise" or null' }).nullable();
const minutes = z
  .number({ message: 'must be a number of minutes' })
  .int({ message: 'must be whole minutes' })
  .min(0, { message: 'must not be negative' })
  .max(24 * 60, { message: 'must be at most 1440 (24 hours)' });
const tag = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(40, { message: 'must be at most 40 characters' });
const tags = z.array(tag).max(20, { message: 'at most 20 tags' });

const weekdays = 'must list ISO weekdays, 1 (Mon) to 7 (Sun)';
export const hoursRule = z.strictObject({
  start: clock,
  end: clock,
  days: z
    .array(
      z
        .number({ message: weekdays })
        .int({ message: weekdays })
        .min(1, { message: weekdays })
        .max(7, { message: weekdays }),
      {
        message: weekdays,
      },
    )
    .max(7, { message: weekdays }),
});

export const person = z.object({
  id,
  name: z.string(),
  handle: z.string(),
  timeZone: z.string(),
  workingHours: hoursRule,
  businessHours: hoursRule,
  sleepHours: hoursRule,
  weeklyCapacityHours: z.number(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof person>;

export const page = z.object({
  id,
  personId: z.string(),
  personHandle: z.string(),
  service: z.string(),
  severity: z.number(),
  summary: z.string(),
  notes: z.string(),
  /** The notes stay on this device: git sync writes the page without them. */
  notesPrivate: z.boolean(),
  source: z.enum(['manual', 'import']),
  triage,
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  zone: z.string(),
  sleepHour: z.boolean(),
  sleepHourOverridden: z.boolean(),
  offHours: z.boolean(),
  minutesSpent: z.number().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  deviceId: z.string(),
  deletedAt: z.string().nullable(),
  /** Imported pages (docs/import.md): the paging platform, its id for the page and a link back;
   *  null for hand-logged ones. Optional, so an answer from an older app still reads. */
  externalSource: z.enum(['pagerduty', 'opsgenie', 'grafana-oncall', 'csv']).nullable().optional(),
  externalId: z.string().nullable().optional(),
  link: z.string().nullable().optional(),
  /** Rotations in which this page's person was on call when it came in ([] = off rotation:
   *  an escalation or a secondary); null while no rotation exists. */
  onCall: z.array(z.string()).nullable(),
});
export type Page = z.infer<typeof page>;
export type Triage = Page['triage'];

const pageFields = {
  service: serviceName,
  severity,
  summary,
  notes: notes.optional(),
  notesPrivate: z.boolean({ message: 'must be true or false' }).optional(),
  receivedAt: instant.optional(),
  acknowledgedAt: instant.nullable().optional(),
  resolvedAt: instant.nullable().optional(),
  zone: timeZone.optional(),
  triage: triage.optional(),
  /** Overrides the sleep-hour flag derived from the person's zone and sleep hours; null = derive. */
  sleepHour: z.boolean({ message: 'must be true, false or null' }).nullable().optional(),
  minutesSpent: minutes.nullable().optional(),
  tags: tags.optional(),
};

function timesInOrder(
  value: {
    receivedAt?: string | undefined;
    acknowledgedAt?: string | null | undefined;
    resolvedAt?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const received = value.receivedAt ? Date.parse(value.receivedAt) : undefined;
  const ack = value.acknowledgedAt ? Date.parse(value.acknowledgedAt) : undefined;
  const resolved = value.resolvedAt ? Date.parse(value.resolvedAt) : undefined;
  if (received !== undefined && ack !== undefined && ack < received)
    ctx.addIssue({ code: 'custom', path: ['acknowledgedAt'], message: 'must not be before the page was received' });
  if (received !== undefined && resolved !== undefined && resolved < received)
    ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'must not be before the page was received' });
}

export const pageAddInput = z
  .strictObject({
    ...pageFields,
    personId: id.optional(),
    source: z.enum(['manual', 'import'], { message: 'must be "manual" or "import"' }).optional(),
  })
  .superRefine(timesInOrder);

/**
 * The `updatedAt` of the record as the form was opened: a save when it has changed since is
 * refused (kind `stale`) rather than applied over the newer one.
 */
export const baseUpdatedAt = z.iso.datetime({ offset: true, message: 'must be the record’s updatedAt' }).optional();

export const pageUpdateInput = z.strictObject({
  id,
  baseUpdatedAt,
  patch: z
    .strictObject({
      service: pageFields.service.optional(),
      severity: pageFields.severity.optional(),
      summary: pageFields.summary.optional(),
      notes: pageFields.notes,
      notesPrivate: pageFields.notesPrivate,
      receivedAt: pageFields.receivedAt,
      acknowledgedAt: pageFields.acknowledgedAt,
      resolvedAt: pageFields.resolvedAt,
      zone: pageFields.zone,
      triage: pageFields.triage,
      sleepHour: pageFields.sleepHour,
      minutesSpent: pageFields.minutesSpent,
      tags: pageFields.tags,
    })
    .superRefine(timesInOrder),
});

export const pageListInput = z.strictObject({
  service: serviceName.optional(),
  severity: severity.optional(),
  triage: z
    .enum(['actionable', 'noise', 'untriaged'], { message: 'must be "actionable", "noise" or "untriaged"' })
    .optional(),
  sleepHour: z.boolean({ message: 'must be true or false' }).optional(),
  since: instant.optional(),
  until: instant.optional(),
  /** Full-text search over summary and notes. */
  query: z.string().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
  limit: z
    .number({ message: 'must be a whole number from 1 to 1000' })
    .int({ message: 'must be a whole number from 1 to 1000' })
    .min(1, { message: 'must be a whole number from 1 to 1000' })
    .max(1000, { message: 'must be a whole number from 1 to 1000' })
    .default(100),
  /** Opaque: the `nextCursor` of the previous call. */
  cursor: z
    .string({ message: 'must be a cursor this app returned' })
    .max(200, { message: 'must be a cursor this app returned' })
    .optional(),
});

export const pageListOutput = z.object({ pages: z.array(page), nextCursor: z.string().nullable() });

export const weekOutput = z.object({
  person: person,
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  counts: z.object({
    pages: z.number(),
    actionable: z.number(),
    noise: z.number(),
    untriaged: z.number(),
    sleepHour: z.number(),
    offHours: z.number(),
    minutesSpent: z.number(),
  }),
  days: z.array(
    z.object({
      date: z.string(),
      actionable: z.number(),
      noise: z.number(),
      untriaged: z.number(),
      sleepHour: z.number(),
    }),
  ),
  targets: z.array(
    z.object({
      metric: z.enum(['actionablePages', 'sleepHourPages']),
      value: z.number(),
      below: z.number(),
      met: z.boolean(),
      /** Pages not triaged yet, which the value does not count. */
      untriaged: z.number(),
      sentence: z.string(),
    }),
  ),
});
export type Week = z.infer<typeof weekOutput>;

export const personSaveInput = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1, { message: 'must not be empty' }).max(120),
  handle: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, { message: 'must be lowercase letters, digits, ".", "_" or "-"' }),
  timeZone,
  workingHours: hoursRule.optional(),
  businessHours: hoursRule.optional(),
  sleepHours: hoursRule.optional(),
  weeklyCapacityHours: z
    .number({ message: 'must be a number of hours from 0 to 168' })
    .min(0, { message: 'must be a number of hours from 0 to 168' })
    .max(168, { message: 'must be a number of hours from 0 to 168' })
    .optional(),
});

export const appInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  deviceId: z.string(),
  me: person,
  services: z.array(z.string()),
  lastService: z.string().nullable(),
  lastSeverity: z.number().nullable(),
  /** Whether any page exists yet (the empty state shows when none does). */
  hasPages: z.boolean(),
  /** False while this device's person was made from the OS user name and nobody chose since. */
  meChosen: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfo>;

const empty = z.strictObject({});
const byId = z.strictObject({ id });

export const operations = {
  'app.info': {
    input: empty,
    output: appInfo,
    summary: 'Who this device is, the services known, the last values used.',
  },
  'pages.add': { input: pageAddInput, output: page, summary: 'Log a page.' },
  'pages.update': { input: pageUpdateInput, output: page, summary: 'Change fields of a page.' },
  'pages.remove': {
    input: byId,
    output: page,
    summary: 'Delete a page (kept as a tombstone; undo with pages.restore).',
  },
  'pages.restore': { input: byId, output: page, summary: 'Undo the deletion of a page.' },
  'pages.get': { input: byId, output: page, summary: 'One page by id.' },
  'pages.list': {
    input: pageListInput,
    output: pageListOutput,
    summary: 'Pages newest first, filtered, in pages of `limit`.',
  },
  'pages.count': {
    input: pageListInput.omit({ limit: true, cursor: true }),
    output: z.object({
      total: z.number(),
      /** More than `total` match (a search or a severity counted as far as 10,000); otherwise exact. */
      more: z.boolean(),
    }),
    summary: 'How many pages the same filters as pages.list match (exact; a search past 10,000 says so).',
  },
  'me.week': {
    input: z.strictObject({ at: instant.optional() }),
    output: weekOutput,
    summary: 'My load in the week containing `at` (default now), against the targets.',
  },
  'people.list': { input: empty, output: z.array(person), summary: 'Everyone known on this device.' },
  'people.save': { input: personSaveInput, output: person, summary: 'Create or change a person.' },
  'me.set': { input: byId, output: person, summary: 'Choose who this device logs pages as.' },
  ...toilOperations,
  ...rotationOperations,
  ...postmortemOperations,
  ...syncOperations,
  ...reportOperations,
  ...holidayOperations,
  ...historyOperations,
  ...historyPullOperations,
  ...triageOperations,
  ...desktopOperations,
  ...sloOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;
export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** The first problem in a zod error, as `field: message` — what the CLI and UI show. */
export function describeIssue(error: z.ZodError, input?: unknown): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'is not valid' };
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return { field: issue.keys.join(', '), message: 'is not a known field' };
  }
  let given: unknown = input;
  for (const key of issue.path) {
    given = given !== null && typeof given === 'object' ? (given as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const message = issue.code === 'invalid_type' && given === undefined ? 'is required' : issue.message;
  return { field, message };
}
