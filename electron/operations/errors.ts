// A failure an operation reports on purpose, with a stable kind (see shared/result.ts). Declared
// in shared/failure.ts, below the store and sync, which throw it too.

export { notFound, OperationFailure } from '../../shared/failure';
