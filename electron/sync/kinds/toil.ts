// Toil entries: `toil/<yyyy>/<mm>/<handle>.jsonl`, one entry per line, sorted by id. Categories
// and recurring chores are matched by name and made when new; a link to a page this store does
// not have is dropped here.

import type { Database } from 'better-sqlite3';
import {
  readToil as readToilFile,
  toilLine,
  toilPath,
  toilRecord,
  type ToilRecord,
} from '../../../shared/domain/repository/format';
import {
  getToilEntryRow,
  insertToilEntry,
  toilRowToWrite,
  updateToilEntry,
  type ToilEntryWrite,
} from '../../store/toil';
import type { SyncContext } from '../context';
import { jsonlKind } from './jsonl';
import { plural, restoreWhole } from './kind';
import { idByName, iso, isoOrNull, msOrNull, ms, personIdFor, serviceIdFor, sql } from './lookups';

export function readToil(db: Database, id: string): ToilRecord | null {
  const row = getToilEntryRow(db, id);
  if (!row) return null;
  return {
    id: row.id,
    person: row.person_handle,
    day: row.day,
    startedAt: isoOrNull(row.started_at),
    minutes: row.minutes,
    category: row.category_name,
    service: row.service_name,
    description: row.description,
    automatable: row.automatable === 1,
    automationEffortHours: row.automation_effort_hours,
    page: row.page_id,
    recurringTask: row.recurring_task_title,
    source: row.source,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: isoOrNull(row.deleted_at),
  };
}

export function writeToil(ctx: SyncContext, entry: ToilRecord, known = true): void {
  const now = ctx.now();
  // A link to a page this store does not have (a broken file) cannot be kept here.
  const pageKnown =
    entry.page !== null && sql(ctx.db, 'SELECT 1 FROM pages WHERE id = ?').get(entry.page) !== undefined;
  const write: ToilEntryWrite = {
    id: entry.id,
    personId: personIdFor(ctx, entry.person, 'UTC'),
    day: entry.day,
    startedAt: msOrNull(entry.startedAt),
    minutes: entry.minutes,
    categoryId: idByName(ctx, 'toil_categories', 'name', entry.category),
    serviceId: entry.service === null ? null : serviceIdFor(ctx, entry.service, now),
    description: entry.description,
    automatable: entry.automatable,
    automationEffortHours: entry.automationEffortHours,
    pageId: pageKnown ? entry.page : null,
    recurringTaskId:
      entry.recurringTask === null ? null : idByName(ctx, 'recurring_tasks', 'title', entry.recurringTask),
    source: entry.source,
    createdAt: ms(entry.createdAt),
    updatedAt: ms(entry.updatedAt),
    deviceId: ctx.deviceId,
    deletedAt: msOrNull(entry.deletedAt),
  };
  const current = known ? getToilEntryRow(ctx.db, entry.id) : undefined;
  if (current) updateToilEntry(ctx.db, { ...toilRowToWrite(current), ...write });
  else insertToilEntry(ctx.db, write);
}

export const toil = jsonlKind<ToilRecord>(
  {
    kind: 'toil',
    counts: 'toil',
    folder: 'toil',
    table: 'toil_entries',
    pathOf: toilPath,
    read: readToilFile,
    line: toilLine,
    load: readToil,
    // After the pages, which toil entries may link to.
    store: ({ ctx }, io, toImport, fresh) =>
      io.each(
        toImport,
        'toil',
        (t) => t.id,
        (t) => writeToil(ctx, t, !fresh.has(t.id)),
      ),
  },
  {
    name: 'toil/',
    records: [{ kind: 'toil', noun: plural('toil entry', 'toil entries'), rank: 1 }],
    owns: (file) => /^toil\/\d{4}\/\d{2}\/[a-z0-9][a-z0-9._-]{0,39}\.jsonl$/.test(file),
    queueAll: "INSERT INTO sync_outbox (kind, key) SELECT 'toil', id FROM toil_entries",
    restore: (ctx, value) => restoreWhole(ctx, value, readToil, writeToil, (r) => toilRecord.parse(r)),
  },
);
