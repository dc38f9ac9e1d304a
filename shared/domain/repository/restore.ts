// Putting a set-aside value back (Review conflicts → Restore this): the record with one field
// changed — a field of its own ("name", "timeZone") or of one element of a list
// ("overrides.<id>.reason", "members.<handle>.until", "shifts.<key>.person"), or a list's order
// ("members order", "actionItems order": the keys in the order set aside).

/** A record's lists by name → the field that keys their elements (`overrides: 'id'`); each kind says its own. */
export type ListKeys = Readonly<Record<string, string>>;

/**
 * The record with `field` set to `value`, or null where the field names nothing there now (the
 * element was removed since). A list element's key may hold dots (a calendar's UID): the list is
 * the first part, the field the last, the key what lies between.
 */
export function withField<R extends object>(
  record: R,
  field: string,
  value: unknown,
  listKeys: ListKeys = {},
  now?: string,
): R | null {
  const order = /^([A-Za-z]+) order$/.exec(field);
  if (order) return withOrder(record, order[1] ?? '', value, listKeys);
  const parts = field.split('.');
  if (parts.length === 1) return field in record ? { ...record, [field]: value } : null;
  const list = parts[0] ?? '';
  const name = parts[parts.length - 1] ?? '';
  const key = parts.slice(1, -1).join('.');
  const keyName = listKeys[list];
  const items = (record as Record<string, unknown>)[list];
  if (!keyName || !key || !Array.isArray(items)) return null;
  const at = items.findIndex((e) => (e as Record<string, unknown>)[keyName] === key);
  const item = items[at] as Record<string, unknown> | undefined;
  if (!item || !(name in item)) return null;
  const next = [...items];
  // An element with its own edit time (a holiday, an override) is edited now: the restore is a
  // new edit, as later as any it might meet in the next merge.
  next[at] = {
    ...item,
    [name]: value,
    ...(now && 'updatedAt' in item && name !== 'updatedAt' ? { updatedAt: now } : {}),
  };
  return { ...record, [list]: next };
}

/**
 * The record with a list put in the order `keys` names (the order set aside). Elements added since
 * (not in it) keep their place after the one they followed; elements removed since stay removed.
 * Null where the record has no such list or `keys` is not a list of keys.
 */
export function withOrder<R extends object>(record: R, list: string, keys: unknown, listKeys: ListKeys = {}): R | null {
  const keyName = listKeys[list];
  const items = (record as Record<string, unknown>)[list];
  if (!Array.isArray(items) || !Array.isArray(keys)) return null;
  const keyOf = (e: unknown): string =>
    keyName ? String((e as Record<string, unknown>)[keyName]) : typeof e === 'string' ? e : JSON.stringify(e);
  const wanted = keys.map(String);
  const byKey = new Map(items.map((e) => [keyOf(e), e as unknown]));
  const next: unknown[] = wanted.filter((k) => byKey.has(k)).map((k) => byKey.get(k));
  // Elements the set-aside order does not know: after the element they follow now.
  const known = new Set(wanted);
  for (const [at, item] of items.entries()) {
    if (known.has(keyOf(item))) continue;
    const before = at > 0 ? items[at - 1] : undefined;
    const where = before === undefined ? -1 : next.indexOf(before);
    next.splice(where + 1, 0, item);
  }
  return { ...record, [list]: next };
}
