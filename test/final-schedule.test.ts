// The final schedule (shared/domain/final-schedule.ts): who is paged first once a team's layers
// and overrides are put together — the row under the layers in the Rotations view.

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { finalAt, finalSchedule, layerRank, type ScheduleLayer } from '../shared/domain/final-schedule';
import { shiftsFor, type Override, type RotationRule } from '../shared/domain/rotation';

const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

function rule(overrides: Partial<RotationRule> & Pick<RotationRule, 'id' | 'layer'>): RotationRule {
  return {
    timeZone: 'Europe/Berlin',
    start: '2026-11-02T09:00',
    shiftLength: 1,
    shiftUnit: 'weeks',
    members: [{ personId: 'ann' }, { personId: 'bo' }],
    ...overrides,
  };
}

function layer(r: RotationRule, overrides: Override[], from: number, to: number): ScheduleLayer {
  return { rotation: r.id, layer: r.layer, shifts: shiftsFor(r, overrides, from, to) };
}

/** The final schedule as "who from–to (local)" lines, for readable expectations. */
function lines(layers: ScheduleLayer[], from: number, to: number, zone: string): string[] {
  return finalSchedule(layers, from, to).map(
    (s) =>
      `${s.personId}${s.overrideId ? ' (override)' : ''} ${local(s.startMs, zone)}–${local(s.endMs, zone).slice(11)} ${s.rotation}`,
  );
}

describe('finalSchedule', () => {
  const zone = 'Europe/Berlin';
  // Primary: business hours only (09:00–17:00 weekdays); secondary: around the clock.
  const primary = rule({
    id: 'Primary',
    layer: 'primary',
    members: [{ personId: 'ann' }],
    restriction: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  });
  const secondary = rule({ id: 'Secondary', layer: 'secondary', members: [{ personId: 'chen' }] });

  it('takes the primary where it has somebody and hands the rest of the day to the secondary', () => {
    const from = at('2026-11-25T00:00', zone);
    const to = at('2026-11-26T00:00', zone);
    // Given secondary first: the order of the layers' names decides, not the order given.
    const layers = [layer(secondary, [], from, to), layer(primary, [], from, to)];
    expect(lines(layers, from, to, zone)).toEqual([
      'chen 2026-11-25T00:00–09:00 Secondary',
      'ann 2026-11-25T09:00–17:00 Primary',
      'chen 2026-11-25T17:00–00:00 Secondary',
    ]);
  });

  it('an override on the primary that runs past the end of its window holds until the override ends', () => {
    const from = at('2026-11-25T00:00', zone);
    const to = at('2026-11-26T00:00', zone);
    const cover: Override = {
      id: 'o1',
      rotationId: 'Primary',
      personId: 'dee',
      startMs: at('2026-11-25T15:00', zone),
      endMs: at('2026-11-25T20:00', zone),
    };
    const layers = [layer(primary, [cover], from, to), layer(secondary, [], from, to)];
    expect(lines(layers, from, to, zone)).toEqual([
      'chen 2026-11-25T00:00–09:00 Secondary',
      'ann 2026-11-25T09:00–15:00 Primary',
      'dee (override) 2026-11-25T15:00–20:00 Primary',
      'chen 2026-11-25T20:00–00:00 Secondary',
    ]);
    expect(finalAt(finalSchedule(layers, from, to), at('2026-11-25T18:30', zone))?.personId).toBe('dee');
  });

  it('after a member leaves, their turns go to the others, and a layer left empty hands over to the next', () => {
    const from = at('2026-11-30T09:00', zone);
    const to = at('2026-12-21T09:00', zone);
    // Weekly from Monday 30 November: ann, bo, ann… but ann leaves from 7 December.
    const weekly = rule({
      id: 'Primary',
      layer: 'primary',
      start: '2026-11-30T09:00',
      members: [{ personId: 'ann', until: '2026-12-07' }, { personId: 'bo' }],
    });
    expect(lines([layer(weekly, [], from, to)], from, to, zone)).toEqual([
      'ann 2026-11-30T09:00–09:00 Primary',
      // bo's own week, then (ann gone) bo again: one stretch.
      'bo 2026-12-07T09:00–09:00 Primary',
    ]);
    // Only ann, and she leaves: from then on the secondary is who gets paged.
    const alone = rule({
      id: 'Primary',
      layer: 'primary',
      start: '2026-11-30T09:00',
      members: [{ personId: 'ann', until: '2026-12-07' }],
    });
    expect(lines([layer(alone, [], from, to), layer(secondary, [], from, to)], from, to, zone)).toEqual([
      'ann 2026-11-30T09:00–09:00 Primary',
      'chen 2026-12-07T09:00–09:00 Secondary',
    ]);
    expect(finalSchedule([layer(alone, [], from, to)], from, to).at(-1)?.endMs).toBe(at('2026-12-07T09:00', zone));
  });

  it('keeps a 09:00 Berlin handoff at 09:00 local across the spring-forward night (07:00 UTC after, 08:00 before)', () => {
    const from = at('2026-03-27T09:00', zone);
    const to = at('2026-03-31T09:00', zone);
    const daily = rule({
      id: 'Primary',
      layer: 'primary',
      start: '2026-03-02T09:00',
      shiftLength: 1,
      shiftUnit: 'days',
      members: [{ personId: 'ann' }, { personId: 'bo' }],
    });
    const stretches = finalSchedule([layer(daily, [], from, to)], from, to);
    expect(stretches.map((s) => new Date(s.startMs).toISOString().slice(0, 16))).toEqual([
      '2026-03-27T08:00',
      '2026-03-28T08:00',
      '2026-03-29T07:00', // after the change (02:00 → 03:00 on 29 March)
      '2026-03-30T07:00',
    ]);
    // The shift over the change is 23 hours long.
    const over = stretches[1];
    expect(over ? (over.endMs - over.startMs) / 3_600_000 : 0).toBe(23);
    expect(stretches.map((s) => local(s.startMs, zone).slice(11))).toEqual(['09:00', '09:00', '09:00', '09:00']);
  });

  it('leaves out time no layer covers', () => {
    const from = at('2026-11-28T00:00', zone); // a Saturday: the business-hours primary is off
    const to = at('2026-11-29T00:00', zone);
    expect(finalSchedule([layer(primary, [], from, to)], from, to)).toEqual([]);
  });
});

describe('layerRank', () => {
  it('orders primary, secondary, tertiary and numbered layers; other names come after', () => {
    expect(['other', 'secondary', 'L3', 'primary', 'Level 2'].sort((a, b) => layerRank(a) - layerRank(b))).toEqual([
      'primary',
      'secondary',
      'Level 2',
      'L3',
      'other',
    ]);
  });
});
