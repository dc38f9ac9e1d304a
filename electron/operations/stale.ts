// A form's save says when the record it edited was last changed (`baseUpdatedAt`); a record
// changed since (another window, a teammate's edit arriving by sync) is not overwritten: the save
// is refused as `stale`, and the form offers to reapply the edit onto the newer record.

import { OperationFailure } from './errors';

export function refuseStale(noun: string, storedMs: number, base: string | undefined): void {
  if (base === undefined || Date.parse(base) === storedMs) return;
  throw new OperationFailure(
    'stale',
    `baseUpdatedAt: this ${noun} was changed elsewhere at ${new Date(storedMs).toISOString()}, after you opened it; ` +
      'your edit was not saved — reapply it onto the newer version',
    'baseUpdatedAt',
  );
}
