// The repository's working tree and history as sync reads and writes them: plain files only
// (never through a symbolic link, never outside the repository, none over 50 MB), refs read from
// disk, the files two commits differ in and their texts (read from git's objects, a few processes
// for any number of files), and git's line-level three-way merge.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileProblem } from '../../shared/domain/repository/format';
import { git, gitBytes } from './git';

export const maxFileBytes = 50 * 2 ** 20;

/** Removes a plain file of the working tree; whether there was one (for `git add` to record). */
export function removeWorkingFile(dir: string, file: string): boolean {
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
export function writeWorkingFile(dir: string, file: string, text: string, problems: FileProblem[]): boolean {
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

export function readWorkingFile(dir: string, file: string, problems: FileProblem[]): string | null {
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
export function readRef(dir: string, ref: string): string | null {
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

/** A file in a commit's tree: its mode and its blob. */
export interface TreeFile {
  mode: string;
  object: string;
}

/** A file changed since the last sync, with its blob on both sides (null: not there on that side). */
export interface ChangedFile {
  path: string;
  now: TreeFile | null;
  then: TreeFile | null;
}

/** Every file of a commit (symbolic links and submodules included), by path, from one `git ls-tree`. */
export function treeFiles(dir: string, commit: string): Map<string, TreeFile> {
  const files = new Map<string, TreeFile>();
  for (const record of git(['ls-tree', '-r', '-z', '--full-tree', commit], { cwd: dir }).stdout.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', , object = ''] = record.slice(0, tab).split(' ');
    files.set(record.slice(tab + 1), { mode, object });
  }
  return files;
}

const absent = (mode: string | undefined, object: string | undefined): boolean =>
  !mode || !object || /^0+$/.test(mode) || /^0+$/.test(object);

/**
 * The files changed between two commits, with their blobs as they were and as they are, from one
 * `git diff-tree` (no file looked up by path: in a folder of 20,000 files each such lookup
 * walks the folder); null when the last synced commit is unknown here.
 */
export function changedSince(dir: string, base: string, theirs: string): ChangedFile[] | null {
  const diff = git(['diff-tree', '-r', '-z', '--no-renames', '--no-commit-id', base, theirs], {
    cwd: dir,
    ok: [0, 128],
  });
  if (diff.code !== 0) return null;
  const parts = diff.stdout.split('\0');
  const changed: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    // ":<mode then> <mode now> <blob then> <blob now> <status>", then the path.
    const [oldMode, newMode, oldObject, newObject] = (parts[i] ?? '').replace(/^:/, '').split(' ');
    changed.push({
      path: parts[i + 1] ?? '',
      then: absent(oldMode, oldObject) ? null : { mode: oldMode ?? '', object: oldObject ?? '' },
      now: absent(newMode, newObject) ? null : { mode: newMode ?? '', object: newObject ?? '' },
    });
  }
  return changed.filter((file) => file.path !== '');
}

/** Whether a tree entry is a plain file (not a symbolic link or a submodule). */
export const plainFile = (entry: TreeFile): boolean => entry.mode === '100644' || entry.mode === '100755';

/**
 * Blobs' texts by object, read by one `git cat-file --batch` per 256 MB (after one
 * `--batch-check` for their sizes); a blob over 50 MB is not read: its size in bytes is given
 * instead. A blob not in the repository is left out.
 */
export function readBlobs(dir: string, objects: Iterable<string>): Map<string, string | number> {
  const out = new Map<string, string | number>();
  const unique = [...new Set(objects)];
  if (unique.length === 0) return out;
  const sizes = git(['cat-file', '--batch-check'], { cwd: dir, input: `${unique.join('\n')}\n` }).stdout.split('\n');
  const batches: string[][] = [[]];
  let batchBytes = 0;
  for (const line of sizes) {
    // "<object> blob <size>", or "<object> missing".
    const [object = '', type, size] = line.split(' ');
    if (type !== 'blob') continue;
    const bytes = Number(size);
    if (bytes > maxFileBytes) {
      out.set(object, bytes);
      continue;
    }
    if (batchBytes + bytes > 256 * 2 ** 20 && batchBytes > 0) {
      batches.push([]);
      batchBytes = 0;
    }
    batches[batches.length - 1]?.push(object);
    batchBytes += bytes;
  }
  for (const batch of batches) {
    if (batch.length === 0) continue;
    const data = gitBytes(['cat-file', '--batch'], { cwd: dir, input: `${batch.join('\n')}\n` }).stdout;
    let at = 0;
    for (const object of batch) {
      const end = data.indexOf(10, at);
      if (end < 0) break;
      const match = / blob (\d+)$/.exec(data.toString('latin1', at, end));
      at = end + 1;
      if (!match) continue;
      const bytes = Number(match[1]);
      out.set(object, data.toString('utf8', at, at + bytes));
      at += bytes + 1;
    }
  }
  return out;
}

export function mergeText(base: string, ours: string, theirs: string): string | null {
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
