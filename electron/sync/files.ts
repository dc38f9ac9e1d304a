// The repository's working tree and history as sync reads and writes them: plain files only
// (never through a symbolic link, never outside the repository, none over 50 MB), refs read from
// disk, the files a commit changed, a file at a commit, and git's line-level three-way merge.

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

/** Files changed between two commits; every file when the last synced commit is unknown here. */
export function changedSince(dir: string, base: string, theirs: string): string[] {
  const diff = git(['diff', '--name-only', '-z', '--no-renames', base, theirs], { cwd: dir, ok: [0, 128] });
  if (diff.code !== 0) return listFiles(dir, theirs);
  return diff.stdout.split('\0').filter(Boolean);
}

export function gitShow(dir: string, commit: string, file: string): string | null {
  const result = git(['cat-file', '-p', `${commit}:${file}`], { cwd: dir, ok: [0, 128] });
  return result.code === 0 ? result.stdout : null;
}

/**
 * Many files as they were at `commit`, read by one `git cat-file --batch` (a process per file
 * took 54 s for a push of 20,000 files); a file not there is left out of the map.
 */
export function gitShowAll(dir: string, commit: string, files: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  // A name with a newline cannot be asked for on the batch's lines: it is asked for alone.
  const plain = files.filter((file) => !file.includes('\n'));
  for (const file of files) {
    if (!file.includes('\n')) continue;
    const text = gitShow(dir, commit, file);
    if (text !== null) texts.set(file, text);
  }
  if (plain.length === 0) return texts;
  const out = gitBytes(['cat-file', '--batch'], {
    cwd: dir,
    input: plain.map((file) => `${commit}:${file}\n`).join(''),
  }).stdout;
  let at = 0;
  for (const file of plain) {
    const end = out.indexOf(10, at);
    if (end < 0) break;
    const header = out.toString('utf8', at, end);
    at = end + 1;
    // "<object> blob <size>", or "<name> missing" / "ambiguous" for a file not at that commit.
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!match) continue;
    const size = Number(match[2]);
    if (match[1] === 'blob') texts.set(file, out.toString('utf8', at, at + size));
    at += size + 1;
  }
  return texts;
}

export function listFiles(dir: string, commit: string): string[] {
  return git(['ls-tree', '-r', '-z', '--name-only', commit], { cwd: dir }).stdout.split('\0').filter(Boolean);
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
