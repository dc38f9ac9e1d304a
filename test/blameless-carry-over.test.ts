// The editor's coach while typing (shared/domain/blameless/carry-over.ts): the structure
// coach's last answer carried onto the text as it is now, with the blame words found at once.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blameWordsIn, unwrap } from '../shared/domain/blameless/blame-words';
import { carryOver, coachNow } from '../shared/domain/blameless/carry-over';
import { coachDeep } from '../shared/domain/blameless/deep-coach';
import { defaultCoachConfig } from '../shared/domain/blameless/rules';
import { realCorpus } from './fixtures/blameless-real-corpus';

const config = defaultCoachConfig;
const sentences = realCorpus.slice(0, 120).map((s) => s.text);
const documents = fc
  .array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 8 })
  .chain((parts) => fc.constant(parts.join('\n')));
const edits = fc.tuple(
  fc.nat(),
  fc.nat({ max: 12 }),
  fc.constantFrom('', ' not', ' human error', ' wrongly', '\n', 'x', 'The engineer forgot it. '),
);

describe('the coach while typing: the last answer carried onto the text now', () => {
  it('gives exactly the structure coach’s answer for the text it was read from', () => {
    const text = sentences.slice(0, 30).join('\n');
    const answer = { text, diagnostics: coachDeep(text, config) };
    expect(answer.diagnostics.length).toBeGreaterThan(3);
    expect(coachNow(text, config, answer)).toEqual(answer.diagnostics);
  });

  it('before the first answer, gives the blame words of the text now', () => {
    const text = 'The outage was human\nerror. The engineer ran the wrong command.';
    expect(coachNow(text, config, null).map((d) => text.slice(d.from, d.to))).toEqual(['human\nerror']);
  });

  it('keeps each finding outside the edit on the same words, drops those the edit touched, and finds blame words at once', () => {
    fc.assert(
      fc.property(documents, edits, (before, [at, cut, insert]) => {
        const from = at % (before.length + 1);
        const to = Math.min(before.length, from + cut);
        const after = before.slice(0, from) + insert + before.slice(to);
        const old = coachDeep(before, config);
        const carried = carryOver(old, before, after);
        for (const d of carried) {
          const source = old.find((o) => o.message === d.message && o.to - o.from === d.to - d.from);
          expect(source).toBeDefined();
          expect(after.slice(d.from, d.to)).toBe(before.slice(source?.from, source?.to));
        }
        // Everything wholly before the edit is kept where it was.
        for (const d of old) if (d.to < from) expect(carried).toContainEqual(d);
        const now = coachNow(after, config, { text: before, diagnostics: old });
        for (const word of blameWordsIn(unwrap(after), config)) expect(now).toContainEqual(word);
        // Once the answer for the new text arrives, it is the whole answer.
        const fresh = coachDeep(after, config);
        expect(coachNow(after, config, { text: after, diagnostics: fresh })).toEqual(fresh);
      }),
      { numRuns: 60, seed: 28 },
    );
  });

  it('moves findings after an edit by what the edit added or removed', () => {
    const before = 'Checkout slowed.\nAn engineer ran the migration on the primary instead of the replica.';
    const old = coachDeep(before, config);
    expect(old.map((d) => before.slice(d.from, d.to))).toEqual(['engineer']);
    const after = `Checkout slowed badly at night.${before.slice('Checkout slowed.'.length)}`;
    const moved = carryOver(old, before, after);
    expect(moved.map((d) => after.slice(d.from, d.to))).toEqual(['engineer']);
    // Typing inside the flagged words drops the finding until the next answer.
    const inside = before.replace('engineer', 'enginxeer');
    expect(carryOver(old, before, inside)).toEqual([]);
  });
});
