// The coach on sentence structure: the blame words (one pattern over the text) plus the
// structure pass (structure.ts) sentence by sentence. Hard-wrapped text is unwrapped first —
// a line break inside a paragraph becomes a space, same length, so positions are unchanged —
// and a wrapped text gets the same diagnostics as the unwrapped one.
//
// Speed: the structure pass costs about 0.3 ms a sentence (≈ 200 ms for 10,000 words, once);
// `createDeepCoach` remembers each sentence's answer, so after the first pass a keystroke
// re-reads only the sentence it changed. In the editor it runs in a Web Worker after a pause in
// typing (renderer/views/postmortems/useDeferredCoach.ts); what the editor shows meanwhile is the
// last answer carried onto the text plus the blame words found at once (carry-over.ts).

import { blameWordsIn, unwrap } from './blame-words';
import { sentences, type Diagnostic } from './coach';
import { type CoachConfig } from './rules';
import { analyseSentence, type Finding } from './structure';

export { blameWordsIn, unwrap } from './blame-words';

type SentenceCache = Map<string, Finding[]>;

function coachWith(text: string, config: CoachConfig, cache: SentenceCache | null): Diagnostic[] {
  const flat = unwrap(text);
  const words = blameWordsIn(flat, config); // in order of position
  const found = [...words];
  let next = 0; // the first blame word that may overlap the sentences still to come
  for (const sentence of sentences(flat)) {
    let findings = cache?.get(sentence.text);
    if (!findings) {
      findings = analyseSentence(sentence.text, config);
      cache?.set(sentence.text, findings);
    }
    while (next < words.length && (words[next]?.to ?? 0) <= sentence.from) next++;
    for (const f of findings) {
      const from = sentence.from + f.from;
      const to = sentence.from + f.to;
      // One diagnostic per place: a blame word already covers it.
      let covered = false;
      for (let k = next; k < words.length && (words[k]?.from ?? 0) < to; k++) {
        if ((words[k]?.to ?? 0) > from) covered = true;
      }
      if (!covered) found.push({ rule: f.rule, from, to, message: f.message, hint: f.hint });
    }
  }
  return found.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Blameful language in free text, from sentence structure. Pure; ~0.3 ms a sentence. */
export function coachDeep(text: string, config: CoachConfig): Diagnostic[] {
  return coachWith(text, config, null);
}

/**
 * The deep coach for an editor: remembers each line's findings (after unwrapping, a paragraph is
 * one line, and neither a sentence nor a blame word crosses a line), so a keystroke re-reads only
 * the paragraph it changed — and within it, the NLP pass only the sentences that changed.
 */
export function createDeepCoach(): (text: string, config: CoachConfig) => Diagnostic[] {
  let lastConfig: CoachConfig | null = null;
  let sentenceCache: SentenceCache = new Map();
  let lineCache = new Map<string, Diagnostic[]>();
  return (text, config) => {
    if (config !== lastConfig || sentenceCache.size > 50_000 || lineCache.size > 50_000) {
      sentenceCache = new Map();
      lineCache = new Map();
      lastConfig = config;
    }
    const flat = unwrap(text);
    const all: Diagnostic[] = [];
    let offset = 0;
    for (const line of flat.split('\n')) {
      let found = lineCache.get(line);
      if (!found) {
        found = coachWith(line, config, sentenceCache);
        lineCache.set(line, found);
      }
      for (const d of found) all.push(offset === 0 ? d : { ...d, from: d.from + offset, to: d.to + offset });
      offset += line.length + 1;
    }
    return all;
  };
}

const shared = new Map<string, (text: string, config: CoachConfig) => Diagnostic[]>();

/**
 * The deep coach that `lintPostmortem` uses by default: one remembering coach per distinct
 * settings (by value, since callers build a new settings object per call), so linting the same
 * postmortems again — a list that is refreshed, CI over a repository — re-reads only what changed.
 */
export function rememberingCoach(text: string, config: CoachConfig): Diagnostic[] {
  const key = JSON.stringify(config);
  let coach = shared.get(key);
  if (!coach) {
    if (shared.size >= 8) shared.clear();
    coach = createDeepCoach();
    shared.set(key, coach);
  }
  return coach(text, config);
}
