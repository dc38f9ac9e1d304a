// The table of record kinds that sync: one module each, in the order they merge and go into the
// store (people and teams before the rotations and calendars that name them, pages before the
// toil entries that link to them). Everything that lists the kinds derives from this array.

import { recordKinds, type RecordKind } from '../../../shared/sync-contract';
import { holidays } from './holidays';
import type { Counts, SyncKind } from './kind';
import { pages } from './pages';
import { postmortems } from './postmortems';
import { roster } from './roster';
import { rotations } from './rotations';
import { sli, slos } from './slos';
import { templates } from './templates';
import { toil } from './toil';

export const syncKinds: readonly SyncKind[] = [
  roster,
  rotations,
  holidays,
  pages,
  toil,
  postmortems,
  templates,
  slos,
  sli,
];

/** The module whose files these are (null: not a file sync reads). */
export function kindOfFile(file: string): SyncKind | null {
  return syncKinds.find((kind) => kind.owns(file)) ?? null;
}

/** The module that syncs a record kind (the outbox's and the conflict log's `kind`). */
export function kindOfRecord(kind: string): SyncKind | null {
  return syncKinds.find((k) => k.records.some((r) => r.kind === kind)) ?? null;
}

/** Every count at zero. */
export const noCounts = (): Counts => Object.fromEntries(Object.values(recordKinds).map((name) => [name, 0])) as Counts;

/** Every record on this device into the outbox: the first sync writes them all. */
export const queueEverythingSql = ['DELETE FROM sync_outbox', ...syncKinds.map((kind) => kind.queueAll)].join(';\n');

/** "3 pages, 1 postmortem": a person's own records first. */
export function describeCounts(counts: Counts): string {
  return syncKinds
    .flatMap((kind) => kind.records)
    .sort((a, b) => a.rank - b.rank)
    .map((r) => ({ n: counts[recordKinds[r.kind]], noun: r.noun }))
    .filter(({ n }) => n > 0)
    .map(({ n, noun }) => noun(n))
    .join(', ');
}

export type { RecordKind };
