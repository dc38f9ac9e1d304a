// One kind of record as sync sees it: where its files are in the repository, how a file is read
// (with the problems it reports, by file and line), how this device's records are read from and
// written to the store, how both sides merge, and what the conflict log can put back. Every
// synced kind is one module implementing `SyncKind`, registered in ./index.ts; the sync itself
// (../repository.ts) is a pipeline over that table.

import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { notFound, OperationFailure } from '../../../shared/failure';
import type { FileProblem } from '../../../shared/domain/repository/format';
import { mergeRecord, type FieldConflict, type Flat } from '../../../shared/domain/repository/merge';
import { withField, type ListKeys } from '../../../shared/domain/repository/restore';
import type { CountName, RecordKind } from '../../../shared/sync-contract';
import type { SyncContext } from '../context';

export type Counts = Record<CountName, number>;

export interface LoggedConflict {
  kind: RecordKind;
  key: string;
  conflict: FieldConflict;
}

/** The repository during one sync, as every kind sees it. */
export interface RepositoryView {
  /** A file as the fetched branch has it (null: no such file, or not a plain file). */
  current(file: string): string | null;
  /** A file as it was at the last sync (null: none then, or no sync yet). */
  baseOf(file: string): string | null;
  /** Writes a file of the working tree; false, with a problem, where it must not. */
  write(file: string, text: string): boolean;
  /** Removes a file of the working tree; whether there was one. */
  remove(file: string): boolean;
}

/** This device's changes since the last sync (the outbox), by kind. */
export interface Outbox {
  maxSeq: number;
  /** Keys in the order first queued → where the repository had the record before it moved (pages, toil). */
  of(kind: RecordKind): Map<string, string | null>;
}

/** One sync, as each kind's merge sees it. */
export interface SyncRun {
  ctx: SyncContext;
  db: Database;
  repo: RepositoryView;
  outbox: Outbox;
  /** Where merges put the values they set aside. */
  conflicts: LoggedConflict[];
  /** Where broken files and refused records are named. */
  problems: FileProblem[];
  /**
   * This device's record that could not be written into its file (a problem says why): it stays
   * in the outbox, waiting, and goes out once the path is fixed.
   */
  notWritten(kind: RecordKind, key: string): void;
}

/** Storing records inside the sync's one import transaction. */
export interface ImportRun {
  /** The sync's time (ms). */
  now: number;
  /**
   * Stores each record — unless it changed here again while this sync ran (that newer edit goes
   * out next time). A record the store refuses is skipped and named, and its file (`fileOf`)
   * read again at the next sync; the rest goes on.
   */
  each<R>(
    list: readonly R[],
    kind: RecordKind,
    keyOf: (record: R) => string,
    write: (record: R) => void,
    fileOf?: (record: R) => string | undefined,
  ): void;
  /** Whether a record is still as this sync found it here. */
  fresh(kind: RecordKind, key: string): boolean;
  /** One more record stored (progress reported every `every`). */
  advance(every: number): void;
  /** A moment where the import may let other writers in (long work that stores no record). */
  turn(): void;
}

/** A kind's merged result: what goes into the store and into the files. */
export interface KindMerge {
  sent: Partial<Counts>;
  received: Partial<Counts>;
  /** How many records `import` stores (the progress bar's total). */
  importing: number;
  import(io: ImportRun): void;
  /** Writes this device's merged records into their files; the paths written. */
  write(): string[];
  /** After a successful push, in the sync's last transaction. */
  done?(): void;
}

/** What a kind built by `jsonlKind` or `namedFileKind` says itself; they add its reading and merging. */
export type KindOwnParts<R> = Pick<SyncKind<R>, 'name' | 'records' | 'owns' | 'queueAll' | 'restore'>;

/** A merge's figures under a kind's count name: records sent, received, and how many the store takes. */
export function mergeFigures(
  counts: CountName,
  merged: { sent: number; received: number; toImport: readonly unknown[] },
): Pick<KindMerge, 'sent' | 'received' | 'importing'> {
  return {
    sent: { [counts]: merged.sent },
    received: { [counts]: merged.received },
    importing: merged.toImport.length,
  };
}

/** A kind during one sync: the changed files' records come in, then it merges. */
export interface KindSync<R> {
  /** A changed file's records as the fetched branch has them. */
  receive(file: string, records: R[]): void;
  /** The same file's records as they were at the last sync (kinds that merge against them). */
  receiveBase?(file: string, records: R[]): void;
  merge(): KindMerge;
}

/** A conflict's set-aside value to put back as a new edit. */
export interface SetAside {
  kind: RecordKind;
  key: string;
  field: string;
  lost: unknown;
  /** The time of the restore, ISO. */
  now: string;
}

export interface SyncKind<R = unknown> {
  /** Its folder or file in the repository, for people reading the code. */
  name: string;
  /** The record kinds it syncs (outbox, conflict log, counts), with their words for the commit summary. */
  records: readonly CountedKind[];
  /** Whether a path of the repository is one of its files. */
  owns(file: string): boolean;
  /** One of its files read: the records in it, and what is wrong with it, by file and line. */
  read(file: string, text: string): { records: R[]; problems: FileProblem[] };
  /** SQL putting every record of this kind on this device in the outbox (the first sync writes them all). */
  queueAll: string;
  /**
   * Puts a set-aside value back as a new edit (checked again); false where the conflict log
   * cannot restore that field (it is shown, to re-enter by hand).
   */
  restore(ctx: SyncContext, value: SetAside): boolean;
  start(run: SyncRun): KindSync<R>;
}

export interface CountedKind {
  kind: RecordKind;
  /** In the commit summary: "3 pages". */
  noun: (n: number) => string;
  /** Where the summary names it: a person's own records first. */
  rank: number;
}

/** "1 page", "3 pages". */
export const plural =
  (one: string, many: string) =>
  (n: number): string =>
    `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------- shared by the kinds

interface NamedMerge<R> {
  sent: number;
  received: number;
  toImport: R[];
  toWrite: Map<string, R>;
}

/** Field by field, against the last synced version (the later edit wins a clash). */
export function mergeFields<R>(base: R | null, ours: R, theirs: R | null): { result: R; conflicts: FieldConflict[] } {
  const merged = mergeRecord(base as Flat | null, ours as unknown as Flat, theirs as Flat | null, {
    updatedField: 'updatedAt',
  });
  return { result: merged.result as unknown as R, conflicts: merged.conflicts };
}

/**
 * Records known by a name (people by handle, teams, rotations, holiday calendars): each queued
 * here merged with its version there; each that came in and is newer than this device's, taken.
 */
export function mergeNamed<R extends { updatedAt: string }>(
  kind: RecordKind,
  queued: ReadonlySet<string>,
  incoming: ReadonlyMap<string, R>,
  theirs: ReadonlyMap<string, R | null>,
  base: ReadonlyMap<string, R | null>,
  load: (key: string) => R | null,
  conflicts: LoggedConflict[],
  merge: (base: R | null, ours: R, theirs: R | null) => { result: R; conflicts: FieldConflict[] } = mergeFields,
): NamedMerge<R> {
  const out: NamedMerge<R> = { sent: 0, received: 0, toImport: [], toWrite: new Map() };
  for (const key of new Set([...queued, ...incoming.keys()])) {
    const ours = queued.has(key) ? load(key) : null;
    const t = incoming.get(key) ?? theirs.get(key) ?? null;
    if (ours) {
      const { result: merged, conflicts: found } = merge(base.get(key) ?? null, ours, t);
      for (const c of found) conflicts.push({ kind, key, conflict: c });
      out.toWrite.set(key, merged);
      if (JSON.stringify(merged) !== JSON.stringify(ours)) out.toImport.push(merged);
      out.sent += 1;
    } else if (t) {
      const local = load(key);
      if (JSON.stringify(local) !== JSON.stringify(t) && (!local || t.updatedAt >= local.updatedAt)) {
        out.toImport.push(t);
        out.received += 1;
      }
    }
  }
  return out;
}

/**
 * Restores a field by writing the record back whole, with that one field changed (a field of its
 * own, or of one element of a list) and checked again by the record's schema.
 */
export function restoreWhole<R extends object>(
  ctx: SyncContext,
  value: SetAside,
  read: (db: Database, key: string) => R | null,
  write: (ctx: SyncContext, record: R) => void,
  parse: (record: unknown) => R,
  /** Its lists, by the field that keys their elements (`overrides: 'id'`). */
  listKeys: ListKeys = {},
): true {
  const { kind, key, field, lost, now } = value;
  const record = read(ctx.db, key);
  if (!record) throw notFound(kind, key);
  const changed = withField(record, field, lost, listKeys, now);
  if (!changed)
    throw new OperationFailure(
      'invalid_input',
      `id: ${field} is no longer in ${kind} ${key}; the set-aside value is ${JSON.stringify(lost)}`,
      'id',
    );
  try {
    write(ctx, parse({ ...changed, updatedAt: now }));
  } catch (error) {
    if (error instanceof OperationFailure) throw error;
    const message = error instanceof z.ZodError ? (error.issues[0]?.message ?? 'invalid') : (error as Error).message;
    throw new OperationFailure('invalid_input', `id: the set-aside ${field} cannot go back: ${message}`, 'id');
  }
  return true;
}
