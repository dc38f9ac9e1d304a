// OpenSLO's duration shorthand (`28d`, `4w`, `1M`, `1Q`): a positive integer and one unit letter
// (OpenSLO v1 README, "Custom Data Types › duration-shorthand"). The spec leaves the lengths of
// M, Q and Y to implementers: a rolling window counts them as 30, 90 and 365 days; a calendar
// window follows the calendar (see window.ts).

export type DurationUnit = 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';
export interface Shorthand {
  count: number;
  unit: DurationUnit;
}

const minute = 60_000;
const unitMs: Record<DurationUnit, number> = {
  m: minute,
  h: 60 * minute,
  d: 1440 * minute,
  w: 7 * 1440 * minute,
  M: 30 * 1440 * minute,
  Q: 90 * 1440 * minute,
  Y: 365 * 1440 * minute,
};

/** `28d` → { count: 28, unit: 'd' }; a message saying what is wrong otherwise. */
export function parseShorthand(text: string): Shorthand | { error: string } {
  const match = /^(\d{1,6})([mhdwMQY])$/.exec(text.trim());
  if (!match) return { error: `“${text}” is not a duration such as 28d, 4w, 1M or 1Q` };
  const count = Number(match[1]);
  if (count <= 0) return { error: `“${text}” is a window of zero; it must be at least 1${match[2]}` };
  return { count, unit: match[2] as DurationUnit };
}

/** The length of a shorthand in milliseconds (M, Q, Y as 30, 90, 365 days). */
export function shorthandMs(duration: Shorthand): number {
  return duration.count * unitMs[duration.unit];
}

export function formatShorthand(duration: Shorthand): string {
  return `${duration.count}${duration.unit}`;
}
