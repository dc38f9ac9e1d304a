// The quick check of an instant in the repository's files (read five times per page on a first
// import) agrees with the definition: exactly what Date writes back, from 1970 to 2199.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInstant } from '../shared/domain/repository/format';

const reference = (v: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v)) return false;
  const ms = Date.parse(v);
  return ms >= Date.UTC(1970, 0, 1) && ms < Date.UTC(2200, 0, 1) && new Date(ms).toISOString() === v;
};

describe('an instant in a repository file', () => {
  it('accepts real instants and refuses impossible ones', () => {
    expect(isInstant('2026-11-08T02:21:00.000Z')).toBe(true);
    expect(isInstant('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isInstant('2026-02-29T00:00:00.000Z')).toBe(false);
    expect(isInstant('2100-02-29T00:00:00.000Z')).toBe(false);
    expect(isInstant('2000-02-29T00:00:00.000Z')).toBe(true);
    expect(isInstant('2026-04-31T00:00:00.000Z')).toBe(false);
    expect(isInstant('2026-11-08T24:00:00.000Z')).toBe(false);
    expect(isInstant('2026-11-08T02:60:00.000Z')).toBe(false);
    expect(isInstant('1969-12-31T23:59:59.999Z')).toBe(false);
    expect(isInstant('2200-01-01T00:00:00.000Z')).toBe(false);
    expect(isInstant('2026-11-08T02:21:00Z')).toBe(false);
    expect(isInstant(1_700_000_000_000)).toBe(false);
  });

  it('agrees with Date on any string of the canonical shape (property)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const shaped = fc
      .tuple(
        fc.integer({ min: 1960, max: 2210 }),
        two(13),
        two(32),
        two(25),
        two(61),
        two(61),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`);
    fc.assert(
      fc.property(shaped, (v) => isInstant(v) === reference(v)),
      { numRuns: 20_000 },
    );
  });
});
