// A record changed on two devices merges field by field against the last synced version. Where
// both changed the same field, the later edit wins (ties: the greater value, so every device
// decides alike) and the other value goes to the conflict log. Delete against edit: the edit
// wins and the record comes back, logged. Nothing is dropped without a trace.

import { formatActionList, replaceSectionBody, sectionPatterns } from '../postmortem/document';
import type { ActionItemFile } from '../postmortem/file';
import { isFeedRotation, sortShifts, type RotationRecord, type TeamRecord } from './format';

export type Flat = Record<string, unknown>;

export interface FieldConflict {
  field: string;
  kept: unknown;
  lost: unknown;
  /** "ours" (this device) or "theirs" (the repository) — whose value was set aside. */
  lostSide: 'ours' | 'theirs';
  restored?: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface MergeOptions {
  /** The field holding the edit time (ISO), compared to pick the later edit. */
  updatedField: string;
  /** The tombstone field (ISO or null). */
  deletedField?: string;
  /** Fields merged by the caller (e.g. a postmortem's text), skipped here. */
  skip?: string[];
}

export function mergeRecord(
  base: Flat | null,
  ours: Flat,
  theirs: Flat | null,
  options: MergeOptions,
): { result: Flat; conflicts: FieldConflict[] } {
  if (!theirs) return { result: ours, conflicts: [] };
  const b = base ?? {};
  const { updatedField, deletedField } = options;
  const oursLater = isOursLater(ours, theirs, updatedField);
  const skip = new Set([updatedField, ...(options.skip ?? [])]);
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  const { result, conflicts } = mergeFields(base, ours, theirs, oursLater, skip);
  for (const key of skip) if (key in ours || key in theirs) result[key] = oursLater ? ours[key] : theirs[key];
  result[updatedField] =
    String(ours[updatedField] ?? '') > String(theirs[updatedField] ?? '') ? ours[updatedField] : theirs[updatedField];

  // Delete against edit: one side deleted, the other changed something else — the edit wins.
  if (deletedField && result[deletedField] && base) {
    const edited = (side: Flat): boolean =>
      keys.some((k) => k !== deletedField && k !== updatedField && !skip.has(k) && !same(side[k], b[k]));
    const oursDeleted = !b[deletedField] && !!ours[deletedField];
    const theirsDeleted = !b[deletedField] && !!theirs[deletedField];
    if ((oursDeleted && !theirsDeleted && edited(theirs)) || (theirsDeleted && !oursDeleted && edited(ours))) {
      conflicts.push({
        field: deletedField,
        kept: null,
        lost: result[deletedField],
        lostSide: oursDeleted ? 'ours' : 'theirs',
        restored: true,
      });
      result[deletedField] = null;
    }
  }
  return { result, conflicts };
}

/** Field by field against the base; where both changed a field, the later side's value stays. */
function mergeFields(
  base: Flat | null,
  ours: Flat,
  theirs: Flat,
  oursLater: boolean,
  skip: Set<string> = new Set(),
): { result: Flat; conflicts: FieldConflict[] } {
  const b = base ?? {};
  const result: Flat = {};
  const conflicts: FieldConflict[] = [];
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    if (skip.has(key)) continue;
    const o = ours[key];
    const t = theirs[key];
    if (same(o, t)) result[key] = o;
    else if (same(o, b[key])) result[key] = t;
    else if (same(t, b[key])) result[key] = o;
    else {
      result[key] = oursLater ? o : t;
      conflicts.push({
        field: key,
        kept: result[key],
        lost: oursLater ? t : o,
        lostSide: oursLater ? 'theirs' : 'ours',
      });
    }
  }
  return { result, conflicts };
}

// ---------------------------------------------------------------- lists of keyed elements

/**
 * Whether this device's version of a record is the later edit (ties: the greater text, so
 * every device decides alike — swapping the sides swaps the answer).
 */
export function isOursLater(ours: Flat, theirs: Flat, updatedField: string): boolean {
  const o = String(ours[updatedField] ?? '');
  const t = String(theirs[updatedField] ?? '');
  return o > t || (o === t && JSON.stringify(ours) >= JSON.stringify(theirs));
}

export interface ListMergeOptions<T> {
  /** The list's field in its record, for the conflict log: `overrides.<id>.reason`. */
  field: string;
  keyOf: (element: T) => string;
  /** Whether this device's record is the later edit (decides where both changed the same thing). */
  oursLater: boolean;
  /** Keep an order (members, action items); otherwise the result is sorted by key. */
  ordered: boolean;
  /** Elements with their own edit time and tombstone (overrides): merged by mergeRecord each. */
  element?: MergeOptions;
}

/**
 * Merges a list of keyed elements three ways against the last synced version, element by
 * element: added on either side → kept; removed on one side and untouched on the other →
 * removed; removed on one side and edited on the other → the edit stays (logged); changed on
 * both → field by field, logging only a field both changed. The order is the three-way merge of
 * the key sequences: one side's reordering is kept, new elements go after their neighbour;
 * where both sides reordered, the later list's order wins and the other is logged.
 * Swapping the sides (and `oursLater`) gives the same list.
 */
export function mergeList<T>(
  base: readonly T[] | null,
  ours: readonly T[],
  theirs: readonly T[],
  options: ListMergeOptions<T>,
): { result: T[]; conflicts: FieldConflict[] } {
  const { keyOf, oursLater, field } = options;
  const index = (list: readonly T[]): Map<string, T> => new Map(list.map((e) => [keyOf(e), e]));
  const b = index(base ?? []);
  const o = index(ours);
  const t = index(theirs);
  const conflicts: FieldConflict[] = [];
  const merged = new Map<string, T>();
  for (const key of new Set([...o.keys(), ...t.keys()])) {
    const mine = o.get(key);
    const their = t.get(key);
    const was = b.get(key);
    if (mine !== undefined && their !== undefined) {
      // A plain value (a handle, a service name) is its own key: present on both sides, it stays.
      if (typeof mine !== 'object' || mine === null) {
        merged.set(key, mine);
        continue;
      }
      const found = options.element
        ? mergeRecord((was ?? null) as Flat | null, mine as Flat, their as Flat, options.element)
        : mergeFields((was ?? null) as Flat | null, mine as Flat, their as Flat, oursLater);
      merged.set(key, found.result as T);
      for (const c of found.conflicts) conflicts.push({ ...c, field: `${field}.${key}.${c.field}` });
      continue;
    }
    const present = (mine ?? their) as T;
    if (was === undefined) {
      merged.set(key, present); // added on one side
    } else if (!same(present, was)) {
      // Removed on one side, edited on the other: the edit stays, and the removal is logged.
      merged.set(key, present);
      conflicts.push({
        field: `${field}.${key}`,
        kept: present,
        lost: null,
        lostSide: mine ? 'theirs' : 'ours',
        restored: true,
      });
    }
    // else: removed on one side, untouched on the other → removed.
  }
  if (!options.ordered) {
    const keys = [...merged.keys()].sort();
    return { result: keys.map((k) => merged.get(k) as T), conflicts };
  }
  const order = mergeOrder(
    (base ?? []).map(keyOf),
    ours.map(keyOf),
    theirs.map(keyOf),
    new Set(merged.keys()),
    oursLater,
  );
  if (order.conflict) conflicts.push({ field: `${field} order`, ...order.conflict });
  return { result: order.keys.map((k) => merged.get(k) as T), conflicts };
}

/** The order of the merged keys (see mergeList). */
function mergeOrder(
  base: string[],
  ours: string[],
  theirs: string[],
  keep: Set<string>,
  oursLater: boolean,
): { keys: string[]; conflict: Omit<FieldConflict, 'field'> | null } {
  // Reordering is judged on the elements all three versions share.
  const shared = new Set(base.filter((k) => ours.includes(k) && theirs.includes(k)));
  const project = (list: string[]): string[] => list.filter((k) => shared.has(k));
  const [pb, po, pt] = [project(base), project(ours), project(theirs)];
  const oursMoved = !same(po, pb);
  const theirsMoved = !same(pt, pb);
  let conflict: Omit<FieldConflict, 'field'> | null = null;
  let skeleton: string[];
  if (oursMoved && theirsMoved && !same(po, pt)) {
    skeleton = oursLater ? po : pt;
    conflict = {
      kept: (oursLater ? ours : theirs).filter((k) => keep.has(k)),
      lost: (oursLater ? theirs : ours).filter((k) => keep.has(k)),
      lostSide: oursLater ? 'theirs' : 'ours',
    };
  } else skeleton = oursMoved ? po : theirsMoved ? pt : pb;
  const keys = skeleton.filter((k) => keep.has(k));
  const placed = new Set(keys);
  // New (or only-one-side) elements go after their nearest placed predecessor in their own
  // list; where both sides added after the same one, the earlier edit's come first (as if
  // appended in time order), so both devices build the same order.
  const [first, second] = oursLater ? [ours, theirs] : [theirs, ours];
  for (const list of [first, second]) {
    let anchor: string | null = null;
    const inserts = new Map<string | null, string[]>();
    for (const key of list) {
      if (!keep.has(key)) continue;
      if (placed.has(key)) {
        anchor = key;
        continue;
      }
      inserts.set(anchor, [...(inserts.get(anchor) ?? []), key]);
      placed.add(key);
    }
    const next: string[] = [...(inserts.get(null) ?? [])];
    for (const key of keys) next.push(key, ...(inserts.get(key) ?? []));
    keys.splice(0, keys.length, ...next);
  }
  // Anything kept but in neither list (cannot happen) would be lost here: keep it at the end.
  for (const key of keep) if (!keys.includes(key)) keys.push(key);
  return { keys, conflict };
}

// ---------------------------------------------------------------- records with lists

const elementWithTimes: MergeOptions = { updatedField: 'updatedAt', deletedField: 'deletedAt' };

/**
 * A rotation changed on both sides: its fields one by one, its lists element by element —
 * members by handle (in order), overrides by id (each with its own edit time and tombstone),
 * a feed's shifts by key. A rotation that is rules on one side and a feed on the other cannot
 * be mixed: the later one stays whole, the other is logged.
 */
export function mergeRotation(
  base: RotationRecord | null,
  ours: RotationRecord,
  theirs: RotationRecord | null,
): { result: RotationRecord; conflicts: FieldConflict[] } {
  if (!theirs) return { result: ours, conflicts: [] };
  const oursLater = isOursLater(ours as unknown as Flat, theirs as unknown as Flat, 'updatedAt');
  if (isFeedRotation(ours) !== isFeedRotation(theirs)) {
    const [kept, lost] = oursLater ? [ours, theirs] : [theirs, ours];
    return {
      result: kept,
      conflicts: [{ field: 'kind', kept, lost, lostSide: oursLater ? 'theirs' : 'ours' }],
    };
  }
  const b = base && isFeedRotation(base) === isFeedRotation(ours) ? base : null;
  const lists = isFeedRotation(ours) ? ['overrides', 'shifts'] : ['overrides', 'members'];
  const { result, conflicts } = mergeRecord(
    b as unknown as Flat | null,
    ours as unknown as Flat,
    theirs as unknown as Flat,
    {
      updatedField: 'updatedAt',
      skip: lists,
    },
  );
  const overrides = mergeList(b?.overrides ?? null, ours.overrides, theirs.overrides, {
    field: 'overrides',
    keyOf: (o) => o.id,
    oursLater,
    ordered: false,
    element: elementWithTimes,
  });
  result.overrides = overrides.result;
  conflicts.push(...overrides.conflicts);
  if (isFeedRotation(ours) && isFeedRotation(theirs)) {
    const shifts = mergeList(b && isFeedRotation(b) ? b.shifts : null, ours.shifts, theirs.shifts, {
      field: 'shifts',
      keyOf: (s) => s.key,
      oursLater,
      ordered: false,
    });
    result.shifts = sortShifts(shifts.result);
    conflicts.push(...shifts.conflicts);
  } else if (!isFeedRotation(ours) && !isFeedRotation(theirs)) {
    const members = mergeList(b && !isFeedRotation(b) ? b.members : null, ours.members, theirs.members, {
      field: 'members',
      keyOf: (m) => m.handle,
      oursLater,
      ordered: true,
    });
    // Every member removed on both sides at once: a rotation needs someone, keep the later list.
    result.members = members.result.length > 0 ? members.result : (oursLater ? ours : theirs).members;
    conflicts.push(...members.conflicts);
  }
  return { result: result as unknown as RotationRecord, conflicts };
}

/**
 * A team: its fields field by field, its people and services as sets (one device adding Cy while
 * another adds a service, or removes Bo, keeps both changes).
 */
export function mergeTeam(
  base: TeamRecord | null,
  ours: TeamRecord,
  theirs: TeamRecord | null,
): { result: TeamRecord; conflicts: FieldConflict[] } {
  if (!theirs) return { result: ours, conflicts: [] };
  const oursLater = isOursLater(ours as unknown as Flat, theirs as unknown as Flat, 'updatedAt');
  const { result, conflicts } = mergeRecord(
    base as unknown as Flat | null,
    ours as unknown as Flat,
    theirs as unknown as Flat,
    { updatedField: 'updatedAt', skip: ['people', 'services'] },
  );
  for (const field of ['people', 'services'] as const) {
    const merged = mergeList(base?.[field] ?? null, ours[field], theirs[field], {
      field,
      keyOf: (v) => v,
      oursLater,
      ordered: false,
    });
    result[field] = merged.result;
    conflicts.push(...merged.conflicts);
  }
  return { result: result as unknown as TeamRecord, conflicts };
}

/**
 * A postmortem's action items (front matter), element by element by id, in order. The
 * postmortem's own edit time (`updated`) decides where both changed the same field of one item.
 */
export function mergeActionItems(
  base: readonly ActionItemFile[] | null,
  ours: readonly ActionItemFile[],
  theirs: readonly ActionItemFile[],
  oursLater: boolean,
): { result: ActionItemFile[]; conflicts: FieldConflict[] } {
  return mergeList(base, ours, theirs, { field: 'actionItems', keyOf: (a) => a.id, oursLater, ordered: true });
}

/**
 * A postmortem's text with its action section showing `merged` — only where that section is the
 * list of its own items as the app writes it; a section written by hand is left as it is.
 */
export function mirrorActionItems(
  body: string,
  own: readonly ActionItemFile[],
  merged: readonly ActionItemFile[],
): string {
  if (replaceSectionBody(body, sectionPatterns.actions, formatActionList([...own])) !== body) return body;
  return replaceSectionBody(body, sectionPatterns.actions, formatActionList([...merged]));
}
