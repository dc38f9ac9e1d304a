// A failure an operation reports on purpose, with a stable kind (see shared/result.ts).

import type { ErrorKind } from '../../shared/result';

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
