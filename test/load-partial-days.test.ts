// The partial days at either end of a dashboard's range: read from their pages, or as the whole
// day's rollups less the pages outside the range (whichever reads fewer pages) — the same
// figures either way, as the definition (`aggregatePages`) and a plain scan of every page
// in the range give them, for people in three zones across both DST changes of autumn 2026.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleTest, withinRule } from '../shared/domain/hours';
import { aggregatePages, type PageFact } from '../shared/domain/load';
import { aggregatePageRange, scanPageRange } from '../electron/store/load';
import { insertPage } from '../electron/store/pages';
import { ensureService } from '../electron/store/services';
import { invokeOk, tempWorkstation } from './helpers';
import { pageFromFact, savePersonInZone } from './load-seeding';

const at = (iso: string): number => Date.parse(iso);

/** A store with people in Berlin, New York and Kolkata and pages around both DST changes. */
function seeded() {
  const ws = tempWorkstation();
  const db = ws.ctx.db;
  const zones: Record<string, string> = { ann: 'Europe/Berlin', bo: 'America/New_York', cy: 'Asia/Kolkata' };
  for (const [id, timeZone] of Object.entries(zones)) savePersonInZone(db, id, timeZone);
  const services = ['api', 'db'].map((name) => ensureService(db, name, ws.ctx.newId, 0, 'test'));
  const people = Object.keys(zones);
  const facts: PageFact[] = [];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const add = (receivedAt: number): void => {
    const i = facts.length;
    const fact: PageFact = {
      personId: people[i % 3] ?? 'ann',
      serviceId: services[next(2)] ?? '',
      receivedAt,
      acknowledgedAt: next(5) === 0 ? null : receivedAt + next(600_000),
      resolvedAt: next(4) === 0 ? null : receivedAt + next(20_000_000),
      triage: (['actionable', 'noise', null] as const)[next(3)] ?? null,
      sleepHour: next(2) === 0,
      offHours: next(2) === 0,
      minutesSpent: next(3) === 0 ? null : next(90),
    };
    facts.push(fact);
    insertPage(db, pageFromFact(`page-${i}`, fact));
  };
  // Every 37 minutes from 20 October to 5 November: Berlin leaves summer time on 25 October
  // at 01:00 UTC, New York on 1 November at 06:00 UTC.
  for (let t = at('2026-10-20T00:05:00Z'); t < at('2026-11-05T00:00:00Z'); t += 37 * 60_000) add(t);
  return { ws, db, people, facts, zones };
}

/** The seeded store, what the definition makes of its pages, and how many fall in a range. */
function store() {
  const { ws, db, people, facts, zones } = seeded();
  const zoneOf = (id: string): string => zones[id] ?? 'UTC';
  const definition = (ids: string[], from: number, to: number) =>
    aggregatePages(
      facts.filter((f) => ids.includes(f.personId) && f.receivedAt >= from && f.receivedAt < to),
      zoneOf,
    );
  const pagesIn = (from: number, to: number): number =>
    facts.filter((f) => f.receivedAt >= from && f.receivedAt < to).length;
  return { ws, db, people, definition, pagesIn };
}

describe('a dashboard range’s partial days', () => {
  it('read as the whole day less its pages outside the range: the same figures as every page read', () => {
    const { db, people, definition, pagesIn } = store();
    // Starts 30 minutes into Berlin's DST day (one page before, dozens after) and ends at 09:00
    // on New York's DST day, with pages after the end that the day's rollups hold and are taken away.
    const from = at('2026-10-25T00:30:00Z');
    const to = at('2026-11-01T21:00:00Z');
    expect(pagesIn(at('2026-10-25T00:00:00Z'), from)).toBeLessThan(pagesIn(from, at('2026-10-26T00:00:00Z')));
    expect(pagesIn(to, at('2026-11-02T00:00:00Z'))).toBeLessThan(pagesIn(at('2026-11-01T00:00:00Z'), to));
    for (const ids of [people, ['ann', 'bo'], ['cy']]) {
      const rolled = aggregatePageRange(db, ids, from, to);
      expect(rolled).toEqual(definition(ids, from, to));
      expect(rolled).toEqual(scanPageRange(db, ids, from, to));
    }
  });

  it('read from their own pages where those are fewer, and a range ending after the last page', () => {
    const { db, people, definition, pagesIn } = store();
    const from = at('2026-10-24T21:00:00Z');
    const to = at('2026-11-04T07:00:00Z');
    expect(pagesIn(at('2026-10-24T00:00:00Z'), from)).toBeGreaterThan(pagesIn(from, at('2026-10-25T00:00:00Z')));
    expect(pagesIn(to, at('2026-11-05T00:00:00Z'))).toBeGreaterThan(pagesIn(at('2026-11-04T00:00:00Z'), to));
    for (const [f, t] of [
      [from, to],
      // Ends "now", within the last day, after every page: the day comes from its rollups alone.
      [from, at('2026-11-05T09:00:00Z')],
      [at('2026-11-04T05:00:00Z'), at('2026-11-05T09:00:00Z')],
    ] as const) {
      expect(aggregatePageRange(db, people, f, t)).toEqual(definition(people, f, t));
      expect(aggregatePageRange(db, people, f, t)).toEqual(scanPageRange(db, people, f, t));
    }
  });

  it('give the same figures as every page read, for any start and end quarter hour (property)', () => {
    const { db, people } = store();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 * 24 * 4 }),
        fc.integer({ min: 4, max: 8 * 24 * 4 }),
        (start, length) => {
          const from = at('2026-10-19T00:00:00Z') + start * 15 * 60_000;
          const to = from + length * 15 * 60_000;
          expect(aggregatePageRange(db, people, from, to)).toEqual(scanPageRange(db, people, from, to));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the dashboard shows every page of a range ending now once, in each person’s own zone', () => {
    const { ws, people, definition, pagesIn } = store();
    const d = invokeOk(ws, 'dashboard.get', { from: '2026-10-25T00:30:00Z', to: '2026-11-05T09:00:00Z' });
    expect(d.totals.pages).toBe(pagesIn(at('2026-10-25T00:30:00Z'), at('2026-11-05T09:00:00Z')));
    expect(d.heatmap.reduce((sum, c) => sum + c.pages, 0)).toBe(d.totals.pages);
    const expected = definition(people, at('2026-10-25T00:30:00Z'), at('2026-11-05T09:00:00Z'));
    expect(d.heatmap.map((c) => c.pages)).toEqual(expected.heatmap);
    expect(d.totals.weekendPages).toBe(expected.rows.reduce((sum, r) => sum + r.weekend, 0));
    expect(d.totals.resolveP90Minutes).toBeGreaterThan(0);
  });
});

describe('an hours rule asked every quarter hour', () => {
  it('answers as withinRule for any rule, weekday and minute (property)', () => {
    const clock = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        clock,
        clock,
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 1439 }),
        (start, end, days, weekday, minute) => {
          const rule = { start, end, days };
          expect(ruleTest(rule)(weekday, minute)).toBe(withinRule(weekday, minute, rule));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
