// The pure parts of `oncall slo pull` (shared/domain/slo/prometheus-pull.ts) on hand-worked cases:
// the step and chunks for a range (under Prometheus' 11,000 points per series and request), counter
// increases with resets, samples at chunk edges counted once, and the days a pull stores. Also: a
// status that reads only the days its figures need gives what a status over every day gives.
// Answers are in the HTTP API's range-query shape (https://prometheus.io/docs/prometheus/latest/querying/api/,
// "Range queries": data.resultType "matrix", data.result[].metric and .values as [<unix_time>, "<value>"]).

import { describe, expect, it } from 'vitest';
import { budgetStatus, burnDown, prepareSeries } from '../shared/domain/slo/budget';
import {
  addRangeAnswer,
  dailyTotalsFromCounters,
  planPull,
  PullDataError,
  type SeriesSamples,
} from '../shared/domain/slo/prometheus-pull';
import type { Slo } from '../shared/domain/slo/openslo';
import { sloOf, listSloRows } from '../electron/store/slos';
import { invokeOk, tempWorkstation, testNow } from './helpers';

const minute = 60_000;
const day = 86_400_000;
const at = (iso: string): number => Date.parse(iso);

function answer(series: { metric: Record<string, string>; values: [number, string][] }[]) {
  return { status: 'success', data: { resultType: 'matrix', result: series } };
}

/** One counter series sampled every `stepMs` from `start`: values as given. */
function counter(labels: Record<string, string>, start: number, stepMs: number, values: number[]) {
  return { metric: labels, values: values.map((v, i): [number, string] => [(start + i * stepMs) / 1000, String(v)]) };
}

describe('planning a pull', () => {
  it('takes the finest step that fits in 4 requests of 10,000 points and starts at UTC midnight', () => {
    const now = at('2026-11-25T10:00:00Z');
    // A week (from midnight): 1-minute steps, 10,681 points → 2 requests whose shared edge is one sample.
    const week = planPull(now - 7 * day, now);
    expect(week.step).toBe(minute);
    expect(week.start).toBe(at('2026-11-18T00:00:00Z'));
    expect(week.end).toBe(now);
    expect(week.chunks).toEqual([
      { start: week.start, end: week.start + 9999 * minute },
      { start: week.start + 9999 * minute, end: now },
    ]);
    // 28 days: 5-minute steps, one request of 8,185 points.
    const month = planPull(now - 28 * day, now);
    expect(month.step).toBe(5 * minute);
    expect(month.chunks).toHaveLength(1);
    // A quarter: 5-minute steps in 3 requests; a year: 15-minute steps in 4.
    expect(planPull(now - 92 * day, now)).toMatchObject({ step: 5 * minute, chunks: { length: 3 } });
    expect(planPull(now - 365 * day, now)).toMatchObject({ step: 15 * minute, chunks: { length: 4 } });
    // Every chunk stays under Prometheus' limit: (end − start) / step + 1 points.
    for (const plan of [week, month, planPull(now - 365 * day, now), planPull(now - 3 * 365 * day, now)])
      for (const chunk of plan.chunks) expect((chunk.end - chunk.start) / plan.step + 1).toBeLessThanOrEqual(10_000);
    // Now is not on a step: the last sample is the step before it.
    expect(planPull(now - 28 * day, now + 90_000).end).toBe(now);
  });
});

describe('counting events from counters', () => {
  const start = at('2026-11-23T00:00:00Z');
  const hour = 60 * minute;

  it('counts increases per series by the day of each sample, resets as the new value, edges once', () => {
    const good: SeriesSamples = new Map();
    const total: SeriesSamples = new Map();
    // Two chunks of one query: 00:00–12:00 and 12:00–24:00 every 6 h; the 12:00 sample is in both.
    addRangeAnswer(good, answer([counter({ code: 'ok', instance: 'a' }, start, 6 * hour, [100, 160, 220])]));
    addRangeAnswer(
      good,
      answer([counter({ instance: 'a', code: 'ok' }, start + 12 * hour, 6 * hour, [220, 30, 90])]), // restart before 18:00
    );
    addRangeAnswer(
      total,
      answer([
        counter({ instance: 'a' }, start, 6 * hour, [110, 180, 250, 40, 110]),
        counter({ instance: 'b' }, start, 6 * hour, [0, 0, 0, 0, 5]),
      ]),
    );
    // good: 60 (06:00) + 60 (12:00) + 30 (the restart at 18:00) + 60 (midnight, which closes the 23rd) = 210;
    // total: a 70 + 70 + 40 + 70, b 5 at midnight = 255. The first midnight only starts the counts.
    expect(dailyTotalsFromCounters(good, total)).toEqual([{ day: '2026-11-23', good: 210, total: 255 }]);
  });

  it('leaves out the day before the range (its midnight sample only starts the counts)', () => {
    const good: SeriesSamples = new Map();
    const total: SeriesSamples = new Map();
    addRangeAnswer(good, answer([counter({}, start, hour, [5, 5, 5])]));
    addRangeAnswer(total, answer([counter({}, start, hour, [9, 9, 9])]));
    // A day with samples and no events was measured: 0 of 0.
    expect(dailyTotalsFromCounters(good, total)).toEqual([{ day: '2026-11-23', good: 0, total: 0 }]);
  });

  it('refuses NaN, negative counters, mismatched series and good above total', () => {
    const nan: SeriesSamples = new Map();
    expect(() => addRangeAnswer(nan, answer([counter({}, start, hour, [1, Number.NaN])]))).toThrow(
      'the sample at 2026-11-23T01:00:00.000Z is "NaN", not a number (NaN and infinities are refused)',
    );
    expect(() => addRangeAnswer(new Map(), answer([counter({}, start, hour, [-1])]))).toThrow(/never negative/);
    expect(() => addRangeAnswer(new Map(), { status: 'success', data: { resultType: 'vector', result: [] } })).toThrow(
      PullDataError,
    );
    const good: SeriesSamples = new Map();
    const total: SeriesSamples = new Map();
    addRangeAnswer(good, answer([counter({}, start, hour, [0, 10, 20])]));
    addRangeAnswer(total, answer([counter({}, start, hour, [0, 10])]));
    expect(() => dailyTotalsFromCounters(good, total)).toThrow(
      'the good query has a sample at 2026-11-23T02:00:00.000Z where the total query has none (mismatched series)',
    );
    const more: SeriesSamples = new Map();
    addRangeAnswer(more, answer([counter({}, start, hour, [0, 5, 9])]));
    expect(() => dailyTotalsFromCounters(good, more)).toThrow(
      'on 2026-11-23 the good query counts 20 events, more than the total query’s 9',
    );
  });
});

describe('a status reads only the days its figures need', () => {
  it('gives the figures a status over every stored day gives (rolling and calendar windows)', () => {
    const ws = tempWorkstation();
    invokeOk(ws, 'slos.save', { name: 'rolling', service: 'checkout', target: 0.999, window: '30d' });
    invokeOk(ws, 'slos.save', { name: 'calendar', service: 'checkout', target: 0.995, window: '1Q', rolling: false });
    const first = at('2025-10-01T00:00:00Z');
    const days = Array.from({ length: 420 }, (_, i) => ({
      day: new Date(first + i * day).toISOString().slice(0, 10),
      good: 100_000 - ((i * 37) % 400),
      total: 100_000,
    }));
    for (const name of ['rolling', 'calendar']) invokeOk(ws, 'slos.importData', { name, days });
    const all = prepareSeries(
      days.map((d) => ({
        start: at(`${d.day}T00:00:00Z`),
        end: at(`${d.day}T00:00:00Z`) + day,
        good: d.good,
        total: d.total,
      })),
    );
    const statuses = invokeOk(ws, 'slos.status', { at: new Date(testNow).toISOString() });
    for (const row of listSloRows(ws.ctx.db)) {
      const slo: Slo = sloOf(row);
      const full = budgetStatus(slo, all, [], testNow);
      const got = statuses.find((s) => s.slo.name === slo.name);
      expect(got?.consumed).toBeCloseTo(full.consumed, 12);
      expect(got?.burnNow).toBeCloseTo(full.burnNow, 12);
      expect(got?.alerts.map((a) => a.longBurn)).toEqual(full.alerts.map((a) => expect.closeTo(a.longBurn, 12)));
      expect(got?.burnDown.map((p) => p.remaining)).toEqual(
        burnDown(slo, all, [], testNow).map((p) => expect.closeTo(p.remaining, 12)),
      );
      expect(got?.burnDown.length).toBeGreaterThan(20);
    }
  });
});
