// Results cross every process boundary as values with a stable error kind, never as throws.

export const errorKinds = [
  'invalid_input',
  'unknown_operation',
  'not_found',
  'unauthorized',
  'store_too_new',
  'store_busy',
  'internal',
  /** A form's save based on a record that changed since it was opened (reapply the edit onto the newer one). */
  'stale',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface OperationError {
  kind: ErrorKind;
  /** One line a person can act on. */
  message: string;
  /** The input field at fault, dotted (e.g. `severity`, `tags.2`), when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: OperationError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: ErrorKind, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { kind, message } : { kind, message, field },
});
