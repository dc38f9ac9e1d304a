// Records kept one per line in JSON Lines files by person and month (pages, toil entries): a
// file is split into lines by id once per sync, and a line parsed only when its record is
// needed, so a change costs the lines it touches, not the files around them. A record whose
// month or person changes moves to its new file.

import type { Database } from 'better-sqlite3';
import { movedPath, type FileProblem, type RecordKind } from '../../../shared/domain/repository/format';
import { mergeRecord, type Flat } from '../../../shared/domain/repository/merge';
import type { CountName } from '../../../shared/sync-contract';
import { mergeFigures, type ImportRun, type KindMerge, type KindOwnParts, type SyncKind, type SyncRun } from './kind';

/** What one JSON Lines kind is. */
export interface JsonlRules<R extends { id: string }> {
  kind: Extract<RecordKind, 'page' | 'toil'>;
  counts: CountName;
  folder: 'pages' | 'toil';
  table: string;
  pathOf: (record: R) => string;
  read: (file: string, text: string) => { records: R[]; problems: FileProblem[] };
  line: (record: R) => string;
  load: (db: Database, id: string) => R | null;
  /** Stores the records (`fresh`: ids this store does not have yet). */
  store: (run: SyncRun, io: ImportRun, records: R[], fresh: ReadonlySet<string>) => void;
}

/** A JSON Lines file's lines by the id each starts with (JSON-parsed only when not canonical). */
function linesById(text: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let id = /^\{"id":"([^"\\]+)"/.exec(line)?.[1];
    if (id === undefined) {
      try {
        const value = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof value === 'string') id = value;
      } catch {
        // a broken line: reported when the file comes in; kept as it is here
      }
    }
    out.set(id ?? `\uffff${out.size}`, line);
  }
  return out;
}

interface JsonlMerge<R> {
  sent: number;
  received: number;
  toImport: R[];
  /** Incoming records this store does not have yet (written without looking them up again). */
  fresh: Set<string>;
  toWrite: Map<string, R>;
  /** file → ids that moved out of it */
  leaving: Map<string, Set<string>>;
  /** A file's lines by record id, as they are in the repository now. */
  lines: (file: string) => Map<string, string>;
}

/** Merges one JSON Lines kind: this device's queued records against the repository's. */
function mergeJsonl<R extends { id: string }>(
  rules: JsonlRules<R>,
  run: SyncRun,
  incoming: Map<string, { record: R; file: string }>,
  incomingBase: Map<string, { record: R; file: string }>,
): JsonlMerge<R> {
  const { db, repo } = run;
  const queued = run.outbox.of(rules.kind);
  const linesNow = new Map<string, Map<string, string>>();
  const linesBase = new Map<string, Map<string, string>>();
  const lines = (cache: Map<string, Map<string, string>>, file: string, text: () => string | null) => {
    let found = cache.get(file);
    if (!found) {
      found = linesById(text());
      cache.set(file, found);
    }
    return found;
  };
  const recordIn = (cache: Map<string, Map<string, string>>, file: string, id: string, text: () => string | null) => {
    const line = lines(cache, file, text).get(id);
    return line === undefined ? undefined : rules.read(file, line).records[0];
  };
  const now = (file: string, id: string): R | undefined => recordIn(linesNow, file, id, () => repo.current(file));
  const then = (file: string, id: string): R | undefined => recordIn(linesBase, file, id, () => repo.baseOf(file));
  const out: JsonlMerge<R> = {
    sent: 0,
    received: 0,
    toImport: [],
    fresh: new Set(),
    toWrite: new Map(),
    leaving: new Map(),
    lines: (file: string) => lines(linesNow, file, () => repo.current(file)),
  };
  for (const [id, movedFrom] of queued) {
    const ours = rules.load(db, id);
    if (!ours) continue;
    const file = rules.pathOf(ours);
    const oldFile = movedFrom ? movedPath(rules.folder, movedFrom) : file;
    const t = incoming.get(id)?.record ?? now(file, id) ?? (oldFile !== file ? now(oldFile, id) : undefined) ?? null;
    const b =
      incomingBase.get(id)?.record ?? then(oldFile, id) ?? (oldFile !== file ? then(file, id) : undefined) ?? null;
    const { result, conflicts: found } = mergeRecord(b as Flat | null, ours as unknown as Flat, t as Flat | null, {
      updatedField: 'updatedAt',
      deletedField: 'deletedAt',
    });
    for (const c of found) run.conflicts.push({ kind: rules.kind, key: id, conflict: c });
    const merged = result as unknown as R;
    out.toWrite.set(id, merged);
    const mergedFile = rules.pathOf(merged);
    for (const stale of new Set([oldFile, incoming.get(id)?.file, t ? rules.pathOf(t) : undefined])) {
      if (stale && stale !== mergedFile) out.leaving.set(stale, (out.leaving.get(stale) ?? new Set()).add(id));
    }
    if (JSON.stringify(merged) !== JSON.stringify(ours)) out.toImport.push(merged);
    out.sent += 1;
  }
  // Many incoming records (a first import): one query says which ones this store already has.
  const known =
    incoming.size > 1000 ? new Set(db.prepare(`SELECT id FROM ${rules.table}`).pluck().all() as string[]) : null;
  for (const [id, { record }] of incoming) {
    if (queued.has(id)) continue;
    if (known && !known.has(id)) {
      out.fresh.add(id);
      out.toImport.push(record);
      out.received += 1;
      continue;
    }
    const local = rules.load(db, id);
    if (!local) out.fresh.add(id);
    if (JSON.stringify(local) !== JSON.stringify(record)) {
      out.toImport.push(record);
      out.received += 1;
    }
  }
  return out;
}

/** Rewrites the files holding merged or moved records; returns their paths. */
function writeJsonlFiles<R extends { id: string }>(rules: JsonlRules<R>, merge: JsonlMerge<R>, run: SyncRun): string[] {
  const byFile = new Map<string, R[]>();
  for (const record of merge.toWrite.values()) {
    const file = rules.pathOf(record);
    const list = byFile.get(file);
    if (list) list.push(record);
    else byFile.set(file, [record]);
  }
  const files = [...new Set([...byFile.keys(), ...merge.leaving.keys()])];
  const written = new Set(files);
  for (const file of files) {
    const byId = new Map(merge.lines(file));
    for (const id of merge.leaving.get(file) ?? []) byId.delete(id);
    for (const record of byFile.get(file) ?? []) byId.set(record.id, rules.line(record));
    const ids = [...byId.keys()].sort();
    if (ids.length === 0) {
      // Nothing left in it (every record moved out): the file goes, rather than stay empty.
      if (!run.repo.remove(file)) written.delete(file);
      continue;
    }
    const text = `${ids.map((id) => byId.get(id)).join('\n')}\n`;
    if (run.repo.write(file, text)) continue;
    written.delete(file);
    for (const record of byFile.get(file) ?? []) run.notWritten(rules.kind, record.id);
  }
  return [...written];
}

/** The sync kind of a JSON Lines record (its files, merge and writes; restore is its own). */
export function jsonlKind<R extends { id: string }>(rules: JsonlRules<R>, own: KindOwnParts<R>): SyncKind<R> {
  return {
    ...own,
    read: rules.read,
    start(run) {
      const incoming = new Map<string, { record: R; file: string }>();
      const incomingBase = new Map<string, { record: R; file: string }>();
      return {
        receive(file, records) {
          for (const record of records) incoming.set(record.id, { record, file });
        },
        receiveBase(file, records) {
          for (const record of records) incomingBase.set(record.id, { record, file });
        },
        merge(): KindMerge {
          const merged = mergeJsonl(rules, run, incoming, incomingBase);
          return {
            ...mergeFigures(rules.counts, merged),
            import: (io) => rules.store(run, io, merged.toImport, merged.fresh),
            write: () => writeJsonlFiles(rules, merged, run),
          };
        },
      };
    },
  };
}
