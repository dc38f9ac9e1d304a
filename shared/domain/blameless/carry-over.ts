// The coach's answer while the author types: the structure coach (deep-coach.ts) runs after a
// pause in typing, off the editor's thread, so its latest answer is usually for a slightly older
// text. `coachNow` carries that answer onto the text as it is now — findings before the edit
// stay, findings after it move with the text, findings the edit touched are dropped until the
// next answer — and adds the blame words, which are cheap enough to find on every keystroke.
// No NLP here: this module is safe on the editor's thread.

import { blameWordsIn, unwrap } from './blame-words';
import type { Diagnostic } from './coach';
import type { CoachConfig } from './rules';

/** The structure coach's answer for one text. */
export interface CoachAnswer {
  text: string;
  diagnostics: Diagnostic[];
}

/**
 * Diagnostics found in `before`, placed in `after`: the two texts differ in one stretch (the
 * longest common start and end stay), diagnostics wholly outside it keep their words; those that
 * overlap it are dropped.
 */
export function carryOver(diagnostics: readonly Diagnostic[], before: string, after: string): Diagnostic[] {
  if (before === after) return [...diagnostics];
  const shortest = Math.min(before.length, after.length);
  let start = 0;
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shortest - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  const changedTo = before.length - end; // the edited stretch in `before` is [start, changedTo)
  const shift = after.length - before.length;
  const carried: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.to <= start) carried.push(d);
    else if (d.from >= changedTo) carried.push({ ...d, from: d.from + shift, to: d.to + shift });
  }
  return carried;
}

/**
 * The blameful language in `text` now: the blame words found in it at once, plus the structure
 * coach's `latest` answer carried onto it (a finding that overlaps a blame word gives way to it,
 * as in the structure coach itself). With no answer yet, the blame words alone; with an answer
 * for this very text, exactly that answer.
 */
export function coachNow(text: string, config: CoachConfig, latest: CoachAnswer | null): Diagnostic[] {
  if (latest && latest.text === text) return latest.diagnostics;
  const words = blameWordsIn(unwrap(text), config);
  if (!latest) return words;
  const carried = carryOver(latest.diagnostics, latest.text, text).filter(
    (d) => !words.some((w) => w.from < d.to && d.from < w.to),
  );
  return [...words, ...carried].sort((a, b) => a.from - b.from || a.to - b.to);
}
