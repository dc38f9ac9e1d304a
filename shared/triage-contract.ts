// The triage queue (issue #14): going through pages nobody has judged yet — imported pages start
// there — one key each, and bulk rules ("everything with this alert title is noise") previewed
// with their count before they are applied. Merged into the contract in contract.ts. docs/import.md.

import { z } from 'zod';
import { id } from './schemas';

const verdict = z.enum(['actionable', 'noise'], { message: 'must be "actionable" or "noise"' });

/** A page as the queue shows it: what paged, where, when (in the zone it was judged in), who, from where. */
export const queuedPage = z.object({
  id: z.string(),
  personHandle: z.string(),
  personName: z.string(),
  service: z.string(),
  severity: z.number(),
  summary: z.string(),
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** The person's zone when the page came in: its time is shown there. */
  zone: z.string(),
  sleepHour: z.boolean(),
  /** 'manual' for a hand-logged page, else the paging platform it was imported from. */
  source: z.enum(['manual', 'pagerduty', 'opsgenie', 'grafana-oncall', 'csv']),
  externalId: z.string().nullable(),
  link: z.string().nullable(),
});
export type QueuedPage = z.infer<typeof queuedPage>;

/** Which untriaged pages a bulk rule takes: an exact alert title, a service, or both. */
export const triageRule = z
  .strictObject({
    summary: z.string().trim().min(1, { message: 'must be an alert title' }).max(500).optional(),
    service: z.string().trim().min(1, { message: 'must name a service' }).max(80).optional(),
  })
  .refine((rule) => rule.summary !== undefined || rule.service !== undefined, {
    message: 'must give an alert title (summary), a service, or both',
  });
export type TriageRule = z.infer<typeof triageRule>;

export const triageOperations = {
  'triage.queue': {
    input: z.strictObject({
      limit: z.number().int().min(1).max(200).default(50),
      /** From a previous answer: the pages after the ones already shown (newest first). */
      cursor: z.string().max(100).optional(),
    }),
    output: z.object({
      /** Untriaged pages this device may triage (with a team repository: my own). */
      remaining: z.number(),
      pages: z.array(queuedPage),
      nextCursor: z.string().nullable(),
    }),
    summary: 'The pages not triaged yet, newest first, and how many there are.',
  },
  'triage.set': {
    input: z.strictObject({
      ids: z
        .array(id)
        .min(1, { message: 'must name at least one page' })
        .max(5000, { message: 'at most 5000 pages at once' }),
      /** null: back to "not triaged" (how a triage is undone). */
      triage: verdict.nullable(),
    }),
    output: z.object({ changed: z.number() }),
    summary: 'Mark pages actionable or noise, or back to not triaged.',
  },
  'triage.rulePreview': {
    input: z.strictObject({ rule: triageRule }),
    output: z.object({ matched: z.number() }),
    summary: 'How many untriaged pages a bulk rule would mark.',
  },
  'triage.ruleApply': {
    input: z.strictObject({ rule: triageRule, triage: verdict }),
    output: z.object({
      changed: z.number(),
      /** The pages it marked, so the rule can be undone (triage.set … null). */
      ids: z.array(z.string()),
    }),
    summary: 'Mark every untriaged page a bulk rule matches, all at once.',
  },
} as const;
