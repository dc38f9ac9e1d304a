// Folding a newer stored text into an editor's text without losing what was typed meanwhile or
// where the cursor is: the difference between two texts as CodeMirror changes (so an editor maps
// its selection through them), and one side's changes carried over the other's.

import { ChangeSet, Text, type ChangeSpec } from '@codemirror/state';
import { diffChars } from 'diff';

/** The smallest changes (by characters) that turn `from` into `to`. */
export function changesBetween(from: string, to: string): ChangeSet {
  // The common start and end first: a keystroke's difference in a long text is then a few
  // characters to compare, not the whole text.
  let start = 0;
  const limit = Math.min(from.length, to.length);
  while (start < limit && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  let end = 0;
  while (end < limit - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end += 1;
  const a = from.slice(start, from.length - end);
  const b = to.slice(start, to.length - end);
  const specs: ChangeSpec[] = [];
  if (a === '' || b === '') {
    if (a !== b) specs.push({ from: start, to: start + a.length, insert: b });
    return ChangeSet.of(specs, from.length);
  }
  let pos = start;
  for (const part of diffChars(a, b)) {
    if (part.added) specs.push({ from: pos, insert: part.value });
    else if (part.removed) {
      specs.push({ from: pos, to: pos + part.value.length });
      pos += part.value.length;
    } else pos += part.value.length;
  }
  return ChangeSet.of(specs, from.length);
}

/**
 * `typed` — edited from `sent` while `sent` was being saved — with the changes that turned `sent`
 * into `stored` (a merge with another editor's text) carried over the typing.
 */
export function foldIn(sent: string, stored: string, typed: string): string {
  if (typed === sent) return stored;
  if (stored === sent) return typed;
  const theirs = changesBetween(sent, stored);
  const mine = changesBetween(sent, typed);
  return theirs
    .map(mine)
    .apply(Text.of(typed.split('\n')))
    .toString();
}
