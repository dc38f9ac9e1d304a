// `oncall demo` shows everything: what a new user sees in each headline view of a demo store —
// incidents with postmortems in every state (a draft the coach has findings in), action items
// some of them overdue, a quarter of toil with chores worth automating, the team's holidays —
// and the same store again from the same "now".

import { describe, expect, it } from 'vitest';
import { writeDemo } from '../electron/demo/demo';
import { writeDemoRecords } from '../electron/demo/demo-records';
import type { Workstation } from '../electron/workstation';
import { coachText } from '../shared/domain/blameless/coach';
import type { ActionItem, Incident, Postmortem } from '../shared/postmortem-contract';
import type { ToilEntry, ToilReport } from '../shared/toil-contract';
import type { Page } from '../shared/contract';
import type { Dashboard } from '../shared/report-contract';
import type { BudgetStatusOutput } from '../shared/slo-contract';
import { tempWorkstation, testNow } from './helpers';

const dayMs = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function demoStore(): Workstation {
  const ws = tempWorkstation({ now: () => testNow });
  writeDemo(ws.ctx, { people: 12, months: 6, seed: 1, untilMs: testNow });
  writeDemoRecords(ws.ctx, { untilMs: testNow });
  return ws;
}

function read<T>(ws: Workstation, name: string, input: unknown = {}): T {
  const result = ws.table.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

describe('oncall demo', () => {
  it('has incidents with postmortems published, in review and in draft, the draft with coach findings', () => {
    const ws = demoStore();
    const incidents = read<Incident[]>(ws, 'incidents.list');
    expect(incidents).toHaveLength(4);
    // Each incident groups the demo's own pages; one severe incident still waits for its postmortem.
    for (const incident of incidents) expect(incident.pages.length).toBeGreaterThan(0);
    expect(incidents.filter((i) => i.expectsPostmortem).map((i) => i.title)).toEqual([
      'Logins failing for a quarter of users',
    ]);
    const postmortems = read<{ id: string; status: string; ready: boolean; title: string }[]>(ws, 'postmortems.list');
    expect(postmortems.map((p) => p.status).sort()).toEqual(['draft', 'published', 'review']);

    const byStatus = (status: string): Postmortem => {
      const summary = postmortems.find((p) => p.status === status);
      if (!summary) throw new Error(`no ${status} postmortem`);
      return read<Postmortem>(ws, 'postmortems.get', { id: summary.id });
    };
    const published = byStatus('published');
    expect(published.publishedAt).toBe(new Date(testNow).toISOString());
    expect(coachText(published.body)).toEqual([]);
    expect(postmortems.find((p) => p.status === 'published')?.ready).toBe(true);
    // The draft reads as first drafts do: a person named, blame words, a role as the culprit.
    const draft = byStatus('draft');
    expect(new Set(coachText(draft.body).map((d) => d.rule))).toEqual(
      new Set(['person-named', 'blame-words', 'role-as-culprit']),
    );
    expect(postmortems.find((p) => p.status === 'draft')?.ready).toBe(false);
    // What Happened is the incident's pages, as for any postmortem made from an incident.
    expect(draft.body).toMatch(/## What Happened\n[\s\S]*Page received: “checkout-web: /);
  });

  it('has action items owned and dated, some done, some overdue against the demo’s now', () => {
    const ws = demoStore();
    const all = read<ActionItem[]>(ws, 'actions.list');
    expect(all).toHaveLength(7);
    expect(all.filter((a) => a.status === 'done')).toHaveLength(1);
    const overdue = read<ActionItem[]>(ws, 'actions.list', { overdue: true });
    expect(overdue.map((a) => a.title)).toEqual([
      'Cut the processor client timeout to 3 seconds with one retry',
      'Give new documents their own queue ahead of re-index jobs',
    ]);
    for (const item of overdue) expect(item.due !== null && item.due < isoDay(testNow)).toBe(true);
  });

  it('has SLOs for the noisy services, and yesterday’s outage burning auth-service’s budget', () => {
    const ws = demoStore();
    const statuses = read<BudgetStatusOutput[]>(ws, 'slos.status');
    expect(statuses.map((s) => s.slo.service).sort()).toEqual(['auth-service', 'payments-api']);
    const auth = statuses.find((s) => s.slo.service === 'auth-service');
    // 90 minutes at 25% of logins: 22.5 of the month's 43.2 budget minutes (testNow is 25 November).
    expect(auth?.incidents.map((i) => i.title)).toEqual(['Logins failing for a quarter of users']);
    expect(auth?.consumed).toBeCloseTo(22.5 / 43.2, 6);
    expect(auth?.state).toBe('at-risk');
  });

  it('has a quarter of my toil with chores worth automating, and the team’s holidays', () => {
    const ws = demoStore();
    const entries = read<ToilEntry[]>(ws, 'toil.list', { limit: 1000 });
    const days = entries.map((e) => e.day).sort();
    expect(days[0]! >= isoDay(testNow - 13 * 7 * dayMs)).toBe(true);
    expect(days.at(-1)! <= isoDay(testNow)).toBe(true);
    // Every one of the 13 weeks has toil in it.
    const weeks = new Set(entries.map((e) => Math.floor((testNow - Date.parse(e.day)) / (7 * dayMs))));
    expect(weeks.size).toBeGreaterThanOrEqual(13);
    const automatable = entries.filter((e) => e.automatable);
    expect(automatable.length).toBeGreaterThan(entries.length / 2);
    expect(automatable.every((e) => e.automationEffortHours !== null)).toBe(true);
    const report = read<ToilReport>(ws, 'toil.report');
    expect(report.current.toilHours).toBeGreaterThan(0);
    expect(report.sources.some((s) => s.automatable && s.payback !== null)).toBe(true);

    const holidays = read<{ team: string; holidays: { date: string; name: string }[] }>(ws, 'holidays.list');
    expect(holidays.team).toBe('Platform');
    const year = new Date(testNow).getUTCFullYear();
    expect(holidays.holidays.map((h) => h.date)).toContain(`${year}-12-25`);
    expect(holidays.holidays.some((h) => h.date < isoDay(testNow))).toBe(true);
    // The Load view's default range has data to draw.
    const dashboard = read<Dashboard>(ws, 'dashboard.get', {
      from: new Date(testNow - 91 * dayMs).toISOString(),
      to: new Date(testNow).toISOString(),
    });
    expect(dashboard.hasData).toBe(true);
  });

  it('leaves its three newest noisy pages for the triage queue, and every other page with its verdict', () => {
    const ws = demoStore();
    const queue = read<{ remaining: number; pages: { summary: string; receivedAt: string }[] }>(ws, 'triage.queue');
    expect(queue.remaining).toBe(3);
    const newest = read<{ pages: Page[] }>(ws, 'pages.list', { limit: 1000 }).pages;
    const newestNoise = newest.filter((p) => p.triage !== 'actionable').slice(0, 3);
    expect(queue.pages.map((p) => p.receivedAt)).toEqual(newestNoise.map((p) => p.receivedAt));
    expect(newestNoise.every((p) => p.triage === null)).toBe(true);
  });

  it('is the same store again from the same now', () => {
    const seen = (ws: Workstation) => ({
      incidents: read<Incident[]>(ws, 'incidents.list').map((i) => [i.title, i.severity, i.startedAt, i.pages.length]),
      postmortems: read<{ title: string; status: string; checksPassed: number }[]>(ws, 'postmortems.list').map((p) => [
        p.title,
        p.status,
        p.checksPassed,
      ]),
      actions: read<ActionItem[]>(ws, 'actions.list').map((a) => [a.title, a.owner, a.due, a.status, a.overdue]),
      toil: read<ToilEntry[]>(ws, 'toil.list', { limit: 1000 }).map((e) => [e.day, e.minutes, e.description]),
      holidays: read<{ holidays: unknown[] }>(ws, 'holidays.list').holidays,
    });
    expect(seen(demoStore())).toEqual(seen(demoStore()));
  });
});
