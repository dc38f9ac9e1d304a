import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  baseShifts,
  createAttributor,
  onCallIn,
  gaps,
  shiftAt,
  shiftsFor,
  type Override,
  type RotationRule,
  type Shift,
} from '../shared/domain/rotation';

const local = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const ms = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();

function rule(overrides: Partial<RotationRule> = {}): RotationRule {
  return {
    id: 'primary',
    layer: 'primary',
    timeZone: 'Europe/Berlin',
    start: '2026-01-05T09:00',
    shiftLength: 1,
    shiftUnit: 'weeks',
    members: [{ personId: 'ann' }, { personId: 'bo' }, { personId: 'chen' }],
    ...overrides,
  };
}

function expectExactCover(shifts: Shift[], from: number, to: number): void {
  const sorted = [...shifts].sort((a, b) => a.startMs - b.startMs);
  expect(sorted[0]?.startMs).toBe(from);
  expect(sorted.at(-1)?.endMs).toBe(to);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.startMs).toBe(sorted[i - 1]?.endMs);
  for (const s of sorted) expect(s.endMs).toBeGreaterThan(s.startMs);
}

describe('shifts across DST changes', () => {
  it.each([
    ['Europe/Berlin', '2026-03-16T09:00', '2026-04-13T09:00'],
    ['Europe/Berlin', '2026-10-12T09:00', '2026-11-09T09:00'],
    ['America/New_York', '2026-03-02T09:00', '2026-03-30T09:00'],
    ['America/New_York', '2026-10-26T09:00', '2026-11-23T09:00'],
    ['Australia/Sydney', '2026-03-30T09:00', '2026-04-27T09:00'],
    ['Australia/Sydney', '2026-09-28T09:00', '2026-10-26T09:00'],
  ])('a weekly 09:00 handoff in %s stays at 09:00 local from %s', (zone, from, to) => {
    const rotation = rule({ timeZone: zone, start: '2026-01-05T09:00' });
    const shifts = baseShifts(rotation, ms(from, zone), ms(to, zone));
    expect(shifts).toHaveLength(4);
    expect(shifts.map((s) => local(s.startMs, zone).slice(11))).toEqual(['09:00', '09:00', '09:00', '09:00']);
    const hours = shifts.map((s) => (s.endMs - s.startMs) / 3_600_000);
    expect(hours.every((h) => h === 168 || h === 167 || h === 169)).toBe(true);
    expect(hours.some((h) => h !== 168)).toBe(true); // one of them spans the change
    expectExactCover(shifts, ms(from, zone), ms(to, zone));
  });

  it('a daily handoff inside the skipped hour moves to just after it, and the next day is back to normal', () => {
    const zone = 'America/New_York'; // 2026-03-08 02:00 → 03:00
    const rotation = rule({ timeZone: zone, start: '2026-03-01T02:30', shiftUnit: 'days' });
    const shifts = baseShifts(rotation, ms('2026-03-06T02:30', zone), ms('2026-03-10T02:30', zone));
    expect(shifts.map((s) => local(s.startMs, zone))).toEqual([
      '2026-03-06T02:30',
      '2026-03-07T02:30',
      '2026-03-08T03:30',
      '2026-03-09T02:30',
    ]);
    expectExactCover(shifts, ms('2026-03-06T02:30', zone), ms('2026-03-10T02:30', zone));
  });

  it('a daily handoff inside the repeated hour happens once, at its first occurrence', () => {
    const zone = 'America/New_York'; // 2026-11-01 02:00 → 01:00
    const rotation = rule({ timeZone: zone, start: '2026-10-25T01:30', shiftUnit: 'days' });
    const shifts = baseShifts(rotation, ms('2026-10-31T01:30', zone), ms('2026-11-02T01:30', zone));
    expect(shifts.map((s) => (s.endMs - s.startMs) / 3_600_000)).toEqual([24, 25]);
    expect(new Date(shifts[1]?.startMs ?? 0).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });
});

describe('members and overrides', () => {
  const zone = 'Europe/Berlin';
  const from = ms('2026-01-05T09:00', zone);
  const to = ms('2026-03-02T09:00', zone);

  it('takes turns in order', () => {
    expect(baseShifts(rule(), from, to).map((s) => s.personId)).toEqual([
      'ann',
      'bo',
      'chen',
      'ann',
      'bo',
      'chen',
      'ann',
      'bo',
    ]);
  });

  it('a member joining or leaving from a date changes only the shifts after it', () => {
    const before = baseShifts(rule(), from, to);
    const changed = rule({
      members: [
        { personId: 'ann' },
        { personId: 'bo', until: '2026-02-01' },
        { personId: 'chen' },
        { personId: 'dara', from: '2026-02-01' },
      ],
    });
    const after = baseShifts(changed, from, to);
    const cut = ms('2026-02-01T00:00', zone);
    expect(after.filter((s) => s.startMs < cut)).toEqual(before.filter((s) => s.startMs < cut));
    expect(after.filter((s) => s.startMs >= cut).map((s) => s.personId)).toEqual(['chen', 'dara', 'ann', 'chen']);
  });

  it('an override across a handoff covers parts of two shifts; a later override of it wins', () => {
    const overrides: Override[] = [
      {
        id: 'o1',
        rotationId: 'primary',
        personId: 'eli',
        startMs: ms('2026-01-10T00:00', zone),
        endMs: ms('2026-01-14T00:00', zone),
      },
      {
        id: 'o2',
        rotationId: 'primary',
        personId: 'femi',
        startMs: ms('2026-01-11T00:00', zone),
        endMs: ms('2026-01-12T00:00', zone),
      },
    ];
    const shifts = shiftsFor(rule(), overrides, from, ms('2026-01-19T09:00', zone));
    expect(shifts.map((s) => [s.personId, local(s.startMs, zone), local(s.endMs, zone), s.overrideId])).toEqual([
      ['ann', '2026-01-05T09:00', '2026-01-10T00:00', null],
      ['eli', '2026-01-10T00:00', '2026-01-11T00:00', 'o1'],
      ['femi', '2026-01-11T00:00', '2026-01-12T00:00', 'o2'],
      ['eli', '2026-01-12T00:00', '2026-01-14T00:00', 'o1'],
      ['bo', '2026-01-14T00:00', '2026-01-19T09:00', null],
    ]);
    expect(shiftAt(shifts, ms('2026-01-11T12:00', zone))?.personId).toBe('femi');
    expect(shiftAt(shifts, ms('2026-01-20T12:00', zone))).toBeUndefined();
  });

  it('reports uncovered time when nobody is on the rotation', () => {
    const rotation = rule({ members: [{ personId: 'ann', until: '2026-01-19' }] });
    const shifts = baseShifts(rotation, from, to);
    expect(gaps(shifts, from, to)).toEqual([{ startMs: ms('2026-01-19T09:00', zone), endMs: to }]);
  });
});

describe('shifts of a layer cover the interval exactly once', () => {
  it('for any zone, shift length, members and overrides', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'UTC',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom<RotationRule['shiftUnit']>('hours', 'days', 'weeks'),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer({ min: 1, max: 60 * 24 * 10 })), {
          maxLength: 5,
        }),
        (zone, unit, length, memberCount, hour, startOffsetDays, overrideSpecs) => {
          const rotation = rule({
            timeZone: zone,
            shiftUnit: unit,
            shiftLength: unit === 'hours' ? length * 8 : length,
            start: `2025-06-01T${String(hour).padStart(2, '0')}:00`,
            members: Array.from({ length: memberCount }, (_, i) => ({ personId: `p${i}` })),
          });
          const from = DateTime.fromISO('2026-01-01T00:00', { zone }).plus({ days: startOffsetDays }).toMillis();
          const to = from + 60 * 86_400_000;
          const overrides = overrideSpecs.map(([startMinutes, minutes], i) => ({
            id: `o${i}`,
            rotationId: 'primary',
            personId: `x${i}`,
            startMs: from + startMinutes * 60_000,
            endMs: from + (startMinutes + minutes) * 60_000,
          }));
          expectExactCover(shiftsFor(rotation, overrides, from, to), from, to);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('attribution', () => {
  it('the sweeping attributor agrees with a lookup per instant, in any order', () => {
    const zone = 'Europe/Berlin';
    const from = ms('2026-01-05T09:00', zone);
    const to = ms('2026-06-01T09:00', zone);
    const rotations = [
      { name: 'primary', shifts: shiftsFor(rule(), [], from, to) },
      {
        name: 'secondary',
        shifts: shiftsFor(rule({ id: 'secondary', members: [{ personId: 'bo' }, { personId: 'chen' }] }), [], from, to),
      },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('ann', 'bo', 'chen'), fc.integer({ min: from, max: to - 1 })), {
          maxLength: 60,
        }),
        fc.boolean(),
        (pages, sorted) => {
          const list = sorted ? [...pages].sort((a, b) => a[1] - b[1]) : pages;
          const onCall = createAttributor(rotations);
          for (const [person, at] of list) expect(onCall(person, at)).toEqual(onCallIn(person, at, rotations));
        },
      ),
    );
  });
});

describe('restrictions', () => {
  it('a business-hours-only rotation is on call 09:00–17:00 on weekdays, in its zone, across DST', () => {
    const zone = 'Europe/Berlin';
    const rotation = rule({ restriction: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } });
    const from = ms('2026-10-19T00:00', zone);
    const to = ms('2026-11-02T00:00', zone); // DST ends 25 October
    const shifts = baseShifts(rotation, from, to);
    expect(shifts).toHaveLength(10);
    expect(
      shifts.every((s) => local(s.startMs, zone).endsWith('09:00') && local(s.endMs, zone).endsWith('17:00')),
    ).toBe(true);
    expect(new Set(shifts.map((s) => DateTime.fromMillis(s.startMs, { zone }).weekday))).toEqual(
      new Set([1, 2, 3, 4, 5]),
    );
    // Monday 19 Oct is the Berlin handoff day at 09:00: bo from then (ann had the week before).
    expect(shifts.slice(0, 5).every((s) => s.personId === shifts[0]?.personId)).toBe(true);
  });

  it('a window past midnight (a night rotation) covers the evening and the next morning', () => {
    const zone = 'UTC';
    const rotation = rule({
      timeZone: zone,
      start: '2026-11-02T00:00',
      shiftUnit: 'days',
      restriction: { start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5, 6, 7] },
    });
    const shifts = baseShifts(rotation, ms('2026-11-03T00:00', zone), ms('2026-11-04T00:00', zone));
    expect(shifts.map((s) => [local(s.startMs, zone), local(s.endMs, zone)])).toEqual([
      ['2026-11-03T00:00', '2026-11-03T06:00'],
      ['2026-11-03T22:00', '2026-11-04T00:00'],
    ]);
  });
});
