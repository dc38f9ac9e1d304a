// The header's "On call now": mine first, then my team's, or what the person chose (issue #17 item 2).

import { describe, expect, it } from 'vitest';
import { defaultHeaderRotations, headerRotations } from '../shared/domain/header-rotations';

const rotations = [
  { name: 'Berlin DST test', team: null, members: [{ handle: 'zoe' }] },
  { name: 'Imported goalert', team: null, members: [{ handle: 'ann' }] },
  { name: 'Primary', team: 'Payments', members: [{ handle: 'bo' }, { handle: 'chen' }] },
  { name: 'Secondary', team: 'Payments', members: [{ handle: 'chen' }, { handle: 'bo' }] },
  { name: 'Search primary', team: 'Search', members: [{ handle: 'dara' }] },
];
const teams = [
  { name: 'Payments', people: [{ handle: 'chen' }, { handle: 'bo' }, { handle: 'eli' }], rotations: [] },
  { name: 'Search', people: [{ handle: 'dara' }], rotations: ['Search primary'] },
];

describe('the rotations the header shows', () => {
  it('by default: the ones I am on, not the first two by name', () => {
    expect(defaultHeaderRotations(rotations, teams, 'chen')).toEqual(['Primary', 'Secondary']);
  });

  it('then my team’s when I am on fewer than two', () => {
    expect(defaultHeaderRotations(rotations, teams, 'eli')).toEqual(['Primary', 'Secondary']);
    expect(defaultHeaderRotations(rotations, teams, 'ann')).toEqual(['Imported goalert']);
    expect(defaultHeaderRotations(rotations, teams, 'dara')).toEqual(['Search primary']);
    // On nothing and in no team: the first ones, rather than an empty header.
    expect(defaultHeaderRotations(rotations, teams, 'nobody')).toEqual(['Berlin DST test', 'Imported goalert']);
  });

  it('what the person chose, in their order, dropping rotations that no longer exist', () => {
    expect(headerRotations(rotations, teams, 'chen', ['Search primary', 'Gone', 'Primary'])).toEqual([
      'Search primary',
      'Primary',
    ]);
    expect(headerRotations(rotations, teams, 'chen', [])).toEqual([]);
    expect(headerRotations(rotations, teams, 'chen', ['Gone'])).toEqual(['Primary', 'Secondary']);
    expect(headerRotations(rotations, teams, 'chen', null)).toEqual(['Primary', 'Secondary']);
  });
});
