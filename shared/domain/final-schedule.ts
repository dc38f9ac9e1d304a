// The final schedule: who is actually paged first at each moment once a team's layers and their
// overrides are put together (PagerDuty calls this row "Final Schedule"). At any instant the first
// layer in escalation order (primary, then secondary, …) that has somebody on call decides; a
// layer with nobody (a business-hours rotation at night, a gap after a member left) hands the
// moment to the next layer. Pure: the Rotations view draws it from the shifts it already has.

import type { Rotation, ShiftView } from '../rotation-contract';
import { shiftAt, type Shift } from './rotation';

export interface ScheduleLayer {
  rotation: string;
  layer: string;
  /** The rotation's shifts, overrides applied (`shiftsFor` / `rotations.shifts`): sorted, not overlapping. */
  shifts: readonly Shift[];
}

export interface FinalStretch {
  personId: string;
  startMs: number;
  endMs: number;
  /** The rotation (and its layer) whose shift decided this stretch. */
  rotation: string;
  layer: string;
  /** The override that put this person here, if one did. */
  overrideId: string | null;
}

const ordinals = ['primary', 'secondary', 'tertiary', 'quaternary'];

/**
 * A layer's place in escalation order: primary 1, secondary 2, tertiary 3…, and names carrying a
 * number ("L2", "level 3", "layer-2") that number; any other name after those, in the order given.
 */
export function layerRank(layer: string): number {
  const name = layer.trim().toLowerCase();
  const ordinal = ordinals.findIndex((o) => name === o || name.startsWith(`${o} `));
  if (ordinal >= 0) return ordinal + 1;
  const numbered = /^(?:l|level|layer|tier)?[\s_-]*(\d{1,2})$/.exec(name);
  if (numbered) return Number(numbered[1]);
  return 100;
}

/**
 * Who is on call in [fromMs, toMs) after layers and overrides: the first layer (by `layerRank`,
 * then the order given) with a shift at each moment. Back-to-back stretches of the same person
 * from the same shift source are joined; time no layer covers is left out (a gap).
 */
export function finalSchedule(layers: readonly ScheduleLayer[], fromMs: number, toMs: number): FinalStretch[] {
  const ordered = layers
    .map((layer, i) => ({ layer, i, shifts: [...layer.shifts].sort((a, b) => a.startMs - b.startMs) }))
    .sort((a, b) => layerRank(a.layer.layer) - layerRank(b.layer.layer) || a.i - b.i);
  // Every moment where any layer changes hands, inside the range.
  const edges = new Set<number>([fromMs, toMs]);
  for (const { shifts } of ordered)
    for (const s of shifts) {
      if (s.startMs > fromMs && s.startMs < toMs) edges.add(s.startMs);
      if (s.endMs > fromMs && s.endMs < toMs) edges.add(s.endMs);
    }
  const points = [...edges].sort((a, b) => a - b);
  const stretches: FinalStretch[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const startMs = points[i] as number;
    const endMs = points[i + 1] as number;
    let decided: { shift: Shift; layer: ScheduleLayer } | undefined;
    for (const { layer, shifts } of ordered) {
      const shift = shiftAt(shifts, startMs);
      if (shift) {
        decided = { shift, layer };
        break;
      }
    }
    if (!decided) continue;
    const last = stretches[stretches.length - 1];
    if (
      last &&
      last.endMs === startMs &&
      last.personId === decided.shift.personId &&
      last.rotation === decided.layer.rotation &&
      last.overrideId === decided.shift.overrideId
    )
      last.endMs = endMs;
    else
      stretches.push({
        personId: decided.shift.personId,
        startMs,
        endMs,
        rotation: decided.layer.rotation,
        layer: decided.layer.layer,
        overrideId: decided.shift.overrideId,
      });
  }
  return stretches;
}

/** The person on call at an instant in a final schedule, if anybody is. */
export function finalAt(stretches: readonly FinalStretch[], atMs: number): FinalStretch | undefined {
  return stretches.find((s) => s.startMs <= atMs && atMs < s.endMs);
}

export interface TeamFinalSchedule {
  /** null: the rotations that belong to no team, as one schedule. */
  team: string | null;
  /** Its rotations, in the order given. */
  rotations: string[];
  /** People are handles here. */
  stretches: FinalStretch[];
}

/**
 * The final schedule of each team over [fromMs, toMs), from its rotations' shifts as the
 * operations give them (`rotations.shifts`: overrides applied, people by handle). Teams in the
 * order their rotations come; the rotations without a team make one schedule of their own.
 * The Rotations view draws it for teams of two or more rotations; `oncall rotation final` prints it.
 */
export function teamFinalSchedules(
  rotations: readonly Pick<Rotation, 'name' | 'layer' | 'team'>[],
  shifts: readonly ShiftView[],
  fromMs: number,
  toMs: number,
): TeamFinalSchedule[] {
  const teams = [...new Set(rotations.map((r) => r.team))];
  return teams.map((team) => {
    const own = rotations.filter((r) => r.team === team);
    const layers = own.map((r) => ({
      rotation: r.name,
      layer: r.layer,
      shifts: shifts
        .filter((s) => s.rotation === r.name)
        .map((s): Shift => ({
          rotationId: r.name,
          layer: s.layer,
          personId: s.handle,
          startMs: Date.parse(s.startsAt),
          endMs: Date.parse(s.endsAt),
          overrideId: s.overrideId,
        }))
        .sort((a, b) => a.startMs - b.startMs),
    }));
    return { team, rotations: own.map((r) => r.name), stretches: finalSchedule(layers, fromMs, toMs) };
  });
}
