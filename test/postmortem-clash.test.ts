// Two versions of a postmortem whose lines clashed in a sync: the sections that differ, and
// taking one section from the other version (what the editor's "Changed on two devices" offers).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clashingSections, takeSection } from '../shared/domain/postmortem/clash';

const mine = [
  '## What Happened\n\nline one\n\nline two (Bo)\n\n',
  '## Why It Happened\n\nbecause one\n\n',
  '## What Teams Are Changing\n\n- [ ] add a pool alarm\n',
].join('');
const other = [
  '## What Happened\n\nline one\n\nline two (Ann)\n\n',
  '## Why It Happened\n\nbecause one\nbecause two (Ann)\n\n',
  '## Lessons\n\nsmall pools hide load\n\n',
  '## What Teams Are Changing\n\n- [ ] add a pool alarm\n',
].join('');

describe('a postmortem text clash', () => {
  it('lists the sections that differ, in the editor’s order, then those only the other version has', () => {
    expect(clashingSections(mine, other)).toEqual([
      {
        title: 'What Happened',
        occurrence: 0,
        mine: '\nline one\n\nline two (Bo)\n\n',
        other: '\nline one\n\nline two (Ann)\n\n',
      },
      {
        title: 'Why It Happened',
        occurrence: 0,
        mine: '\nbecause one\n\n',
        other: '\nbecause one\nbecause two (Ann)\n\n',
      },
      { title: 'Lessons', occurrence: 0, mine: null, other: '\nsmall pools hide load\n\n' },
    ]);
    expect(clashingSections(mine, mine)).toEqual([]);
  });

  it('takes one section from the other version and leaves the rest as it is', () => {
    const why = takeSection(mine, other, { title: 'Why It Happened', occurrence: 0 });
    expect(why).toBe(mine.replace('because one\n\n', 'because one\nbecause two (Ann)\n\n'));
    expect(clashingSections(why, other).map((c) => c.title)).toEqual(['What Happened', 'Lessons']);
    // A section only the other version has goes where it stands there: after Why It Happened.
    const lessons = takeSection(why, other, { title: 'Lessons', occurrence: 0 });
    expect(lessons).toBe(
      why.replace('## What Teams Are Changing', '## Lessons\n\nsmall pools hide load\n\n## What Teams Are Changing'),
    );
    // Taking the last one makes the two the same.
    const all = takeSection(lessons, other, { title: 'What Happened', occurrence: 0 });
    expect(all).toBe(other);
    expect(clashingSections(all, other)).toEqual([]);
    // A section only the editor's text has: taking the other version removes it.
    expect(takeSection(other + '## Extra\n\nx\n', other, { title: 'Extra', occurrence: 0 })).toBe(other);
  });

  it('a taken section without a final line break does not swallow the heading after it', () => {
    const editor = '## What Happened\n\nhere\n\n## Lessons\n\nkeep me\n';
    const laptop = '## What Happened\n\nnotes from laptop';
    const taken = takeSection(editor, laptop, { title: 'What Happened', occurrence: 0 });
    expect(taken).toBe('## What Happened\n\nnotes from laptop\n## Lessons\n\nkeep me\n');
    expect(clashingSections(taken, laptop).map((c) => c.title)).toEqual(['Lessons']);
    // A section only the other version has, added before one of the editor's.
    const added = takeSection('## Lessons\n\nkeep me\n', '## Notes\n\nlast line', { title: 'Notes', occurrence: 0 });
    expect(added).toContain('## Lessons\n\nkeep me\n');
    expect(added).toContain('last line');
  });

  it('taking every clashing section, in any order, gives the other version (property)', () => {
    const section = fc.record({
      title: fc.constantFrom('What Happened', 'Why It Happened', 'Lessons', 'What Teams Are Changing', 'Notes'),
      body: fc.array(fc.constantFrom('a', 'b', 'because c', '- [ ] d', ''), { maxLength: 4 }),
    });
    const doc = fc
      .uniqueArray(section, { selector: (s) => s.title, maxLength: 5 })
      .map((list) => list.map((s) => `## ${s.title}\n\n${s.body.join('\n')}\n`).join(''));
    fc.assert(
      fc.property(doc, doc, fc.boolean(), fc.boolean(), fc.infiniteStream(fc.nat()), (a0, b0, cutA, cutB, picks) => {
        // Either text may stop without a final line break.
        const a = cutA ? a0.replace(/\n$/, '') : a0;
        const b = cutB ? b0.replace(/\n$/, '') : b0;
        let text = a;
        for (let guard = 0; guard < 20; guard += 1) {
          const clashes = clashingSections(text, b);
          if (clashes.length === 0) break;
          const pick = clashes[(picks.next().value as number) % clashes.length];
          if (pick) text = takeSection(text, b, pick);
        }
        expect(clashingSections(text, b)).toEqual([]);
        // Same sections with the same text (the order may differ where the editor's text had its own).
        const parts = (t: string): string[] =>
          t
            .split(/(?=^## )/m)
            .map((p) => p.replace(/\n$/, ''))
            .sort();
        expect(parts(text)).toEqual(parts(b));
        // No heading was swallowed: every heading still starts its own line.
        expect(text.match(/^## /gm)?.length ?? 0).toBe(b.match(/^## /gm)?.length ?? 0);
      }),
      { numRuns: 300 },
    );
  });
});
