// The fetched tree as git stores it, read without checking it out: entries that cannot be checked
// out on every system (`..`, `.git`, names Windows or macOS refuse, two names differing only in
// case), symbolic links, submodules and folders where a file belongs are skipped and named; the
// rest is checked out. A commit on top of such a tree puts the skipped entries back untouched, so
// sync neither stops on them nor removes them from the repository.

import type { FileProblem } from '../../shared/domain/repository/format';
import { git } from './git';
import { kindOfFile } from './kinds';

/** A tree entry sync leaves out of the working tree (and everything under it). */
export interface SkippedEntry {
  path: string;
  mode: string;
  type: string;
  object: string;
  reason: string;
}

const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Why a name cannot be a file or folder name on every system sync runs on; null when it can. */
export function unsafeName(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return `"${name}" is not a name a file can have`;
  if (/^\.git$/i.test(name.replace(/[. ]+$/, '')) || /^git~\d$/i.test(name)) return 'is git’s own folder name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f<>:"|?*\\]/.test(name)) return 'has a character Windows or macOS does not allow in a name';
  if (/[. ]$/.test(name)) return 'ends in a dot or a space (Windows drops it)';
  if (reserved.test(name)) return 'is a device name on Windows';
  return null;
}

const folded = (name: string): string => name.normalize('NFC').toLowerCase();

/** The entries of `commit`'s tree to leave out, with the reason, in the tree's order. */
export function scanTree(dir: string, commit: string): SkippedEntry[] {
  const out = git(['ls-tree', '-r', '-t', '-z', '--full-tree', commit], { cwd: dir }).stdout;
  const entries = out
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const tab = record.indexOf('\t');
      const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ');
      const path = record.slice(tab + 1);
      const slash = path.lastIndexOf('/');
      return { path, mode, type, object, folder: slash < 0 ? '' : path.slice(0, slash), name: path.slice(slash + 1) };
    });
  // Names that differ only in case (or in how accents are encoded) are one name on Windows and
  // macOS: one of them is kept — the all-lowercase one (every file sync writes is named so), else
  // the first — and the others skipped.
  const groups = new Map<string, string[]>();
  for (const entry of entries) {
    const key = `${entry.folder}/${folded(entry.name)}`;
    const group = groups.get(key);
    if (group) group.push(entry.path);
    else groups.set(key, [entry.path]);
  }
  const keeperOf = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const keeper = group.find((file) => file === folded(file)) ?? (group[0] as string);
    for (const file of group) keeperOf.set(file, keeper);
  }
  const skipped: SkippedEntry[] = [];
  const skippedFolders = new Set<string>();
  for (const { path: file, mode, type, object, folder, name } of entries) {
    if (skippedFolders.has(folder)) {
      if (type === 'tree') skippedFolders.add(file); // and what is under it
      continue;
    }
    const unsafe = unsafeName(name);
    const keeper = keeperOf.get(file);
    const reason = unsafe
      ? `skipped: ${unsafe}`
      : keeper !== undefined && keeper !== file
        ? `skipped: its name differs from ${keeper} only in case (or accents)`
        : mode === '120000'
          ? 'is a symbolic link; only plain files are read'
          : type === 'commit'
            ? 'skipped: a submodule; only plain files are read'
            : type === 'tree' && kindOfFile(file) !== null
              ? 'skipped: a folder where a file belongs'
              : null;
    if (!reason) continue;
    skipped.push({ path: file, mode, type, object, reason });
    if (type === 'tree') skippedFolders.add(file);
  }
  return skipped;
}

/** The problems a skipped entry shows in `repo status`. */
export function skippedProblems(skipped: readonly SkippedEntry[]): FileProblem[] {
  return skipped.map((entry) => ({ file: entry.path, line: 0, message: entry.reason }));
}

/** The skipped entry `file` is, or is under; null when none. */
export function skippedOnPath(skipped: readonly SkippedEntry[], file: string): SkippedEntry | null {
  return skipped.find((entry) => file === entry.path || file.startsWith(`${entry.path}/`)) ?? null;
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
}

function readTree(dir: string, tree: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const record of git(['ls-tree', '-z', tree], { cwd: dir }).stdout.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), { mode, type, object });
  }
  return entries;
}

/**
 * A tree with entries put in (an entry) or taken out (null) at the given paths, built with
 * `git mktree` (which takes any name git stores); null when nothing is left in it.
 */
export function editTree(dir: string, tree: string | null, edits: Map<string, TreeEntry | null>): string | null {
  const entries = tree ? readTree(dir, tree) : new Map<string, TreeEntry>();
  const below = new Map<string, Map<string, TreeEntry | null>>();
  for (const [file, entry] of edits) {
    const slash = file.indexOf('/');
    if (slash < 0) {
      if (entry) entries.set(file, entry);
      else entries.delete(file);
      continue;
    }
    const head = file.slice(0, slash);
    let sub = below.get(head);
    if (!sub) below.set(head, (sub = new Map()));
    sub.set(file.slice(slash + 1), entry);
  }
  for (const [head, sub] of below) {
    const existing = entries.get(head);
    const child = editTree(dir, existing?.type === 'tree' ? existing.object : null, sub);
    if (child) entries.set(head, { mode: '040000', type: 'tree', object: child });
    else entries.delete(head);
  }
  if (entries.size === 0) return null;
  const input = [...entries].map(([name, e]) => `${e.mode} ${e.type} ${e.object}\t${name}\0`).join('');
  return git(['mktree', '-z'], { cwd: dir, input }).stdout.trim();
}

/** `tree` without the skipped entries (what is checked out). */
export function withoutSkipped(dir: string, tree: string, skipped: readonly SkippedEntry[]): string | null {
  return editTree(dir, tree, new Map(skipped.map((entry) => [entry.path, null])));
}

/** `tree` with the skipped entries put back (what is committed). */
export function withSkipped(dir: string, tree: string, skipped: readonly SkippedEntry[]): string | null {
  return editTree(
    dir,
    tree,
    new Map(skipped.map((entry) => [entry.path, { mode: entry.mode, type: entry.type, object: entry.object }])),
  );
}
