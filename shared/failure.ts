// A failure reported on purpose, with a stable kind (see result.ts): thrown by operations, the
// store and sync alike, and turned into a Result by the operation table.

import type { ErrorKind } from './result';

export class OperationFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OperationFailure';
  }
}

export const notFound = (what: string, id: string, field = 'id'): OperationFailure =>
  new OperationFailure('not_found', `${field}: no ${what} with id ${id}`, field);
