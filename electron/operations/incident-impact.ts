// An incident's customer impact (error budgets, docs/error-budgets.md): from impact start to end,
// a share of requests or users affected — a full outage when no share is given. Set through
// incidents.update; the budgets of the services the incident names pay for it.

import type { ParsedInput } from '../../shared/contract';
import { incidentImpact, setIncidentImpact } from '../store/slos';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';

/** Applies the impact fields of an incidents.update input (none given: nothing changes). */
export function updateImpact(ctx: OperationContext, input: ParsedInput<'incidents.update'>): void {
  const { impactStart, impactEnd, impactShare } = input;
  if (impactStart === undefined && impactEnd === undefined && impactShare === undefined) return;
  if (impactStart === null || impactEnd === null) {
    setIncidentImpact(ctx.db, input.id, null, ctx.now(), ctx.deviceId);
    return;
  }
  const current = incidentImpact(ctx.db, input.id);
  const start = impactStart !== undefined ? Date.parse(impactStart) : current?.start;
  const end = impactEnd !== undefined ? Date.parse(impactEnd) : current?.end;
  if (start === undefined)
    throw new OperationFailure('invalid_input', 'impactStart: give when the customer impact started', 'impactStart');
  if (end === undefined)
    throw new OperationFailure('invalid_input', 'impactEnd: give when the customer impact ended', 'impactEnd');
  if (end <= start)
    throw new OperationFailure('invalid_input', 'impactEnd: must be after the impact start', 'impactEnd');
  const share = impactShare ?? current?.share ?? 1;
  setIncidentImpact(ctx.db, input.id, { start, end, share }, ctx.now(), ctx.deviceId);
}
