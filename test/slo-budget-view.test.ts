// What the Error budgets view and an incident show (shared/domain/slo/budget-view.ts): the window
// in words, budget left, an incident's cost as a sentence (hand-worked: a 99.9% calendar-month SLO
// in November 2026 has 0.1% × 30 × 1440 = 43.2 budget minutes; 50 minutes at 30% affected is 15
// bad minutes = 34.7% of it), the sparkline's path, burn-down rows with incidents, SLI templates.

import { describe, expect, it } from 'vitest';
import {
  budgetLeft,
  burnDownRows,
  burnWords,
  incidentBudgetCosts,
  objectiveFromText,
  objectiveText,
  shareText,
  sliKindOf,
  sliQueries,
  sparklinePath,
  windowPhrase,
  windowWord,
} from '../shared/domain/slo/budget-view';
import type { BudgetStatusOutput, SloSummary } from '../shared/slo-contract';

const summary = (over: Partial<SloSummary>): SloSummary => ({
  name: 'checkout-availability',
  displayName: null,
  service: 'checkout',
  description: null,
  owner: 'payments',
  target: 0.999,
  window: '1M',
  rolling: false,
  calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' },
  budgetingMethod: 'Occurrences',
  good: null,
  total: null,
  policy: { atRisk: 0.5, exhausted: 1 },
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

const status = (over: Partial<BudgetStatusOutput>): BudgetStatusOutput => ({
  slo: summary({}),
  windowStart: '2026-11-01T00:00:00.000Z',
  windowEnd: '2026-12-01T00:00:00.000Z',
  basis: 'minutes',
  consumed: 0.347,
  remaining: 0.653,
  budgetMinutes: 43.2,
  remainingMinutes: 28.21,
  budgetEvents: null,
  remainingEvents: null,
  burnNow: 0,
  burn: 'none',
  alerts: [],
  exhaustsAt: null,
  state: 'on-track',
  freeze: false,
  burnDown: [],
  incidents: [],
  ...over,
});

describe('the window in words', () => {
  it('names calendar periods by their rhythm and rolling windows by their length', () => {
    expect(windowWord(summary({}))).toBe('monthly');
    expect(windowWord(summary({ window: '1Q' }))).toBe('quarterly');
    expect(windowWord(summary({ window: '28d', rolling: true, calendar: null }))).toBe('28-day');
    expect(windowWord(summary({ window: '4w', rolling: true, calendar: null }))).toBe('4-week');
    expect(windowPhrase(summary({}))).toBe('calendar month (UTC)');
    expect(windowPhrase(summary({ window: '28d', rolling: true, calendar: null }))).toBe('rolling 28 days');
  });
});

describe('objectives and shares', () => {
  it('reads an objective typed with or without % and writes it back the same', () => {
    expect(objectiveFromText('99.9')).toBe(0.999);
    expect(objectiveFromText(' 99.95 % ')).toBe(0.9995);
    expect(objectiveFromText('100')).toBe(1);
    expect(objectiveFromText('abc')).toBeNaN();
    expect(objectiveText(0.9995)).toBe('99.95%');
    expect(shareText(0.3472)).toBe('35%');
    expect(shareText(0.0347)).toBe('3.5%');
    expect(shareText(-0.2)).toBe('-20%');
  });
});

describe('budget left and burn', () => {
  it('gives minutes when only incidents burned, events when there is SLI data', () => {
    expect(budgetLeft(status({}))).toEqual({ share: '65%', amount: '28 min of 43 min' });
    expect(
      budgetLeft(status({ basis: 'events', budgetEvents: 100_000, remainingEvents: 62_000, remaining: 0.62 })),
    ).toEqual({ share: '62%', amount: '62k of 100k bad events' });
    // Overspent: nothing left, not a negative amount.
    expect(budgetLeft(status({ remaining: -0.2, remainingMinutes: -8.64 })).amount).toBe('0 min of 43 min');
  });

  it('says which of the workbook pairs fire', () => {
    const alert = { threshold: 14.4, longBurn: 20, shortBurn: 20, severity: 'page' as const, firing: true };
    expect(burnWords(status({ burnNow: 20, burn: 'fast', alerts: [{ ...alert, long: '1h', short: '5m' }] }))).toBe(
      '20× · fast burn (1h/5m)',
    );
    expect(burnWords(status({ burnNow: 0.5 }))).toBe('0.50× · quiet');
  });
});

describe('an incident’s cost to each budget', () => {
  const incident = {
    id: 'i1',
    title: 'checkout errors',
    services: ['checkout', 'search'],
    // 50 minutes at 30% of requests: 15 bad minutes of 43.2 → 34.7%.
    impact: { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T10:50:00.000Z', share: 0.3 },
  };

  it('is the impact’s bad minutes over the budget minutes of the window holding its end', () => {
    const costs = incidentBudgetCosts(incident, [summary({}), summary({ name: 'web', service: 'web' })]);
    expect(costs).toHaveLength(1);
    expect(costs[0]?.cost).toBeCloseTo(15 / 43.2, 6);
    expect(costs[0]?.sentence).toBe("used 35% of checkout's monthly budget");
  });

  it('names the SLO when a service has several, and is nothing without impact', () => {
    const costs = incidentBudgetCosts(incident, [
      summary({}),
      summary({ name: 'checkout-latency', window: '28d', rolling: true, calendar: null, target: 0.99 }),
    ]);
    // 28 days at 99%: 403.2 budget minutes; 15 / 403.2 = 3.7%.
    expect(costs.map((c) => c.sentence)).toEqual([
      "used 35% of checkout's monthly budget (checkout-availability)",
      "used 3.7% of checkout's 28-day budget (checkout-latency)",
    ]);
    expect(incidentBudgetCosts({ ...incident, impact: null }, [summary({})])).toEqual([]);
  });
});

describe('the sparkline and the burn-down', () => {
  it('draws from full (top) down to the lowest value, overspending below zero included', () => {
    expect(sparklinePath([1, 0.5, 0], 100, 20)).toBe('M0.0,0.0 L50.0,10.0 L100.0,20.0');
    expect(sparklinePath([1, -1], 10, 20)).toBe('M0.0,0.0 L10.0,20.0');
    expect(sparklinePath([], 10, 10)).toBe('');
  });

  const incident = {
    id: 'i1',
    title: 'checkout errors',
    start: '2026-11-20T10:00:00.000Z',
    end: '2026-11-20T10:50:00.000Z',
    share: 0.3,
    cost: 0.347,
  };
  const burnDown = [
    { at: '2026-11-20T00:00:00.000Z', remaining: 1 },
    { at: '2026-11-21T00:00:00.000Z', remaining: 0.6528 },
  ];

  it('gives a row a day, in %, with each incident on the day its impact ended', () => {
    const rows = burnDownRows(
      {
        ...status({ burnDown, incidents: [incident] }),
        slo: summary({ window: '28d', rolling: true, calendar: null }),
      },
      Date.parse('2026-11-21T00:00:00Z'),
    );
    expect(rows).toEqual([
      { day: '2026-11-19', remaining: 100, projected: null, incidents: [] },
      { day: '2026-11-20', remaining: 65.28, projected: null, incidents: ['checkout errors'] },
    ]);
  });

  it('goes on to a calendar window’s end at the current burn rate', () => {
    // 65.28% left at Nov 21 00:00 in a 30-day month, burning at 3×: each day spends 3/30 = 10%.
    const rows = burnDownRows(
      status({ burnDown, incidents: [incident], remaining: 0.6528, burnNow: 3 }),
      Date.parse('2026-11-21T00:00:00Z'),
    );
    expect(rows).toHaveLength(2 + 10);
    expect(rows[1]).toMatchObject({ day: '2026-11-20', remaining: 65.28, projected: 65.28 });
    expect(rows[2]).toEqual({ day: '2026-11-21', remaining: null, projected: 55.28, incidents: [] });
    expect(rows.at(-1)).toMatchObject({ day: '2026-11-30', projected: -34.72 });
    // Not burning: flat to the end.
    expect(
      burnDownRows(status({ burnDown, remaining: 0.6528, burnNow: 0 }), Date.parse('2026-11-21T00:00:00Z')).at(-1),
    ).toMatchObject({ day: '2026-11-30', projected: 65.28 });
  });
});

describe('SLI kinds as query templates', () => {
  it('writes availability and latency as ratio queries and knows them again', () => {
    const availability = sliQueries('availability', 'checkout');
    expect(availability?.good).toBe('sum(rate(http_requests_total{service="checkout",code!~"5.."}[5m]))');
    expect(sliKindOf(availability?.good ?? null, availability?.total ?? null)).toEqual({ kind: 'availability' });
    const latency = sliQueries('latency', 'checkout', 0.25);
    expect(latency?.good).toContain('le="0.25"');
    expect(sliKindOf(latency?.good ?? null, latency?.total ?? null)).toEqual({
      kind: 'latency',
      thresholdSeconds: 0.25,
    });
    expect(sliKindOf('sum(rate(my_good[5m]))', 'sum(rate(my_total[5m]))')).toEqual({ kind: 'ratio' });
    expect(sliKindOf(null, null)).toEqual({ kind: 'none' });
    expect(sliQueries('ratio', 'checkout')).toBeNull();
  });
});
