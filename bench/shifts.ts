// Rotations at scale: every shift of 50 rotations over 5 years, with overrides, beside its floor
// — the same number of handoff instants computed with plain millisecond arithmetic (no zones).

import { performance } from 'node:perf_hooks';
import { shiftsFor, type Override, type RotationRule } from '../shared/domain/rotation';

const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const from = Date.parse('2026-01-01T00:00:00Z');
const to = Date.parse('2031-01-01T00:00:00Z');
const rotations: RotationRule[] = Array.from({ length: 50 }, (_, i) => ({
  id: `r${i}`,
  layer: i % 2 ? 'secondary' : 'primary',
  timeZone: zones[i % zones.length] ?? 'UTC',
  start: '2025-12-29T09:00',
  shiftLength: 1,
  shiftUnit: i % 3 === 0 ? 'days' : 'weeks',
  members: Array.from({ length: 6 }, (_, m) => ({ personId: `p${(i + m) % 40}` })),
}));
const overrides: Override[] = rotations.flatMap((r, i) =>
  Array.from({ length: 20 }, (_, k) => ({
    id: `o${i}-${k}`,
    rotationId: r.id,
    personId: `p${k % 40}`,
    startMs: from + (k * 90 + i) * 86_400_000,
    endMs: from + (k * 90 + i + 2) * 86_400_000,
  })),
);

function median(fn: () => number, runs: number): { ms: number; count: number } {
  let count = 0;
  for (let i = 0; i < 2; i++) count = fn();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    count = fn();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? NaN, count };
}

const real = median(() => rotations.reduce((n, r) => n + shiftsFor(r, overrides, from, to).length, 0), 7);
const floor = median(() => {
  let n = 0;
  for (const r of rotations) {
    const step = (r.shiftUnit === 'days' ? 1 : 7) * 86_400_000;
    for (let t = from; t < to; t += step) n += 1;
  }
  return n;
}, 7);
process.stdout.write(
  JSON.stringify({
    shifts_5y_50rot_ms: Math.round(real.ms * 1000) / 1000,
    shifts_5y_50rot_floor_ms: Math.round(floor.ms * 1000) / 1000,
  }),
);
process.stderr.write(`[bench shifts] ${real.count} shifts\n`);
