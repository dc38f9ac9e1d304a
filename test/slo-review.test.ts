// The reviews as the reliability meetings' agendas: the weekly review opens with every SLO's
// budget, then incidents and their postmortems, then on-call load, then priorities; the monthly adds
// trends and breaches with the incidents inside; the quarterly names the SLO targets to review.

import { describe, expect, it } from 'vitest';
import type { Workstation } from '../electron/workstation';
import { invokeOk, tempWorkstation } from './helpers';

const headings = (markdown: string): string[] => markdown.split('\n').filter((l) => l.startsWith('#'));

function withOutage(ws: Workstation, start: string, end: string, share: number): void {
  const page = invokeOk(ws, 'pages.add', { service: 'checkout', severity: 1, summary: 'checkout 500s' });
  const incident = invokeOk(ws, 'incidents.create', {
    pages: [page.id],
    title: 'Checkout errors',
    severity: 1,
    services: ['checkout'],
  });
  invokeOk(ws, 'incidents.update', { id: incident.id, impactStart: start, impactEnd: end, impactShare: share });
}

describe('reviews open with error budgets', () => {
  it('weekly: budgets, then incidents, then load, then priorities; an incident’s impact changes the budget line', () => {
    const ws = tempWorkstation(); // now: Wednesday 2026-11-25 10:00 UTC
    invokeOk(ws, 'slos.save', { name: 'checkout-availability', service: 'checkout', target: 0.999, window: '30d' });
    invokeOk(ws, 'slos.save', { name: 'search-latency', service: 'search', target: 0.99, window: '28d' });
    const before = invokeOk(ws, 'report.review', { kind: 'weekly', at: '2026-11-25T09:00:00Z' });
    expect(before.markdown).toContain('| checkout | checkout-availability | 99.9% | on track | 100.0% |');

    withOutage(ws, '2026-11-24T08:00:00Z', '2026-11-24T08:40:00Z', 1); // 40 of 43.2 minutes
    const week = invokeOk(ws, 'report.review', { kind: 'weekly', at: '2026-11-25T09:00:00Z' });
    expect(headings(week.markdown)).toEqual([
      expect.stringMatching(/^## On-call load review/),
      '### Error budget status',
      '### Incidents',
      '### Open pages',
      '### On-call load',
      expect.any(String), // the load's own sections follow
      ...headings(week.markdown).slice(6, -1),
      '### Suggested reliability priorities',
    ]);
    expect(week.budgets.status.find((s) => s.service === 'checkout')).toMatchObject({ state: 'at-risk' });
    expect(week.markdown).toMatch(/\| checkout \| checkout-availability \| 99\.9% \| at risk \| 7\.4% \|/);
    expect(week.priorities).toEqual([
      "checkout is at risk (7.4% of checkout-availability's budget left): prefer reliability work there over new risk.",
      'Write the postmortem for “Checkout errors”.',
    ]);
  });

  it('an exhausted budget is named as a freeze and the first priority', () => {
    const ws = tempWorkstation();
    invokeOk(ws, 'slos.save', { name: 'checkout-availability', service: 'checkout', target: 0.999, window: '30d' });
    withOutage(ws, '2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z', 1);
    const week = invokeOk(ws, 'report.review', { kind: 'weekly', at: '2026-11-25T09:00:00Z' });
    expect(week.markdown).toContain("**Freeze:** checkout's checkout-availability budget is exhausted");
    expect(week.priorities[0]).toMatch(/^Hold the freeze on checkout/);
  });

  it('monthly: budget trends by week and the breaches with the incidents inside and what each cost', () => {
    const ws = tempWorkstation();
    invokeOk(ws, 'slos.save', { name: 'checkout-availability', service: 'checkout', target: 0.999, window: '30d' });
    withOutage(ws, '2026-10-10T12:00:00Z', '2026-10-10T12:50:00Z', 1); // 50 minutes: breach
    const month = invokeOk(ws, 'report.review', { kind: 'monthly', at: '2026-10-15T00:00:00Z' });
    expect(headings(month.markdown).slice(1, 4)).toEqual([
      '### Error budget status',
      '### Budget trends',
      '### SLO breaches',
    ]);
    expect(month.budgets.trend[0]?.points.map((p) => p.label)).toEqual(['10-07', '10-14', '10-21', '10-28', '10-31']);
    expect(month.budgets.breaches).toEqual([
      expect.objectContaining({
        slo: 'checkout-availability',
        start: '2026-10-10T00:00:00.000Z',
        end: '2026-10-31T00:00:00.000Z',
      }),
    ]);
    expect(month.markdown).toContain(
      '- **checkout/checkout-availability** breached from 2026-10-10 to 2026-10-31 (up to 115.7% of its budget spent) — incidents: Checkout errors (used 115.7% of the budget)',
    );
  });

  it('quarterly: SLOs never at risk (maybe too loose) and always exhausted (maybe too tight) are targets to review', () => {
    const ws = tempWorkstation();
    invokeOk(ws, 'slos.save', { name: 'search-latency', service: 'search', target: 0.99, window: '28d' });
    invokeOk(ws, 'slos.save', { name: 'checkout-availability', service: 'checkout', target: 0.9999, window: '30d' });
    invokeOk(ws, 'slos.importData', {
      name: 'checkout-availability',
      days: Array.from({ length: 140 }, (_, i) => ({
        day: new Date(Date.UTC(2026, 5, 1) + i * 86_400_000).toISOString().slice(0, 10),
        good: 99_900,
        total: 100_000,
      })),
    });
    const quarter = invokeOk(ws, 'report.review', { kind: 'quarterly', at: '2026-08-15T00:00:00Z' });
    expect(quarter.budgets.targetsToReview).toEqual([
      { slo: 'checkout-availability', service: 'checkout', verdict: 'always exhausted' },
      { slo: 'search-latency', service: 'search', verdict: 'never at risk' },
    ]);
    expect(quarter.markdown).toContain(
      '- **search/search-latency** was never at risk this quarter — maybe the target is too loose.',
    );
    expect(quarter.markdown).toContain(
      '- **checkout/checkout-availability** was exhausted all quarter — maybe the target is too tight',
    );
  });
});
