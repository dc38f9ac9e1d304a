// triage.*: the triage queue and its bulk rules (electron/store/triage.ts). With the team's
// repository connected a device triages only its own person's pages, as it edits only those.

import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../shared/contract';
import type { QueuedPage, TriageRule } from '../../shared/triage-contract';
import { getPageRow, type PageRow } from '../store/pages';
import { findServiceId } from '../store/services';
import { countUntriaged, setTriage, untriagedIds, untriagedRows, type UntriagedScope } from '../store/triage';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { assertOwnRecord, currentPerson } from './me';
import { writes } from './writes';

function ownScope(ctx: OperationContext): UntriagedScope {
  if (!fs.existsSync(path.join(ctx.dataDir, 'repository', '.git'))) return {};
  return { personId: currentPerson(ctx).id };
}

/** The rule's scope, or null when it names a service nobody has paged about (it matches nothing). */
function ruleScope(ctx: OperationContext, rule: TriageRule): UntriagedScope | null {
  const scope: UntriagedScope = { ...ownScope(ctx), summary: rule.summary };
  if (rule.service !== undefined) {
    const serviceId = findServiceId(ctx.db, rule.service);
    if (!serviceId) return null;
    scope.serviceId = serviceId;
  }
  return scope;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function queued(row: PageRow & { person_name: string }): QueuedPage {
  return {
    id: row.id,
    personHandle: row.person_handle,
    personName: row.person_name,
    service: row.service_name,
    severity: row.severity,
    summary: row.summary,
    receivedAt: iso(row.received_at) ?? '',
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
    zone: row.zone,
    sleepHour: row.sleep_hour === 1,
    source: row.external_source ?? 'manual',
    externalId: row.external_id ?? null,
    link: row.external_link ?? null,
  };
}

function decodeCursor(cursor: string): number {
  const key = /^k\d+$/.test(cursor) ? Number(cursor.slice(1)) : NaN;
  if (!Number.isSafeInteger(key))
    throw new OperationFailure('invalid_input', 'cursor: is not a cursor this app returned', 'cursor');
  return key;
}

type In<N extends 'triage.queue' | 'triage.set' | 'triage.rulePreview' | 'triage.ruleApply'> = ParsedInput<N>;

export const triageHandlers = {
  'triage.queue': (ctx: OperationContext, input: In<'triage.queue'>) => {
    const scope = ownScope(ctx);
    const rows = untriagedRows(
      ctx.db,
      scope,
      input.limit + 1,
      input.cursor === undefined ? undefined : decodeCursor(input.cursor),
    );
    const shown = rows.slice(0, input.limit);
    const last = shown[shown.length - 1];
    return {
      remaining: countUntriaged(ctx.db, scope),
      pages: shown.map(queued),
      nextCursor: rows.length > input.limit && last ? `k${last.time_key}` : null,
    };
  },

  'triage.set': writes((ctx: OperationContext, input: In<'triage.set'>) => {
    const now = ctx.now();
    let changed = 0;
    for (const [i, id] of input.ids.entries()) {
      const row = getPageRow(ctx.db, id);
      if (!row || row.deleted_at !== null) throw notFound('page', id, `ids.${i}`);
      assertOwnRecord(ctx, row.person_id, 'page');
      if (setTriage(ctx.db, row, input.triage, now, ctx.deviceId)) changed += 1;
    }
    return { changed };
  }),

  'triage.rulePreview': (ctx: OperationContext, input: In<'triage.rulePreview'>) => {
    const scope = ruleScope(ctx, input.rule);
    return { matched: scope ? countUntriaged(ctx.db, scope) : 0 };
  },

  'triage.ruleApply': writes((ctx: OperationContext, input: In<'triage.ruleApply'>) => {
    const scope = ruleScope(ctx, input.rule);
    if (!scope) return { changed: 0, ids: [] };
    const now = ctx.now();
    const ids: string[] = [];
    for (const id of untriagedIds(ctx.db, scope)) {
      const row = getPageRow(ctx.db, id);
      if (row && setTriage(ctx.db, row, input.triage, now, ctx.deviceId)) ids.push(id);
    }
    return { changed: ids.length, ids };
  }),
};
