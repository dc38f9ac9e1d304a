// Who this device logs pages and toil as (electron/store/me.ts, where sync reads it too), and
// whose records this device may change.

import fs from 'node:fs';
import path from 'node:path';
import { getPerson } from '../store/people';
import { currentPerson } from '../store/me';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';

export { chooseMe, currentPerson, freeHandle, hasRecords, isAutoMe, renamePerson } from '../store/me';

/**
 * With the team's repository connected, a teammate's personal records (pages, toil) arrive from
 * their own devices and are theirs to change: here they are read-only.
 */
export function assertOwnRecord(ctx: OperationContext, personId: string, what: 'page' | 'toil entry'): void {
  if (!fs.existsSync(path.join(ctx.dataDir, 'repository', '.git'))) return;
  const me = currentPerson(ctx);
  if (personId === me.id) return;
  const owner = getPerson(ctx.db, personId);
  const handle = owner ? `@${owner.handle}` : 'a teammate';
  throw new OperationFailure(
    'invalid_input',
    `id: this ${what} is ${handle}'s, from the team's repository; only ${handle} can change it`,
    'id',
  );
}
