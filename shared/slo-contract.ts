// Error budgets' operations (merged into the contract in contract.ts): SLOs as OpenSLO documents,
// their daily SLI totals, and the budget status of every SLO (docs/error-budgets.md).

import { z } from 'zod';
import { instant, isoDate } from './schemas';

const sloName = z
  .string()
  .trim()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'must be up to 63 lowercase letters, digits or “-”, starting and ending with a letter or digit',
  });
const share = (what: string) =>
  z
    .number()
    .gt(0, { message: `must be a share above 0 (${what})` })
    .max(1, { message: `must be at most 100% (${what})` });

export const sloSummary = z.object({
  name: z.string(),
  displayName: z.string().nullable(),
  service: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  /** The objective as a fraction: 0.999 for 99.9%. */
  target: z.number(),
  /** OpenSLO's duration shorthand: 28d, 4w, 1M, 1Q. */
  window: z.string(),
  rolling: z.boolean(),
  calendar: z.object({ startTime: z.string(), timeZone: z.string() }).nullable(),
  budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
  good: z.string().nullable(),
  total: z.string().nullable(),
  policy: z.object({ atRisk: z.number(), exhausted: z.number() }),
  updatedAt: z.string(),
});
export type SloSummary = z.infer<typeof sloSummary>;

const alertCheck = z.object({
  long: z.string(),
  short: z.string(),
  threshold: z.number(),
  longBurn: z.number(),
  shortBurn: z.number(),
  severity: z.enum(['page', 'ticket']),
  firing: z.boolean(),
});

export const budgetStatusOutput = z.object({
  slo: sloSummary,
  windowStart: z.string(),
  windowEnd: z.string(),
  basis: z.enum(['events', 'minutes']),
  consumed: z.number(),
  remaining: z.number(),
  budgetMinutes: z.number(),
  remainingMinutes: z.number(),
  budgetEvents: z.number().nullable(),
  remainingEvents: z.number().nullable(),
  burnNow: z.number(),
  burn: z.enum(['fast', 'slow', 'none']),
  alerts: z.array(alertCheck),
  exhaustsAt: z.string().nullable(),
  state: z.enum(['on-track', 'at-risk', 'exhausted']),
  freeze: z.boolean(),
  /** Remaining budget at the end of each day of the window. */
  burnDown: z.array(z.object({ at: z.string(), remaining: z.number() })),
  /** Incidents with impact on the SLO's service in its window, and the share of the budget each cost. */
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      start: z.string(),
      end: z.string(),
      share: z.number(),
      cost: z.number(),
    }),
  ),
});
export type BudgetStatusOutput = z.infer<typeof budgetStatusOutput>;

const sliDay = z
  .strictObject({
    day: isoDate,
    good: z.number().finite({ message: 'must be a number' }).min(0, { message: 'must not be negative' }),
    total: z.number().finite({ message: 'must be a number' }).min(0, { message: 'must not be negative' }),
  })
  .refine((d) => d.good <= d.total, { message: 'good must not be more than total', path: ['good'] });

/**
 * A Prometheus server's address for `oncall slo pull`: http or https only (no file:, no
 * credentials in the URL — they would be printed in messages).
 */
export const prometheusUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (text) => {
      try {
        const url = new URL(text);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// URL, e.g. http://localhost:9090' },
  )
  .refine(
    (text) => {
      try {
        const url = new URL(text);
        return url.username === '' && url.password === '';
      } catch {
        return true;
      }
    },
    { message: 'must not hold a user name or password' },
  );

export const sloOperations = {
  'slos.list': { input: z.strictObject({}), output: z.array(sloSummary), summary: 'SLOs, by service.' },
  'slos.get': {
    input: z.strictObject({ name: sloName }),
    output: z.object({ slo: sloSummary, document: z.string() }),
    summary: 'One SLO with its OpenSLO document.',
  },
  'slos.save': {
    input: z.strictObject({
      name: sloName,
      service: z.string().trim().min(1, { message: 'must name the service' }).max(80).optional(),
      displayName: z.string().trim().max(200).nullable().optional(),
      description: z.string().max(1050).nullable().optional(),
      owner: z.string().trim().max(80).nullable().optional(),
      target: z
        .number({ message: 'must be a share such as 0.999 (99.9%)' })
        .gt(0, { message: 'must be above 0%' })
        .lt(1, { message: 'must be below 100% (a 100% objective leaves no error budget)' })
        .optional(),
      window: z.string().trim().max(12).optional(),
      rolling: z.boolean().optional(),
      calendarStart: z.string().trim().max(40).optional(),
      timeZone: z.string().trim().max(64).optional(),
      budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']).optional(),
      good: z.string().trim().max(2000).optional(),
      total: z.string().trim().max(2000).optional(),
      atRisk: share('at-risk').optional(),
      exhausted: z.number().gt(0, { message: 'must be a share above 0' }).max(1.5).optional(),
    }),
    output: sloSummary,
    summary: 'Create an SLO, or change one (fields not given stay; unknown OpenSLO fields are kept).',
  },
  'slos.import': {
    input: z.strictObject({ document: z.string().max(256 * 1024), fileName: z.string().max(500).optional() }),
    output: z.object({ slo: sloSummary, created: z.boolean() }),
    summary: 'Read an OpenSLO v1 SLO document written elsewhere; its unknown fields are kept.',
  },
  'slos.remove': {
    input: z.strictObject({ name: sloName }),
    output: z.object({ name: z.string() }),
    summary: 'Remove an SLO (a tombstone syncs the removal).',
  },
  'slos.importData': {
    input: z.strictObject({
      name: sloName,
      days: z.array(sliDay).min(1, { message: 'must hold at least one day' }).max(3700),
    }),
    output: z.object({ name: z.string(), days: z.number(), changed: z.number(), from: z.string(), to: z.string() }),
    summary: 'Store daily good/total totals for an SLO (replacing those days).',
  },
  'slos.status': {
    input: z.strictObject({ at: instant.optional(), name: sloName.optional() }),
    output: z.array(budgetStatusOutput),
    summary: 'Error budget status of every SLO (or one): remaining, burn, alerts, projection, state.',
  },
};
