// Error budgets as pure functions (shared/domain/slo), checked against the worked numbers of the
// SRE workbook's "Alerting on SLOs" chapter (https://sre.google/workbook/alerting-on-slos/):
// a 99.9% SLO over 30 days allows 43.2 minutes of full outage (0.1% × 43,200 min); its
// multiwindow, multi-burn-rate alerts (§6, Table 5-8) page when 2% of the budget goes in 1 h
// (burn rate 14.4, checked over 5 m) or 5% in 6 h (burn rate 6, over 30 m) and open a ticket when
// 10% goes in 3 d (burn rate 1, over 6 h); time to exhaustion is the window ÷ the burn rate
// (100% errors, burn rate 1000 → 43.2 minutes). OpenSLO fixtures: test/fixtures/openslo/ (cited there).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  alertThreshold,
  breaches,
  budgetStatus,
  burnDown,
  impactCost,
  prepareSeries,
  spanBurn,
  workbookAlertPairs,
  type Impact,
  type SliInterval,
} from '../shared/domain/slo/budget';
import { describeSloProblem, readSlo, validateSlo, writeSlo, type Slo } from '../shared/domain/slo/openslo';
import { windowAt } from '../shared/domain/slo/window';
import { root, testNow } from './helpers';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const fixture = (name: string): string => fs.readFileSync(path.join(root, 'test/fixtures/openslo', name), 'utf8');

const checkout: Slo = {
  name: 'checkout-availability',
  displayName: null,
  service: 'checkout',
  description: null,
  target: 0.999,
  window: { duration: { count: 30, unit: 'd' }, rolling: true, calendar: null },
  budgetingMethod: 'Occurrences',
  indicator: null,
  owner: 'payments',
  policy: { atRisk: 0.5, exhausted: 1 },
  updatedAt: null,
  deletedAt: null,
};
const noData = prepareSeries([]);
const midnight = Date.parse('2026-11-25T00:00:00Z');
const outage = (start: number, minutes: number, share = 1, id = 'inc-1'): Impact => ({
  incidentId: id,
  title: `incident ${id}`,
  start,
  end: start + minutes * minute,
  share,
});
/** `days` whole UTC days of totals ending at `end`, each with `total` requests of which `bad` failed. */
function dailyTotals(end: number, days: number, total: number, bad: (i: number) => number): SliInterval[] {
  return Array.from({ length: days }, (_, i) => {
    const start = end - (days - i) * day;
    return { start, end: start + day, good: total - bad(i), total };
  });
}

describe('error budget figures (SRE workbook, Alerting on SLOs)', () => {
  it('a 99.9% SLO over 30 days has 43.2 minutes of budget; 43.2 minutes of full outage spends it all → exhausted, freeze', () => {
    const fresh = budgetStatus(checkout, noData, [], testNow);
    expect(fresh.budgetMinutes).toBeCloseTo(43.2, 9);
    expect(fresh.remaining).toBe(1);
    expect(fresh.state).toBe('on-track');

    const status = budgetStatus(checkout, noData, [outage(testNow - 2 * day, 43.2)], testNow);
    expect(status.basis).toBe('minutes');
    expect(status.consumed).toBeCloseTo(1, 9);
    expect(status.remainingMinutes).toBeCloseTo(0, 9);
    expect(status.state).toBe('exhausted');
    expect(status.freeze).toBe(true);
  });

  it('alert thresholds for a 30-day window are the workbook’s 14.4, 6 and 1 (2% in 1 h, 5% in 6 h, 10% in 3 d)', () => {
    const thirtyDays = 30 * day;
    expect(workbookAlertPairs.map((pair) => alertThreshold(pair, thirtyDays))).toEqual([
      expect.closeTo(14.4, 9),
      expect.closeTo(6, 9),
      expect.closeTo(1, 9),
    ]);
    expect(workbookAlertPairs.map((p) => [p.long / minute, p.short / minute, p.severity])).toEqual([
      [60, 5, 'page'],
      [360, 30, 'page'],
      [3 * 1440, 360, 'ticket'],
    ]);
  });

  it('burning at 14.4 for an hour spends 2% of the budget; just above it pages (fast burn), at it does not', () => {
    const atThreshold = budgetStatus(checkout, noData, [outage(testNow - hour, 60, 0.0144)], testNow);
    expect(atThreshold.consumed).toBeCloseTo(0.02, 9);
    expect(atThreshold.alerts[0]?.longBurn).toBeCloseTo(14.4, 9);
    expect(atThreshold.alerts[0]?.firing).toBe(false);
    expect(atThreshold.burn).toBe('none');

    const above = budgetStatus(checkout, noData, [outage(testNow - hour, 60, 0.015)], testNow);
    expect(above.alerts[0]?.firing).toBe(true);
    expect(above.burn).toBe('fast');
    expect(above.state).toBe('at-risk'); // only 2% spent, but a page-level burn is at risk
  });

  it('a burn that stopped 40 minutes ago no longer pages: the 5-minute window resets it (the workbook’s reason for short windows)', () => {
    const status = budgetStatus(checkout, noData, [outage(testNow - 100 * minute, 60, 0.05)], testNow);
    expect(status.alerts[0]?.longBurn).toBeGreaterThan(14.4);
    expect(status.alerts[0]?.shortBurn).toBe(0);
    expect(status.burn).toBe('none');
  });

  it('burning at 6 for 6 hours spends 5% and pages on the second pair', () => {
    const status = budgetStatus(checkout, noData, [outage(testNow - 6 * hour, 360, 0.0061)], testNow);
    expect(status.consumed).toBeCloseTo((0.0061 * 360) / 43.2, 9);
    expect(status.alerts.map((a) => a.firing)).toEqual([false, true, false]);
    expect(status.burn).toBe('fast');
  });

  it('from daily totals: 0.05% bad for 30 days spends half the budget (at risk); burning 1.5 for 3 days is a slow burn (ticket)', () => {
    const half = prepareSeries(dailyTotals(midnight, 30, 1_000_000, () => 500));
    const status = budgetStatus(checkout, half, [], midnight);
    expect(status.basis).toBe('events');
    expect(status.budgetEvents).toBeCloseTo(30_000, 6);
    expect(status.consumed).toBeCloseTo(0.5, 9);
    expect(status.remainingEvents).toBeCloseTo(15_000, 6);
    expect(status.state).toBe('at-risk');
    expect(status.burn).toBe('none');

    const slow = prepareSeries(dailyTotals(midnight, 30, 1_000_000, (i) => (i >= 27 ? 1500 : 0)));
    const slowStatus = budgetStatus(checkout, slow, [], midnight);
    expect(slowStatus.alerts.map((a) => a.firing)).toEqual([false, false, true]);
    expect(slowStatus.burn).toBe('slow');
    expect(slowStatus.consumed).toBeCloseTo(0.15, 9); // 3 days × 1.5 ÷ 30 days
  });

  it('projects exhaustion as remaining × window ÷ burn rate (workbook: time to exhaustion = window ÷ burn rate)', () => {
    // 50% left, burning 1.5 over the last day → 0.5 × 30 d ÷ 1.5 = 10 days.
    const series = prepareSeries(dailyTotals(midnight, 30, 1_000_000, (i) => (i === 29 ? 1500 : 17_000 / 29)));
    const status = budgetStatus(checkout, series, [], midnight);
    expect(status.consumed).toBeCloseTo(0.6167, 3);
    expect(status.burnNow).toBeCloseTo(1.5, 9);
    expect(status.exhaustsAt).toBe(midnight + (status.remaining * 30 * day) / 1.5);
    // Full outage: 100% errors burn at 1000 and spend the whole budget in 43.2 minutes.
    const down = budgetStatus(checkout, noData, [outage(testNow - day, 10)], testNow);
    expect(down.burnNow).toBeCloseTo(10 / 1440 / 0.001, 9);
    expect(burnRateOfFullOutage()).toBe(1000);
  });

  it('where SLI data covers an incident, the data counts and the impact is not added twice; elsewhere the impact counts at the data’s event rate', () => {
    const series = prepareSeries(dailyTotals(midnight, 2, 1440_000, () => 0)); // 1000 requests a minute, none bad
    const covered = spanBurn(series, [outage(midnight - day, 60)], midnight - 2 * day, midnight);
    expect(covered.badEvents).toBe(0);
    const beyond = spanBurn(series, [outage(midnight + hour, 60, 0.5)], midnight - 2 * day, midnight + day);
    expect(beyond.badEvents).toBeCloseTo(30_000, 6); // 60 min × 1000/min × 50%
    expect(beyond.events).toBeCloseTo(3 * 1_440_000, 6);
  });

  it('an incident’s cost: 30 minutes at 50% of requests is 15 bad minutes, 34.7% of a 99.9% 30-day budget', () => {
    expect(impactCost(checkout, outage(testNow - day, 30, 0.5))).toBeCloseTo(15 / 43.2, 9);
  });

  it('calendar windows: 1M from 2020-01-01 is the calendar month holding now, and the budget is the whole month’s', () => {
    const monthly: Slo = {
      ...checkout,
      window: {
        duration: { count: 1, unit: 'M' },
        rolling: false,
        calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' },
      },
    };
    const bounds = windowAt(monthly.window, testNow);
    expect(new Date(bounds.start).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(new Date(bounds.end).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    const quarter = windowAt({ ...monthly.window, duration: { count: 1, unit: 'Q' } }, testNow);
    expect(new Date(quarter.start).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    const status = budgetStatus(monthly, noData, [outage(Date.parse('2026-11-03T00:00:00Z'), 21.6)], testNow);
    expect(status.budgetMinutes).toBeCloseTo(43.2, 9);
    expect(status.consumed).toBeCloseTo(0.5, 9);
    // An outage last month does not count in this month's budget.
    expect(budgetStatus(monthly, noData, [outage(Date.parse('2026-10-30T00:00:00Z'), 43.2)], testNow).consumed).toBe(0);
  });

  it('breaches in a range: the days whose window had spent its budget, with the incidents inside', () => {
    const big = outage(Date.parse('2026-10-10T12:00:00Z'), 50, 1, 'big');
    const small = outage(Date.parse('2026-10-05T12:00:00Z'), 5, 1, 'small');
    const found = breaches(
      checkout,
      noData,
      [small, big],
      Date.parse('2026-10-01T00:00:00Z'),
      Date.parse('2026-12-01T00:00:00Z'),
    );
    expect(found).toHaveLength(1);
    const breach = found[0]!;
    expect(new Date(breach.start).toISOString()).toBe('2026-10-10T00:00:00.000Z');
    // The window ending 2026-11-05 still holds the 10 Oct outage (from 6 Oct); by the end of 9 Nov it has left.
    expect(new Date(breach.end).toISOString()).toBe('2026-11-08T00:00:00.000Z');
    expect(breach.worstConsumed).toBeCloseTo(55 / 43.2, 9);
    expect(breach.incidents.map((i) => i.incidentId).sort()).toEqual(['big', 'small']);
  });

  it('burn-down: one point a day over the window, falling when an incident burns', () => {
    const points = burnDown(checkout, noData, [outage(testNow - 5 * day, 21.6)], testNow);
    expect(points).toHaveLength(30);
    expect(points[0]?.remaining).toBe(1);
    expect(points.at(-1)?.remaining).toBeCloseTo(0.5, 9);
  });
});

function burnRateOfFullOutage(): number {
  return Math.round(1 / (1 - checkout.target));
}

describe('OpenSLO v1 documents', () => {
  it('reads the spec’s published examples', () => {
    const ratio = readSlo(fixture('ratio-timeslices.yaml'));
    if (!('slo' in ratio)) throw new Error(ratio.problems.map(describeSloProblem).join('\n'));
    expect(ratio.slo).toMatchObject({
      name: 'main-page',
      displayName: 'Main page availability',
      service: 'web-shop',
      target: 0.99,
      budgetingMethod: 'RatioTimeslices',
      window: { duration: { count: 2, unit: 'w' }, rolling: true, calendar: null },
      indicator: { kind: 'ratio', sourceType: 'Any', good: 'Any', total: 'Any' },
    });
    const threshold = readSlo(fixture('occurrences-threshold.yaml'));
    if (!('slo' in threshold)) throw new Error(threshold.problems.map(describeSloProblem).join('\n'));
    expect(threshold.slo).toMatchObject({
      name: 'search-slo',
      budgetingMethod: 'Occurrences',
      indicator: { kind: 'threshold' },
    });
  });

  it('import → edit → export keeps every field it does not model (labels, counter, other objectives, alertPolicies, foreign annotations, comments)', () => {
    const text = fixture('checkout-availability.yaml');
    const read = readSlo(text);
    if (!('slo' in read)) throw new Error(read.problems.map(describeSloProblem).join('\n'));
    expect(read.slo).toMatchObject({
      service: 'checkout',
      target: 0.999,
      window: { duration: { count: 1, unit: 'M' }, rolling: false, calendar: { timeZone: 'UTC' } },
      indicator: { kind: 'ratio', sourceType: 'Prometheus' },
    });
    expect(writeSlo(read.slo, text)).toBe(text); // unchanged SLO → byte-identical
    const edited = writeSlo(
      { ...read.slo, target: 0.995, owner: 'payments', policy: { atRisk: 0.75, exhausted: 1 } },
      text,
    );
    for (const kept of [
      'organization: acme',
      'fooimplementation.com/key2: value2',
      'counter: true',
      'metricSourceRef: prometheus-datasource',
      'targetPercent: 99.99',
      'alertPolicyRef: checkout-fast-burn',
      '# Built from the OpenSLO v1 README',
    ])
      expect(edited).toContain(kept);
    expect(edited).toContain('targetPercent: 99.5');
    const again = readSlo(edited);
    if (!('slo' in again)) throw new Error('edited document no longer reads');
    expect(again.slo).toMatchObject({ target: 0.995, owner: 'payments', policy: { atRisk: 0.75, exhausted: 1 } });
  });

  it('a new SLO is a complete OpenSLO document that reads back the same', () => {
    const slo: Slo = {
      ...checkout,
      indicator: {
        kind: 'ratio',
        sourceType: 'Prometheus',
        good: 'sum(rate(http_requests_total{code!~"5.."}[5m]))',
        total: 'sum(rate(http_requests_total[5m]))',
      },
      updatedAt: '2026-11-25T10:00:00.000Z',
    };
    const text = writeSlo(slo);
    expect(text).toContain('apiVersion: openslo/v1');
    expect(text).toContain('kind: SLO');
    const read = readSlo(text);
    expect(read).toEqual({ slo });
  });

  it('refuses bad documents by field and line: an objective of 100% or more, 0 or less, a window of zero, a missing service', () => {
    const base = fixture('checkout-availability.yaml');
    const problems = (text: string): string[] => {
      const read = readSlo(text);
      return 'problems' in read ? read.problems.map(describeSloProblem) : [];
    };
    expect(problems(base.replace('targetPercent: 99.9\n', 'targetPercent: 100\n'))).toEqual([
      expect.stringMatching(/^spec\.objectives\[0\]\.target \(line 4\d\): must be below 100%/),
    ]);
    expect(problems(base.replace('targetPercent: 99.9\n', 'targetPercent: 0\n'))).toEqual([
      expect.stringMatching(/^spec\.objectives\[0\]\.target \(line \d+\): must be above 0%/),
    ]);
    expect(problems(base.replace('duration: 1M', 'duration: 0d'))).toEqual([
      expect.stringMatching(/^spec\.timeWindow\[0\]\.duration \(line \d+\): .*window of zero/),
    ]);
    expect(problems(base.replace('  service: checkout\n', ''))).toEqual([
      expect.stringMatching(/^spec\.service \(line \d+\): must name the service/),
    ]);
    expect(problems(base.replace('kind: SLO', 'kind: SLI'))).toEqual([
      expect.stringMatching(/^kind \(line \d+\): must be SLO/),
    ]);
    expect(problems('a: [')).toEqual([expect.stringMatching(/not valid YAML/)]);
    expect(validateSlo({ ...checkout, target: 1 }).map((p) => p.field)).toEqual(['spec.objectives[0].target']);
  });
});
