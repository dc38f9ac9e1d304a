// On-call load dashboards and review reports (merged into the contract in contract.ts).

import { z } from 'zod';
import { instant } from './schemas';

const teamName = z.string().trim().min(1, { message: 'must name a team' }).max(80);
const maxRangeMs = 3 * 366 * 86_400_000;

const range = {
  from: instant,
  to: instant,
  /** A team by name; absent: the only team, or everyone when there is none. */
  team: teamName.optional(),
};
const inOrder = (r: { from: string; to: string }): boolean => Date.parse(r.to) > Date.parse(r.from);
const notTooLong = (r: { from: string; to: string }): boolean => Date.parse(r.to) - Date.parse(r.from) <= maxRangeMs;

const nullableNumber = z.number().nullable();

/** Load metrics for one person or a whole team over a range. */
export const loadSummary = z.object({
  onCallHours: z.number(),
  businessHours: z.number(),
  offHours: z.number(),
  sleepHours: z.number(),
  weekendHours: z.number(),
  /** On the team's holidays, in each person's zone (also in business/off/sleep). */
  holidayHours: z.number(),
  /** Hours on call in the primary layer: what the rates divide by. */
  primaryHours: z.number(),
  nights: z.number(),
  weekends: z.number(),
  shifts: z.number(),
  /** Hours on call ÷ hours in the range (a team: the mean over people on call). */
  onCallShare: nullableNumber,
  pages: z.number(),
  actionable: z.number(),
  noise: z.number(),
  untriaged: z.number(),
  sleepHourPages: z.number(),
  offHoursPages: z.number(),
  weekendPages: z.number(),
  minutesSpent: z.number(),
  over30Share: nullableNumber,
  pagesPerOnCallWeek: nullableNumber,
  actionablePerOnCallWeek: nullableNumber,
  noisePerOnCallWeek: nullableNumber,
  pagesPerOnCallHour: nullableNumber,
  sleepHourPagesPerShift: nullableNumber,
  incidentsPer12Hours: nullableNumber,
  ackMeanMinutes: nullableNumber,
  ackP90Minutes: nullableNumber,
  resolveMeanMinutes: nullableNumber,
  resolveP90Minutes: nullableNumber,
});
export type LoadSummary = z.infer<typeof loadSummary>;

export const personLoad = loadSummary.extend({
  personId: z.string(),
  handle: z.string(),
  name: z.string(),
  timeZone: z.string(),
});
export type PersonLoad = z.infer<typeof personLoad>;

export const loadTargets = z.object({
  actionablePagesPerWeek: z.number(),
  sleepHourPagesPerShift: z.number(),
  incidentsPer12Hours: z.number(),
  topShareMax: z.number(),
  onCallShareMax: z.number(),
});

export const finding = z.object({
  metric: z.string(),
  met: z.boolean(),
  value: nullableNumber,
  target: z.number(),
  /** One plain sentence; broken targets name the systems behind them and the fix. */
  sentence: z.string(),
});
export type Finding = z.infer<typeof finding>;

export const dashboard = z.object({
  scope: z.enum(['team', 'me']),
  team: z.string().nullable(),
  person: z.object({ handle: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  /** Whether anything at all (pages or on-call time) is in the range. */
  hasData: z.boolean(),
  definitions: z.record(z.string(), z.string()),
  targets: loadTargets,
  totals: loadSummary,
  people: z.array(personLoad),
  equity: z.object({
    gini: nullableNumber,
    balance: nullableNumber,
    topShare: nullableNumber,
    /** The top 20% carry more than half of the pages. */
    topShareOverHalf: z.boolean(),
    lorenz: z.array(z.object({ people: z.number(), load: z.number() })),
  }),
  weeks: z.array(
    z.object({
      week: z.string(),
      pages: z.number(),
      actionable: z.number(),
      noise: z.number(),
      sleepHour: z.number(),
      onCallHours: z.number(),
      /** Null for a week less than half inside the range. */
      actionablePerOnCallWeek: nullableNumber,
      /** Pages per person (by handle) that week. */
      byPerson: z.record(z.string(), z.number()),
    }),
  ),
  heatmap: z.array(z.object({ weekday: z.number(), hour: z.number(), pages: z.number() })),
  services: z.array(
    z.object({
      service: z.string(),
      pages: z.number(),
      actionable: z.number(),
      noise: z.number(),
      nonActionableRatio: nullableNumber,
      sleepHourPages: z.number(),
      resolveMeanMinutes: nullableNumber,
    }),
  ),
  ackDistribution: z.array(z.object({ bucket: z.string(), pages: z.number() })),
  resolveDistribution: z.array(z.object({ bucket: z.string(), pages: z.number() })),
  findings: z.array(finding),
});
export type Dashboard = z.infer<typeof dashboard>;

const budgetState = z.enum(['on-track', 'at-risk', 'exhausted']);
export const reviewBudgets = z.object({
  /** Every SLO at the end of the period. */
  status: z.array(
    z.object({
      slo: z.string(),
      service: z.string(),
      target: z.number(),
      state: budgetState,
      remaining: z.number(),
      burnNow: z.number(),
      burn: z.enum(['fast', 'slow', 'none']),
      exhaustsAt: z.string().nullable(),
      freeze: z.boolean(),
    }),
  ),
  /** Monthly and quarterly: budget left at the end of each week (monthly) or month (quarterly). */
  trend: z.array(
    z.object({
      slo: z.string(),
      service: z.string(),
      points: z.array(z.object({ label: z.string(), remaining: z.number() })),
    }),
  ),
  /** Monthly and quarterly: breaches in the period with the incidents inside and what each cost. */
  breaches: z.array(
    z.object({
      slo: z.string(),
      service: z.string(),
      start: z.string(),
      end: z.string(),
      worstConsumed: z.number(),
      incidents: z.array(z.object({ id: z.string(), title: z.string(), cost: z.number() })),
    }),
  ),
  /** Quarterly: SLOs never at risk (maybe too loose) or always exhausted (maybe too tight or underfunded). */
  targetsToReview: z.array(
    z.object({ slo: z.string(), service: z.string(), verdict: z.enum(['never at risk', 'always exhausted']) }),
  ),
});
export type ReviewBudgets = z.infer<typeof reviewBudgets>;

export const reviewReport = z.object({
  kind: z.enum(['weekly', 'monthly', 'quarterly']),
  title: z.string(),
  team: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  previous: z.object({ from: z.string(), to: z.string(), totals: loadSummary }).nullable(),
  current: dashboard,
  /** Quarterly: the months of the quarter, for trends. */
  periods: z.array(
    z.object({
      label: z.string(),
      pages: z.number(),
      actionablePerOnCallWeek: nullableNumber,
      sleepHourPagesPerShift: nullableNumber,
      gini: nullableNumber,
      topShare: nullableNumber,
    }),
  ),
  openIncidents: z.array(
    z.object({
      receivedAt: z.string(),
      service: z.string(),
      summary: z.string(),
      handle: z.string(),
      /** The postmortem status of the incident the page was grouped into (null: none). */
      postmortem: z.string().nullable(),
    }),
  ),
  /** Weekly: incidents that started in the week or are still unresolved, with their postmortem. */
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: z.number(),
      startedAt: z.string(),
      resolvedAt: z.string().nullable(),
      postmortem: z.enum(['draft', 'review', 'published']).nullable(),
      expectsPostmortem: z.boolean(),
    }),
  ),
  risks: z.array(z.object({ title: z.string(), sentence: z.string() })),
  /** Error budgets (docs/error-budgets.md): the agenda's first item. */
  budgets: reviewBudgets,
  /** What the review suggests the team does first. */
  priorities: z.array(z.string()),
  markdown: z.string(),
});
export type ReviewReport = z.infer<typeof reviewReport>;

export const onCallHoursRow = z.object({
  handle: z.string(),
  name: z.string(),
  timeZone: z.string(),
  onCallHours: z.number(),
  businessHours: z.number(),
  offHours: z.number(),
  sleepHours: z.number(),
  weekendHours: z.number(),
  holidayHours: z.number(),
  nights: z.number(),
  weekends: z.number(),
  onCallShare: nullableNumber,
});
export type OnCallHoursRow = z.infer<typeof onCallHoursRow>;

const positive = z
  .number({ message: 'must be a number above 0' })
  .positive({ message: 'must be a number above 0' })
  .max(1000, { message: 'must be at most 1000' });
const share = z
  .number({ message: 'must be a share above 0 and at most 1 (e.g. 0.4)' })
  .gt(0, { message: 'must be a share above 0 and at most 1 (e.g. 0.4)' })
  .max(1, { message: 'must be a share above 0 and at most 1 (e.g. 0.4)' });

export const teamTargets = z.object({
  team: z.string(),
  /** The targets in force: the team's own over the defaults. */
  targets: loadTargets,
  /** Which of them the team set itself (maxShiftHours too, when set). */
  own: z.array(z.string()),
  /** Hours one person may hold a rotation in a row (`rotation check` and Rotations warn past it); null: no limit. */
  maxShiftHours: z.number().nullable(),
});

export const reportOperations = {
  'targets.get': {
    input: z.strictObject({ team: teamName.optional() }),
    output: teamTargets,
    summary: 'A team’s load targets (the only or first team by default).',
  },
  'targets.set': {
    input: z.strictObject({
      team: teamName.optional(),
      targets: z.strictObject({
        actionablePagesPerWeek: positive.nullable().optional(),
        sleepHourPagesPerShift: positive.nullable().optional(),
        incidentsPer12Hours: positive.nullable().optional(),
        topShareMax: share.nullable().optional(),
        onCallShareMax: share.nullable().optional(),
        /** Hours one person may hold a rotation in a row; `rotation check` warns past it (no default). */
        maxShiftHours: positive.nullable().optional(),
      }),
    }),
    output: teamTargets,
    summary: 'Change a team’s load targets (null: back to the default). Other targets (toil) are kept.',
  },
  'dashboard.get': {
    input: z
      .strictObject({ ...range, scope: z.enum(['team', 'me'], { message: 'must be "team" or "me"' }).default('team') })
      .refine(inOrder, { message: 'must be after from', path: ['to'] })
      .refine(notTooLong, { message: 'must be at most 3 years after from', path: ['to'] }),
    output: dashboard,
    summary: 'On-call load for my own or my team’s range: metrics, equity, charts’ data, targets broken.',
  },
  'report.review': {
    input: z.strictObject({
      kind: z.enum(['weekly', 'monthly', 'quarterly'], { message: 'must be weekly, monthly or quarterly' }),
      /** Any instant in the week, month or quarter (default: the last complete one). */
      at: instant.optional(),
      team: teamName.optional(),
    }),
    output: reviewReport,
    summary: 'The weekly, monthly or quarterly on-call load review, with Markdown to paste.',
  },
  'report.onCallHours': {
    input: z
      .strictObject(range)
      .refine(inOrder, { message: 'must be after from', path: ['to'] })
      .refine(notTooLong, { message: 'must be at most 3 years after from', path: ['to'] }),
    output: z.object({
      from: z.string(),
      to: z.string(),
      team: z.string().nullable(),
      people: z.array(onCallHoursRow),
    }),
    summary: 'Hours on call per person, overrides included, split into business, off and sleep hours and weekends.',
  },
} as const;
