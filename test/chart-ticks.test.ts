// A chart's value axis: ticks a reader can count on — evenly spaced whole numbers from zero whose
// last tick holds the largest value (#17 item 8: an exported chart read 0, 2, 4, 7).

import { describe, expect, it } from 'vitest';
import { niceTicks, tickStep } from '../renderer/components/chart-ticks';

const evenlySpaced = (ticks: number[]): boolean =>
  ticks.every((t, i) => i === 0 || t - (ticks[i - 1] ?? 0) === (ticks[1] ?? 0) - (ticks[0] ?? 0));

describe('value axis ticks', () => {
  it('reads 0, 2, 4, 6, 8 for a largest value of 7, not 0, 2, 4, 7', () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(6)).toEqual([0, 2, 4, 6]);
  });

  it('steps by 1, 2 or 5 times a power of ten, always whole', () => {
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(10)).toEqual([0, 5, 10]);
    expect(niceTicks(23)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(3741.7)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(0.4)).toEqual([0, 1]);
    expect(tickStep(0.3)).toBe(1);
  });

  it('an empty or broken range still has an axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
  });

  it('holds the largest value under its top tick, evenly spaced, for any value', () => {
    for (let max = 0.5; max < 20_000; max = max * 1.37 + 0.3) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(evenlySpaced(ticks)).toBe(true);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});
