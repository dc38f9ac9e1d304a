// The reliability repository's operations (see electron/sync/repository.ts).

import { operations, type OperationName, type OperationOutput, type ParsedInput } from '../../shared/contract';
import { z } from 'zod';
import {
  feedRotationRecord,
  personRecord,
  rotationRecord,
  teamRecord,
  toilRecord,
  type PageRecord,
} from '../../shared/domain/repository/format';
import { withField } from '../../shared/domain/repository/restore';
import { holidayCalendarRecord } from '../../shared/domain/repository/holidays';
import { parseTemplate } from '../../shared/domain/postmortem/templates';
import { upsertTemplate } from '../store/postmortems';
import { syncOperations } from '../../shared/sync-contract';
import {
  readHolidayCalendarRecord,
  readPage,
  readPerson,
  readRotationRecord,
  readTeam,
  readToil,
  writeHolidayCalendarRecord,
  writePage,
  writePerson,
  writeRotationRecord,
  writeTeam,
  writeToil,
  type Invoke,
} from '../sync/records';
import { connect, listConflicts, repoStatus, sync } from '../sync/repository';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { writes, writesInSteps } from './writes';
import { getPersonByHandle } from '../store/people';
import { updateOverride } from '../store/rotations';
import { postmortemHandlers } from './postmortem-handlers';
import { rotationHandlers } from './rotation-handlers';

type SyncName = keyof typeof syncOperations & OperationName;
type SyncHandlers = { [N in SyncName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

/** The postmortem operations sync reuses to read and write postmortems as files. */
function internalInvoke(ctx: OperationContext): Invoke {
  return (name, input) => {
    const handler = ({ ...postmortemHandlers, ...rotationHandlers } as Record<string, unknown>)[name] as
      ((c: OperationContext, i: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { message: `no operation ${name}` } };
    const parsed = operations[name as OperationName].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { message: parsed.error.issues[0]?.message ?? 'invalid' } };
    try {
      return { ok: true, value: handler(ctx, parsed.data) };
    } catch (error) {
      return { ok: false, error: { message: (error as Error).message } };
    }
  };
}

/** A field of one override, as the conflict log names it: `overrides.<id>.reason`. */
const overrideField = /^overrides\.([^.]+)\.(reason|person|startsAt|endsAt)$/;

function restoreOverrideField(ctx: OperationContext, field: string, lost: unknown): void {
  const [, id = '', name] = overrideField.exec(field) ?? [];
  const value = typeof lost === 'string' ? lost : '';
  const person = name === 'person' ? getPersonByHandle(ctx.db, value) : undefined;
  if (name === 'person' && !person) throw notFound('person', value);
  const column =
    name === 'reason'
      ? { reason: value }
      : name === 'person'
        ? { person_id: person?.id ?? '' }
        : { [name === 'startsAt' ? 'start_at' : 'end_at']: Date.parse(value) };
  // Removed since the conflict: putting a field back must not put the person back on call.
  const removed = ctx.db.prepare('SELECT deleted_at FROM overrides WHERE id = ?').pluck().get(id) as
    number | null | undefined;
  if (removed)
    throw new OperationFailure(
      'invalid_input',
      `id: the override was removed since; its set-aside ${name} is ${JSON.stringify(lost)}`,
      'id',
    );
  const done = updateOverride(ctx.db, id, column, ctx.now(), ctx.deviceId);
  if (done === 'missing') throw notFound('override', id);
  if (done === 'backwards') {
    throw new OperationFailure('invalid_input', `id: the override would end before it starts with ${value}`, 'id');
  }
}

/** Records restored by writing them back whole, with the one field changed and checked. */
const restorable: Record<
  string,
  { read: (ctx: OperationContext, key: string) => object | null; write: (ctx: OperationContext, r: unknown) => void }
> = {
  person: {
    read: (ctx, key) => readPerson(ctx.db, key),
    write: (ctx, r) => writePerson(ctx, personRecord.parse(r)),
  },
  team: {
    read: (ctx, key) => readTeam(ctx.db, key),
    write: (ctx, r) => writeTeam(ctx, teamRecord.parse(r), internalInvoke(ctx)),
  },
  rotation: {
    read: (ctx, key) => readRotationRecord(ctx.db, key),
    write: (ctx, r) => {
      const parsed = (r as { kind?: string }).kind === 'feed' ? feedRotationRecord.parse(r) : rotationRecord.parse(r);
      writeRotationRecord(ctx, parsed, internalInvoke(ctx));
    },
  },
  holidays: {
    read: (ctx, key) => readHolidayCalendarRecord(ctx.db, key),
    write: (ctx, r) => writeHolidayCalendarRecord(ctx, holidayCalendarRecord.parse(r)),
  },
  toil: {
    read: (ctx, key) => readToil(ctx.db, key),
    write: (ctx, r) => writeToil(ctx, toilRecord.parse(r)),
  },
};

function restoreField(
  ctx: OperationContext,
  kind: string,
  key: string,
  field: string,
  lost: unknown,
  now: string,
): void {
  const { read, write } = restorable[kind] ?? {};
  const record = read?.(ctx, key);
  if (!record || !write) throw notFound(kind, key);
  const changed = withField(record, field, lost, now);
  if (!changed)
    throw new OperationFailure(
      'invalid_input',
      `id: ${field} is no longer in ${kind} ${key}; the set-aside value is ${JSON.stringify(lost)}`,
      'id',
    );
  try {
    write(ctx, { ...changed, updatedAt: now });
  } catch (error) {
    if (error instanceof OperationFailure) throw error;
    const message = error instanceof z.ZodError ? (error.issues[0]?.message ?? 'invalid') : (error as Error).message;
    throw new OperationFailure('invalid_input', `id: the set-aside ${field} cannot go back: ${message}`, 'id');
  }
}

export const syncHandlers: SyncHandlers = {
  'repo.connect': writesInSteps((ctx, input) => connect(ctx, input.url)),
  'repo.status': (ctx) => repoStatus(ctx),
  'repo.sync': writesInSteps((ctx) => sync(ctx, internalInvoke(ctx))),
  'repo.conflicts': (ctx) => listConflicts(ctx.db),
  'repo.resolveConflict': writes((ctx, input) => {
    const conflict = listConflicts(ctx.db).find((c) => c.id === input.id);
    if (!conflict) throw notFound('conflict', String(input.id));
    if (input.action === 'restore') {
      const now = new Date(ctx.now()).toISOString();
      if (conflict.kind === 'page') {
        const page = readPage(ctx.db, conflict.key);
        if (!page) throw notFound('page', conflict.key);
        writePage(ctx, { ...page, [conflict.field]: conflict.lost, updatedAt: now } as PageRecord);
      } else if (conflict.kind === 'postmortem' && conflict.field === 'body') {
        postmortemHandlers['postmortems.save'](ctx, { id: conflict.key, body: String(conflict.lost ?? '') });
      } else if (conflict.kind === 'postmortem' && (conflict.field === 'title' || conflict.field === 'status')) {
        postmortemHandlers['postmortems.update'](ctx, {
          id: conflict.key,
          [conflict.field]: conflict.lost,
        } as ParsedInput<'postmortems.update'>);
      } else if (conflict.kind === 'rotation' && overrideField.test(conflict.field)) {
        restoreOverrideField(ctx, conflict.field, conflict.lost);
      } else if (conflict.kind === 'template' && conflict.field === 'markdown') {
        parseTemplate(conflict.key, String(conflict.lost ?? ''));
        upsertTemplate(ctx.db, conflict.key, String(conflict.lost ?? ''), ctx.now(), ctx.deviceId);
      } else if (restorable[conflict.kind]) {
        restoreField(ctx, conflict.kind, conflict.key, conflict.field, conflict.lost, now);
      } else {
        throw new OperationFailure(
          'invalid_input',
          `id: restoring ${conflict.kind} ${conflict.field} is not supported yet; the set-aside value is ${JSON.stringify(conflict.lost)}`,
          'id',
        );
      }
    }
    ctx.db.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(ctx.now(), input.id);
    return { id: input.id, action: input.action };
  }),
};
