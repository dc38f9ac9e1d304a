// A team's coach settings as a file (JSON): which rules are off, and extra names, roles and words.

import { z } from 'zod';
import { ruleIds, type CoachConfig } from './rules';

const words = z
  .array(z.string().trim().min(1, { message: 'must not be empty' }).max(100))
  .max(2000)
  .default([]);

export const coachConfigSchema = z.strictObject({
  disabled: z.array(z.enum(ruleIds, { message: `must be one of ${ruleIds.join(', ')}` })).default([]),
  names: words,
  blameWords: words,
  roles: words,
  errorWords: words,
  outsiders: words,
  sections: z
    .strictObject({ why: words.optional(), changes: words.optional(), timeline: words.optional() })
    .default({}),
});

export function parseCoachConfig(
  json: unknown,
): { ok: true; config: CoachConfig } | { ok: false; field: string; message: string } {
  const parsed = coachConfigSchema.safeParse(json);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : (issue?.path.map(String).join('.') ?? '');
  return {
    ok: false,
    field,
    message: issue?.code === 'unrecognized_keys' ? 'is not a known setting' : (issue?.message ?? 'is not valid'),
  };
}
