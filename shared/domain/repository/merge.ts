// A record changed on two devices merges field by field against the last synced version. Where
// both changed the same field, the later edit wins (ties: the greater value, so every device
// decides alike) and the other value goes to the conflict log. Delete against edit: the edit
// wins and the record comes back, logged. Nothing is dropped without a trace.

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
  const oursLater =
    String(ours[updatedField] ?? '') > String(theirs[updatedField] ?? '') ||
    (ours[updatedField] === theirs[updatedField] && JSON.stringify(ours) >= JSON.stringify(theirs));
  const result: Flat = {};
  const conflicts: FieldConflict[] = [];
  const skip = new Set([updatedField, ...(options.skip ?? [])]);
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  for (const key of keys) {
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
