// Timing helpers shared by the benchmarks: warm up, run, take the median.

import { performance } from 'node:perf_hooks';

export function medianMs(fn: () => unknown, runs: number, warmups = 3): number {
  for (let i = 0; i < warmups; i++) fn();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

export const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;
