// One rotation team set up through the built CLI, for the tests of `rotation check` and
// `rotation final` (rotation-warnings.test.ts, rotation-final-cli.test.ts).

import { cliOk } from './helpers';

export interface RotationTeamOptions {
  /** Ines's own zone (she is this device's person); UTC unless given. */
  inesZone?: string;
  /** A team the two rotations belong to: Ines, Kai and Bo Okafor (UTC, added for it). */
  team?: string;
  /** More flags for the primary layer's `rotation add`, e.g. `--only 09:00-17:00 --weekdays`. */
  primaryFlags?: string[];
}

/**
 * Ines Costa and Kai Meyer (UTC) on two weekly rotations from Monday 23 November 2026, 09:00 UTC:
 * Primary (primary layer: ines, then kai) and Secondary (secondary layer: kai, then ines). Each
 * command must succeed, or the test fails with what the CLI said.
 */
export function rotationTeam(dir: string, options: RotationTeamOptions = {}): void {
  cliOk(dir, 'me', 'set', '--name', 'Ines Costa', '--handle', 'ines', '--zone', options.inesZone ?? 'UTC');
  cliOk(dir, 'person', 'add', '--name', 'Kai Meyer', '--handle', 'kai', '--zone', 'UTC');
  const team: string[] = [];
  if (options.team !== undefined) {
    cliOk(dir, 'person', 'add', '--name', 'Bo Okafor', '--handle', 'bo', '--zone', 'UTC');
    cliOk(dir, 'team', 'add', options.team, '--members', 'ines,kai,bo');
    team.push('--team', options.team);
  }
  const rule = [...team, '--zone', 'UTC', '--start', '2026-11-23T09:00', '--every', '1w'];
  cliOk(
    dir,
    'rotation',
    'add',
    'Primary',
    ...rule,
    '--layer',
    'primary',
    '--members',
    'ines,kai',
    ...(options.primaryFlags ?? []),
  );
  cliOk(dir, 'rotation', 'add', 'Secondary', ...rule, '--layer', 'secondary', '--members', 'kai,ines');
}
