// The editor's coach while typing (shared/domain/blameless/carry-over.ts): the structure
// coach's last answer carried onto the text as it is now, with the blame words found at once.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blameWordsIn, unwrap } from '../shared/domain/blameless/blame-words';
import { carryOver, coachNow, commonEnds, createCoachNow } from '../shared/domain/blameless/carry-over';
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

  it('remembering paragraphs while typing finds the same blame words as a whole pass (a team’s own words too)', () => {
    const team = { ...defaultCoachConfig, blameWords: ['dropped the ball'] };
    const piece = fc.constantFrom('\n', '\n\n', ' human', ' error', ' dropped the ball', '- ', 'x', '');
    fc.assert(
      fc.property(
        documents,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), piece), { maxLength: 10 }),
        (start, run) => {
          const now = createCoachNow();
          let text = start;
          for (const [at, cut, insert] of run) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(Math.min(text.length, i + cut));
            expect(now(text, team, null)).toEqual(blameWordsIn(unwrap(text), team));
          }
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  it('finds the common start and end of two texts, longer than its compare step too', () => {
    const long = fc.string({ minLength: 0, maxLength: 700 });
    fc.assert(
      fc.property(long, fc.string({ maxLength: 20 }), long, fc.string({ maxLength: 20 }), (head, a, tail, b) => {
        const before = head + a + tail;
        const after = head + b + tail;
        const [start, end] = commonEnds(before, after);
        const shortest = Math.min(before.length, after.length);
        expect(start + end).toBeLessThanOrEqual(shortest);
        expect(before.slice(0, start)).toBe(after.slice(0, start));
        expect(before.slice(before.length - end)).toBe(after.slice(after.length - end));
        // The longest: one more character at the start, or then at the end, would differ.
        if (start < shortest) expect(before[start]).not.toBe(after[start]);
        if (start + end < shortest) expect(before[before.length - 1 - end]).not.toBe(after[after.length - 1 - end]);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
