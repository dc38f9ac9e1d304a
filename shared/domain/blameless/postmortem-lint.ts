// `lintPostmortem`: the whole-postmortem checks (postmortem-checks.ts) with the structure coach
// (deep-coach.ts, wink-nlp) for the blameful language by default. Importing this module loads the
// English model; the editor imports postmortem-checks.ts and runs the structure coach in a worker.

import { type Diagnostic } from './coach';
import { rememberingCoach } from './deep-coach';
import { lintPostmortemWith, type LintResult } from './postmortem-checks';
import { defaultCoachConfig, type CoachConfig } from './rules';

export { sectionKind, lintPostmortemWith, type Check, type LintResult } from './postmortem-checks';

/**
 * `coach` finds the blameful language (default: the structure coach, remembering paragraphs and
 * sentences across calls with the same settings).
 */
export function lintPostmortem(
  markdown: string,
  config: CoachConfig = defaultCoachConfig,
  coach: (text: string, config: CoachConfig) => Diagnostic[] = rememberingCoach,
): LintResult {
  return lintPostmortemWith(markdown, config, coach);
}
