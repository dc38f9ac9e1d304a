// Every fault case runs under a time bound and a memory bound: the case's own duration, and the
// test process's peak resident memory so far (getrusage's maxRSS, which only grows).

import { expect } from 'vitest';

export const bounds = { ms: 10_000, mb: 500 };

/**
 * How many times over the trials run: 1 in CI (the suite stays near a minute); a long soak with
 * ONCALL_FAULT_SOAK=N, e.g. `ONCALL_FAULT_SOAK=20 npx vitest run test/fault/kill.test.ts`.
 */
export const soak = Math.max(1, Math.floor(Number(process.env.ONCALL_FAULT_SOAK ?? 1)) || 1);

export async function withinBounds<T>(
  work: () => T | Promise<T>,
  limits: { ms: number; mb: number } = bounds,
): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(limits.ms);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  expect(peakMb, `peak memory ${Math.round(peakMb)} MB`).toBeLessThan(limits.mb);
  return { value, ms };
}
