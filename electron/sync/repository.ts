// The reliability repository: connect (clone or init), and sync — a pipeline over the table of
// record kinds (./kinds): fetch, read the files that changed there since the last sync, merge
// them with what changed here (field by field against the last synced version), import the
// result in one transaction, write it as files, commit on top of the repository's branch and
// push (again from the fetch when someone pushed first).
//
// Local data lives in SQLite; the repository's index becomes the fetched branch at every sync
// (nothing is checked out: files are read from git's objects, steps.ts), so an unpushed commit
// is never the only copy of anything: what is not yet in the repository stays in the outbox
// until a push succeeds.

import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { RepositoryTooNewError, type FileProblem } from '../../shared/domain/repository/format';
import { OperationFailure } from '../../shared/failure';
import { waitingCountedTo } from '../../shared/domain/repository/progress';
import { recordKinds, type RecordKind } from '../../shared/sync-contract';
import { currentPerson } from '../store/me';
import { getSetting, setSetting } from '../store/settings';
import type { Progress, SyncContext } from './context';
import { readRef } from './files';
import { git, GitError } from './git';
import { noCounts, queueEverythingSql, syncKinds } from './kinds';
import type { Counts, SyncRun } from './kinds/kind';
import { runningSync, takeSyncLock } from './lock';
import { keys } from './state';
import { skippedProblems } from './tree';
import {
  changedFiles,
  checkOut,
  commit,
  importAll,
  push,
  readChanged,
  readOutbox,
  receive,
  repositoryView,
  type Step,
} from './steps';

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
    // Distinct records, stopping at one past the cap (DISTINCT emits as it scans, so LIMIT ends the scan).
    waiting: count(
      ctx.db,
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT kind, key FROM sync_outbox LIMIT ${waitingCountedTo + 1})`,
    ),
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
    // Not checked out here: the first sync checks it out, leaving out what must not be (tree.ts).
    if (url) git(['clone', '--quiet', '--no-checkout', '--', url, dir], { cwd: ctx.dataDir });
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
      // The first sync checks the branch out.
      setSetting(ctx.db, keys.treeClean, '0');
      setSetting(ctx.db, keys.skipped, '');
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

/** Reports progress at most every 100 ms (and at each new phase) to whoever listens. */
function progressReporter(ctx: SyncContext, update: (progress: Progress) => void): Step {
  const listener = ctx.onProgress;
  let lastPhase = '';
  let lastAt = 0;
  return (phase, done, total) => {
    const at = performance.now();
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
    // Entries skipped last time may have held this device's records back: see whether they are fixed.
    !getSetting(ctx.db, keys.skipped) &&
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
  const skipped = checkOut(ctx, dir, theirs);
  problems.push(...skippedProblems(skipped));

  // 2. What changed in the repository since the last sync, read by each kind (and its base version).
  const reread = getSetting(db, keys.reread);
  const changed = changedFiles(dir, base, theirs, reread, skipped);

  const files = readChanged(dir, changed, problems, step);
  const waiting = new Set<string>();
  const notWritten = (kind: RecordKind, key: string): void => {
    const id = `${kind}\u0000${key}`;
    if (waiting.has(id)) return;
    waiting.add(id);
    // Not sent after all: it waits.
    report.sent[recordKinds[kind]] = Math.max(0, report.sent[recordKinds[kind]] - 1);
  };
  const run: SyncRun = {
    ctx,
    db,
    repo: repositoryView(dir, base, theirs, new Set(changed.map((file) => file.path)), files.base, problems, skipped),
    outbox: { maxSeq: 0, of: () => new Map() },
    conflicts: [],
    problems,
    notWritten,
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
  const imported = problems.length;
  const touched = new Set(merges.flatMap((merge) => merge.write()));
  const unwritten = problems.slice(imported);

  // 6. Commit and push.
  const staged = commit(ctx, dir, touched, report.sent, skipped);
  setSetting(db, keys.treeClean, '1');
  const head = staged
    ? (readRef(dir, 'refs/heads/main') ?? git(['rev-parse', 'HEAD'], { cwd: dir }).stdout.trim())
    : (theirs ?? (git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, ok: [0, 1] }).stdout.trim() || null));
  if (hasRemote && head && head !== theirs) {
    step('pushing', 0, 1);
    const refused = push(dir);
    if (refused) return { ...report, ...refused };
  }

  // 7. Done: the outbox up to what was exported is in the repository now — except the records
  // that could not be written (they wait, with the reason among the problems, for the path to be fixed).
  db.transaction(() => {
    db.prepare(
      'DELETE FROM sync_outbox WHERE seq <= ? AND kind || char(0) || key NOT IN (SELECT value FROM json_each(?))',
    ).run(run.outbox.maxSeq, JSON.stringify([...waiting]));
    const problem = db.prepare('INSERT INTO sync_problems (file, line, message, at) VALUES (?, ?, ?, ?)');
    for (const p of unwritten) problem.run(p.file, p.line, p.message, now);
    if (head) setSetting(db, keys.lastCommit, head);
    setSetting(db, keys.lastSyncAt, String(now));
    for (const merge of merges) merge.done?.();
  }).immediate();
  report.commit = head;
  if (waiting.size > 0) {
    report.message = `${waiting.size} ${waiting.size === 1 ? 'record' : 'records'} not written, still waiting: ${unwritten
      .map((p) => `${p.file}: ${p.message}`)
      .join('; ')}`;
  } else if (!staged && Object.values(report.received).every((n) => n === 0)) report.message = 'nothing to sync';
  return report;
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
