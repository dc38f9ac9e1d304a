// Pages: `pages/<yyyy>/<mm>/<handle>.jsonl`, one page per line, sorted by id. A page's private
// notes never leave this device. A first import of many pages goes in time order with the search
// index, the secondary indexes and the daily rollups built once at the end.

import type { Database } from 'better-sqlite3';
import { pageInOrder, pageLine, pagePath, readPages, type PageRecord } from '../../../shared/domain/repository/format';
import { notFound } from '../../../shared/failure';
import { dropPageIndexesForBulk, finishBulkInTurns } from '../../store/bulk-pages';
import { getPageRow, insertPage, rowToWrite, toPage, updatePage, type PageWrite } from '../../store/pages';
import type { SyncContext } from '../context';
import { jsonlKind } from './jsonl';
import { plural } from './kind';
import { ms, msOrNull, personIdFor, serviceIdFor } from './lookups';

export function readPage(db: Database, id: string): PageRecord | null {
  const row = getPageRow(db, id);
  if (!row) return null;
  // The app's own view of the page: the person by handle, the fields of the format picked in
  // their order, and private notes left out (they stay on this device).
  const page = toPage(row);
  return pageInOrder({
    ...page,
    person: page.personHandle,
    notes: page.notesPrivate ? '' : page.notes,
    // Only an imported page has these: a hand-logged page's line stays as format 1 wrote it.
    externalSource: page.externalSource ?? undefined,
    externalId: page.externalId ?? undefined,
    link: page.link ?? undefined,
  });
}

/** `known`: false when the caller already knows the page is not in the store. */
export function writePage(ctx: SyncContext, page: PageRecord, known = true): void {
  const now = ctx.now();
  const write: PageWrite = {
    id: page.id,
    personId: personIdFor(ctx, page.person, page.zone),
    serviceId: serviceIdFor(ctx, page.service, now),
    severity: page.severity,
    summary: page.summary,
    notes: page.notes,
    notesPrivate: false,
    source: page.source,
    triage: page.triage,
    receivedAt: ms(page.receivedAt),
    acknowledgedAt: msOrNull(page.acknowledgedAt),
    resolvedAt: msOrNull(page.resolvedAt),
    zone: page.zone,
    sleepHour: page.sleepHour,
    sleepHourOverridden: page.sleepHourOverridden,
    offHours: page.offHours,
    minutesSpent: page.minutesSpent,
    tags: page.tags,
    createdAt: ms(page.createdAt),
    updatedAt: ms(page.updatedAt),
    deviceId: ctx.deviceId,
    deletedAt: msOrNull(page.deletedAt),
    // Left out of the file: kept as stored (an older app's file never clears them).
    externalSource: page.externalSource ?? null,
    externalId: page.externalId ?? null,
    link: page.link ?? null,
  };
  const current = known ? getPageRow(ctx.db, page.id) : undefined;
  // This device's private notes are not in the repository: they stay as they are.
  if (current?.notes_private === 1) {
    write.notes = current.notes;
    write.notesPrivate = true;
  }
  if (current) updatePage(ctx.db, { ...rowToWrite(current), ...write }, current);
  else insertPage(ctx.db, write);
}

/** Many new pages (a first import) are loaded in bulk from this many on. */
const bulkFrom = 5000;

export const pages = jsonlKind<PageRecord>(
  {
    kind: 'page',
    counts: 'pages',
    folder: 'pages',
    table: 'pages',
    pathOf: pagePath,
    read: readPages,
    line: pageLine,
    load: readPage,
    store({ ctx, db }, io, toImport, fresh) {
      // Many new pages: in time order (each page's row id is its time key, so rows append), without
      // the secondary indexes, the search index's and the rollups' insert triggers, all built once
      // from the table at the end (bulk-pages.ts: a store killed half-way heals on its next open).
      // The import still commits in chunks that let other writers in (write-turns.ts).
      const bulk = fresh.size >= bulkFrom;
      if (bulk) dropPageIndexesForBulk(db);
      // A bigger page cache while a million rows go into the table and its indexes.
      const cacheSize = db.pragma('cache_size', { simple: true }) as number;
      if (bulk) db.pragma('cache_size = -524288');
      const ordered = bulk
        ? [...toImport].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0))
        : toImport;
      try {
        for (const p of ordered) {
          io.advance(1024);
          if (io.fresh('page', p.id)) writePage(ctx, p, !fresh.has(p.id));
        }
        if (bulk) finishBulkInTurns(db, () => io.turn());
      } finally {
        if (bulk) db.pragma(`cache_size = ${cacheSize}`);
      }
    },
  },
  {
    name: 'pages/',
    records: [{ kind: 'page', noun: plural('page', 'pages'), rank: 0 }],
    owns: (file) => /^pages\/\d{4}\/\d{2}\/[a-z0-9][a-z0-9._-]{0,39}\.jsonl$/.test(file),
    queueAll: "INSERT INTO sync_outbox (kind, key) SELECT 'page', id FROM pages",
    restore(ctx, { key, field, lost, now }) {
      const page = readPage(ctx.db, key);
      if (!page) throw notFound('page', key);
      writePage(ctx, { ...page, [field]: lost, updatedAt: now } as PageRecord);
      return true;
    },
  },
);
