// The steps of one sync (see repository.ts, which runs them in order): check out the fetched
// branch, find and read the files that changed there, hand them to their kinds, give the kinds a
// view of the repository and of the outbox, import every kind's merge in one transaction, commit
// and push.

import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileProblem } from '../../shared/domain/repository/format';
import type { RecordKind } from '../../shared/sync-contract';
import { currentPerson } from '../store/me';
import { getSetting, setSetting } from '../store/settings';
import type { Progress, SyncContext } from './context';
import {
  changedSince,
  plainFile,
  readBlobs,
  readRef,
  removeWorkingFile,
  treeFiles,
  writeWorkingFile,
  type ChangedFile,
  type TreeFile,
} from './files';
import { git } from './git';
import { describeCounts, kindOfFile } from './kinds';
import type { Counts, ImportRun, KindMerge, KindSync, Outbox, RepositoryView, SyncKind, SyncRun } from './kinds/kind';
import { rebuildPendingPageIndexes } from '../store/bulk-pages';
import { ChunkedWrite } from '../store/write-turns';
import { setImporting } from './kinds/lookups';
import type { SyncReport } from './repository';
import { keys } from './state';
import { scanTree, skippedOnPath, withoutSkipped, withSkipped, type SkippedEntry } from './tree';

export type Step = (phase: Progress['phase'], done: number, total: number) => void;

/**
 * The index becomes the fetched branch (what this device had unpushed is still in the outbox) —
 * without the entries that cannot be checked out or must not be followed, which are returned (see
 * tree.ts) and named; the rest syncs. Nothing is checked out: files are read from git's objects,
 * and the working tree holds only what this sync writes (a push of 20,000 files took longer to
 * check out than everything else together), added to the index at commit.
 */
export function checkOut(ctx: SyncContext, dir: string, theirs: string | null): SkippedEntry[] {
  const local = readRef(dir, 'refs/heads/main');
  const known = JSON.parse(getSetting(ctx.db, keys.skipped) || '[]') as SkippedEntry[];
  // Skipped when it already is, and the last sync left it clean.
  if (theirs && (local !== theirs || getSetting(ctx.db, keys.treeClean) !== '1')) {
    const skipped = scanTree(dir, theirs);
    const tree = skipped.length === 0 ? `${theirs}^{tree}` : withoutSkipped(dir, `${theirs}^{tree}`, skipped);
    git(['read-tree', '--reset', tree ?? emptyTree(dir)], { cwd: dir });
    git(['update-ref', 'refs/heads/main', theirs], { cwd: dir });
    git(['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: dir });
    clearWorkingTree(dir);
    setSetting(ctx.db, keys.skipped, skipped.length ? JSON.stringify(skipped) : '');
    return skipped;
  }
  if (!theirs) clearWorkingTree(dir);
  return theirs ? known : [];
}

/** Everything but `.git` goes (files an earlier sync wrote, or an older version checked out). */
function clearWorkingTree(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (name !== '.git') fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function emptyTree(dir: string): string {
  return git(['mktree'], { cwd: dir, input: '' }).stdout.trim();
}

/** The repository's files changed since the last sync (all of them at a first sync) that a kind reads. */
export function changedFiles(
  dir: string,
  base: string | null,
  theirs: string | null,
  reread: string | undefined,
  skipped: readonly SkippedEntry[] = [],
): ChangedFile[] {
  if (!theirs) return [];
  const diff = base && base !== theirs ? changedSince(dir, base, theirs) : null;
  const changed =
    base === theirs ? [] : (diff ?? [...treeFiles(dir, theirs)].map(([path, now]) => ({ path, now, then: null })));
  // Files an older version of this app skipped (migration 8: feed rotations) are read once more
  // (unchanged since the last sync: as they were then).
  if (reread && base && (diff || base === theirs)) {
    const known = new Set(changed.map((file) => file.path));
    const folders = reread.split(' ').filter(Boolean);
    for (const [path, now] of treeFiles(dir, theirs)) {
      if (!known.has(path) && folders.some((d) => path.startsWith(d))) changed.push({ path, now, then: now });
    }
  }
  return changed.filter((file) => kindOfFile(file.path) !== null && !skippedOnPath(skipped, file.path));
}

/**
 * The changed files' texts now and at the last sync, read from git's objects in a few
 * processes (plain files only: the others, and files over 50 MB, are named).
 */
export function readChanged(
  dir: string,
  changed: readonly ChangedFile[],
  problems: FileProblem[],
  step: Step,
): { theirs: Map<string, string>; base: Map<string, string> } {
  step('reading', 0, changed.length);
  const objects: string[] = [];
  for (const { now, then } of changed) {
    if (now && plainFile(now)) objects.push(now.object);
    if (then && plainFile(then)) objects.push(then.object);
  }
  const blobs = readBlobs(dir, objects);
  const theirs = new Map<string, string>();
  const base = new Map<string, string>();
  for (const { path: file, now, then } of changed) {
    if (now) {
      const text = plainFile(now) ? blobs.get(now.object) : undefined;
      if (typeof text === 'string') theirs.set(file, text);
      else if (now.mode === '120000')
        problems.push({ file, line: 0, message: 'is a symbolic link; only plain files are read' });
      else if (typeof text === 'number')
        problems.push({ file, line: 0, message: `is ${Math.round(text / 2 ** 20)} MB; files over 50 MB are skipped` });
    }
    const was = then && plainFile(then) ? blobs.get(then.object) : undefined;
    if (typeof was === 'string') base.set(file, was);
  }
  step('reading', changed.length, changed.length);
  return { theirs, base };
}

/** Each file read by its kind: its records to the kind's sync, its problems to `problems`. */
export function receive(
  kinds: { kind: SyncKind; sync: KindSync<unknown> }[],
  files: Map<string, string>,
  problems: FileProblem[],
  to: (sync: KindSync<unknown>, file: string, records: unknown[]) => void,
): void {
  for (const [file, text] of files) {
    const found = kinds.find(({ kind }) => kind.owns(file));
    if (!found) continue;
    const read = found.kind.read(file, text);
    problems.push(...read.problems);
    to(found.sync, file, read.records);
  }
}

/** The repository during this sync: files as fetched (read when asked, once) and as last synced (`baseFiles`: the changed ones). */
export function repositoryView(
  dir: string,
  base: string | null,
  theirs: string | null,
  changed: ReadonlySet<string>,
  baseFiles: Map<string, string>,
  problems: FileProblem[],
  skipped: readonly SkippedEntry[] = [],
): RepositoryView {
  // The fetched tree's files, listed once when first asked for; each read from git's objects once.
  let listing: Map<string, TreeFile> | null = null;
  const cache = new Map<string, string | null>();
  const current = (file: string): string | null => {
    if (!theirs || skippedOnPath(skipped, file)) return null;
    if (!cache.has(file)) {
      listing ??= treeFiles(dir, theirs);
      const entry = listing.get(file);
      const text = entry && plainFile(entry) ? readBlobs(dir, [entry.object]).get(entry.object) : undefined;
      cache.set(file, typeof text === 'string' ? text : null);
    }
    return cache.get(file) ?? null;
  };
  return {
    current,
    baseOf(file) {
      if (!base) return null;
      if (baseFiles.has(file)) return baseFiles.get(file) ?? null;
      // A file that did not change in the repository since the last sync is still as it was
      // then; one that changed and is not among those read as they were was not there then.
      if (base === theirs || !changed.has(file)) return current(file);
      return null;
    },
    write(file, text) {
      const on = skippedOnPath(skipped, file);
      if (on) {
        const why = on.mode === '120000' ? 'a symbolic link is on its path' : `${on.path} ${on.reason}`;
        problems.push({ file, line: 0, message: `not written: ${why}` });
        return false;
      }
      return writeWorkingFile(dir, file, text, problems);
    },
    // In the fetched tree: its removal is staged at commit (it is not in the working tree).
    remove(file) {
      if (skippedOnPath(skipped, file) || current(file) === null) return false;
      removeWorkingFile(dir, file);
      return true;
    },
  };
}

/** This device's changes since the last sync, by kind, in the order queued. */
export function readOutbox(db: Database): Outbox {
  const rows = db.prepare('SELECT seq, kind, key, moved_from FROM sync_outbox ORDER BY seq').all() as {
    seq: number;
    kind: RecordKind;
    key: string;
    moved_from: string | null;
  }[];
  const byKind = new Map<RecordKind, Map<string, string | null>>();
  let maxSeq = 0;
  for (const row of rows) {
    maxSeq = row.seq;
    let keys = byKind.get(row.kind);
    if (!keys) byKind.set(row.kind, (keys = new Map()));
    // The first move since the last sync says where the repository has the record.
    keys.set(row.key, keys.get(row.key) ?? row.moved_from);
  }
  return { maxSeq, of: (kind) => byKind.get(kind) ?? new Map() };
}

/** Every kind's records into the store, the conflicts logged and the problems named: one transaction. */
export function importAll(
  run: SyncRun,
  merges: KindMerge[],
  now: number,
  reread: string | undefined,
  step: Step,
): void {
  const { db, problems } = run;
  const total = merges.reduce((n, merge) => n + merge.importing, 0);
  let imported = 0;
  step('importing', 0, total);
  // In chunks of a few milliseconds each, letting other writers in between (a page logged
  // meanwhile is stored at once, not after the import). The 'importing' flag is set inside each
  // chunk only, so what others write between chunks is queued for sync as always. Killed half-way,
  // the chunks committed hold records as the repository has them: the next sync imports again
  // from the same last synced commit, and finds them there.
  const requeued = new Set<string>();
  const readRequeued = (): void => {
    // Changed here again while this sync ran: that newer edit stays, and goes out next time.
    const rows = db.prepare('SELECT kind, key FROM sync_outbox WHERE seq > ?').all(run.outbox.maxSeq) as {
      kind: string;
      key: string;
    }[];
    for (const r of rows) requeued.add(`${r.kind}\u0000${r.key}`);
  };
  const chunks = new ChunkedWrite(db, {
    onBegin: () => {
      setImporting(db, true);
      readRequeued();
    },
    onEnd: () => setImporting(db, false),
  });
  chunks.begin();
  try {
    {
      // One record the store refuses (a rule the repository format does not check) is skipped
      // and named; its file is read again next time (e.g. once team.yaml has the team it names).
      const retry = new Set<string>();
      const io: ImportRun = {
        now,
        fresh: (kind, key) => !requeued.has(`${kind}\u0000${key}`),
        advance(every) {
          imported += 1;
          if (imported % every === 0) step('importing', imported, total);
          chunks.turn();
        },
        turn() {
          chunks.turn();
        },
        each(list, kind, keyOf, write, fileOf) {
          for (const record of list) {
            const key = keyOf(record);
            io.advance(256);
            if (!io.fresh(kind, key)) continue;
            try {
              write(record);
            } catch (error) {
              problems.push({ file: `${kind} ${key}`, line: 0, message: `not imported: ${(error as Error).message}` });
              const file = fileOf?.(record);
              if (file) retry.add(file);
            }
          }
        },
      };
      for (const merge of merges) merge.import(io);
      logConflicts(db, run.conflicts, now);
      db.prepare('DELETE FROM sync_problems').run();
      const problem = db.prepare('INSERT INTO sync_problems (file, line, message, at) VALUES (?, ?, ?, ?)');
      for (const p of problems) problem.run(p.file, p.line, p.message, now);
      if (reread || retry.size > 0) setSetting(db, keys.reread, [...retry].join(' '));
    }
    chunks.commit();
  } catch (error) {
    chunks.rollback();
    // A bulk load of pages that began in an earlier chunk: its indexes are put back now (failing
    // that, the mark stays and the store's next open puts them back).
    try {
      db.transaction(() => rebuildPendingPageIndexes(db)).immediate();
    } catch {
      // the import's own error is the one to report
    }
    throw error;
  }
}

function logConflicts(db: Database, conflicts: SyncRun['conflicts'], now: number): void {
  const insert = db.prepare(
    'INSERT INTO sync_conflicts (at, kind, key, field, kept, lost, lost_side, restored_record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // A retry after a rejected push merges the same values again: log each once.
  const logged = db.prepare(
    `SELECT 1 FROM sync_conflicts WHERE resolved_at IS NULL AND kind = ? AND key = ? AND field = ? AND kept = ? AND lost = ?`,
  );
  for (const { kind, key, conflict } of conflicts) {
    const kept = JSON.stringify(conflict.kept ?? null);
    const lost = JSON.stringify(conflict.lost ?? null);
    if (logged.get(kind, key, conflict.field, kept, lost)) continue;
    insert.run(now, kind, key, conflict.field, kept, lost, conflict.lostSide, conflict.restored ? 1 : 0);
  }
}

/** Commits the written files with a summary ("3 pages, 1 postmortem — ann@laptop"); whether it did. */
export function commit(
  ctx: SyncContext,
  dir: string,
  touched: Set<string>,
  sent: Counts,
  skipped: readonly SkippedEntry[] = [],
): boolean {
  if (touched.size === 0) return false;
  // -A: a file removed from the fetched tree (never in the working tree) is staged as removed.
  git(['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], { cwd: dir, input: [...touched].join('\0') });
  const me = currentPerson(ctx);
  const message = `${describeCounts(sent) || 'changes'} — ${me.handle}@${os.hostname()}\n`;
  return commitIndex(dir, skipped, message);
}

/**
 * Commits the index on top of the branch (made from git's plumbing: the working tree holds only
 * the files this sync wrote) with the skipped entries put back as the branch has them (the index
 * holds the tree without them); whether there was anything to commit.
 */
function commitIndex(dir: string, skipped: readonly SkippedEntry[], message: string): boolean {
  const parent = git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, ok: [0, 1] }).stdout.trim() || null;
  const staged = git(['write-tree'], { cwd: dir }).stdout.trim();
  const tree = skipped.length > 0 ? (withSkipped(dir, staged, skipped) ?? staged) : staged;
  if (tree === (parent ? git(['rev-parse', `${parent}^{tree}`], { cwd: dir }).stdout.trim() : emptyTree(dir))) {
    return false;
  }
  const made = git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], {
    cwd: dir,
    input: message,
  }).stdout.trim();
  git(['update-ref', 'refs/heads/main', made, ...(parent ? [parent] : [])], { cwd: dir });
  return true;
}

/** Pushes; null when it went through, else what the report says ("rejected": someone pushed first). */
export function push(dir: string): (Pick<SyncReport, 'message'> & Partial<SyncReport>) | null {
  const result = git(['push', '--quiet', '--porcelain', 'origin', 'HEAD:refs/heads/main'], {
    cwd: dir,
    ok: [0, 1, 128],
  });
  if (result.code === 0) return null;
  const text = `${result.stdout}\n${result.stderr}`;
  if (remoteMoved(text)) return { message: 'rejected' };
  const said = result.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${result.code}`;
  return {
    ok: false,
    message: /resolve host|could not read|unable to access|Connection/i.test(said)
      ? `offline: ${said}`
      : `the repository refused the push: ${said}`,
  };
}

/**
 * Whether git's answer to a push means the remote branch moved (someone pushed first or at the
 * same moment): fetch, merge and push again. Two pushes at once can also end in the remote
 * failing to lock or update the ref.
 */
export function remoteMoved(text: string): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|\(stale info\)|failed to update ref|cannot lock ref|failed to lock|incorrect old value|unable to update local ref|is at [0-9a-f]+ but expected/i.test(
    text,
  );
}
