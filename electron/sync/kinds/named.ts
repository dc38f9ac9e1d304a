// Records kept one per file, the file named after the record's name (rotations, holiday
// calendars): which file a record gets is decided once (../naming.ts), a file only counts as the
// version of the record named inside it, and both sides merge by the kind's own merge.

import type { Database } from 'better-sqlite3';
import type { FileProblem } from '../../../shared/domain/repository/format';
import type { FieldConflict } from '../../../shared/domain/repository/merge';
import type { CountName, RecordKind } from '../../../shared/sync-contract';
import type { SyncContext } from '../context';
import { NamedFiles } from '../naming';
import { mergeFigures, mergeNamed, type KindOwnParts, type SyncKind } from './kind';

/** What one kind of named file is. */
export interface NamedRules<R extends { updatedAt: string }> {
  kind: RecordKind;
  counts: CountName;
  /** Its possible paths, in order of preference (see shared/domain/repository/naming.ts). */
  paths: (record: R) => readonly string[];
  nameOf: (record: R) => string;
  read: (file: string, text: string) => { records: R[]; problems: FileProblem[] };
  write: (record: R) => string;
  load: (db: Database, name: string) => R | null;
  store: (ctx: SyncContext, record: R) => void;
  merge: (base: R | null, ours: R, theirs: R | null) => { result: R; conflicts: FieldConflict[] };
}

export function namedFileKind<R extends { updatedAt: string }>(
  rules: NamedRules<R>,
  own: KindOwnParts<R>,
): SyncKind<R> {
  return {
    ...own,
    read: rules.read,
    start(run) {
      const { db, repo } = run;
      const incoming = new Map<string, { record: R; file: string }>();
      const files = new NamedFiles<R>({
        paths: rules.paths,
        nameOf: rules.nameOf,
        read: rules.read,
        current: (file) => repo.current(file),
      });
      return {
        receive(file, records) {
          for (const record of records) {
            incoming.set(rules.nameOf(record), { record, file });
            files.arrived(rules.nameOf(record), file);
          }
        },
        merge() {
          const queued = new Map<string, string>(); // name → its file
          for (const name of run.outbox.of(rules.kind).keys()) {
            const local = rules.load(db, name);
            if (local) queued.set(name, files.fileOf(local));
          }
          const merged = mergeNamed<R>(
            rules.kind,
            new Set(queued.keys()),
            new Map([...incoming].map(([name, { record }]) => [name, record])),
            new Map([...queued].map(([name, file]) => [name, files.versionIn(file, repo.current(file), name)])),
            new Map([...queued].map(([name, file]) => [name, files.versionIn(file, repo.baseOf(file), name)])),
            (name) => rules.load(db, name),
            run.conflicts,
            rules.merge,
          );
          return {
            ...mergeFigures(rules.counts, merged),
            import(io) {
              io.each(
                merged.toImport,
                rules.kind,
                rules.nameOf,
                (record) => rules.store(run.ctx, record),
                (record) => incoming.get(rules.nameOf(record))?.file,
              );
            },
            write() {
              const written: string[] = [];
              for (const [name, record] of merged.toWrite) {
                const file = queued.get(name) ?? files.fileOf(record);
                if (repo.write(file, rules.write(record))) written.push(file);
                else run.notWritten(rules.kind, name);
              }
              return written;
            },
          };
        },
      };
    },
  };
}
