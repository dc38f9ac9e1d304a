// pages.count: the Pages list's exact total for the same filters as pages.list — from the day
// tallies for whole days, from the pages for partial days, severities and searches.

import { describe, expect, it } from 'vitest';
import type { OperationInput } from '../shared/contract';
import { countPages } from '../electron/store/page-count';
import { ftsQuery } from '../electron/store/pages';
import { invoke, invokeOk, tempWorkstation, testNow } from './helpers';

const dayMs = 86_400_000;

describe('pages.count', () => {
  it('equals the number of pages pages.list returns, for every kind of filter', () => {
    const ws = tempWorkstation();
    try {
      // 60 pages over 20 days, at varied hours, two services, mixed severities and triage.
      for (let i = 0; i < 60; i++) {
        invokeOk(ws, 'pages.add', {
          service: i % 3 === 0 ? 'payments-api' : 'checkout-web',
          severity: (i % 4) + 1,
          summary: i % 5 === 0 ? 'disk full on db-1' : 'p99 latency above 800ms',
          receivedAt: new Date(testNow - 20 * dayMs + i * 7.7 * 3_600_000).toISOString(),
          triage: i % 3 === 1 ? 'actionable' : i % 3 === 2 ? 'noise' : undefined,
        });
      }
      invokeOk(ws, 'pages.remove', {
        id: invokeOk(ws, 'pages.list', { limit: 1 }).pages[0]?.id ?? '',
      });
      const since = new Date(testNow - 15 * dayMs + 5 * 3_600_000).toISOString(); // mid-day at both ends
      const until = new Date(testNow - 4 * dayMs - 7 * 3_600_000).toISOString();
      const filters: Omit<OperationInput<'pages.list'>, 'limit' | 'cursor'>[] = [
        {},
        { service: 'payments-api' },
        { triage: 'untriaged' },
        { triage: 'noise', service: 'checkout-web' },
        { sleepHour: true },
        { triage: 'actionable', sleepHour: true },
        { severity: 2 },
        { query: 'disk' },
        { since, until },
        { since, until, triage: 'actionable' },
        { since },
        { until },
        { service: 'nothing-by-this-name' },
      ];
      const counts = filters.map((filter) => ({
        filter,
        total: invokeOk(ws, 'pages.count', filter).total,
        more: invokeOk(ws, 'pages.count', filter).more,
        listed: invokeOk(ws, 'pages.list', { ...filter, limit: 1000 }).pages.length,
      }));
      for (const c of counts) expect([c.total, c.more], JSON.stringify(c.filter)).toEqual([c.listed, false]);
      expect(counts[0]?.total).toBe(59);
      // The filters do narrow (so the equality above is not all-or-nothing).
      expect(new Set(counts.map((c) => c.total)).size).toBeGreaterThan(6);
    } finally {
      ws.close();
    }
  });

  it('counts a search or a severity as far as the cap, and says there are more', () => {
    const ws = tempWorkstation();
    for (let i = 0; i < 12; i++)
      invokeOk(ws, 'pages.add', {
        service: 'db',
        severity: 3,
        summary: 'disk full',
        receivedAt: new Date(testNow - i * 3_600_000).toISOString(),
      });
    expect(countPages(ws.ctx.db, { match: ftsQuery('disk') }, 10)).toEqual({ total: 10, more: true });
    expect(countPages(ws.ctx.db, { severity: 3 }, 12)).toEqual({ total: 12, more: false });
    // The tallies' counts are exact whatever the cap.
    expect(countPages(ws.ctx.db, {}, 5)).toEqual({ total: 12, more: false });
  });

  it('refuses fields pages.list pages with', () => {
    const ws = tempWorkstation();
    try {
      const result = invoke(ws, 'pages.count', { limit: 10 });
      expect(result.ok ? null : result.error.message).toMatch(/limit/);
    } finally {
      ws.close();
    }
  });
});
