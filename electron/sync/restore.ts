// The conflict log: a set-aside value put back (restore: it syncs as a new edit, checked again by
// its kind) or dismissed. What each kind can put back is its own (kinds/*.ts, `restore`).

import { OperationFailure, notFound } from '../../shared/failure';
import type { RecordKind } from '../../shared/sync-contract';
import type { SyncContext } from './context';
import { kindOfRecord } from './kinds';
import { listConflicts } from './repository';

export function resolveConflict(ctx: SyncContext, id: number, action: 'restore' | 'dismiss'): void {
  const conflict = listConflicts(ctx.db).find((c) => c.id === id);
  if (!conflict) throw notFound('conflict', String(id));
  ctx.db
    .transaction(() => {
      if (action === 'restore') {
        const now = new Date(ctx.now()).toISOString();
        const { kind, key, field, lost } = conflict;
        const restored = kindOfRecord(kind)?.restore(ctx, { kind: kind as RecordKind, key, field, lost, now });
        if (!restored)
          throw new OperationFailure(
            'invalid_input',
            `id: restoring ${kind} ${field} is not supported yet; the set-aside value is ${JSON.stringify(lost)}`,
            'id',
          );
      }
      ctx.db.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(ctx.now(), id);
    })
    .immediate();
}
