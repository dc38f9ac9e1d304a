// What the rotation forms work on: the rotations, everyone, and the zone times are typed in.

import type { Person } from '../../../shared/contract';
import type { Rotation } from '../../../shared/rotation-contract';

export interface Roster {
  rotations: Rotation[];
  people: Person[];
  zone: string;
}
