// The reliability repository: connect (clone or init), and sync — fetch, merge what changed in
// the repository since the last sync with what changed here (field by field against the last
// synced version), import the result in one transaction, write it as files, commit on top of
// the repository's branch and push (again from the fetch when someone pushed first).
//
// Local data lives in SQLite; the repository's working tree is rebuilt from the fetched branch
// at every sync, so an unpushed commit is never the only copy of anything: what is not yet in
// the repository stays in the outbox until a push succeeds.

import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  kindOfPath,
  pageLine,
  pagePath,
  postmortemPath,
  movedPath,
  readPages,
  readToil as readToilText,
  toilLine,
  toilPath,
  readPostmortem as readPostmortemText,
  readRoster,
  readRotation as readRotationText,
  rotationPaths,
  writeRotation,
  type RotationRecord,
  type TeamRecord,
  RepositoryTooNewError,
  rosterPath,
  writePostmortem as writePostmortemText,
  writeRoster,
  type FileProblem,
  type PageRecord,
  type PersonRecord,
  type PostmortemRecord,
  type RecordKind,
  type ToilRecord,
} from '../../shared/domain/repository/format';
import {
  isOursLater,
  mergeActionItems,
  mergeRecord,
  mirrorActionItems,
  mergeRotation,
  mergeTeam,
  type FieldConflict,
  type Flat,
} from '../../shared/domain/repository/merge';
import { parseTemplate } from '../../shared/domain/postmortem/templates';
import type { OperationContext, Progress } from '../operations/context';
import { upsertTemplate } from '../store/postmortems';
import { bulkLoadingPages } from '../store/rollups';
import {
  holidaysPath,
  mergeHolidayCalendars,
  readHolidayCalendar,
  writeHolidayCalendar,
  type HolidayCalendarRecord,
} from '../../shared/domain/repository/holidays';
import { OperationFailure } from '../operations/errors';
import { chooseMe, currentPerson, freeHandle, hasRecords, isAutoMe, renamePerson } from '../operations/me';
import { getSetting, setSetting } from '../store/settings';
import { git, GitError } from './git';
import { runningSync, takeSyncLock } from './lock';
import {
  readHolidayCalendarRecord,
  readPage,
  readPerson,
  readPostmortem,
  readRotationRecord,
  readTeam,
  readToil,
  writeHolidayCalendarRecord,
  writePage,
  writePerson,
  writePostmortem,
  writeRotationRecord,
  writeTeam,
  writeToil,
  type Invoke,
} from './records';

export const maxFileBytes = 50 * 2 ** 20;

export interface Counts {
  people: number;
  teams: number;
  rotations: number;
  holidays: number;
  pages: number;
  toil: number;
  postmortems: number;
  templates: number;
}

const noCounts = (): Counts => ({
  people: 0,
  teams: 0,
  rotations: 0,
  holidays: 0,
  pages: 0,
  toil: 0,
  postmortems: 0,
  templates: 0,
});

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

export function repoDir(ctx: OperationContext): string {
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

export function repoStatus(ctx: OperationContext): RepoStatus {
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

function configureIdentity(ctx: OperationContext, dir: string): void {
  const me = currentPerson(ctx);
  git(['config', 'user.name', me.name], { cwd: dir });
  git(['config', 'user.email', `${me.handle}@oncall-workstation.invalid`], { cwd: dir });
}

/** Every record on this device goes into the outbox: the first sync writes them all. */
function queueEverything(db: Database): void {
  db.exec(`
    DELETE FROM sync_outbox;
    INSERT INTO sync_outbox (kind, key) SELECT 'person', handle FROM people WHERE deleted_at IS NULL;
    INSERT INTO sync_outbox (kind, key) SELECT 'page', id FROM pages;
    INSERT INTO sync_outbox (kind, key) SELECT 'toil', id FROM toil_entries;
    INSERT INTO sync_outbox (kind, key) SELECT 'postmortem', id FROM postmortems WHERE deleted_at IS NULL;
    INSERT INTO sync_outbox (kind, key) SELECT 'template', name FROM postmortem_templates WHERE deleted_at IS NULL;
    INSERT INTO sync_outbox (kind, key) SELECT 'team', name FROM teams WHERE deleted_at IS NULL;
    INSERT INTO sync_outbox (kind, key)
      SELECT DISTINCT 'holidays', t.name FROM team_holidays h JOIN teams t ON t.id = h.team_id WHERE t.deleted_at IS NULL;
    INSERT INTO sync_outbox (kind, key) SELECT 'rotation', name FROM rotations WHERE deleted_at IS NULL;
  `);
}

export function connect(ctx: OperationContext, url: string | null): RepoStatus {
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
      queueEverything(ctx.db);
    })
    .immediate();
  return repoStatus(ctx);
}

// ---------------------------------------------------------------- files

interface Collections {
  people: Map<string, PersonRecord>;
  teams: Map<string, TeamRecord>;
  rotations: Map<string, { record: RotationRecord; file: string }>;
  holidays: Map<string, { record: HolidayCalendarRecord; file: string }>;
  pages: Map<string, { record: PageRecord; file: string }>;
  toil: Map<string, { record: ToilRecord; file: string }>;
  postmortems: Map<string, { record: PostmortemRecord; file: string }>;
}

const empty = (): Collections => ({
  people: new Map(),
  teams: new Map(),
  rotations: new Map(),
  holidays: new Map(),
  pages: new Map(),
  toil: new Map(),
  postmortems: new Map(),
});

/** Reads files (text by path) into records; broken ones become problems, the rest still count. */
function parseFiles(files: Map<string, string>, problems: FileProblem[]): Collections {
  const out = empty();
  for (const [file, text] of files) {
    const kind = kindOfPath(file);
    if (kind === 'person') {
      const read = readRoster(file, text);
      problems.push(...read.problems);
      for (const p of read.records) out.people.set(p.handle, p);
      for (const t of read.teams) out.teams.set(t.name, t);
    } else if (kind === 'rotation') {
      const read = readRotationText(file, text);
      problems.push(...read.problems);
      for (const record of read.records) out.rotations.set(record.name, { record, file });
    } else if (kind === 'holidays') {
      const read = readHolidayCalendar(file, text);
      problems.push(...read.problems);
      for (const record of read.records) out.holidays.set(record.team, { record, file });
    } else if (kind === 'page') {
      const read = readPages(file, text);
      problems.push(...read.problems);
      for (const record of read.records) out.pages.set(record.id, { record, file });
    } else if (kind === 'toil') {
      const read = readToilText(file, text);
      problems.push(...read.problems);
      for (const record of read.records) out.toil.set(record.id, { record, file });
    } else if (kind === 'postmortem') {
      const read = readPostmortemText(file, text);
      problems.push(...read.problems);
      for (const record of read.records) out.postmortems.set(record.meta.id, { record, file });
    }
  }
  return out;
}

/** Removes a plain file of the working tree; whether there was one (for `git add` to record). */
function removeWorkingFile(dir: string, file: string): boolean {
  if (linkedFolder(dir, file)) return false;
  const full = path.join(dir, file);
  try {
    if (!fs.lstatSync(full).isFile()) return false;
  } catch {
    return false;
  }
  fs.rmSync(full);
  return true;
}

/** A file in the working tree, refusing anything that is not a plain file inside it. */
/** Whether a folder on the way to `file` is a symbolic link (which could lead outside). */
function linkedFolder(dir: string, file: string): boolean {
  const parts = file.split('/').slice(0, -1);
  let at = dir;
  for (const part of parts) {
    at = path.join(at, part);
    try {
      if (fs.lstatSync(at).isSymbolicLink()) return true;
    } catch {
      return false; // not there (yet): nothing to follow
    }
  }
  return false;
}

/**
 * Writes a file of the working tree, never through a symbolic link (the repository may hold
 * links to anywhere); returns false, with a problem, when it would.
 */
function writeWorkingFile(dir: string, file: string, text: string, problems: FileProblem[]): boolean {
  const full = path.resolve(dir, file);
  let linked = !full.startsWith(dir + path.sep) || linkedFolder(dir, file);
  try {
    if (fs.lstatSync(full).isSymbolicLink()) linked = true;
  } catch {
    // a new file
  }
  if (linked) {
    problems.push({ file, line: 0, message: 'not written: a symbolic link is on its path' });
    return false;
  }
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return true;
}

function readWorkingFile(dir: string, file: string, problems: FileProblem[]): string | null {
  const full = path.resolve(dir, file);
  if (!full.startsWith(dir + path.sep)) {
    problems.push({ file, line: 0, message: 'the path leads outside the repository' });
    return null;
  }
  if (linkedFolder(dir, file)) {
    problems.push({ file, line: 0, message: 'a folder on its path is a symbolic link; only plain files are read' });
    return null;
  }
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(full);
  } catch {
    return null; // deleted in the repository
  }
  if (stat.isSymbolicLink()) {
    problems.push({ file, line: 0, message: 'is a symbolic link; only plain files are read' });
    return null;
  }
  if (!stat.isFile()) return null;
  if (stat.size > maxFileBytes) {
    problems.push({ file, line: 0, message: `is ${Math.round(stat.size / 2 ** 20)} MB; files over 50 MB are skipped` });
    return null;
  }
  return fs.readFileSync(full, 'utf8');
}

/** A ref's commit, read from the repository's files (a loose ref, else packed-refs): no process. */
function readRef(dir: string, ref: string): string | null {
  try {
    const loose = fs.readFileSync(path.join(dir, '.git', ref), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(loose)) return loose;
  } catch {
    // not a loose ref
  }
  try {
    for (const line of fs.readFileSync(path.join(dir, '.git', 'packed-refs'), 'utf8').split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && sha && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
    }
  } catch {
    // no packed refs
  }
  return null;
}

/** Files changed between two commits; every file when the last synced commit is unknown here. */
function changedSince(dir: string, base: string, theirs: string): string[] {
  const diff = git(['diff', '--name-only', '-z', '--no-renames', base, theirs], { cwd: dir, ok: [0, 128] });
  if (diff.code !== 0) return listFiles(dir, theirs);
  return diff.stdout.split('\0').filter(Boolean);
}

function gitShow(dir: string, commit: string, file: string): string | null {
  const result = git(['cat-file', '-p', `${commit}:${file}`], { cwd: dir, ok: [0, 128] });
  return result.code === 0 ? result.stdout : null;
}

function listFiles(dir: string, commit: string): string[] {
  return git(['ls-tree', '-r', '-z', '--name-only', commit], { cwd: dir }).stdout.split('\0').filter(Boolean);
}

// ---------------------------------------------------------------- merge helpers

function mergeText(base: string, ours: string, theirs: string): string | null {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-merge-'));
  try {
    const [b, o, t] = ['base', 'ours', 'theirs'].map((n) => path.join(tmp, n)) as [string, string, string];
    fs.writeFileSync(b, base);
    fs.writeFileSync(o, ours);
    fs.writeFileSync(t, theirs);
    const result = git(['merge-file', '-p', o, b, t], { cwd: tmp, ok: Array.from({ length: 128 }, (_, i) => i) });
    return result.code === 0 ? result.stdout : null;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const flatPostmortem = (r: PostmortemRecord): Flat => ({ ...r.meta, body: r.body });
const unflatPostmortem = (f: Flat): PostmortemRecord => {
  const { body, ...meta } = f;
  return { meta: meta as PostmortemRecord['meta'], body: String(body ?? '') };
};

// ---------------------------------------------------------------- sync

interface Outbox {
  maxSeq: number;
  people: Set<string>;
  pages: Map<string, string | null>;
  toil: Map<string, string | null>;
  postmortems: Set<string>;
  templates: Set<string>;
  teams: Set<string>;
  rotations: Set<string>;
  holidays: Set<string>;
}

function readOutbox(db: Database): Outbox {
  const rows = db.prepare('SELECT seq, kind, key, moved_from FROM sync_outbox ORDER BY seq').all() as {
    seq: number;
    kind: RecordKind;
    key: string;
    moved_from: string | null;
  }[];
  const out: Outbox = {
    maxSeq: 0,
    people: new Set(),
    pages: new Map(),
    toil: new Map(),
    postmortems: new Set(),
    templates: new Set(),
    teams: new Set(),
    rotations: new Set(),
    holidays: new Set(),
  };
  for (const row of rows) {
    out.maxSeq = row.seq;
    if (row.kind === 'person') out.people.add(row.key);
    // The first move since the last sync says where the repository has the record.
    else if (row.kind === 'page') out.pages.set(row.key, out.pages.get(row.key) ?? row.moved_from);
    else if (row.kind === 'toil') out.toil.set(row.key, out.toil.get(row.key) ?? row.moved_from);
    else if (row.kind === 'postmortem') out.postmortems.add(row.key);
    else if (row.kind === 'template') out.templates.add(row.key);
    else if (row.kind === 'team') out.teams.add(row.key);
    else if (row.kind === 'rotation') out.rotations.add(row.key);
    else if (row.kind === 'holidays') out.holidays.add(row.key);
  }
  return out;
}

function withImporting<T>(db: Database, run: () => T): T {
  db.prepare("INSERT OR REPLACE INTO sync_flags (name, value) VALUES ('importing', '1')").run();
  try {
    return run();
  } finally {
    db.prepare("DELETE FROM sync_flags WHERE name = 'importing'").run();
  }
}

function summary(sent: SyncReport['sent'], who: string): string {
  const parts = [
    sent.pages ? `${sent.pages} ${sent.pages === 1 ? 'page' : 'pages'}` : '',
    sent.toil ? `${sent.toil} ${sent.toil === 1 ? 'toil entry' : 'toil entries'}` : '',
    sent.postmortems ? `${sent.postmortems} ${sent.postmortems === 1 ? 'postmortem' : 'postmortems'}` : '',
    sent.people ? `${sent.people} ${sent.people === 1 ? 'person' : 'people'}` : '',
    sent.templates ? `${sent.templates} ${sent.templates === 1 ? 'template' : 'templates'}` : '',
    sent.teams ? `${sent.teams} ${sent.teams === 1 ? 'team' : 'teams'}` : '',
    sent.rotations ? `${sent.rotations} ${sent.rotations === 1 ? 'rotation' : 'rotations'}` : '',
    sent.holidays ? `${sent.holidays === 1 ? "1 team's holidays" : `${sent.holidays} teams' holidays`}` : '',
  ].filter(Boolean);
  return `${parts.join(', ') || 'changes'} — ${who}`;
}

// ---------------------------------------------------------------- JSON Lines kinds

interface JsonlKind<R extends { id: string }> {
  kind: 'page' | 'toil';
  dir: 'pages' | 'toil';
  pathOf: (r: R) => string;
  parse: (file: string, text: string) => { records: R[]; problems: FileProblem[] };
  line: (r: R) => string;
  load: (db: Database, id: string) => R | null;
}

const pageKind: JsonlKind<PageRecord> = {
  kind: 'page',
  dir: 'pages',
  pathOf: pagePath,
  parse: readPages,
  line: pageLine,
  load: readPage,
};

const toilKind: JsonlKind<ToilRecord> = {
  kind: 'toil',
  dir: 'toil',
  pathOf: toilPath,
  parse: readToilText,
  line: toilLine,
  load: readToil,
};

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

/** Merges one JSON Lines kind: this device's queued records against the repository's. */
function mergeJsonl<R extends { id: string }>(
  kind: JsonlKind<R>,
  queued: Map<string, string | null>,
  incoming: Map<string, { record: R; file: string }>,
  incomingBase: Map<string, { record: R; file: string }>,
  current: (file: string) => string | null,
  baseOf: (file: string) => string | null,
  conflicts: { kind: RecordKind; key: string; conflict: FieldConflict }[],
  db: Database,
): JsonlMerge<R> {
  // Each file split into lines by id once per sync; a line is parsed (and checked) only when
  // its record is needed, so a change costs the lines it touches, not the files around them.
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
    return line === undefined ? undefined : kind.parse(file, line).records[0];
  };
  const now = {
    get: (file: string, id: string): R | undefined => recordIn(linesNow, file, id, () => current(file)),
  };
  const then = {
    get: (file: string, id: string): R | undefined => recordIn(linesBase, file, id, () => baseOf(file)),
  };
  const out: JsonlMerge<R> = {
    sent: 0,
    received: 0,
    toImport: [],
    fresh: new Set(),
    toWrite: new Map(),
    leaving: new Map(),
    lines: (file: string) => lines(linesNow, file, () => current(file)),
  };
  for (const [id, movedFrom] of queued) {
    const ours = kind.load(db, id);
    if (!ours) continue;
    const file = kind.pathOf(ours);
    const oldFile = movedFrom ? movedPath(kind.dir, movedFrom) : file;
    const t =
      incoming.get(id)?.record ?? now.get(file, id) ?? (oldFile !== file ? now.get(oldFile, id) : undefined) ?? null;
    const b =
      incomingBase.get(id)?.record ??
      then.get(oldFile, id) ??
      (oldFile !== file ? then.get(file, id) : undefined) ??
      null;
    const { result, conflicts: found } = mergeRecord(b as Flat | null, ours as unknown as Flat, t as Flat | null, {
      updatedField: 'updatedAt',
      deletedField: 'deletedAt',
    });
    for (const c of found) conflicts.push({ kind: kind.kind, key: id, conflict: c });
    const merged = result as unknown as R;
    out.toWrite.set(id, merged);
    const mergedFile = kind.pathOf(merged);
    for (const stale of new Set([oldFile, incoming.get(id)?.file, t ? kind.pathOf(t) : undefined])) {
      if (stale && stale !== mergedFile) out.leaving.set(stale, (out.leaving.get(stale) ?? new Set()).add(id));
    }
    if (JSON.stringify(merged) !== JSON.stringify(ours)) out.toImport.push(merged);
    out.sent += 1;
  }
  // Many incoming records (a first import): one query says which ones this store already has.
  const known =
    incoming.size > 1000
      ? new Set(
          db
            .prepare(`SELECT id FROM ${kind.kind === 'page' ? 'pages' : 'toil_entries'}`)
            .pluck()
            .all() as string[],
        )
      : null;
  for (const [id, { record }] of incoming) {
    if (queued.has(id)) continue;
    if (known && !known.has(id)) {
      out.fresh.add(id);
      out.toImport.push(record);
      out.received += 1;
      continue;
    }
    const local = kind.load(db, id);
    if (!local) out.fresh.add(id);
    if (JSON.stringify(local) !== JSON.stringify(record)) {
      out.toImport.push(record);
      out.received += 1;
    }
  }
  return out;
}

/** Rewrites the files holding merged or moved records; returns their paths. */
function writeJsonlFiles<R extends { id: string }>(
  kind: JsonlKind<R>,
  merge: JsonlMerge<R>,
  dir: string,
  problems: FileProblem[],
): string[] {
  const byFile = new Map<string, R[]>();
  for (const record of merge.toWrite.values()) {
    const file = kind.pathOf(record);
    const list = byFile.get(file);
    if (list) list.push(record);
    else byFile.set(file, [record]);
  }
  const files = [...new Set([...byFile.keys(), ...merge.leaving.keys()])];
  const written = new Set(files);
  for (const file of files) {
    const byId = new Map(merge.lines(file));
    for (const id of merge.leaving.get(file) ?? []) byId.delete(id);
    for (const record of byFile.get(file) ?? []) byId.set(record.id, kind.line(record));
    const ids = [...byId.keys()].sort();
    if (ids.length === 0) {
      // Nothing left in it (every record moved out): the file goes, rather than stay empty.
      if (!removeWorkingFile(dir, file)) written.delete(file);
      continue;
    }
    const text = `${ids.map((id) => byId.get(id)).join('\n')}\n`;
    if (!writeWorkingFile(dir, file, text, problems)) written.delete(file);
  }
  return [...written];
}

interface NamedMerge<R> {
  sent: number;
  received: number;
  toImport: R[];
  toWrite: Map<string, R>;
}

/** Records known by a name (people by handle, teams, rotations), merged field by field. */
function mergeNamed<R extends { updatedAt: string }>(
  kind: RecordKind,
  queued: Set<string>,
  incoming: Map<string, R>,
  theirs: Map<string, R | null>,
  base: Map<string, R | null>,
  load: (key: string) => R | null,
  conflicts: { kind: RecordKind; key: string; conflict: FieldConflict }[],
  /** The record's own merge (rotations: their lists element by element); field by field otherwise. */
  merge: (base: R | null, ours: R, theirs: R | null) => { result: R; conflicts: FieldConflict[] } = (b, o, t) => {
    const merged = mergeRecord(b as Flat | null, o as unknown as Flat, t as Flat | null, { updatedField: 'updatedAt' });
    return { result: merged.result as unknown as R, conflicts: merged.conflicts };
  },
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

export function sync(ctx: OperationContext, invoke: Invoke, options: { maxAttempts?: number } = {}): SyncReport {
  const dir = repoDir(ctx);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    throw new OperationFailure(
      'not_found',
      'repository: this device is not connected yet (oncall repo connect URL|PATH)',
    );
  }
  const lock = takeSyncLock(ctx);
  try {
    return syncWithRetries(ctx, invoke, dir, options, progressReporter(ctx, lock.update));
  } finally {
    lock.release();
  }
}

type Step = (phase: Progress['phase'], done: number, total: number) => void;
/** Reports progress at most every 100 ms (and at each new phase) to whoever listens. */
function progressReporter(ctx: OperationContext, update: (progress: Progress) => void): Step {
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

function syncWithRetries(
  ctx: OperationContext,
  invoke: Invoke,
  dir: string,
  options: { maxAttempts?: number },
  step: Step,
): SyncReport {
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
    const report = syncOnce(ctx, invoke, dir, hasRemote, optimistic, step);
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

function syncOnce(
  ctx: OperationContext,
  invoke: Invoke,
  dir: string,
  hasRemote: boolean,
  optimistic: boolean,
  step: Step,
): SyncReport {
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

  // 1. Fetch (unless pushing optimistically).
  if (hasRemote && !optimistic) {
    step('fetching', 0, 1);
    try {
      git(['fetch', '--quiet', 'origin'], { cwd: dir });
    } catch (error) {
      return { ...report, ok: false, message: `offline: ${(error as Error).message}` };
    }
  }
  const remoteRef = hasRemote ? 'refs/remotes/origin/main' : 'refs/heads/main';
  const base = getSetting(db, keys.lastCommit) || null;
  const theirs = optimistic ? base : readRef(dir, remoteRef);
  const local = readRef(dir, 'refs/heads/main');

  // 2. The working tree becomes the repository's branch (what this device had unpushed is still
  //    in the outbox). Skipped when it already is, and the last sync left it clean.
  if (theirs && (local !== theirs || getSetting(db, keys.treeClean) !== '1')) {
    git(['checkout', '--quiet', '-f', '-B', 'main', theirs], { cwd: dir });
    git(['clean', '-fdq'], { cwd: dir });
  } else if (!theirs) git(['clean', '-fdq'], { cwd: dir });

  // 3. What changed in the repository since the last sync, parsed (and its base version).
  const changed = !theirs
    ? []
    : base && base !== theirs
      ? changedSince(dir, base, theirs)
      : base === theirs
        ? []
        : listFiles(dir, theirs);
  // Files an older version of this app skipped (migration 8: feed rotations) are read once more.
  const reread = getSetting(db, keys.reread);
  if (reread && theirs && base) {
    const known = new Set(changed);
    const folders = reread.split(' ').filter(Boolean);
    changed.push(...listFiles(dir, theirs).filter((f) => folders.some((d) => f.startsWith(d)) && !known.has(f)));
  }
  const relevant = changed.filter((f) => {
    const kind = kindOfPath(f);
    return kind !== null;
  });
  const theirsFiles = new Map<string, string>();
  const baseFiles = new Map<string, string>();
  for (const [i, file] of relevant.entries()) {
    if (i % 64 === 0) step('reading', i, relevant.length);
    const text = readWorkingFile(dir, file, problems);
    if (text !== null) theirsFiles.set(file, text);
    if (base) {
      const old = gitShow(dir, base, file);
      if (old !== null) baseFiles.set(file, old);
    }
  }
  let incoming: Collections;
  try {
    incoming = parseFiles(theirsFiles, problems);
  } catch (error) {
    if (error instanceof RepositoryTooNewError) return { ...report, ok: false, message: error.message };
    throw error;
  }
  const incomingBase = parseFiles(baseFiles, []);
  // The texts are parsed: let them go (a first import holds the whole repository otherwise).
  // The few files this device's changes need are read again from the working tree.
  theirsFiles.clear();

  // 4. This device's changes.
  step('merging', 0, 1);
  const outbox = readOutbox(db);
  // This device's person, made from the OS user name and not chosen since, joins the team's
  // roster only once they have logged something (until then the app asks who this device is).
  let autoMeJoins = false;
  if (isAutoMe(ctx)) {
    let me = currentPerson(ctx);
    // Someone on the team has that handle (a shared user name, "admin"): this device's made-up
    // person takes a free one, so it never merges into them.
    if (incoming.people.has(me.handle)) {
      outbox.people.delete(me.handle);
      const taken = me.handle;
      db.transaction(() => withImporting(db, () => renamePerson(db, me.id, freeHandle(db, taken, incoming.people))))();
      me = currentPerson(ctx);
    }
    autoMeJoins = hasRecords(ctx, me.id);
    if (autoMeJoins) outbox.people.add(me.handle);
    else outbox.people.delete(me.handle);
  }
  const fileCache = new Map<string, string | null>();
  const current = (file: string): string | null => {
    if (!fileCache.has(file)) fileCache.set(file, theirsFiles.get(file) ?? readWorkingFile(dir, file, []));
    return fileCache.get(file) ?? null;
  };
  const changedSet = new Set(changed);
  const baseOf = (file: string): string | null => {
    if (!base) return null;
    if (baseFiles.has(file)) return baseFiles.get(file) ?? null;
    // A file that did not change in the repository since the last sync is still as it was then.
    if (base === theirs || !changedSet.has(file)) return current(file);
    const text = gitShow(dir, base, file);
    if (text !== null) baseFiles.set(file, text);
    return text;
  };

  const conflicts: { kind: RecordKind; key: string; conflict: FieldConflict }[] = [];
  const toImport = { postmortems: [] as PostmortemRecord[] };
  const toWrite = { postmortems: new Map<string, { record: PostmortemRecord; file: string }>() };

  // People and teams (team.yaml), rotations (rotations/<name>.yaml): records by name, merged
  // field by field.
  const rosterNow = current(rosterPath);
  // Read only when a roster entry or a team changed, here or there.
  const rosterNeeded =
    outbox.people.size > 0 || outbox.teams.size > 0 || incoming.people.size > 0 || incoming.teams.size > 0;
  const rosterTheirs = rosterNow && rosterNeeded ? readRoster(rosterPath, rosterNow) : null;
  const rosterBaseText = rosterNeeded ? baseOf(rosterPath) : null;
  const rosterBase = rosterBaseText ? readRoster(rosterPath, rosterBaseText) : null;
  const people = mergeNamed<PersonRecord>(
    'person',
    outbox.people,
    incoming.people,
    new Map((rosterTheirs?.records ?? []).map((p) => [p.handle, p])),
    new Map((rosterBase?.records ?? []).map((p) => [p.handle, p])),
    (handle) => readPerson(db, handle),
    conflicts,
  );
  const teams = mergeNamed<TeamRecord>(
    'team',
    outbox.teams,
    incoming.teams,
    new Map((rosterTheirs?.teams ?? []).map((t) => [t.name, t])),
    new Map((rosterBase?.teams ?? []).map((t) => [t.name, t])),
    (name) => readTeam(db, name),
    conflicts,
    mergeTeam,
  );
  // Only the rotation's own record counts as its version in a file (names can slug alike).
  const rotationText = (file: string, text: string | null, name: string): RotationRecord | null =>
    (text ? readRotationText(file, text).records.find((r) => r.name === name) : null) ?? null;
  /** Its file in the repository, or the one it gets: the plain name unless another rotation has it. */
  const claimed = new Map<string, string>(); // file → rotation name, in this sync
  for (const [name, { file }] of incoming.rotations) claimed.set(file, name);
  const rotationFileOf = (local: RotationRecord): string => {
    const known = incoming.rotations.get(local.name)?.file;
    if (known) return known;
    const [plain, hashed] = rotationPaths(local);
    let chosen = hashed;
    for (const file of [plain, hashed]) {
      const owner = claimed.get(file);
      const text = current(file);
      const there = text === null ? [] : readRotationText(file, text).records;
      const free = owner === undefined && there.length === 0;
      if (free || owner === local.name || there.some((r) => r.name === local.name)) {
        chosen = file;
        break;
      }
    }
    claimed.set(chosen, local.name);
    return chosen;
  };
  const rotationFiles = new Map<string, string>();
  for (const name of outbox.rotations) {
    const local = readRotationRecord(db, name);
    if (local) rotationFiles.set(name, rotationFileOf(local));
  }
  const rotations = mergeNamed<RotationRecord>(
    'rotation',
    new Set(rotationFiles.keys()),
    new Map([...incoming.rotations].map(([name, { record }]) => [name, record])),
    new Map([...rotationFiles].map(([name, file]) => [name, rotationText(file, current(file), name)])),
    new Map([...rotationFiles].map(([name, file]) => [name, rotationText(file, baseOf(file), name)])),
    (name) => readRotationRecord(db, name),
    conflicts,
    mergeRotation,
  );
  // Team holiday calendars (holidays/<team>.yaml): holiday by holiday.
  const holidayFiles = new Map<string, string>();
  for (const team of outbox.holidays) {
    const local = readHolidayCalendarRecord(db, team);
    if (local) holidayFiles.set(team, incoming.holidays.get(team)?.file ?? holidaysPath(local));
  }
  // Only the team's own calendar counts as its version there (a file is one team's).
  const holidayText = (file: string, text: string | null, team: string): HolidayCalendarRecord | null =>
    (text ? readHolidayCalendar(file, text).records.find((r) => r.team === team) : null) ?? null;
  const holidays = mergeNamed<HolidayCalendarRecord>(
    'holidays',
    new Set(holidayFiles.keys()),
    new Map([...incoming.holidays].map(([team, { record }]) => [team, record])),
    new Map([...holidayFiles].map(([team, file]) => [team, holidayText(file, current(file), team)])),
    new Map([...holidayFiles].map(([team, file]) => [team, holidayText(file, baseOf(file), team)])),
    (team) => readHolidayCalendarRecord(db, team),
    conflicts,
    mergeHolidayCalendars,
  );
  for (const [counts, merged] of [
    ['people', people],
    ['teams', teams],
    ['rotations', rotations],
    ['holidays', holidays],
  ] as const) {
    report.sent[counts] = merged.sent;
    report.received[counts] = merged.received;
  }

  // Pages and toil entries (JSON Lines by person and month).
  const pages = mergeJsonl<PageRecord>(
    pageKind,
    outbox.pages,
    incoming.pages,
    incomingBase.pages,
    current,
    baseOf,
    conflicts,
    db,
  );
  const toil = mergeJsonl<ToilRecord>(
    toilKind,
    outbox.toil,
    incoming.toil,
    incomingBase.toil,
    current,
    baseOf,
    conflicts,
    db,
  );
  report.sent.pages = pages.sent;
  report.received.pages = pages.received;
  report.sent.toil = toil.sent;
  report.received.toil = toil.received;

  // Team templates (templates/<name>.md): text, merged line by line when both sides changed it.
  const templatesToImport: { name: string; markdown: string }[] = [];
  const templatesToWrite = new Map<string, string>();
  const templateNameOf = (file: string): string => file.slice('templates/'.length, -'.md'.length);
  const templateLocal = (name: string): string | null =>
    (db.prepare('SELECT markdown FROM postmortem_templates WHERE name = ? AND deleted_at IS NULL').pluck().get(name) as
      string | undefined) ?? null;
  const templateValid = (name: string, text: string, file: string): boolean => {
    try {
      parseTemplate(name, text);
      return true;
    } catch (error) {
      problems.push({ file, line: 0, message: (error as Error).message });
      return false;
    }
  };
  for (const file of relevant.filter((f) => kindOfPath(f) === 'template')) {
    const name = templateNameOf(file);
    if (outbox.templates.has(name)) continue;
    const text = current(file);
    if (text === null || text === templateLocal(name) || !templateValid(name, text, file)) continue;
    templatesToImport.push({ name, markdown: text });
    report.received.templates += 1;
  }
  for (const name of outbox.templates) {
    const ours = templateLocal(name);
    if (ours === null) continue;
    const file = `templates/${name}.md`;
    const theirsText = current(file);
    const baseText = baseOf(file);
    let merged = ours;
    if (theirsText !== null && theirsText !== ours && theirsText !== baseText && baseText !== ours) {
      const text = baseText === null ? null : mergeText(baseText, ours, theirsText);
      if (text !== null && templateValid(name, text, file)) merged = text;
      else
        conflicts.push({
          kind: 'template',
          key: name,
          conflict: { field: 'markdown', kept: ours, lost: theirsText, lostSide: 'theirs' },
        });
    } else if (theirsText !== null && ours === baseText) merged = theirsText;
    templatesToWrite.set(name, merged);
    if (merged !== ours) templatesToImport.push({ name, markdown: merged });
    report.sent.templates += 1;
  }

  // Postmortems.
  const postmortemFileOf = (id: string): string | null => {
    const row = db.prepare("SELECT path FROM sync_paths WHERE kind = 'postmortem' AND key = ?").get(id) as
      { path: string } | undefined;
    return row?.path ?? null;
  };
  for (const id of outbox.postmortems) {
    const stored = readPostmortem(invoke, id);
    if (!stored) continue;
    const file = incoming.postmortems.get(id)?.file ?? postmortemFileOf(id) ?? postmortemPath(stored.meta);
    const theirsText = current(file);
    const theirsRecord =
      incoming.postmortems.get(id)?.record ??
      (theirsText ? (readPostmortemText(file, theirsText).records[0] ?? null) : null);
    const baseText = baseOf(file);
    const baseRecord = baseText ? (readPostmortemText(file, baseText).records[0] ?? null) : null;
    // Action items (front matter) merge element by element by id first; every version then
    // carries the merged list, and its action section (where it mirrors its own list) too, so
    // that section never clashes line by line below.
    const items = theirsRecord
      ? mergeActionItems(
          baseRecord?.meta.actionItems ?? null,
          stored.meta.actionItems,
          theirsRecord.meta.actionItems,
          isOursLater(flatPostmortem(stored), flatPostmortem(theirsRecord), 'updated'),
        )
      : null;
    const withItems = (r: PostmortemRecord | null): PostmortemRecord | null =>
      r && items
        ? {
            meta: { ...r.meta, actionItems: items.result },
            body: mirrorActionItems(r.body, r.meta.actionItems, items.result),
          }
        : r;
    const ours = withItems(stored) ?? stored;
    const t = withItems(theirsRecord);
    const b = withItems(baseRecord);
    const flatOurs = flatPostmortem(ours);
    const flatTheirs = t ? flatPostmortem(t) : null;
    const flatBase = b ? flatPostmortem(b) : null;
    // The text: a line-level three-way merge when both changed it; if that fails, the later
    // edit's text stays and the other is kept in the conflict log for the author.
    let bodyConflict: FieldConflict | null = null;
    if (flatTheirs && flatBase && ours.body !== t?.body && ours.body !== b?.body && t?.body !== b?.body) {
      const merged = mergeText(b?.body ?? '', ours.body, t?.body ?? '');
      if (merged !== null) {
        flatOurs.body = merged;
        flatTheirs.body = merged;
      } else {
        const oursLater = String(ours.meta.updated ?? '') >= String(t?.meta.updated ?? '');
        bodyConflict = {
          field: 'body',
          kept: oursLater ? ours.body : t?.body,
          lost: oursLater ? t?.body : ours.body,
          lostSide: oursLater ? 'theirs' : 'ours',
        };
        flatOurs.body = bodyConflict.kept;
        flatTheirs.body = bodyConflict.kept;
      }
    }
    const { result, conflicts: found } = mergeRecord(flatBase, flatOurs, flatTheirs, { updatedField: 'updated' });
    if (items) found.push(...items.conflicts);
    if (bodyConflict) found.push(bodyConflict);
    for (const c of found) conflicts.push({ kind: 'postmortem', key: id, conflict: c });
    const merged = unflatPostmortem(result);
    toWrite.postmortems.set(id, { record: merged, file });
    if (writePostmortemText(merged) !== writePostmortemText(stored)) toImport.postmortems.push(merged);
    report.sent.postmortems += 1;
  }
  for (const [id, { record, file }] of incoming.postmortems) {
    db.prepare("INSERT OR REPLACE INTO sync_paths (kind, key, path) VALUES ('postmortem', ?, ?)").run(id, file);
    if (outbox.postmortems.has(id)) continue;
    const local = readPostmortem(invoke, id);
    if (!local || writePostmortemText(local) !== writePostmortemText(record)) {
      toImport.postmortems.push(record);
      report.received.postmortems += 1;
    }
  }

  // 5. Import the merged result in one transaction (queuing nothing: it came from the repository).
  const now = ctx.now();
  const importTotal =
    people.toImport.length +
    teams.toImport.length +
    rotations.toImport.length +
    pages.toImport.length +
    toil.toImport.length +
    toImport.postmortems.length +
    templatesToImport.length;
  let imported = 0;
  step('importing', 0, importTotal);
  db.transaction(() =>
    withImporting(db, () => {
      // Changed here again while this sync ran: that newer edit stays, and goes out next time.
      const requeued = new Set(
        (
          db.prepare('SELECT kind, key FROM sync_outbox WHERE seq > ?').all(outbox.maxSeq) as {
            kind: string;
            key: string;
          }[]
        ).map((r) => `${r.kind}\u0000${r.key}`),
      );
      const fresh = (kind: RecordKind, key: string): boolean => !requeued.has(`${kind}\u0000${key}`);
      // One record the store refuses (a rule the repository format does not check) is skipped
      // and named; the rest of the sync goes on.
      const retry = new Set<string>();
      const each = <R>(list: R[], kind: RecordKind, keyOf: (r: R) => string, write: (r: R) => void): void => {
        for (const record of list) {
          const key = keyOf(record);
          imported += 1;
          if (imported % 256 === 0) step('importing', imported, importTotal);
          if (!fresh(kind, key)) continue;
          try {
            write(record);
          } catch (error) {
            problems.push({ file: `${kind} ${key}`, line: 0, message: `not imported: ${(error as Error).message}` });
            // Its file is read again next time (e.g. once team.yaml has the team it names).
            const file =
              kind === 'holidays'
                ? incoming.holidays.get(key)?.file
                : kind === 'rotation'
                  ? incoming.rotations.get(key)?.file
                  : kind === 'person' || kind === 'team'
                    ? rosterPath
                    : undefined;
            if (file) retry.add(file);
          }
        }
      };
      each(
        people.toImport,
        'person',
        (p) => p.handle,
        (p) => writePerson(ctx, p),
      );
      each(
        teams.toImport,
        'team',
        (t) => t.name,
        (t) => writeTeam(ctx, t, invoke),
      );
      each(
        rotations.toImport,
        'rotation',
        (r) => r.name,
        (r) => writeRotationRecord(ctx, r, invoke),
      );
      each(
        holidays.toImport,
        'holidays',
        (h) => h.team,
        (h) => writeHolidayCalendarRecord(ctx, h),
      );
      // Many new pages (a first import): in time order (each page's row id is its time key, so
      // rows append), with the search index rebuilt once at the end instead of row by row.
      const bulk = pages.fresh.size >= 5000;
      // (The outbox trigger would queue nothing while importing: it can go for the while too.)
      const triggers = bulk
        ? (db
            .prepare(
              "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('pages_fts_insert', 'pages_outbox_insert')",
            )
            .all() as { name: string; sql: string }[])
        : [];
      for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
      const ftsTrigger = triggers.find((t) => t.name === 'pages_fts_insert');
      // …and the pages' secondary indexes built once, sorted, at the end.
      const indexes = bulk
        ? (db
            .prepare(
              "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pages' AND sql IS NOT NULL",
            )
            .all() as { name: string; sql: string }[])
        : [];
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      // A bigger page cache while a million rows go into the table and its indexes.
      const cacheSize = db.pragma('cache_size', { simple: true }) as number;
      if (bulk) db.pragma('cache_size = -524288');
      const ordered = bulk
        ? [...pages.toImport].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0))
        : pages.toImport;
      const load = (): void => {
        for (const p of ordered) {
          imported += 1;
          if (imported % 1024 === 0) step('importing', imported, importTotal);
          if (fresh('page', p.id)) writePage(ctx, p, !pages.fresh.has(p.id));
        }
      };
      // The load dashboards' daily rollups: counted once at the end rather than row by row.
      if (bulk) bulkLoadingPages(db, load);
      else load();
      for (const trigger of triggers) db.exec(trigger.sql);
      if (ftsTrigger) db.exec("INSERT INTO pages_fts (pages_fts) VALUES ('rebuild')");
      for (const index of indexes) db.exec(index.sql);
      if (bulk) db.pragma(`cache_size = ${cacheSize}`);
      // After the pages, which toil entries may link to.
      each(
        toil.toImport,
        'toil',
        (t) => t.id,
        (t) => writeToil(ctx, t, !toil.fresh.has(t.id)),
      );
      each(
        toImport.postmortems,
        'postmortem',
        (p) => p.meta.id,
        (p) => writePostmortem(invoke, p),
      );
      each(
        templatesToImport,
        'template',
        (t) => t.name,
        (t) => upsertTemplate(db, t.name, t.markdown, now, ctx.deviceId),
      );
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
      db.prepare('DELETE FROM sync_problems').run();
      const problem = db.prepare('INSERT INTO sync_problems (file, line, message, at) VALUES (?, ?, ?, ?)');
      for (const p of problems) problem.run(p.file, p.line, p.message, now);
      if (reread || retry.size > 0) setSetting(db, keys.reread, [...retry].join(' '));
    }),
  ).immediate();
  report.conflicts = conflicts.length;
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

  // 6. Write this device's records into the files.
  step('writing', 0, 1);
  setSetting(db, keys.treeClean, '0');
  const touched = new Set<string>();
  if (people.toWrite.size > 0 || teams.toWrite.size > 0 || !rosterNow) {
    const roster = new Map((rosterTheirs?.records ?? []).map((p) => [p.handle, p]));
    for (const [handle, p] of people.toWrite) roster.set(handle, p);
    const teamList = new Map((rosterTheirs?.teams ?? []).map((t) => [t.name, t]));
    for (const [name, t] of teams.toWrite) teamList.set(name, t);
    const text = writeRoster([...roster.values()], [...teamList.values()]);
    if (writeWorkingFile(dir, rosterPath, text, problems)) touched.add(rosterPath);
  }
  for (const [name, rotation] of rotations.toWrite) {
    const file = rotationFiles.get(name) ?? rotationFileOf(rotation);
    if (writeWorkingFile(dir, file, writeRotation(rotation), problems)) touched.add(file);
  }
  for (const [team, calendar] of holidays.toWrite) {
    const file = holidayFiles.get(team) ?? holidaysPath(calendar);
    if (writeWorkingFile(dir, file, writeHolidayCalendar(calendar), problems)) touched.add(file);
  }
  for (const file of writeJsonlFiles(pageKind, pages, dir, problems)) touched.add(file);
  for (const file of writeJsonlFiles(toilKind, toil, dir, problems)) touched.add(file);
  for (const [name, markdown] of templatesToWrite) {
    const file = `templates/${name}.md`;
    if (writeWorkingFile(dir, file, markdown, problems)) touched.add(file);
  }
  for (const [id, { record, file }] of toWrite.postmortems) {
    if (!writeWorkingFile(dir, file, writePostmortemText(record), problems)) continue;
    db.prepare("INSERT OR REPLACE INTO sync_paths (kind, key, path) VALUES ('postmortem', ?, ?)").run(id, file);
    touched.add(file);
  }

  // 7. Commit and push.
  let staged = false;
  if (touched.size > 0) {
    git(['add', '--', ...touched], { cwd: dir });
    const me = currentPerson(ctx);
    const commit = git(['commit', '--quiet', '--no-verify', '-F', '-'], {
      cwd: dir,
      input: `${summary(report.sent, `${me.handle}@${os.hostname()}`)}\n`,
      ok: [0, 1],
    });
    staged = commit.code === 0;
    if (!staged && !/nothing to commit|nothing added/.test(commit.stdout + commit.stderr)) {
      throw new GitError(`git commit failed: ${commit.stderr.trim()}`, ['commit'], commit.code, commit.stderr);
    }
  }
  setSetting(db, keys.treeClean, '1');
  const head = staged
    ? (readRef(dir, 'refs/heads/main') ?? git(['rev-parse', 'HEAD'], { cwd: dir }).stdout.trim())
    : (theirs ?? (git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, ok: [0, 1] }).stdout.trim() || null));
  if (hasRemote && head && head !== theirs) {
    step('pushing', 0, 1);
    const push = git(['push', '--quiet', '--porcelain', 'origin', 'HEAD:refs/heads/main'], {
      cwd: dir,
      ok: [0, 1, 128],
    });
    if (push.code !== 0) {
      const text = `${push.stdout}\n${push.stderr}`;
      if (/\[rejected\]|non-fast-forward|fetch first|\(stale info\)/.test(text))
        return { ...report, message: 'rejected' };
      const said = push.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${push.code}`;
      return {
        ...report,
        ok: false,
        message: /resolve host|could not read|unable to access|Connection/i.test(said)
          ? `offline: ${said}`
          : `the repository refused the push: ${said}`,
      };
    }
  }

  // 8. Done: the outbox up to what was exported is in the repository now.
  db.transaction(() => {
    db.prepare('DELETE FROM sync_outbox WHERE seq <= ?').run(outbox.maxSeq);
    if (head) setSetting(db, keys.lastCommit, head);
    setSetting(db, keys.lastSyncAt, String(now));
    if (autoMeJoins && isAutoMe(ctx)) chooseMe(ctx, currentPerson(ctx).id, { queue: false });
  }).immediate();
  report.commit = head;
  if (!staged && Object.values(report.received).every((n) => n === 0)) report.message = 'nothing to sync';
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
