// The toil log's operations (merged into the contract in contract.ts).

import { z } from 'zod';
import { quarterPattern } from './domain/toil';
import { id, isoDate } from './schemas';

const minutes = z
  .number({ message: 'must be a number of minutes' })
  .int({ message: 'must be whole minutes' })
  .min(1, { message: 'must be at least 1 minute' })
  .max(24 * 60, { message: 'must be at most 24 hours (1440 minutes); log each day separately' });
const categoryName = z
  .string({ message: 'must name a category' })
  .trim()
  .min(1, { message: 'must name a category' })
  .max(60, { message: 'must be at most 60 characters' });
const serviceName = z.string().trim().min(1, { message: 'must name a service' }).max(80).nullable();
const description = z
  .string({ message: 'must say what the toil was' })
  .trim()
  .min(1, { message: 'must say what the toil was' })
  .max(500, { message: 'must be at most 500 characters' });
const effort = z
  .number({ message: 'must be a number of hours' })
  .min(0, { message: 'must not be negative' })
  .max(10_000, { message: 'must be at most 10000 hours' })
  .nullable();
const quarter = z.string().regex(quarterPattern, { message: 'must be a quarter like 2026Q4' });

export const toilEntry = z.object({
  id: z.string(),
  personId: z.string(),
  personHandle: z.string(),
  day: z.string(),
  startedAt: z.string().nullable(),
  minutes: z.number(),
  category: z.string(),
  service: z.string().nullable(),
  description: z.string(),
  automatable: z.boolean(),
  automationEffortHours: z.number().nullable(),
  pageId: z.string().nullable(),
  recurringTask: z.string().nullable(),
  source: z.enum(['manual', 'timer']),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type ToilEntry = z.infer<typeof toilEntry>;

export const toilTimer = z.object({
  startedAt: z.string(),
  category: z.string(),
  service: z.string().nullable(),
  description: z.string(),
  /** Minutes run so far, when asked. */
  minutes: z.number(),
});
export type ToilTimer = z.infer<typeof toilTimer>;

const shareSchema = z.object({ toilHours: z.number(), capacityHours: z.number(), share: z.number().nullable() });

export const toilReport = z.object({
  quarter: z.string(),
  first: z.string(),
  last: z.string(),
  /** The last day counted: today, while the quarter is still running. */
  through: z.string(),
  scope: z.enum(['me', 'team']),
  who: z.string(),
  countsPageTime: z.boolean(),
  current: shareSchema,
  previous: shareSchema,
  cap: z.number(),
  verdict: z.string(),
  weeks: z.array(
    z.object({
      week: z.string(),
      toilHours: z.number(),
      capacityHours: z.number(),
      share: z.number().nullable(),
      trend: z.number().nullable(),
    }),
  ),
  people: z.array(
    z.object({
      personId: z.string(),
      handle: z.string(),
      name: z.string(),
      toilHours: z.number(),
      capacityHours: z.number(),
      share: z.number().nullable(),
    }),
  ),
  sources: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      hours: z.number(),
      entries: z.number(),
      effortHours: z.number().nullable(),
      automatable: z.boolean(),
      payback: z.number().nullable(),
    }),
  ),
});
export type ToilReport = z.infer<typeof toilReport>;

const entryFields = {
  minutes,
  day: isoDate.optional(),
  category: categoryName,
  service: serviceName.optional(),
  description,
  automatable: z.boolean({ message: 'must be true or false' }).optional(),
  automationEffortHours: effort.optional(),
  pageId: id.nullable().optional(),
};

export const toilOperations = {
  'toil.add': {
    input: z.strictObject(entryFields),
    output: toilEntry,
    summary: 'Record toil: minutes, category, service, what it was, whether it could be automated.',
  },
  'toil.quickAdd': {
    input: z.strictObject({
      line: z
        .string()
        .trim()
        .min(1, { message: 'must say how long and what, e.g. "45m alert triage payments"' })
        .max(500),
      day: isoDate.optional(),
    }),
    output: toilEntry,
    summary: 'Record toil from one line, e.g. "45m alert triage payments".',
  },
  'toil.update': {
    input: z.strictObject({
      id,
      patch: z.strictObject({
        minutes: minutes.optional(),
        day: isoDate.optional(),
        category: categoryName.optional(),
        service: serviceName.optional(),
        description: description.optional(),
        automatable: z.boolean({ message: 'must be true or false' }).optional(),
        automationEffortHours: effort.optional(),
      }),
    }),
    output: toilEntry,
    summary: 'Change a toil entry.',
  },
  'toil.remove': {
    input: z.strictObject({ id }),
    output: toilEntry,
    summary: 'Delete a toil entry (undo with toil.restore).',
  },
  'toil.restore': { input: z.strictObject({ id }), output: toilEntry, summary: 'Undo the deletion of a toil entry.' },
  'toil.list': {
    input: z.strictObject({
      from: isoDate.optional(),
      to: isoDate.optional(),
      scope: z.enum(['me', 'team'], { message: 'must be "me" or "team"' }).default('me'),
      limit: z.number({ message: 'must be a whole number from 1 to 1000' }).int().min(1).max(1000).default(200),
    }),
    output: z.array(toilEntry),
    summary: 'Toil entries, newest day first.',
  },
  'toil.timer.get': {
    input: z.strictObject({}),
    output: toilTimer.nullable(),
    summary: 'The running toil timer, if any.',
  },
  'toil.timer.start': {
    input: z.strictObject({ description, category: categoryName.optional(), service: serviceName.optional() }),
    output: toilTimer,
    summary: 'Start the toil timer (one per person).',
  },
  'toil.timer.stop': {
    input: z.strictObject({
      /** The real duration, when the timer ran on by mistake. */
      minutes: minutes.optional(),
      /** Count a timer that ran over 12 hours as it is. */
      confirm: z.boolean().optional(),
      discard: z.boolean().optional(),
    }),
    output: z.object({ entry: toilEntry.nullable(), discarded: z.boolean() }),
    summary: 'Stop the timer and record its time. Over 12 hours it asks first (confirm, minutes or discard).',
  },
  'toil.report': {
    input: z.strictObject({
      quarter: quarter.optional(),
      scope: z.enum(['me', 'team'], { message: 'must be "me" or "team"' }).default('me'),
    }),
    output: toilReport,
    summary: 'Toil as a share of engineering time for a quarter, by week, with the top sources to automate.',
  },
  'toil.categories': {
    input: z.strictObject({}),
    output: z.array(z.string()),
    summary: 'Toil categories, the defaults and the team’s own.',
  },
  'toil.categories.add': {
    input: z.strictObject({ name: categoryName }),
    output: z.array(z.string()),
    summary: 'Add a toil category.',
  },
  'toil.capacity.set': {
    input: z.strictObject({
      week: isoDate.optional(),
      hours: z
        .number({ message: 'must be a number of hours from 0 to 168' })
        .min(0, { message: 'must be a number of hours from 0 to 168' })
        .max(168, { message: 'must be a number of hours from 0 to 168' })
        .nullable(),
      note: z.string().max(200).optional(),
    }),
    output: z.object({ week: z.string().nullable(), hours: z.number().nullable() }),
    summary: 'My engineering hours: a normal week (no `week`), or one week’s hours for leave (null clears it).',
  },
  'toil.capacity.list': {
    input: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }),
    output: z.array(z.object({ week: z.string(), hours: z.number(), note: z.string() })),
    summary: 'My weeks with other than normal hours (leave, part-time).',
  },
  'toil.settings': {
    input: z.strictObject({ countPageTime: z.boolean({ message: 'must be true or false' }).optional() }),
    output: z.object({ countPageTime: z.boolean() }),
    summary: 'Whether time spent on pages counts as toil (read, or change with countPageTime).',
  },
  'toil.recurring.suggest': {
    input: z.strictObject({ quarter: quarter.optional() }),
    output: z.array(z.object({ title: z.string(), entryIds: z.array(z.string()), minutes: z.number() })),
    summary: 'My entries that look like the same chore, not yet grouped.',
  },
  'toil.recurring.confirm': {
    input: z.strictObject({
      title: description,
      entryIds: z.array(id).min(2, { message: 'must group at least 2 entries' }).max(1000),
    }),
    output: z.object({ id: z.string(), title: z.string(), entries: z.number() }),
    summary: 'Group entries as one recurring chore (the person confirms a suggestion).',
  },
} as const;
