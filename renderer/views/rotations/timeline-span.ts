// The timeline's geometry and the span a person picks on it: a pointer's x → an instant (snapped
// to the hour), shifts by lane for the arrow keys, the final schedule from the shifts shown.

import { teamFinalSchedules, type FinalStretch } from '../../../shared/domain/final-schedule';
import type { Rotation, ShiftView } from '../../../shared/rotation-contract';

export const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** A span of one rotation picked on the timeline: the override form opens prefilled with it. */
export interface PickedSpan {
  rotation: string;
  fromMs: number;
  toMs: number;
}

/** The instant under x (client pixels) on a track spanning [from, to), to the nearest hour, inside the range. */
export function instantAt(x: number, track: DOMRect, from: number, to: number): number {
  const share = Math.min(1, Math.max(0, (x - track.left) / Math.max(1, track.width)));
  const snapped = Math.round((from + share * (to - from)) / hourMs) * hourMs;
  return Math.min(to, Math.max(from, snapped));
}

/** Each rotation's shifts in time order (the lanes the arrow keys walk). */
export function shiftsByLane(rotations: Rotation[], shifts: ShiftView[]): ShiftView[][] {
  return rotations.map((r) =>
    shifts.filter((s) => s.rotation === r.name).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
  );
}

export interface FinalRow {
  team: string;
  stretches: (FinalStretch & { name: string })[];
}

/**
 * The final schedule of each team with two or more rotations, from the shifts shown (people are
 * handles here). A team's only rotation, or one without a team, has no row: its own lane is final.
 */
export function finalRows(rotations: Rotation[], shifts: ShiftView[], from: number, to: number): FinalRow[] {
  const names = new Map(shifts.map((s) => [s.handle, s.name]));
  return teamFinalSchedules(rotations, shifts, from, to).flatMap(({ team, rotations: own, stretches }) =>
    team !== null && own.length >= 2
      ? [{ team, stretches: stretches.map((s) => ({ ...s, name: names.get(s.personId) ?? s.personId })) }]
      : [],
  );
}
