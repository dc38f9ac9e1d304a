// A value axis' ticks: whole, evenly spaced numbers from zero (0, 2, 4, 6 — never 0, 2, 4, 7), with
// the last tick at or above the largest value, so the axis' top is a tick. Pure: tested without a page.

/** The step between ticks: 1, 2 or 5 times a power of ten, whole, giving about `count` intervals. */
export function tickStep(max: number, count = 4): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const raw = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  return Math.max(1, Math.round(step));
}

/** Ticks from 0 to the first multiple of the step at or above `max` (at least [0, 1]). */
export function niceTicks(max: number, count = 4): number[] {
  const step = tickStep(max, count);
  const top = Math.max(step, Math.ceil((Number.isFinite(max) ? max : 0) / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return ticks;
}
