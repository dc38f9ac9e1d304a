import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyMoment,
  createClassifier,
  defaultBusinessHours,
  defaultSleepHours,
  type PersonHours,
} from '../shared/domain/hours';
import { checkTargets, weekContaining } from '../shared/domain/week';

const berlin: PersonHours = { timeZone: 'Europe/Berlin', working: defaultBusinessHours, sleep: defaultSleepHours };
const at = (iso: string): number => Date.parse(iso);

describe('sleep hours, off hours and weekends in the person’s own zone', () => {
  it.each([
    // Berlin is UTC+1 in November.
    ['2026-11-23T02:12:00Z', 'Mon 03:12 Berlin', { sleepHour: true, offHours: true, weekend: false }],
    ['2026-11-23T06:59:00Z', 'Mon 07:59 Berlin', { sleepHour: true, offHours: true, weekend: false }],
    ['2026-11-23T07:00:00Z', 'Mon 08:00 Berlin', { sleepHour: false, offHours: false, weekend: false }],
    ['2026-11-23T16:59:00Z', 'Mon 17:59 Berlin', { sleepHour: false, offHours: false, weekend: false }],
    ['2026-11-23T17:00:00Z', 'Mon 18:00 Berlin', { sleepHour: false, offHours: true, weekend: false }],
    ['2026-11-23T21:00:00Z', 'Mon 22:00 Berlin', { sleepHour: true, offHours: true, weekend: false }],
    ['2026-11-28T11:00:00Z', 'Sat 12:00 Berlin', { sleepHour: false, offHours: true, weekend: true }],
    ['2026-11-29T23:30:00Z', 'Mon 00:30 Berlin (Sunday in UTC)', { sleepHour: true, offHours: true, weekend: false }],
    // Summer time: UTC+2.
    ['2026-07-01T05:30:00Z', 'Wed 07:30 Berlin (CEST)', { sleepHour: true, offHours: true, weekend: false }],
    ['2026-07-01T06:30:00Z', 'Wed 08:30 Berlin (CEST)', { sleepHour: false, offHours: false, weekend: false }],
  ])('%s is %s', (instant, _label, expected) => {
    expect(classifyMoment(at(instant), berlin)).toEqual(expected);
  });

  it('judges the same instant differently for people in different zones', () => {
    const instant = at('2026-11-23T14:00:00Z'); // 15:00 Berlin, 09:00 New York, 19:30 Kolkata
    const newYork = { ...berlin, timeZone: 'America/New_York' };
    const kolkata = { ...berlin, timeZone: 'Asia/Kolkata' };
    expect(classifyMoment(instant, berlin).offHours).toBe(false);
    expect(classifyMoment(instant, newYork).offHours).toBe(false);
    expect(classifyMoment(instant, kolkata).offHours).toBe(true);
    expect(classifyMoment(at('2026-11-23T04:00:00Z'), newYork).sleepHour).toBe(true); // 23:00 in New York
  });

  it('respects working days other than Monday to Friday', () => {
    const jerusalem = {
      timeZone: 'Asia/Jerusalem',
      working: { start: '08:00', end: '17:00', days: [7, 1, 2, 3, 4] },
      sleep: defaultSleepHours,
    };
    expect(classifyMoment(at('2026-11-22T08:00:00Z'), jerusalem)).toEqual({
      sleepHour: false,
      offHours: false,
      weekend: true,
    }); // Sun 10:00
    expect(classifyMoment(at('2026-11-27T08:00:00Z'), jerusalem).offHours).toBe(true); // Fri 10:00
  });

  it('the cached bulk classifier always agrees with the exact one, DST transitions included', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2028-12-31T00:00:00Z') }),
        (timeZone, instant) => {
          const hours = { ...berlin, timeZone };
          expect(createClassifier(hours)(instant)).toEqual(classifyMoment(instant, hours));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('my week', () => {
  it('runs Monday 00:00 to Monday 00:00 local time, also across a DST change', () => {
    const week = weekContaining(at('2026-10-28T12:00:00Z'), 'Europe/Berlin'); // DST ended Sun 25 Oct
    expect(new Date(week.startMs).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    const dstWeek = weekContaining(at('2026-10-22T12:00:00Z'), 'Europe/Berlin');
    expect(new Date(dstWeek.startMs).toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(dstWeek.endMs - dstWeek.startMs).toBe(7 * 86_400_000 + 3_600_000); // a 169-hour week
  });

  it('says in a plain sentence when a target is broken', () => {
    const counts = { pages: 5, actionable: 3, noise: 2, untriaged: 0, sleepHour: 2, offHours: 4, minutesSpent: 90 };
    const [actionable, sleep] = checkTargets(counts, { actionablePagesPerWeek: 2, sleepHourPagesPerShift: 1 });
    expect(actionable?.met).toBe(false);
    expect(actionable?.sentence).toContain('3 actionable pages this week: above the target of fewer than 2');
    expect(sleep?.met).toBe(false);
    expect(sleep?.sentence).toContain('You were woken 2 times this shift');
    const calm = checkTargets(
      { ...counts, actionable: 1, sleepHour: 0 },
      { actionablePagesPerWeek: 2, sleepHourPagesPerShift: 1 },
    );
    expect(calm.every((t) => t.met)).toBe(true);
  });
});
