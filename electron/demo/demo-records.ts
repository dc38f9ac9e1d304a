// `oncall demo`, second part: what the team did about its pages — incidents with postmortems in
// every state (published, in review, a draft the coach has findings in), action items (some
// overdue), a quarter of my toil with chores worth automating, and the team's holidays. Written
// through the operation table, as a person would, with the demo's "now" as the clock: the same
// validation, store and revisions as real records. The pages (demo.ts) come first.

import type { Database } from 'better-sqlite3';
import type { OperationInput, OperationName } from '../../shared/contract';
import type { Incident, Postmortem } from '../../shared/postmortem-contract';
import type { OperationContext } from '../operations/context';
import { OperationFailure } from '../operations/errors';
import { createOperationTable, type OperationTable } from '../operations/table';

export interface DemoRecordsSummary {
  incidents: number;
  postmortems: { draft: number; review: number; published: number };
  actionItems: number;
  overdueActionItems: number;
  toilEntries: number;
  holidays: number;
  slos: number;
}

const dayMs = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface DemoPostmortem {
  title: string;
  severity: number;
  service: string;
  daysAgo: number;
  status: 'draft' | 'review' | 'published';
  why: string;
  actions: { title: string; owner: string | null; dueInDays: number | null; because: number | null; done?: boolean }[];
}

// Handles are the demo people's (demo.ts): ann, bo, chen, dara, eli, femi, gita, hugo, ines, jon, kai, lena…
const postmortems: DemoPostmortem[] = [
  {
    title: 'Card payments failed for 40 minutes',
    severity: 1,
    service: 'payments-api',
    daysAgo: 41,
    status: 'published',
    why: [
      '1. Because the card processor client waited 30 seconds for every answer, so a slow processor held every worker.',
      '2. Because the client has no circuit breaker, requests kept queueing after the processor stopped answering.',
      '3. Because the worker pool is sized for normal latency, it ran out within two minutes of the slowdown.',
      '4. Because the latency alert looks at the p99 over 15 minutes, it fired 12 minutes after customers saw errors.',
      '5. Because the runbook for processor outages had no step for failing over to the second processor, the switch was worked out during the incident.',
    ].join('\n'),
    actions: [
      {
        title: 'Add a circuit breaker to the card processor client',
        owner: 'ann',
        dueInDays: -20,
        because: 2,
        done: true,
      },
      {
        title: 'Cut the processor client timeout to 3 seconds with one retry',
        owner: 'bo',
        dueInDays: -10,
        because: 1,
      },
      { title: 'Alert on the 5-minute p99 of processor calls', owner: 'chen', dueInDays: 14, because: 4 },
      { title: 'Add the processor failover to the payments runbook', owner: 'dara', dueInDays: 21, because: 5 },
    ],
  },
  {
    title: 'Search results up to two hours stale',
    severity: 2,
    service: 'search-indexer',
    daysAgo: 12,
    status: 'review',
    why: [
      '1. Because the indexer reads its queue with one consumer, a burst of re-index jobs blocked new documents.',
      '2. Because re-index jobs and new documents share one queue, nothing gave new documents priority.',
      '3. Because the lag alert measured the oldest message in minutes, it flapped and was silenced the week before.',
      '4. Because the silence had no end date, the alert stayed quiet when the lag passed two hours.',
      '5. Because the dashboard shows lag per partition only, the total lag was not visible at a glance.',
    ].join('\n'),
    actions: [
      { title: 'Give new documents their own queue ahead of re-index jobs', owner: 'eli', dueInDays: -3, because: 2 },
      { title: 'Make alert silences end after 7 days unless renewed', owner: 'femi', dueInDays: 10, because: 4 },
    ],
  },
  {
    title: 'Checkout errors after a deploy',
    severity: 2,
    service: 'checkout-web',
    daysAgo: 3,
    status: 'draft',
    // A first draft, as people write them: the coach has something to say about most of it.
    why: [
      'Hugo should have run the migration dry run before the deploy. It was human error.',
      'The on-call engineer didn’t escalate for twenty minutes.',
      '1. Because the deploy pipeline lets a migration run without a dry run.',
    ].join('\n'),
    actions: [{ title: 'Be more careful with deploys', owner: null, dueInDays: null, because: null }],
  },
];

/** A chore of the demo's quarter of toil: how often a week, how long, and whether a script could do it. */
const chores = [
  {
    category: 'alert triage',
    service: 'search-indexer',
    description: 'Cleared the flapping health check by hand',
    minutes: 35,
    perWeek: 2,
    automatable: true,
    effort: 6,
  },
  {
    category: 'certificate/secret rotation',
    service: 'auth-service',
    description: 'Rotated the token signing key',
    minutes: 50,
    perWeek: 0.25,
    automatable: true,
    effort: 16,
  },
  {
    category: 'access request',
    service: null,
    description: 'Granted production read access',
    minutes: 15,
    perWeek: 1.5,
    automatable: true,
    effort: 10,
  },
  {
    category: 'manual deploy',
    service: 'payments-api',
    description: 'Deployed the payments hotfix by hand',
    minutes: 60,
    perWeek: 0.5,
    automatable: true,
    effort: 24,
  },
  {
    category: 'data fix',
    service: 'data-pipeline',
    description: 'Re-ran the nightly batch for the missed partition',
    minutes: 45,
    perWeek: 0.75,
    automatable: false,
    effort: null,
  },
  {
    category: 'ticket work',
    service: null,
    description: 'Answered capacity tickets',
    minutes: 30,
    perWeek: 1,
    automatable: false,
    effort: null,
  },
] as const;

/** The team's holidays around the demo's "now": the last ones before it and the next ones after. */
function holidaysAround(nowMs: number): { date: string; name: string }[] {
  const year = new Date(nowMs).getUTCFullYear();
  const fixed = [
    ['01-01', 'New Year’s Day'],
    ['05-01', 'Labour Day'],
    ['10-03', 'Day of German Unity'],
    ['12-24', 'Christmas Eve'],
    ['12-25', 'Christmas Day'],
    ['12-26', 'Boxing Day'],
    ['12-31', 'New Year’s Eve'],
  ] as const;
  return [year - 1, year].flatMap((y) => fixed.map(([day, name]) => ({ date: `${y}-${day}`, name })));
}

/** Writes the demo's incidents, postmortems, action items, toil and holidays. */
export function writeDemoRecords(ctx: OperationContext, options: { untilMs: number }): DemoRecordsSummary {
  const now = options.untilMs;
  // The operations run with the demo's "now": the history ends there, and so does what follows it.
  const table = createOperationTable({ ...ctx, now: () => now });
  const summary: DemoRecordsSummary = {
    incidents: 0,
    postmortems: { draft: 0, review: 0, published: 0 },
    actionItems: 0,
    overdueActionItems: 0,
    toilEntries: 0,
    holidays: 0,
    slos: 0,
  };

  for (const pm of postmortems) {
    const incident = call(table, 'incidents.create', {
      pages: incidentPages(ctx.db, pm.service, now - pm.daysAgo * dayMs),
      title: pm.title,
      severity: pm.severity,
    }) as Incident;
    summary.incidents += 1;
    const created = call(table, 'postmortems.create', { incident: incident.id }) as Postmortem;
    call(table, 'postmortems.save', {
      id: created.id,
      body: created.body.replace('## Why It Happened\n', `## Why It Happened\n\n${pm.why}\n`),
    });
    for (const action of pm.actions) {
      const saved = call(table, 'actions.save', {
        postmortem: created.id,
        title: action.title,
        owner: action.owner,
        due: action.dueInDays === null ? null : isoDay(now + action.dueInDays * dayMs),
        because: action.because,
      }) as { id: string; overdue: boolean };
      summary.actionItems += 1;
      if (action.done) call(table, 'actions.setStatus', { id: saved.id, status: 'done' });
      else if (saved.overdue) summary.overdueActionItems += 1;
    }
    if (pm.status !== 'draft') call(table, 'postmortems.update', { id: created.id, status: 'review' });
    if (pm.status === 'published') call(table, 'postmortems.update', { id: created.id, status: 'published' });
    summary.postmortems[pm.status] += 1;
  }
  // Yesterday's outage: severe, and its postmortem not started yet.
  const outage = call(table, 'incidents.create', {
    pages: incidentPages(ctx.db, 'auth-service', now - dayMs),
    title: 'Logins failing for a quarter of users',
    severity: 2,
  }) as Incident;
  summary.incidents += 1;

  // Error budgets: the two noisy services' SLOs; the outage's 90 minutes at 25% of logins burn
  // auth-service's (90 × 0.25 = 22.5 of its 43.2 budget minutes this month: at risk).
  call(table, 'slos.save', {
    name: 'auth-service-availability',
    service: 'auth-service',
    owner: 'identity',
    target: 0.999,
    window: '1M',
    rolling: false,
    good: 'sum(rate(http_requests_total{service="auth-service",code!~"5.."}[5m]))',
    total: 'sum(rate(http_requests_total{service="auth-service"}[5m]))',
  });
  call(table, 'slos.save', {
    name: 'payments-api-latency',
    service: 'payments-api',
    owner: 'payments',
    target: 0.99,
    window: '28d',
    good: 'sum(rate(http_request_duration_seconds_bucket{service="payments-api",le="0.3"}[5m]))',
    total: 'sum(rate(http_request_duration_seconds_count{service="payments-api"}[5m]))',
  });
  summary.slos += 2;
  const impactStart = Date.parse(outage.startedAt);
  call(table, 'incidents.update', {
    id: outage.id,
    services: ['auth-service'],
    impactStart: new Date(impactStart).toISOString(),
    impactEnd: new Date(impactStart + 90 * 60_000).toISOString(),
    impactShare: 0.25,
  });

  // A quarter (13 weeks) of my toil, the chores spread evenly over each week's working days.
  const weeks = 13;
  for (let week = weeks - 1; week >= 0; week--) {
    for (const [c, chore] of chores.entries()) {
      // Chores less often than weekly come every few weeks, each starting in a different week.
      const times =
        chore.perWeek >= 1 ? Math.round(chore.perWeek) : (week + c) % Math.round(1 / chore.perWeek) === 0 ? 1 : 0;
      for (let i = 0; i < times; i++) {
        const day = isoDay(now - week * 7 * dayMs - ((c + i * 2) % 5) * dayMs);
        call(table, 'toil.add', {
          day,
          minutes: chore.minutes,
          category: chore.category,
          service: chore.service,
          description: chore.description,
          automatable: chore.automatable,
          automationEffortHours: chore.effort,
        });
        summary.toilEntries += 1;
      }
    }
  }

  for (const holiday of holidaysAround(now)) {
    call(table, 'holidays.add', holiday);
    summary.holidays += 1;
  }
  return summary;
}

/** An operation's value, or the failure as an error (the demo's input is ours: a failure is a bug). */
function call<N extends OperationName>(table: OperationTable, name: N, input: OperationInput<N>): unknown {
  const result = table.invoke(name, input);
  if (!result.ok) throw new OperationFailure(result.error.kind, `demo: ${name}: ${result.error.message}`);
  return result.value;
}

/** The demo's pages an incident groups: a service's actionable pages in the day from `fromMs`. */
function incidentPages(db: Database, service: string, fromMs: number): string[] {
  const pick = db.prepare(
    `SELECT p.id FROM pages p JOIN services s ON s.id = p.service_id
     WHERE s.name = ? AND p.triage = 'actionable' AND p.deleted_at IS NULL AND p.received_at >= ? AND p.received_at < ?
     ORDER BY p.received_at LIMIT 4`,
  );
  // The nearest day with such pages, looking back two months at most.
  for (let back = 0; back < 60; back++) {
    const ids = pick.pluck().all(service, fromMs - back * dayMs, fromMs - back * dayMs + dayMs) as string[];
    if (ids.length > 0) return ids;
  }
  // A short history: the page nearest that day.
  const any = db
    .prepare('SELECT id FROM pages WHERE deleted_at IS NULL ORDER BY abs(received_at - ?) LIMIT 1')
    .pluck()
    .get(fromMs) as string | undefined;
  if (!any) throw new OperationFailure('invalid_input', 'demo: no pages to group into an incident');
  return [any];
}
