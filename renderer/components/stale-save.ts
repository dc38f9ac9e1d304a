// A form's save refused as `stale` (the record changed elsewhere after the form opened: another
// window, the CLI, a teammate's edit arriving by sync). Every form a person edits (page, incident,
// action item, rotation) uses this one hook: the save says which version it was based on, a
// refusal shows the same clear message, and "Reapply my edit" sends only the fields this person
// changed onto the newer record — so the other change stays, and nothing is saved over it unseen.

import { useState } from 'react';
import { ApiError } from '../api';

/** Whether `value` (as the form would send it) is the value the record had (`was`). */
function sameValue(value: unknown, was: unknown): boolean {
  return (
    JSON.stringify(value ?? null) === JSON.stringify(was ?? null) ||
    // Times go as instants: the same moment written another way is no change.
    (typeof value === 'string' &&
      typeof was === 'string' &&
      /\dT\d/.test(value) &&
      Date.parse(value) === Date.parse(was))
  );
}

/**
 * The fields of `edit` whose value differs from the record as the form opened it (`opened`, in
 * the same shape); `same` says when a field's value counts as unchanged for a form's own reasons.
 */
export function changedOnly<P extends Record<string, unknown>>(
  edit: P,
  opened: object,
  same?: (key: string, value: unknown, was: unknown) => boolean,
): Partial<P> {
  const before = opened as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edit)) {
    if (!(sameValue(value, before[key]) || same?.(key, value, before[key]))) out[key] = value;
  }
  return out as Partial<P>;
}

/** The message a refused save shows, for a record called `noun` ("page", "incident"…). */
export function staleMessage(noun: string): string {
  return (
    `This ${noun} was changed elsewhere after you opened it, so your edit was not saved over it. ` +
    `Reapply it onto the newer ${noun} (only the fields you changed go again).`
  );
}

export interface StaleSave<R> {
  /** The newer record after a refusal; null until then (and after a reset). */
  newer: R | null;
  /** The `baseUpdatedAt` of the next save: the newer record's once refused, else the opened one's. */
  base: (opened: { updatedAt?: string }) => string | undefined;
  /** What the next save sends: all of `edit`, or after a refusal only what changed since `opened`. */
  edit: <P extends Record<string, unknown>>(
    edit: P,
    opened: object,
    same?: (key: string, value: unknown, was: unknown) => boolean,
  ) => Partial<P>;
  /**
   * A save's failure: when it is `stale`, reads the newer record and returns the message to
   * show; anything else returns null (the form shows it as it would).
   */
  refused: (caught: unknown, readNewer: () => Promise<R | undefined>) => Promise<string | null>;
  /** The save button's words: "Reapply my edit" once refused. */
  label: (save: string) => string;
  reset: () => void;
}

export function useStaleSave<R extends { updatedAt?: string }>(noun: string): StaleSave<R> {
  const [newer, setNewer] = useState<R | null>(null);
  return {
    newer,
    base: (opened) => (newer ?? opened).updatedAt,
    edit: (edit, opened, same) => (newer ? changedOnly(edit, opened, same) : edit),
    refused: async (caught, readNewer) => {
      if (!(caught instanceof ApiError) || caught.error.kind !== 'stale') return null;
      setNewer((await readNewer()) ?? null);
      return staleMessage(noun);
    },
    label: (save) => (newer ? 'Reapply my edit' : save),
    reset: () => setNewer(null),
  };
}
