// The blameless coach on a 10,000-word postmortem: a full lint (every rule, structure included),
// beside its floor — one regular-expression pass of the blame words over the same text.

import { medianMs, round3 } from './measure';
import { lintPostmortem } from '../shared/domain/blameless/postmortem-lint';
import { blameWords } from '../shared/domain/blameless/rules';
import { corpus } from '../test/fixtures/blameless-corpus';

function postmortemOf(wordCount: number): string {
  const parts = ['# Checkout outage\n\n## What Happened\n'];
  let words = 0;
  let i = 0;
  const add = (line: string): void => {
    parts.push(line);
    words += line.split(/\s+/).filter(Boolean).length;
  };
  while (words < wordCount * 0.3)
    add(`- 03:${String(i++ % 60).padStart(2, '0')} UTC — ${corpus[i % corpus.length]?.text ?? ''}`);
  parts.push('\n## Why It Happened\n');
  while (words < wordCount * 0.8) add(`${i}. ${corpus[i++ % corpus.length]?.text ?? ''}`);
  parts.push('\n## What Teams Are Changing\n');
  while (words < wordCount)
    add(`- ${corpus[i++ % corpus.length]?.text ?? ''} (owner: @ann, due: 2026-12-15, because: 2)`);
  return parts.join('\n');
}

const text = postmortemOf(10_000);
const floor = new RegExp(blameWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');

const diagnostics = lintPostmortem(text).diagnostics.length;
if (diagnostics === 0) throw new Error('the benchmark text should give the coach something to find');
process.stdout.write(
  JSON.stringify({
    coach_10k_words_ms: round3(medianMs(() => lintPostmortem(text), 30, 5)),
    coach_10k_words_floor_ms: round3(medianMs(() => text.match(floor), 30, 5)),
  }),
);
