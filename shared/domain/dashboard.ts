// The on-call load dashboard from aggregated pages and on-call time: per-person and team
// metrics, equity, the charts' series and the targets as plain, blameless sentences. Pure.

import type { Dashboard, Finding, LoadSummary, PersonLoad } from '../report-contract';
import { untriagedEffect, untriagedSentence, type UntriagedEffect } from './triage';
import {
  addTally,
  balanceScore,
  definitions,
  emptyTally,
  gini,
  lorenz,
  percentileOfHistogram,
  topShare,
  weekLabel,
  weekNumber,
  weekStartMs,
  type HistogramRow,
  type LoadTargets,
  type OnCallTime,
  type PageAggregate,
  type Tally,
} from './load';

const hourMs = 3_600_000;
/** Equity targets (top-20% share, time on call) are judged over ranges at least this long. */
export const equityMinDays = 28;

export interface DashboardPerson {
  personId: string;
  handle: string;
  name: string;
  timeZone: string;
}

export interface DashboardInput {
  scope: 'team' | 'me';
  team: string | null;
  person: { handle: string; name: string } | null;
  fromMs: number;
  toMs: number;
  /** Everyone counted: the team, or just me. */
  people: DashboardPerson[];
  serviceNames: Map<string, string>;
  aggregate: PageAggregate;
  onCall: Map<string, OnCallTime>;
  targets: LoadTargets;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;
const round = (value: number | null, digits = 3): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

type TimeTotals = Omit<OnCallTime, 'personId' | 'byWeek' | 'primaryByWeek'>;

function summarise(
  tally: Tally,
  time: TimeTotals,
  histograms: { ack: HistogramRow[]; resolve: HistogramRow[] },
  rangeHours: number,
  onCallShare: number | null,
): LoadSummary {
  // Pages go to the primary layer first: rates divide by the time on call there.
  const onCallWeeks = time.primaryHours / 168;
  return {
    onCallHours: round(time.hours, 2) ?? 0,
    businessHours: round(time.business, 2) ?? 0,
    offHours: round(time.off, 2) ?? 0,
    sleepHours: round(time.sleep, 2) ?? 0,
    weekendHours: round(time.weekend, 2) ?? 0,
    holidayHours: round(time.holiday, 2) ?? 0,
    primaryHours: round(time.primaryHours, 2) ?? 0,
    nights: time.nights,
    weekends: time.weekends,
    shifts: time.shifts,
    onCallShare: onCallShare ?? round(ratio(time.hours, rangeHours)),
    pages: tally.pages,
    actionable: tally.actionable,
    noise: tally.noise,
    untriaged: tally.pages - tally.actionable - tally.noise,
    sleepHourPages: tally.sleepHour,
    offHoursPages: tally.offHours,
    weekendPages: tally.weekend,
    minutesSpent: tally.minutesSpent,
    over30Share: round(ratio(tally.over30, tally.minutesLogged)),
    pagesPerOnCallWeek: round(ratio(tally.pages, onCallWeeks)),
    actionablePerOnCallWeek: round(ratio(tally.actionable, onCallWeeks)),
    noisePerOnCallWeek: round(ratio(tally.noise, onCallWeeks)),
    pagesPerOnCallHour: round(ratio(tally.pages, time.primaryHours), 4),
    sleepHourPagesPerShift: round(ratio(tally.sleepHour, time.primaryShifts)),
    incidentsPer12Hours: round(ratio(tally.actionable, time.primaryHours / 12)),
    ackMeanMinutes: round(ratio(tally.ackMs / 60_000, tally.acked), 1),
    ackP90Minutes: percentileOfHistogram(histograms.ack, 0.9),
    resolveMeanMinutes: round(ratio(tally.resolveMs / 60_000, tally.resolved), 1),
    resolveP90Minutes: percentileOfHistogram(histograms.resolve, 0.9),
  };
}

const noTime = (): TimeTotals => ({
  hours: 0,
  business: 0,
  off: 0,
  sleep: 0,
  weekend: 0,
  holiday: 0,
  nights: 0,
  weekends: 0,
  shifts: 0,
  primaryHours: 0,
  primaryShifts: 0,
});

/** Merges per-person histograms into one. */
function mergeHistogram(rows: HistogramRow[]): HistogramRow[] {
  const byMinutes = new Map<number, number>();
  for (const row of rows) byMinutes.set(row.minutes, (byMinutes.get(row.minutes) ?? 0) + row.count);
  return [...byMinutes].map(([minutes, count]) => ({ personId: '', minutes, count }));
}

const buckets: { label: string; upTo: number }[] = [
  { label: '≤ 1 min', upTo: 1 },
  { label: '1–5 min', upTo: 5 },
  { label: '5–15 min', upTo: 15 },
  { label: '15–30 min', upTo: 30 },
  { label: '30–60 min', upTo: 60 },
  { label: '1–2 h', upTo: 120 },
  { label: '2–4 h', upTo: 240 },
  { label: '> 4 h', upTo: Infinity },
];

function distribution(histogram: HistogramRow[]): { bucket: string; pages: number }[] {
  const counts = buckets.map((b) => ({ bucket: b.label, pages: 0 }));
  for (const row of histogram) {
    const index = buckets.findIndex((b) => row.minutes <= b.upTo);
    const slot = counts[index];
    if (slot) slot.pages += row.count;
  }
  return counts;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;
const num = (value: number): string => (Math.round(value * 10) / 10).toString();

function topServices(
  services: Dashboard['services'],
  key: 'actionable' | 'sleepHourPages' | 'noise' | 'pages',
  count: number,
): string {
  const top = [...services]
    .filter((s) => s[key] > 0)
    .sort((a, b) => b[key] - a[key])
    .slice(0, count);
  return top.map((s) => `${s.service} (${s[key]})`).join(' and ');
}

/** A target's sentence, then how many pages it could not count because nobody has triaged them. */
function withUntriaged(sentence: string, effect: UntriagedEffect): string {
  const unknown = untriagedSentence(effect);
  return unknown ? `${sentence} ${unknown}` : sentence;
}

function findingsOf(
  input: DashboardInput,
  totals: LoadSummary,
  people: PersonLoad[],
  services: Dashboard['services'],
  equity: Dashboard['equity'],
): Finding[] {
  const t = input.targets;
  const findings: Finding[] = [];
  const who = input.scope === 'me' ? 'You' : 'The rotation';
  if (totals.onCallHours === 0 && totals.pages === 0) return findings;

  const actionable = totals.actionablePerOnCallWeek;
  if (actionable !== null) {
    const met = actionable < t.actionablePagesPerWeek;
    const sources = topServices(services, 'actionable', 2);
    findings.push({
      metric: 'actionablePerOnCallWeek',
      met,
      value: actionable,
      target: t.actionablePagesPerWeek,
      sentence: withUntriaged(
        met
          ? `${who} averaged ${num(actionable)} actionable pages per on-call week — within the target of fewer than ${t.actionablePagesPerWeek}.`
          : `${who} averaged ${num(actionable)} actionable pages per on-call week (target: fewer than ${t.actionablePagesPerWeek}). Most came from ${sources || 'a few services'}: fix the causes behind those alerts, or let the ones that can wait become tickets for working hours.`,
        // Missed once actionable ÷ on-call weeks reaches the target: at target × weeks pages.
        untriagedEffect(totals.actionable, totals.untriaged, (t.actionablePagesPerWeek * totals.primaryHours) / 168),
      ),
    });
  }
  const sleep = totals.sleepHourPagesPerShift;
  if (sleep !== null) {
    const met = sleep < t.sleepHourPagesPerShift;
    const sources = topServices(services, 'sleepHourPages', 2);
    findings.push({
      metric: 'sleepHourPagesPerShift',
      met,
      value: sleep,
      target: t.sleepHourPagesPerShift,
      sentence: met
        ? `${num(sleep)} sleep-hour pages per shift — within the target of fewer than ${t.sleepHourPagesPerShift}.`
        : `Shifts averaged ${num(sleep)} sleep-hour pages (target: fewer than ${t.sleepHourPagesPerShift}). ${sources ? `${sources} paged most at night` : 'Night pages'}: tune those alerts so they wait for the morning unless users are affected.`,
    });
  }
  const incidents = totals.incidentsPer12Hours;
  if (incidents !== null) {
    const met = incidents <= t.incidentsPer12Hours;
    findings.push({
      metric: 'incidentsPer12Hours',
      met,
      value: incidents,
      target: t.incidentsPer12Hours,
      sentence: withUntriaged(
        met
          ? `${num(incidents)} incidents per 12 hours on call — within the target of at most ${t.incidentsPer12Hours}.`
          : `${num(incidents)} incidents per 12 hours on call (target: at most ${t.incidentsPer12Hours}): more than one person can follow up well. Fix the recurring causes in ${topServices(services, 'actionable', 1) || 'the busiest service'} or split the shift.`,
        // "At most": missed once above target × (hours ÷ 12) pages.
        untriagedEffect(
          totals.actionable,
          totals.untriaged,
          Math.floor((t.incidentsPer12Hours * totals.primaryHours) / 12 + 1e-9) + 1,
        ),
      ),
    });
  }
  // Over a week or two, whoever was on call carries everything and is on call all the time:
  // equity targets are judged over four weeks or more.
  const longEnough = input.toMs - input.fromMs >= equityMinDays * 86_400_000;
  if (input.scope === 'team' && longEnough && equity.topShare !== null && people.length >= 2) {
    const met = equity.topShare <= t.topShareMax;
    const hours = people.map((p) => p.onCallHours);
    const spread = `${num(Math.min(...hours))} to ${num(Math.max(...hours))} h`;
    const evenHours = (equity.balance ?? 1) >= 0.8;
    findings.push({
      metric: 'topShare',
      met,
      value: round(equity.topShare),
      target: t.topShareMax,
      sentence: met
        ? `The top 20% of people handled ${pct(equity.topShare)} of the pages — within the target of at most ${pct(t.topShareMax)}.`
        : evenHours
          ? `The top 20% of people handled ${pct(equity.topShare)} of the pages (target: at most ${pct(t.topShareMax)}) although hours on call are even: the load follows the alerts, not the schedule. ${topServices(services, 'noise', 1) || 'The noisiest service'} sends the most noise — tune the noisy alert.`
          : `The top 20% of people handled ${pct(equity.topShare)} of the pages (target: at most ${pct(t.topShareMax)}). The schedule shape concentrates the load: hours on call range from ${spread} per person (balance ${num(equity.balance ?? 0)}). Rebalance shifts — covers and overrides add up.`,
    });
  }
  const busiest = [...people].sort((a, b) => (b.onCallShare ?? 0) - (a.onCallShare ?? 0));
  const over = busiest.filter((p) => (p.onCallShare ?? 0) > t.onCallShareMax);
  const most = busiest[0];
  if (longEnough && most && most.onCallShare !== null) {
    findings.push({
      metric: 'onCallShare',
      met: over.length === 0,
      value: most.onCallShare,
      target: t.onCallShareMax,
      sentence:
        over.length === 0
          ? `Nobody was on call more than ${pct(t.onCallShareMax)} of the time (at most ${pct(most.onCallShare)}).`
          : input.scope === 'me'
            ? `You were on call ${pct(most.onCallShare)} of the time (target: at most ${pct(t.onCallShareMax)}): the schedule gives you more shifts than the rotation’s share — rebalance shifts or add people to the rotation.`
            : `${over.length === 1 ? '1 person was' : `${over.length} people were`} on call more than ${pct(t.onCallShareMax)} of the time (${over.map((p) => `@${p.handle} ${pct(p.onCallShare ?? 0)}`).join(', ')}): the schedule puts more shifts on them — rebalance shifts or add people to the rotation.`,
    });
  }
  const noisy = [...services]
    .filter((s) => s.nonActionableRatio !== null && s.noise + s.actionable >= 5)
    .sort((a, b) => b.noise - a.noise)[0];
  if (noisy && noisy.nonActionableRatio !== null) {
    const met = noisy.nonActionableRatio < 0.5;
    findings.push({
      metric: 'nonActionableRatio',
      met,
      value: round(noisy.nonActionableRatio),
      target: 0.5,
      sentence: met
        ? `The noisiest service, ${noisy.service}, sent ${pct(noisy.nonActionableRatio)} noise.`
        : `${noisy.service} sent ${noisy.noise} pages that needed no action (${pct(noisy.nonActionableRatio)} of its triaged pages): a candidate for alert tuning.`,
    });
  }
  return findings;
}

export function buildDashboard(input: DashboardInput): Dashboard {
  const rangeHours = (input.toMs - input.fromMs) / hourMs;
  const handleOf = new Map(input.people.map((p) => [p.personId, p.handle]));
  const counted = new Set(input.people.map((p) => p.personId));
  const rows = input.aggregate.rows.filter((r) => counted.has(r.personId));
  const ack = input.aggregate.ack.filter((r) => counted.has(r.personId));
  const resolve = input.aggregate.resolve.filter((r) => counted.has(r.personId));

  const people: PersonLoad[] = input.people.map((person) => {
    const tally = rows.filter((r) => r.personId === person.personId).reduce((t, r) => addTally(t, r), emptyTally());
    const time = input.onCall.get(person.personId) ?? noTime();
    return {
      personId: person.personId,
      handle: person.handle,
      name: person.name,
      timeZone: person.timeZone,
      ...summarise(
        tally,
        time,
        {
          ack: ack.filter((r) => r.personId === person.personId),
          resolve: resolve.filter((r) => r.personId === person.personId),
        },
        rangeHours,
        null,
      ),
    };
  });

  const totalTally = rows.reduce((t, r) => addTally(t, r), emptyTally());
  const totalTime = noTime();
  for (const person of input.people) {
    const time = input.onCall.get(person.personId);
    if (!time) continue;
    for (const key of Object.keys(totalTime) as (keyof TimeTotals)[]) totalTime[key] += time[key];
  }
  const largestShare = people.reduce<number | null>(
    (max, p) => (p.onCallShare === null ? max : Math.max(max ?? 0, p.onCallShare)),
    null,
  );
  const totals = summarise(
    totalTally,
    totalTime,
    { ack: mergeHistogram(ack), resolve: mergeHistogram(resolve) },
    rangeHours,
    input.scope === 'team' ? largestShare : null,
  );

  // Services.
  const byService = new Map<string, Tally>();
  for (const row of rows) byService.set(row.serviceId, addTally(byService.get(row.serviceId) ?? emptyTally(), row));
  const services = [...byService]
    .map(([serviceId, t]) => ({
      service: input.serviceNames.get(serviceId) ?? serviceId,
      pages: t.pages,
      actionable: t.actionable,
      noise: t.noise,
      nonActionableRatio: round(ratio(t.noise, t.actionable + t.noise)),
      sleepHourPages: t.sleepHour,
      resolveMeanMinutes: round(ratio(t.resolveMs / 60_000, t.resolved), 1),
    }))
    .sort((a, b) => b.pages - a.pages || a.service.localeCompare(b.service));

  // Equity over the people on call in the range: load per on-call hour in the primary layer;
  // balance of hours on call in every layer.
  const loads = people.filter((p) => p.primaryHours > 0).map((p) => p.pages / p.primaryHours);
  const pageCounts = people.map((p) => p.pages);
  const share = topShare(pageCounts);
  const equity = {
    gini: round(gini(loads)),
    balance: round(balanceScore(people.filter((p) => p.onCallHours > 0).map((p) => p.onCallHours))),
    topShare: round(share),
    topShareOverHalf: share !== null && share > 0.5,
    lorenz: lorenz(loads).map((p) => ({ people: round(p.people) ?? 0, load: round(p.load) ?? 0 })),
  };

  // Weeks (Monday 00:00 UTC).
  const weeks: Dashboard['weeks'] = [];
  const firstWeek = weekNumber(input.fromMs);
  const lastWeek = weekNumber(input.toMs - 1);
  for (let w = firstWeek; w <= lastWeek; w++) {
    const inWeek = rows.filter((r) => r.week === w);
    const tally = inWeek.reduce((t, r) => addTally(t, r), emptyTally());
    const byPerson: Record<string, number> = {};
    for (const row of inWeek) {
      const handle = handleOf.get(row.personId) ?? row.personId;
      byPerson[handle] = (byPerson[handle] ?? 0) + row.pages;
    }
    let hours = 0;
    let primaryHours = 0;
    for (const person of input.people) {
      hours += input.onCall.get(person.personId)?.byWeek.get(w) ?? 0;
      primaryHours += input.onCall.get(person.personId)?.primaryByWeek.get(w) ?? 0;
    }
    // A week mostly outside the range (the one running now) would extrapolate from a few hours.
    const covered = Math.min(weekStartMs(w + 1), input.toMs) - Math.max(weekStartMs(w), input.fromMs);
    const mostlyIn = covered >= 3.5 * 86_400_000;
    weeks.push({
      week: weekLabel(w),
      pages: tally.pages,
      actionable: tally.actionable,
      noise: tally.noise,
      sleepHour: tally.sleepHour,
      onCallHours: round(hours, 2) ?? 0,
      actionablePerOnCallWeek: mostlyIn ? round(ratio(tally.actionable, primaryHours / 168)) : null,
      byPerson,
    });
  }

  const heatmap = input.aggregate.heatmap.map((pages, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, pages }));
  const dashboard: Dashboard = {
    scope: input.scope,
    team: input.team,
    person: input.person,
    from: new Date(input.fromMs).toISOString(),
    to: new Date(input.toMs).toISOString(),
    hasData: totals.pages > 0 || totals.onCallHours > 0,
    definitions: { ...definitions },
    targets: { ...input.targets },
    totals,
    people,
    equity,
    weeks,
    heatmap,
    services,
    ackDistribution: distribution(ack),
    resolveDistribution: distribution(resolve),
    findings: [],
  };
  dashboard.findings = findingsOf(input, totals, people, services, equity);
  return dashboard;
}
