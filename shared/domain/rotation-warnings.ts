// Warnings about a schedule that is covered but still wrong: one person holding two layers of a
// team at once (primary and secondary are the same person, so nobody backs them up), and an
// on-call stretch longer than the team's limit. Pure: the rotations.check operation, the CLI's
// `rotation check` and the Rotations view all show what these find.

import type { Shift } from './rotation';

export interface LayeredShifts {
  name: string;
  layer: string;
  /** Rotations of one team are compared with each other; null is its own group. */
  team: string | null;
  shifts: readonly Shift[];
}

export interface BothLayers {
  personId: string;
  /** The rotation being checked and the one on the other layer. */
  rotation: string;
  other: string;
  startMs: number;
  endMs: number;
}

/**
 * Where the person on call in `rotation` is at the same time on call in a rotation of another
 * layer of the same team. Intervals are merged per other rotation, in time order.
 */
export function bothLayers(rotation: LayeredShifts, others: readonly LayeredShifts[]): BothLayers[] {
  const found: BothLayers[] = [];
  for (const other of others) {
    if (other.name === rotation.name || other.layer === rotation.layer || other.team !== rotation.team) continue;
    const overlaps: BothLayers[] = [];
    for (const mine of rotation.shifts) {
      for (const theirs of other.shifts) {
        if (theirs.personId !== mine.personId) continue;
        const startMs = Math.max(mine.startMs, theirs.startMs);
        const endMs = Math.min(mine.endMs, theirs.endMs);
        if (endMs > startMs)
          overlaps.push({ personId: mine.personId, rotation: rotation.name, other: other.name, startMs, endMs });
      }
    }
    overlaps.sort((a, b) => a.startMs - b.startMs);
    for (const overlap of overlaps) {
      const last = found[found.length - 1];
      if (last && last.other === overlap.other && last.personId === overlap.personId && overlap.startMs <= last.endMs)
        last.endMs = Math.max(last.endMs, overlap.endMs);
      else found.push({ ...overlap });
    }
  }
  return found;
}

export interface LongStretch {
  personId: string;
  startMs: number;
  endMs: number;
  hours: number;
}

/**
 * On-call stretches (one person's back-to-back shifts in a rotation, joined) longer than
 * `limitHours`. A stretch cut by the edge of the shifts given is measured as far as they go.
 */
export function longStretches(shifts: readonly Shift[], limitHours: number): LongStretch[] {
  const sorted = [...shifts].sort((a, b) => a.startMs - b.startMs);
  const stretches: { personId: string; startMs: number; endMs: number }[] = [];
  for (const shift of sorted) {
    const last = stretches[stretches.length - 1];
    if (last && last.personId === shift.personId && shift.startMs <= last.endMs)
      last.endMs = Math.max(last.endMs, shift.endMs);
    else stretches.push({ personId: shift.personId, startMs: shift.startMs, endMs: shift.endMs });
  }
  return stretches.map((s) => ({ ...s, hours: (s.endMs - s.startMs) / 3_600_000 })).filter((s) => s.hours > limitHours);
}
