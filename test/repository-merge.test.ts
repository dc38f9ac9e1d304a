// The pure list merge behind git sync (shared/domain/repository/merge.ts): lists of keyed
// elements merged three ways, element by element — properties over random lists (fast-check).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeList, type FieldConflict, type ListMergeOptions } from '../shared/domain/repository/merge';

interface Item {
  id: string;
  x: number;
  y: number;
}

const item: fc.Arbitrary<Item> = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  x: fc.integer({ min: 0, max: 2 }),
  y: fc.integer({ min: 0, max: 2 }),
});
const list = fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 6 });
/** A version of the base: often the base itself, else a list of its own (edits, adds, removals, moves). */
const versionOf = (base: Item[]): fc.Arbitrary<Item[]> =>
  fc.oneof(
    fc.constant(base),
    list,
    fc.shuffledSubarray(base).map((kept) => kept.map((i) => ({ ...i }))),
    fc
      .array(fc.integer({ min: 0, max: 2 }), { minLength: base.length, maxLength: base.length })
      .map((xs) => base.map((i, n) => ({ ...i, x: xs[n] ?? i.x }))),
  );
const three = list.chain((base) => fc.tuple(fc.constant(base), versionOf(base), versionOf(base), fc.boolean()));

const options = (oursLater: boolean, ordered: boolean): ListMergeOptions<Item> => ({
  field: 'items',
  keyOf: (i) => i.id,
  oursLater,
  ordered,
});
const flip = (c: FieldConflict): FieldConflict => ({ ...c, lostSide: c.lostSide === 'ours' ? 'theirs' : 'ours' });
const byField = (a: FieldConflict, b: FieldConflict): number => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('merging lists element by element', () => {
  it('gives the same list whichever device runs it (sides and "later" swapped)', () => {
    fc.assert(
      fc.property(three, fc.boolean(), ([base, ours, theirs, later], ordered) => {
        const here = mergeList(base, ours, theirs, options(later, ordered));
        const there = mergeList(base, theirs, ours, options(!later, ordered));
        expect(there.result).toEqual(here.result);
        expect(there.conflicts.map(flip).sort(byField)).toEqual([...here.conflicts].sort(byField));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops nothing present on either side unless one side removed it and the other left it untouched', () => {
    fc.assert(
      fc.property(three, fc.boolean(), ([base, ours, theirs, later], ordered) => {
        const { result } = mergeList(base, ours, theirs, options(later, ordered));
        const keys = result.map((i) => i.id);
        expect(new Set(keys).size).toBe(keys.length);
        const find = (l: Item[], id: string) => l.find((i) => i.id === id);
        for (const id of new Set([...ours, ...theirs].map((i) => i.id))) {
          const o = find(ours, id);
          const t = find(theirs, id);
          const b = find(base, id);
          const removedUntouched = b !== undefined && (o === undefined || t === undefined) && same(o ?? t, b);
          expect(keys.includes(id)).toBe(!removedUntouched);
        }
        for (const id of keys) expect(find(ours, id) ?? find(theirs, id)).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('takes one side whole when the other did not change, and logs a conflict only where both changed the same thing', () => {
    fc.assert(
      fc.property(three, fc.boolean(), ([base, ours, theirs, later], ordered) => {
        const sorted = (l: Item[]) => (ordered ? l : [...l].sort((a, b) => (a.id < b.id ? -1 : 1)));
        const mine = mergeList(base, base, theirs, options(later, ordered));
        expect(mine.result).toEqual(sorted(theirs));
        expect(mine.conflicts).toEqual([]);
        const both = mergeList(base, ours, ours, options(later, ordered));
        expect(both.result).toEqual(sorted(ours));
        expect(both.conflicts).toEqual([]);

        const { conflicts } = mergeList(base, ours, theirs, options(later, ordered));
        const find = (l: Item[], id: string) => l.find((i) => i.id === id);
        for (const c of conflicts) {
          const [, id = '', field] = c.field.split(/[. ]/);
          if (c.field === 'items order') continue;
          const [b, o, t] = [find(base, id), find(ours, id), find(theirs, id)];
          if (field === undefined) {
            // Removed on one side, edited on the other.
            expect(b).toBeDefined();
            expect(o === undefined || t === undefined).toBe(true);
            expect(same(o ?? t, b)).toBe(false);
          } else {
            const value = (i: Item | undefined) => (i as Record<string, unknown> | undefined)?.[field];
            expect(same(value(o), value(b))).toBe(false);
            expect(same(value(t), value(b))).toBe(false);
            expect(same(value(o), value(t))).toBe(false);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps one side’s new order, puts additions after their neighbour, and logs two different reorderings', () => {
    const ids = (...keys: string[]) => keys.map((id) => ({ id, x: 0, y: 0 }));
    const merge = (b: Item[], o: Item[], t: Item[], later = true) => mergeList(b, o, t, options(later, true));
    const order = (r: { result: Item[] }) => r.result.map((i) => i.id).join('');
    // d was added after c (the turn after c's), and stays after c where c moved.
    expect(order(merge(ids('a', 'b', 'c'), ids('c', 'a', 'b'), ids('a', 'b', 'c', 'd')))).toBe('cdab');
    expect(order(merge(ids('a', 'b', 'c'), ids('a', 'x', 'b', 'c'), ids('a', 'b', 'y', 'c'), false))).toBe('axbyc');
    const both = merge(ids('a', 'b', 'c'), ids('c', 'b', 'a'), ids('b', 'a', 'c'), false);
    expect(order(both)).toBe('bac');
    expect(both.conflicts).toEqual([
      { field: 'items order', kept: ['b', 'a', 'c'], lost: ['c', 'b', 'a'], lostSide: 'ours' },
    ]);
    // Both made the same move: no conflict.
    expect(merge(ids('a', 'b'), ids('b', 'a'), ids('b', 'a')).conflicts).toEqual([]);
  });

  it('elements with their own edit time and tombstone merge by it; an edit beats a removal', () => {
    interface Cover {
      id: string;
      reason: string;
      updatedAt: string;
      deletedAt: string | null;
    }
    const opts = (oursLater: boolean): ListMergeOptions<Cover> => ({
      field: 'overrides',
      keyOf: (o) => o.id,
      oursLater,
      ordered: false,
      element: { updatedField: 'updatedAt', deletedField: 'deletedAt' },
    });
    const base: Cover[] = [{ id: 'o1', reason: 'swap', updatedAt: '2026-11-01T00:00:00.000Z', deletedAt: null }];
    const ours: Cover[] = [{ id: 'o1', reason: 'swap (Ann)', updatedAt: '2026-11-03T00:00:00.000Z', deletedAt: null }];
    const theirs: Cover[] = [{ id: 'o1', reason: 'swap (Bo)', updatedAt: '2026-11-02T00:00:00.000Z', deletedAt: null }];
    // The element's own times decide, whichever record is later.
    const merged = mergeList(base, ours, theirs, opts(false));
    expect(merged.result[0]?.reason).toBe('swap (Ann)');
    expect(merged.conflicts).toEqual([
      { field: 'overrides.o1.reason', kept: 'swap (Ann)', lost: 'swap (Bo)', lostSide: 'theirs' },
    ]);
    const removed: Cover[] = [
      { ...base[0], updatedAt: '2026-11-04T00:00:00.000Z', deletedAt: '2026-11-04T00:00:00.000Z' } as Cover,
    ];
    const back = mergeList(base, ours, removed, opts(false));
    expect(back.result[0]).toMatchObject({ reason: 'swap (Ann)', deletedAt: null });
    expect(back.conflicts).toMatchObject([{ field: 'overrides.o1.deletedAt', restored: true }]);
  });
});

describe('a list of plain values (a team’s people, its services)', () => {
  it('merges as a set: adds and removals from both sides, values left whole', () => {
    const options = { field: 'people', keyOf: (v: string) => v, oursLater: true, ordered: false };
    const merged = mergeList(['ann', 'bo'], ['bo', 'cy'], ['ann', 'bo', 'dy'], options);
    expect(merged).toEqual({ result: ['bo', 'cy', 'dy'], conflicts: [] });
    fc.assert(
      fc.property(fc.uniqueArray(fc.string()), fc.uniqueArray(fc.string()), fc.uniqueArray(fc.string()), (b, o, t) => {
        const a = mergeList(b, o, t, options).result;
        return (
          a.every((v) => typeof v === 'string' && (o.includes(v) || t.includes(v))) &&
          JSON.stringify(a) === JSON.stringify(mergeList(b, t, o, { ...options, oursLater: false }).result)
        );
      }),
    );
  });
});
