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

/** Lengths of the longest common start and (not overlapping it) end of two texts. */
export function commonEnds(before: string, after: string): [number, number] {
  const shortest = Math.min(before.length, after.length);
  // Compared a stretch at a time first (native string compares), then character by character:
  // several times faster than characters alone on a 30,000-character postmortem.
  const step = 256;
  let start = 0;
  while (start + step <= shortest && before.slice(start, start + step) === after.slice(start, start + step))
    start += step;
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const room = shortest - start;
  let end = 0;
  while (
    end + step <= room &&
    before.slice(before.length - end - step, before.length - end) ===
      after.slice(after.length - end - step, after.length - end)
  )
    end += step;
  while (end < room && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return [start, end];
}

/**
 * Diagnostics found in `before`, placed in `after`: the two texts differ in one stretch (the
 * longest common start and end stay), diagnostics wholly outside it keep their words; those that
 * overlap it are dropped.
 */
export function carryOver(diagnostics: readonly Diagnostic[], before: string, after: string): Diagnostic[] {
  if (before === after) return [...diagnostics];
  const [start, end] = commonEnds(before, after);
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
 * The blameful language in the text now: the blame words found in it at once, plus the structure
 * coach's `latest` answer carried onto it (a finding that overlaps a blame word gives way to it,
 * as in the structure coach itself). With no answer yet, the blame words alone; with an answer
 * for this very text, exactly that answer. Each paragraph's blame words are remembered (after
 * unwrapping, a paragraph is one line and no blame word crosses a line), so a keystroke matches
 * the pattern over the paragraph it changed only.
 */
export function createCoachNow(): (text: string, config: CoachConfig, latest: CoachAnswer | null) => Diagnostic[] {
  let lastConfig: CoachConfig | null = null;
  let lines = new Map<string, Diagnostic[]>();
  const blameWords = (text: string, config: CoachConfig): Diagnostic[] => {
    if (config !== lastConfig || lines.size > 20_000) {
      lines = new Map();
      lastConfig = config;
    }
    // A team's own blame word that holds a line break (odd, but allowed) is matched over the whole text.
    if (config.blameWords.some((w) => w.includes('\n'))) return blameWordsIn(unwrap(text), config);
    const found: Diagnostic[] = [];
    let offset = 0;
    for (const line of unwrap(text).split('\n')) {
      let own = lines.get(line);
      if (!own) lines.set(line, (own = blameWordsIn(line, config)));
      for (const d of own) found.push(offset === 0 ? d : { ...d, from: d.from + offset, to: d.to + offset });
      offset += line.length + 1;
    }
    return found;
  };
  return (text, config, latest) => {
    if (latest && latest.text === text) return latest.diagnostics;
    const words = blameWords(text, config);
    if (!latest) return words;
    const carried = carryOver(latest.diagnostics, latest.text, text).filter(
      (d) => !words.some((w) => w.from < d.to && d.from < w.to),
    );
    return [...words, ...carried].sort((a, b) => a.from - b.from || a.to - b.to);
  };
}

/** `createCoachNow` without memory (one call). */
export function coachNow(text: string, config: CoachConfig, latest: CoachAnswer | null): Diagnostic[] {
  return createCoachNow()(text, config, latest);
}
