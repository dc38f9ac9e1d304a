// SLOs and their daily SLI totals (migration 11): `slos/<name>.yaml`, one OpenSLO document per SLO
// written as this device has it (fields other tools wrote stay), and `sli/<slo>/<yyyy-mm>.jsonl`,
// one line per day (shared/domain/repository/slos.ts). Raw samples never leave the device.

import type { Database } from 'better-sqlite3';
import {
  mergeSliMonths,
  mergeSloRecords,
  ownsSliFile,
  ownsSloFile,
  readSliMonth,
  readSloFile,
  sliKey,
  sliPath,
  sloPath,
  writeSliMonth,
  type SliMonthRecord,
  type SloRecord,
} from '../../../shared/domain/repository/slos';
import { readSlo } from '../../../shared/domain/slo/openslo';
import { getSloRow, putSliDays, saveSloRow, sliMonthDays } from '../../store/slos';
import type { SyncContext } from '../context';
import { plural } from './kind';
import { iso, isoOrNull } from './lookups';
import { namedFileKind } from './named';

export function readSloRecord(db: Database, name: string): SloRecord | null {
  const row = getSloRow(db, name);
  if (!row) return null;
  return {
    name: row.name,
    document: row.document,
    updatedAt: iso(row.updated_at),
    deletedAt: isoOrNull(row.deleted_at),
  };
}

/** Stores an SLO from the repository as it is (its text was checked when its file was read). */
export function writeSloRecord(ctx: SyncContext, record: SloRecord): void {
  const read = readSlo(record.document);
  if ('problems' in read) throw new Error(`the SLO “${record.name}” no longer reads as OpenSLO`);
  saveSloRow(
    ctx.db,
    { name: record.name, service: read.slo.service, document: record.document, spec: read.slo },
    { updatedAt: Date.parse(record.updatedAt), deletedAt: record.deletedAt ? Date.parse(record.deletedAt) : null },
    ctx.deviceId,
  );
}

export const slos = namedFileKind<SloRecord>(
  {
    kind: 'slo',
    counts: 'slos',
    paths: (record) => [sloPath(record.name)],
    nameOf: (record) => record.name,
    read: readSloFile,
    write: (record) => record.document,
    load: readSloRecord,
    store: writeSloRecord,
    merge: mergeSloRecords,
  },
  {
    name: 'slos/',
    records: [{ kind: 'slo', noun: plural('SLO', 'SLOs'), rank: 8 }],
    owns: ownsSloFile,
    queueAll: `INSERT INTO sync_outbox (kind, key) SELECT 'slo', name FROM slos`,
    restore: (ctx, value) => {
      if (value.field !== 'document' || typeof value.lost !== 'string') return false;
      const read = readSlo(value.lost);
      if ('problems' in read) return false;
      saveSloRow(
        ctx.db,
        { name: value.key, service: read.slo.service, document: value.lost, spec: read.slo },
        { updatedAt: Date.parse(value.now), deletedAt: null },
        ctx.deviceId,
      );
      return true;
    },
  },
);

export function readSliMonthRecord(db: Database, key: string): SliMonthRecord | null {
  const [slo = '', month = ''] = key.split('/');
  const days = sliMonthDays(db, slo, month);
  if (days.length === 0) return null;
  const updatedAt = days.reduce((latest, d) => (d.updatedAt > latest ? d.updatedAt : latest), days[0]?.updatedAt ?? '');
  return { slo, month, days, updatedAt };
}

export function writeSliMonthRecord(ctx: SyncContext, record: SliMonthRecord): void {
  putSliDays(
    ctx.db,
    record.slo,
    record.days.map((d) => ({ day: d.day, good: d.good, total: d.total, updatedAt: Date.parse(d.updatedAt) })),
    ctx.deviceId,
  );
}

export const sli = namedFileKind<SliMonthRecord>(
  {
    kind: 'sli',
    counts: 'sliMonths',
    paths: (record) => [sliPath(record)],
    nameOf: (record) => sliKey(record.slo, record.month),
    read: readSliMonth,
    write: writeSliMonth,
    load: readSliMonthRecord,
    store: writeSliMonthRecord,
    merge: mergeSliMonths,
  },
  {
    name: 'sli/',
    records: [
      {
        kind: 'sli',
        noun: (n) => (n === 1 ? "1 month of an SLO's totals" : `${n} months of SLO totals`),
        rank: 9,
      },
    ],
    owns: ownsSliFile,
    queueAll: `INSERT INTO sync_outbox (kind, key) SELECT DISTINCT 'sli', slo || '/' || substr(day, 1, 7) FROM sli_days`,
    // A day's totals set aside in a conflict are shown; the next pull or import puts numbers back.
    restore: () => false,
  },
);
