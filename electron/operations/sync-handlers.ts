// The reliability repository's operations: thin over electron/sync (repository.ts, restore.ts).

import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import { syncOperations } from '../../shared/sync-contract';
import { connect, listConflicts, repoStatus, sync } from '../sync/repository';
import { resolveConflict } from '../sync/restore';
import type { OperationContext } from './context';
import { writes, writesInSteps } from './writes';

type SyncName = keyof typeof syncOperations & OperationName;
type SyncHandlers = { [N in SyncName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

export const syncHandlers: SyncHandlers = {
  'repo.connect': writesInSteps((ctx, input) => connect(ctx, input.url)),
  'repo.status': (ctx) => repoStatus(ctx),
  'repo.sync': writesInSteps((ctx) => sync(ctx)),
  'repo.conflicts': (ctx) => listConflicts(ctx.db),
  'repo.resolveConflict': writes((ctx, input) => {
    resolveConflict(ctx, input.id, input.action);
    return { id: input.id, action: input.action };
  }),
};
