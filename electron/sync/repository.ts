// The reliability repository: connect (clone or init), and sync — a pipeline over the table of
// record kinds (./kinds): fetch, read the files that changed there since the last sync, merge
// them with what changed here (field by field against the last synced version), import the
// result in one transaction, write it as files, commit on top of the repository's branch and
// push (again from the fetch when someone pushed first).
//
// Local data lives in SQLite; the repository's working tree is rebuilt from the fetched branch
// at every sync, so an unpushed commit is never the only copy of anything: what is not yet in
// the repository stays in the outbox until a push succeeds.

import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepositoryTooNewError, type FileProblem } from '../../shared/domain/repository/format';
import { OperationFailure } from '../../shared/failure';
import type { RecordKind } from '../../shared/sync-contract';
import { currentPerson } from '../store/me';
import { getSetting, setSetting } from '../store/settings';
import type { Progress, SyncContext } from './context';
import {
  changedSince,
  gitShow,
  listFiles,
  readRef,
  readWorkingFile,
  removeWorkingFile,
  writeWorkingFile,
} from './files';
import { git, GitError } from './git';
import { describeCounts, kindOfFile, noCounts, queueEverythingSql, syncKinds } from './kinds';
import type { Counts, ImportRun, KindMerge, KindSync, Outbox, RepositoryView, SyncKind, SyncRun } from './kinds/kind';
import { withImporting } from './kinds/lookups';
import { runningSync, takeSyncLock } from './lock';

export { maxFileBytes } from './files';
export type { Counts };

export interface SyncReport {
  ok: boolean;
  /** "synced", "offline", "nothing to sync", "rejected" … one line for people. */
  message: string;
  commit: string | null;
  sent: Counts;
  received: Counts;
  conflicts: number;
  problems: FileProblem[];
  attempts: number;
}

export interface RepoStatus {
  connected: boolean;
  url: string | null;
  path: string;
  lastSyncAt: string | null;
  lastCommit: string | null;
  waiting: number;
  conflicts: number;
  problems: FileProblem[];
  lastError: string | null;
  syncing: (Progress & { startedAt: string }) | null;
}

export function repoDir(ctx: Pick<SyncContext, 'dataDir'>): string {
  return path.join(ctx.dataDir, 'repository');
}

const keys = {
  url: 'repo.url',
  lastCommit: 'repo.last_commit',
  lastSyncAt: 'repo.last_sync_at',
  error: 'repo.error',
  treeClean: 'repo.tree_clean',
  /** A folder of files this device must read again whole (set by a migration that taught it a new kind). */
  reread: 'repo.reread',
};

function count(db: Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

export function repoStatus(ctx: SyncContext): RepoStatus {
  const dir = repoDir(ctx);
  const lastSync = getSetting(ctx.db, keys.lastSyncAt);
  return {
    connected: fs.existsSync(path.join(dir, '.git')),
    url: getSetting(ctx.db, keys.url) ?? null,
    path: dir,
    lastSyncAt: lastSync ? new Date(Number(lastSync)).toISOString() : null,
    lastCommit: getSetting(ctx.db, keys.lastCommit) ?? null,
    waiting: count(ctx.db, 'SELECT COUNT(*) AS n FROM (SELECT DISTINCT kind, key FROM sync_outbox)'),
    conflicts: count(ctx.db, 'SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL'),
    problems: ctx.db
      .prepare('SELECT file, line, message FROM sync_problems ORDER BY file, line')
      .all() as FileProblem[],
    lastError: getSetting(ctx.db, keys.error) ?? null,
    syncing: runningSync(ctx.dataDir),
  };
}

function configureIdentity(ctx: SyncContext, dir: string): void {
  const me = currentPerson(ctx);
  git(['config', 'user.name', me.name], { cwd: dir });
  git(['config', 'user.email', `${me.handle}@oncall-workstation.invalid`], { cwd: dir });
}

export function connect(ctx: SyncContext, url: string | null): RepoStatus {
  const dir = repoDir(ctx);
  if (fs.existsSync(path.join(dir, '.git'))) {
    throw new OperationFailure(
      'invalid_input',
      `url: this device is already connected (${getSetting(ctx.db, keys.url) ?? dir})`,
      'url',
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (url) git(['clone', '--quiet', '--', url, dir], { cwd: ctx.dataDir });
    else git(['init', '--quiet', '-b', 'main', dir], { cwd: ctx.dataDir });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (error instanceof GitError) throw new OperationFailure('invalid_input', `url: ${error.message}`, 'url');
    throw error;
  }
  configureIdentity(ctx, dir);
  ctx.db
    .transaction(() => {
      if (url) setSetting(ctx.db, keys.url, url);
      // A new repository: nothing of an earlier one counts as synced.
      setSetting(ctx.db, keys.lastCommit, '');
      ctx.db.prepare('DELETE FROM sync_paths').run();
      // A fresh clone is exactly its branch: the first sync need not check it out again.
      setSetting(ctx.db, keys.treeClean, '1');
      // Every record on this device goes into the outbox: the first sync writes them all.
      ctx.db.exec(queueEverythingSql);
    })
    .immediate();
  return repoStatus(ctx);
}

// ---------------------------------------------------------------- sync

export function sync(ctx: SyncContext, options: { maxAttempts?: number } = {}): SyncReport {
  const dir = repoDir(ctx);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    throw new OperationFailure(
      'not_found',
      'repository: this device is not connected yet (oncall repo connect URL|PATH)',
    );
  }
  const lock = takeSyncLock(ctx);
  try {
    return syncWithRetries(ctx, dir, options, progressReporter(ctx, lock.update));
  } finally {
    lock.release();
  }
}

type Step = (phase: Progress['phase'], done: number, total: number) => void;
/** Reports progress at most every 100 ms (and at each new phase) to whoever listens. */
function progressReporter(ctx: SyncContext, update: (progress: Progress) => void): Step {
  const listener = ctx.onProgress;
  let lastPhase = '';
  let lastAt = 0;
  return (phase, done, total) => {
    const at = Date.now();
    if (phase === lastPhase && at - lastAt < 100 && done < total) return;
    lastPhase = phase;
    lastAt = at;
    update({ phase, done, total });
    listener?.({ phase, done, total });
  };
}

function syncWithRetries(ctx: SyncContext, dir: string, options: { maxAttempts?: number }, step: Step): SyncReport {
  const maxAttempts = options.maxAttempts ?? 4;
  const hasRemote = !!getSetting(ctx.db, keys.url);
  // Only changes here, and the repository as of the last sync: push without fetching first. If
  // someone pushed meanwhile the push is rejected, and the next attempt fetches and merges.
  const base = getSetting(ctx.db, keys.lastCommit) || null;
  let optimistic =
    hasRemote &&
    base !== null &&
    count(ctx.db, 'SELECT COUNT(*) AS n FROM sync_outbox') > 0 &&
    getSetting(ctx.db, keys.treeClean) === '1' &&
    readRef(dir, 'refs/heads/main') === base &&
    readRef(dir, 'refs/remotes/origin/main') === base;
  let attempts = 0;
  let lastReport: SyncReport | null = null;
  while (attempts < maxAttempts) {
    attempts += 1;
    const report = syncOnce(ctx, dir, hasRemote, optimistic, step);
    report.attempts = attempts;
    lastReport = report;
    if (report.message !== 'rejected') break;
    if (optimistic) attempts -= 1;
    optimistic = false;
  }
  const report = lastReport as SyncReport;
  if (report.message === 'rejected') {
    report.message = 'the repository kept changing while we pushed; try again';
    report.ok = false;
  }
  setSetting(ctx.db, keys.error, report.ok ? '' : report.message);
  return report;
}

/** One attempt: fetch → read what changed → merge → import → write → commit and push. */
function syncOnce(ctx: SyncContext, dir: string, hasRemote: boolean, optimistic: boolean, step: Step): SyncReport {
  const db = ctx.db;
  const problems: FileProblem[] = [];
  const report: SyncReport = {
    ok: true,
    message: 'synced',
    commit: null,
    sent: noCounts(),
    received: noCounts(),
    conflicts: 0,
    problems,
    attempts: 1,
  };

  // 1. Fetch (unless pushing optimistically), and the working tree becomes the fetched branch.
  if (hasRemote && !optimistic) {
    step('fetching', 0, 1);
    try {
      git(['fetch', '--quiet', 'origin'], { cwd: dir });
    } catch (error) {
      return { ...report, ok: false, message: `offline: ${(error as Error).message}` };
    }
  }
  const base = getSetting(db, keys.lastCommit) || null;
  const theirs = optimistic ? base : readRef(dir, hasRemote ? 'refs/remotes/origin/main' : 'refs/heads/main');
  checkOut(ctx, dir, theirs);

  // 2. What changed in the repository since the last sync, read by each kind (and its base version).
  const reread = getSetting(db, keys.reread);
  const changed = changedFiles(dir, base, theirs, reread);
  const files = readChanged(dir, base, changed, problems, step);
  const run: SyncRun = {
    ctx,
    db,
    repo: repositoryView(dir, base, theirs, new Set(changed), files.base, problems),
    outbox: { maxSeq: 0, of: () => new Map() },
    changed: new Set(changed),
    conflicts: [],
    problems,
  };
  const kinds = syncKinds.map((kind) => ({ kind, sync: kind.start(run) }));
  try {
    receive(kinds, files.theirs, problems, (sync, file, records) => sync.receive(file, records));
  } catch (error) {
    if (error instanceof RepositoryTooNewError) return { ...report, ok: false, message: error.message };
    throw error;
  }
  receive(kinds, files.base, [], (sync, file, records) => sync.receiveBase?.(file, records));
  // The texts are parsed: let them go (a first import holds the whole repository otherwise).
  // The few files this device's changes need are read again from the working tree.
  files.theirs.clear();

  // 3. Merge, kind by kind: this device's changes (the outbox) with the repository's.
  step('merging', 0, 1);
  run.outbox = readOutbox(db);
  const merges = kinds.map(({ sync }) => sync.merge());
  for (const merge of merges) {
    Object.assign(report.sent, merge.sent);
    Object.assign(report.received, merge.received);
  }

  // 4. Import the merged result in one transaction (queuing nothing: it came from the repository).
  const now = ctx.now();
  importAll(run, merges, now, reread, step);
  report.conflicts = run.conflicts.length;
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

  // 5. Write this device's records into the files.
  step('writing', 0, 1);
  setSetting(db, keys.treeClean, '0');
  const touched = new Set(merges.flatMap((merge) => merge.write()));

  // 6. Commit and push.
  const staged = commit(ctx, dir, touched, report.sent);
  setSetting(db, keys.treeClean, '1');
  const head = staged
    ? (readRef(dir, 'refs/heads/main') ?? git(['rev-parse', 'HEAD'], { cwd: dir }).stdout.trim())
    : (theirs ?? (git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, ok: [0, 1] }).stdout.trim() || null));
  if (hasRemote && head && head !== theirs) {
    step('pushing', 0, 1);
    const refused = push(dir);
    if (refused) return { ...report, ...refused };
  }

  // 7. Done: the outbox up to what was exported is in the repository now.
  db.transaction(() => {
    db.prepare('DELETE FROM sync_outbox WHERE seq <= ?').run(run.outbox.maxSeq);
    if (head) setSetting(db, keys.lastCommit, head);
    setSetting(db, keys.lastSyncAt, String(now));
    for (const merge of merges) merge.done?.();
  }).immediate();
  report.commit = head;
  if (!staged && Object.values(report.received).every((n) => n === 0)) report.message = 'nothing to sync';
  return report;
}

// ---------------------------------------------------------------- the steps

/** The working tree becomes the fetched branch (what this device had unpushed is still in the outbox). */
function checkOut(ctx: SyncContext, dir: string, theirs: string | null): void {
  const local = readRef(dir, 'refs/heads/main');
  // Skipped when it already is, and the last sync left it clean.
  if (theirs && (local !== theirs || getSetting(ctx.db, keys.treeClean) !== '1')) {
    git(['checkout', '--quiet', '-f', '-B', 'main', theirs], { cwd: dir });
    git(['clean', '-fdq'], { cwd: dir });
  } else if (!theirs) git(['clean', '-fdq'], { cwd: dir });
}

/** The repository's files changed since the last sync (all of them at a first sync), that a kind reads. */
function changedFiles(dir: string, base: string | null, theirs: string | null, reread: string | undefined): string[] {
  const changed = !theirs
    ? []
    : base && base !== theirs
      ? changedSince(dir, base, theirs)
      : base === theirs
        ? []
        : listFiles(dir, theirs);
  // Files an older version of this app skipped (migration 8: feed rotations) are read once more.
  if (reread && theirs && base) {
    const known = new Set(changed);
    const folders = reread.split(' ').filter(Boolean);
    changed.push(...listFiles(dir, theirs).filter((f) => folders.some((d) => f.startsWith(d)) && !known.has(f)));
  }
  return changed.filter((file) => kindOfFile(file) !== null);
}

/** The changed files' texts now (plain files only; the others named), and at the last sync. */
function readChanged(
  dir: string,
  base: string | null,
  changed: string[],
  problems: FileProblem[],
  step: Step,
): { theirs: Map<string, string>; base: Map<string, string> } {
  const theirs = new Map<string, string>();
  const then = new Map<string, string>();
  for (const [i, file] of changed.entries()) {
    if (i % 64 === 0) step('reading', i, changed.length);
    const text = readWorkingFile(dir, file, problems);
    if (text !== null) theirs.set(file, text);
    if (base) {
      const old = gitShow(dir, base, file);
      if (old !== null) then.set(file, old);
    }
  }
  return { theirs, base: then };
}

/** Each file read by its kind: its records to the kind's sync, its problems to `problems`. */
function receive(
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

/** The repository during this sync: files as fetched (read when asked, once) and as last synced. */
function repositoryView(
  dir: string,
  base: string | null,
  theirs: string | null,
  changed: ReadonlySet<string>,
  baseFiles: Map<string, string>,
  problems: FileProblem[],
): RepositoryView {
  const cache = new Map<string, string | null>();
  const current = (file: string): string | null => {
    if (!cache.has(file)) cache.set(file, readWorkingFile(dir, file, []));
    return cache.get(file) ?? null;
  };
  return {
    current,
    baseOf(file) {
      if (!base) return null;
      if (baseFiles.has(file)) return baseFiles.get(file) ?? null;
      // A file that did not change in the repository since the last sync is still as it was then.
      if (base === theirs || !changed.has(file)) return current(file);
      const text = gitShow(dir, base, file);
      if (text !== null) baseFiles.set(file, text);
      return text;
    },
    write: (file, text) => writeWorkingFile(dir, file, text, problems),
    remove: (file) => removeWorkingFile(dir, file),
  };
}

/** This device's changes since the last sync, by kind, in the order queued. */
function readOutbox(db: Database): Outbox {
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
function importAll(run: SyncRun, merges: KindMerge[], now: number, reread: string | undefined, step: Step): void {
  const { db, problems } = run;
  const total = merges.reduce((n, merge) => n + merge.importing, 0);
  let imported = 0;
  step('importing', 0, total);
  db.transaction(() =>
    withImporting(db, () => {
      // Changed here again while this sync ran: that newer edit stays, and goes out next time.
      const requeued = new Set(
        (
          db.prepare('SELECT kind, key FROM sync_outbox WHERE seq > ?').all(run.outbox.maxSeq) as {
            kind: string;
            key: string;
          }[]
        ).map((r) => `${r.kind}\u0000${r.key}`),
      );
      // One record the store refuses (a rule the repository format does not check) is skipped
      // and named; its file is read again next time (e.g. once team.yaml has the team it names).
      const retry = new Set<string>();
      const io: ImportRun = {
        now,
        fresh: (kind, key) => !requeued.has(`${kind}\u0000${key}`),
        advance(every) {
          imported += 1;
          if (imported % every === 0) step('importing', imported, total);
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
    }),
  ).immediate();
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
function commit(ctx: SyncContext, dir: string, touched: Set<string>, sent: Counts): boolean {
  if (touched.size === 0) return false;
  git(['add', '--', ...touched], { cwd: dir });
  const me = currentPerson(ctx);
  const result = git(['commit', '--quiet', '--no-verify', '-F', '-'], {
    cwd: dir,
    input: `${describeCounts(sent) || 'changes'} — ${me.handle}@${os.hostname()}\n`,
    ok: [0, 1],
  });
  const staged = result.code === 0;
  if (!staged && !/nothing to commit|nothing added/.test(result.stdout + result.stderr)) {
    throw new GitError(`git commit failed: ${result.stderr.trim()}`, ['commit'], result.code, result.stderr);
  }
  return staged;
}

/** Pushes; null when it went through, else what the report says ("rejected": someone pushed first). */
function push(dir: string): (Pick<SyncReport, 'message'> & Partial<SyncReport>) | null {
  const result = git(['push', '--quiet', '--porcelain', 'origin', 'HEAD:refs/heads/main'], {
    cwd: dir,
    ok: [0, 1, 128],
  });
  if (result.code === 0) return null;
  const text = `${result.stdout}\n${result.stderr}`;
  if (/\[rejected\]|non-fast-forward|fetch first|\(stale info\)/.test(text)) return { message: 'rejected' };
  const said = result.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${result.code}`;
  return {
    ok: false,
    message: /resolve host|could not read|unable to access|Connection/i.test(said)
      ? `offline: ${said}`
      : `the repository refused the push: ${said}`,
  };
}

export function listConflicts(db: Database): {
  id: number;
  at: string;
  kind: string;
  key: string;
  field: string;
  kept: unknown;
  lost: unknown;
  lostSide: string;
  restoredRecord: boolean;
}[] {
  return (
    db.prepare('SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id DESC').all() as {
      id: number;
      at: number;
      kind: string;
      key: string;
      field: string;
      kept: string;
      lost: string;
      lost_side: string;
      restored_record: number;
    }[]
  ).map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    key: r.key,
    field: r.field,
    kept: JSON.parse(r.kept) as unknown,
    lost: JSON.parse(r.lost) as unknown,
    lostSide: r.lost_side,
    restoredRecord: r.restored_record === 1,
  }));
}
