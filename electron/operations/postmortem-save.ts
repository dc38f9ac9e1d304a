// Saving a postmortem's text from an editor that may lag behind another (a second window, a
// browser tab on `oncall serve`, the CLI): a text edited from an older version is merged line by
// line with what was stored since — the same three-way merge sync uses (git merge-file) — and
// where the same lines changed, this text is stored and the other goes to the conflict log, shown
// in both editors section by section. Nothing either person typed is lost.

import type { OperationOutput, ParsedInput } from '../../shared/contract';
import { mergeText } from '../sync/files';
import { saveBody } from '../store/postmortems';
import { logTextClash, textAt, textVersionOf } from '../store/postmortem-texts';
import type { OperationContext } from './context';
import { iso, livePostmortem } from './postmortem-rows';

export function saveText(
  ctx: OperationContext,
  input: ParsedInput<'postmortems.save'>,
): OperationOutput<'postmortems.save'> {
  const current = livePostmortem(ctx, input.id);
  const now = ctx.now();
  const stored = current.text_version ?? 0;
  let body = input.body;
  let outcome: 'saved' | 'merged' | 'clash' = 'saved';
  if (input.baseVersion !== undefined && input.baseVersion !== stored && current.body !== input.body) {
    const base = input.baseVersion < stored ? textAt(ctx.db, input.id, input.baseVersion) : null;
    // No base (too old, or a version this store never had): nothing to merge against, so the
    // whole texts are the two versions.
    const merged =
      base === null ? null : base === current.body ? input.body : mergeText(base, input.body, current.body);
    if (merged !== null) {
      body = merged;
      outcome = merged === input.body ? 'saved' : 'merged';
    } else {
      // The person typing now keeps their text in the editor; the other text is set aside.
      outcome = 'clash';
      logTextClash(ctx.db, input.id, input.body, current.body, now);
    }
  }
  const revision = saveBody(ctx.db, input.id, body, now);
  const version = textVersionOf(ctx.db, input.id)?.version ?? stored;
  return {
    updatedAt: iso(now),
    revision,
    textVersion: version,
    outcome,
    ...(body !== input.body ? { body } : {}),
  };
}

export function textVersion(ctx: OperationContext, id: string): OperationOutput<'postmortems.version'> {
  const found = textVersionOf(ctx.db, id);
  if (!found) livePostmortem(ctx, id); // the not-found error, as every postmortem operation words it
  return { textVersion: found?.version ?? 0, updatedAt: iso(found?.updatedAt ?? 0) };
}
