// The blameless coach on a 10,000-word postmortem, beside its floor — one regular-expression
// pass of the blame words over the same text.
//
// coach_10k_words_ms is the keystroke path as the editor runs it: a full lint (every rule,
// structure included) after a one-line edit, with the blame words found at once and the
// structure coach's last answer (for the text before the edit) carried onto the text
// (carry-over.ts) — no NLP on a keystroke. coach_10k_words_pause_ms is what the editor's worker
// does once typing pauses: the remembering structure coach (createDeepCoach) over the edited
// text, the edited sentence through the NLP pass. coach_10k_words_cold_ms is the first pass over
// a document nothing is remembered of (what `oncall postmortem lint` does once per file, and the
// worker when a postmortem opens). coach_10k_words_fast_ms is the older word-and-pattern pass
// (`coachText`) with the same lint, for comparison; coach_sentence_nlp_ms one sentence through
// the NLP pass.

import { medianMs, round3 } from './measure';
import { coachText } from '../shared/domain/blameless/coach';
import { createCoachNow } from '../shared/domain/blameless/carry-over';
import { coachDeep, createDeepCoach } from '../shared/domain/blameless/deep-coach';
import { lintPostmortemWith } from '../shared/domain/blameless/postmortem-checks';
import { lintPostmortem } from '../shared/domain/blameless/postmortem-lint';
import { blameWords, defaultCoachConfig } from '../shared/domain/blameless/rules';
import { analyseSentence } from '../shared/domain/blameless/structure';
import { corpus } from '../test/fixtures/blameless-corpus';
import { realCorpus } from '../test/fixtures/blameless-real-corpus';

const sentences = [...corpus.map((c) => c.text), ...realCorpus.map((c) => c.text)];

function postmortemOf(wordCount: number): string {
  const parts = ['# Checkout outage\n\n## What Happened\n'];
  let words = 0;
  let i = 0;
  const add = (line: string): void => {
    parts.push(line);
    words += line.split(/\s+/).filter(Boolean).length;
  };
  while (words < wordCount * 0.3)
    add(`- 03:${String(i++ % 60).padStart(2, '0')} UTC — ${sentences[i % sentences.length] ?? ''}`);
  parts.push('\n## Why It Happened\n');
  while (words < wordCount * 0.8) add(`${i}. ${sentences[i++ % sentences.length] ?? ''}`);
  parts.push('\n## What Teams Are Changing\n');
  while (words < wordCount)
    add(`- ${sentences[i++ % sentences.length] ?? ''} (owner: @ann, due: 2026-12-15, because: 2)`);
  return parts.join('\n');
}

const text = postmortemOf(10_000);
const floor = new RegExp(blameWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
const config = defaultCoachConfig;

const diagnostics = lintPostmortem(text).diagnostics.length;
if (diagnostics === 0) throw new Error('the benchmark text should give the coach something to find');

// The keystroke path: the worker has answered for the document; each run types into one line.
const workerCoach = createDeepCoach();
const latest = { text, diagnostics: workerCoach(text, config) };
const coachNow = createCoachNow();
coachNow(text, config, latest);
const lines = text.split('\n');
let keystroke = 0;
const typed = (): string => {
  keystroke += 1;
  const at = 5 + ((keystroke * 37) % (lines.length - 10));
  return lines.map((line, k) => (k === at ? `${line} x${keystroke}` : line)).join('\n');
};

const cold = ((): number => {
  coachDeep('Warm the model up.', config);
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    lintPostmortem(text, config, createDeepCoach());
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2] ?? NaN;
})();

let s = 0;
process.stdout.write(
  JSON.stringify({
    coach_10k_words_ms: round3(
      medianMs(() => lintPostmortemWith(typed(), config, (t, c) => coachNow(t, c, latest)), 30, 5),
    ),
    coach_10k_words_pause_ms: round3(medianMs(() => workerCoach(typed(), config), 30, 5)),
    coach_10k_words_floor_ms: round3(medianMs(() => text.match(floor), 30, 5)),
    coach_10k_words_cold_ms: round3(cold),
    coach_10k_words_fast_ms: round3(medianMs(() => lintPostmortem(text, config, coachText), 30, 5)),
    coach_sentence_nlp_ms: round3(
      medianMs(() => analyseSentence(`${sentences[s++ % sentences.length] ?? ''} `, config), 200, 20),
    ),
  }),
);
