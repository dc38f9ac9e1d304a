// On-call load dashboards and review reports: who is counted (me, a team, everyone), their
// on-call time from the rotations, their pages aggregated in SQL, then the pure dashboard.

import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import { buildDashboard, type DashboardPerson } from '../../shared/domain/dashboard';
import type { HoursRule } from '../../shared/domain/hours';
import {
  defaultLoadTargets,
  mergeAggregates,
  onCallTime,
  type PageAggregate,
  type LoadTargets,
  type OnCallShift,
  type OnCallTime,
} from '../../shared/domain/load';
import { reviewMarkdown, reviewPeriods, suggestRisks } from '../../shared/domain/review';
import type { Dashboard, ReviewReport } from '../../shared/report-contract';
import { reportOperations } from '../../shared/report-contract';
import { aggregatePageRange, incidentsIn, openIncidents, serviceNames, teamPersonIds } from '../store/load';
import { holidayDatesBetween } from '../store/holidays';
import { listPeople } from '../store/people';
import { listRotationRows } from '../store/rotations';
import { listTeamRows, setTeamTargets, teamByName, type TeamRow } from '../store/teams';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';
import { writes } from './writes';
import { currentPerson } from './me';
import { reviewBudgetsFor } from './review-budgets';
import { budgetPriorities } from '../../shared/domain/slo/review';
import { rotationShifts } from './rotation-handlers';

type ReportName = keyof typeof reportOperations & OperationName;
type ReportHandlers = { [N in ReportName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

const iso = (ms: number): string => new Date(ms).toISOString();

interface Scope {
  scope: 'team' | 'me';
  team: TeamRow | null;
  people: (DashboardPerson & { working: HoursRule; sleep: HoursRule })[];
  targets: LoadTargets;
}

function scopeOf(ctx: OperationContext, scope: 'team' | 'me', teamName: string | undefined): Scope {
  let team: TeamRow | null = null;
  if (teamName !== undefined) {
    team = teamByName(ctx.db, teamName) ?? null;
    if (!team) throw new OperationFailure('not_found', `team: there is no team called "${teamName}"`, 'team');
  } else team = listTeamRows(ctx.db)[0] ?? null;
  const me = scope === 'me' ? currentPerson(ctx) : undefined;
  const everyone = listPeople(ctx.db);
  const members = team ? new Set(teamPersonIds(ctx.db, team.id)) : null;
  const people = everyone
    .filter((p) => (me ? p.id === me.id : !members || members.has(p.id)))
    .map((p) => ({
      personId: p.id,
      handle: p.handle,
      name: p.name,
      timeZone: p.timeZone,
      working: p.workingHours,
      sleep: p.sleepHours,
    }));
  const targets = team ? targetsOf(team).targets : { ...defaultLoadTargets };
  return { scope, team, people, targets };
}

const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Everyone's on-call time in the range, from the rotations that count for the scope, with the
 * team's holidays. Pages go to the primary layer: its time is what the rates divide by (every
 * layer counts while no rotation in scope is in the layer called "primary").
 */
function onCallOf(ctx: OperationContext, scope: Scope, fromMs: number, toMs: number): Map<string, OnCallTime> {
  const counted = new Set(scope.people.map((p) => p.personId));
  // Me: every rotation I am in; a team: its own rotations (all of them while none belongs to a team).
  const rotations = listRotationRows(ctx.db).filter(
    (r) => scope.scope === 'me' || !scope.team || r.team_id === scope.team.id || r.team_id === null,
  );
  const anyPrimary = rotations.some((r) => r.layer === 'primary');
  const shifts: OnCallShift[] = [];
  for (const row of rotations) {
    const primary = !anyPrimary || row.layer === 'primary';
    for (const s of rotationShifts(ctx, row, fromMs, toMs))
      if (counted.has(s.personId))
        shifts.push({ personId: s.personId, rotationId: s.rotationId, startMs: s.startMs, endMs: s.endMs, primary });
  }
  // Local dates in any zone: a day either side of the range in UTC.
  const holidays = scope.team
    ? holidayDatesBetween(ctx.db, scope.team.id, dateOf(fromMs - 86_400_000), dateOf(toMs + 86_400_000))
    : [];
  return onCallTime(
    shifts,
    scope.people.map((p) => ({ personId: p.personId, timeZone: p.timeZone, working: p.working, sleep: p.sleep })),
    fromMs,
    toMs,
    holidays,
  );
}

function dashboardFor(
  ctx: OperationContext,
  scope: Scope,
  fromMs: number,
  toMs: number,
  /** The range's pages, when already aggregated. */
  aggregate?: PageAggregate,
): Dashboard {
  const ids = scope.people.map((p) => p.personId);
  const onCall = onCallOf(ctx, scope, fromMs, toMs);
  const me = scope.scope === 'me' ? scope.people[0] : undefined;
  return buildDashboard({
    scope: scope.scope,
    team: scope.team?.name ?? null,
    person: me ? { handle: me.handle, name: me.name } : null,
    fromMs,
    toMs,
    people: scope.people,
    serviceNames: serviceNames(ctx.db),
    aggregate: aggregate ?? aggregatePageRange(ctx.db, ids, fromMs, toMs),
    onCall,
    targets: scope.targets,
  });
}

/** The period, cut at now while it is still running (no on-call time is counted in the future). */
const upToNow = (fromMs: number, toMs: number, nowMs: number): number =>
  nowMs > fromMs && nowMs < toMs ? nowMs : toMs;

/** The team by name, or the first team by name; not_found naming what to do when there is none. */
export function targetsTeam(ctx: OperationContext, name: string | undefined): TeamRow {
  const team = name !== undefined ? teamByName(ctx.db, name) : listTeamRows(ctx.db)[0];
  if (!team)
    throw new OperationFailure(
      'not_found',
      name !== undefined
        ? `team: there is no team called "${name}"`
        : 'team: there is no team yet (add one with oncall team add NAME --members …)',
      'team',
    );
  return team;
}

function targetsOf(team: TeamRow): { team: string; targets: LoadTargets; own: string[]; maxShiftHours: number | null } {
  const own = JSON.parse(team.targets) as Record<string, unknown>;
  const targets: LoadTargets = { ...defaultLoadTargets };
  const set: string[] = [];
  for (const key of Object.keys(targets) as (keyof LoadTargets)[]) {
    const value = own[key];
    if (typeof value === 'number') {
      targets[key] = value;
      set.push(key);
    }
  }
  const maxShiftHours = typeof own.maxShiftHours === 'number' ? own.maxShiftHours : null;
  if (maxShiftHours !== null) set.push('maxShiftHours');
  return { team: team.name, targets, own: set, maxShiftHours };
}

export const reportHandlers: ReportHandlers = {
  'targets.get': (ctx, input) => targetsOf(targetsTeam(ctx, input.team)),

  'targets.set': writes((ctx, input) => {
    const team = targetsTeam(ctx, input.team);
    const own = JSON.parse(team.targets) as Record<string, unknown>;
    for (const [key, value] of Object.entries(input.targets)) {
      if (value === null) delete own[key];
      else if (value !== undefined) own[key] = value;
    }
    const targets = JSON.stringify(own);
    setTeamTargets(ctx.db, team.id, targets, ctx.now(), ctx.deviceId);
    return targetsOf({ ...team, targets });
  }),

  'dashboard.get': (ctx, input) =>
    dashboardFor(ctx, scopeOf(ctx, input.scope, input.team), Date.parse(input.from), Date.parse(input.to)),

  'report.review': (ctx, input) => {
    const now = ctx.now();
    // Without a date: the last complete week, month or quarter.
    const at = input.at ? Date.parse(input.at) : reviewPeriods(input.kind, now).previous.fromMs;
    const scope = scopeOf(ctx, 'team', input.team);
    const { current, previous } = reviewPeriods(input.kind, at);
    const to = upToNow(current.fromMs, current.toMs, now);
    const before = input.kind === 'weekly' ? null : dashboardFor(ctx, scope, previous.fromMs, previous.toMs);
    const periods: ReviewReport['periods'] = [];
    let dashboard: Dashboard;
    if (input.kind === 'quarterly') {
      // Each month's pages are read once; the quarter's aggregate is their sum.
      const months: PageAggregate[] = [];
      const start = new Date(current.fromMs);
      for (let m = 0; m < 3; m++) {
        const fromMs = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
        const toMs = Math.min(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m + 1, 1), to);
        if (toMs <= fromMs) break;
        const aggregate = aggregatePageRange(
          ctx.db,
          scope.people.map((p) => p.personId),
          fromMs,
          toMs,
        );
        months.push(aggregate);
        const month = dashboardFor(ctx, scope, fromMs, toMs, aggregate);
        periods.push({
          label: iso(fromMs).slice(0, 7),
          pages: month.totals.pages,
          actionablePerOnCallWeek: month.totals.actionablePerOnCallWeek,
          sleepHourPagesPerShift: month.totals.sleepHourPagesPerShift,
          gini: month.equity.gini,
          topShare: month.equity.topShare,
        });
      }
      dashboard = dashboardFor(ctx, scope, current.fromMs, to, mergeAggregates(months));
    } else dashboard = dashboardFor(ctx, scope, current.fromMs, to);
    const titles = {
      weekly: `On-call load review — ${current.label}`,
      monthly: `Monthly on-call review — ${current.label}`,
      quarterly: `Quarterly on-call review — ${current.label}`,
    };
    const report: Omit<ReviewReport, 'markdown'> = {
      kind: input.kind,
      title: titles[input.kind],
      team: scope.team?.name ?? null,
      from: iso(current.fromMs),
      to: iso(to),
      previous: before ? { from: before.from, to: before.to, totals: before.totals } : null,
      current: dashboard,
      periods,
      incidents:
        input.kind === 'weekly'
          ? incidentsIn(ctx.db, current.fromMs, to).map((row) => ({
              id: row.id,
              title: row.title,
              severity: row.severity,
              startedAt: iso(row.started_at),
              resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
              postmortem: row.postmortem,
              expectsPostmortem: row.severity <= 2,
            }))
          : [],
      openIncidents:
        input.kind === 'weekly'
          ? openIncidents(
              ctx.db,
              scope.people.map((p) => p.personId),
              current.fromMs,
              to,
            ).map((row) => ({
              receivedAt: iso(row.received_at),
              service: row.service,
              summary: row.summary,
              handle: row.handle,
              postmortem: row.postmortem,
            }))
          : [],
      risks: input.kind === 'quarterly' ? suggestRisks(dashboard) : [],
      budgets: reviewBudgetsFor(ctx.db, input.kind, current.fromMs, to),
      priorities: [],
    };
    const owed = report.incidents.filter((i) => i.expectsPostmortem && i.postmortem === null).map((i) => i.title);
    report.priorities = budgetPriorities(report.budgets, owed);
    return { ...report, markdown: reviewMarkdown(report) };
  },

  'report.onCallHours': (ctx, input) => {
    const fromMs = Date.parse(input.from);
    const toMs = Date.parse(input.to);
    const scope = scopeOf(ctx, 'team', input.team);
    const onCall = onCallOf(ctx, scope, fromMs, toMs);
    const hours = (value: number): number => Math.round(value * 100) / 100;
    return {
      from: iso(fromMs),
      to: iso(toMs),
      team: scope.team?.name ?? null,
      people: [...scope.people]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => {
          const time = onCall.get(p.personId);
          return {
            handle: p.handle,
            name: p.name,
            timeZone: p.timeZone,
            onCallHours: hours(time?.hours ?? 0),
            businessHours: hours(time?.business ?? 0),
            offHours: hours(time?.off ?? 0),
            sleepHours: hours(time?.sleep ?? 0),
            weekendHours: hours(time?.weekend ?? 0),
            holidayHours: hours(time?.holiday ?? 0),
            nights: time?.nights ?? 0,
            weekends: time?.weekends ?? 0,
            onCallShare: Math.round(((time?.hours ?? 0) / ((toMs - fromMs) / 3_600_000)) * 1000) / 1000,
          };
        }),
    };
  },
};
