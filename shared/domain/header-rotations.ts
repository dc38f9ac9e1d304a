// Which rotations the header's "On call now" shows: the person's own choice when they made one,
// else the rotations they are on, then their team's — never simply the first ones by name
// (issue #17: an imported test calendar pushed the team's Primary and Secondary out of the header).

export interface HeaderRotation {
  name: string;
  team: string | null;
  members: readonly { handle: string }[];
}

export interface HeaderTeam {
  name: string;
  people: readonly { handle: string }[];
  rotations: readonly string[];
}

/** How many rotations the header shows by default. */
export const headerDefaultCount = 2;

/** The default: rotations `me` is a member of (in their order), then my teams' rotations; the first ones when neither. */
export function defaultHeaderRotations(
  rotations: readonly HeaderRotation[],
  teams: readonly HeaderTeam[],
  me: string,
  count = headerDefaultCount,
): string[] {
  const myTeams = teams.filter((team) => team.people.some((p) => p.handle === me));
  const teamNames = new Set(myTeams.map((t) => t.name));
  const teamRotations = new Set(myTeams.flatMap((t) => t.rotations));
  const mine = rotations.filter((r) => r.members.some((m) => m.handle === me));
  const ours = rotations.filter(
    (r) => !mine.includes(r) && ((r.team !== null && teamNames.has(r.team)) || teamRotations.has(r.name)),
  );
  const picked = [...mine, ...ours];
  // Someone on no rotation and in no team still sees something: the first rotations.
  return (picked.length > 0 ? picked : rotations).slice(0, count).map((r) => r.name);
}

/**
 * The rotations the header shows, in order: the chosen ones that still exist, or the default
 * when nothing was chosen (null) or none of the chosen exist any more.
 */
export function headerRotations(
  rotations: readonly HeaderRotation[],
  teams: readonly HeaderTeam[],
  me: string,
  chosen: readonly string[] | null,
): string[] {
  if (chosen !== null) {
    const known = new Set(rotations.map((r) => r.name));
    const kept = chosen.filter((name) => known.has(name));
    if (kept.length > 0 || chosen.length === 0) return kept;
  }
  return defaultHeaderRotations(rotations, teams, me);
}
