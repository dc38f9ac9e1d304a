// The one registration wrapper: every door (preload IPC, loopback server, CLI) calls `invoke`.
// It checks the operation name, parses the input against the contract and turns every outcome
// into a Result with a stable error kind.

import { describeIssue, isOperationName, operations, type OperationName } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';
import { handlers } from './handlers';
import { isWriting, isWritingInSteps } from './writes';
import { getSetting } from '../store/settings';
import { inTurn, isBusy } from '../store/write-turns';

export interface OperationTable {
  invoke: (name: string, input: unknown) => Result<unknown>;
}

export interface TableOptions {
  /**
   * Check every output against its schema too, and that an operation not declared `writes()`
   * changed nothing in the store (tests and development).
   */
  checkOutputs?: boolean;
  /** Where unexpected failures are reported (never to the caller). */
  onInternalError?: (error: unknown, operation: string) => void;
}

export function createOperationTable(ctx: OperationContext, options: TableOptions = {}): OperationTable {
  function run<N extends OperationName>(name: N, input: unknown): Result<unknown> {
    const contract = operations[name];
    const parsed = contract.input.safeParse(input ?? {});
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error, input);
      return fail('invalid_input', field ? `${field}: ${message}` : message, field || undefined);
    }
    const handler = handlers[name] as (c: OperationContext, i: unknown) => unknown;
    // A write runs in one IMMEDIATE transaction that the table opens (writes.ts), taking its turn
    // between the chunks of a long write (write-turns.ts).
    if (isWriting(handler))
      return ok(
        checked(
          contract,
          inTurn(ctx.db, () => handler(ctx, parsed.data)),
        ),
      );
    if (!options.checkOutputs || isWritingInSteps(handler)) return ok(checked(contract, handler(ctx, parsed.data)));
    // Development: a read changes nothing (the first person a new device makes on first use aside).
    const before = changes();
    const hadMe = getSetting(ctx.db, 'me') !== undefined;
    const value = handler(ctx, parsed.data);
    if (changes() !== before && hadMe)
      throw new Error(`${name} wrote to the store but is not declared writes() where it is registered`);
    return ok(checked(contract, value));
  }

  function checked(contract: (typeof operations)[OperationName], value: unknown): unknown {
    if (options.checkOutputs) contract.output.parse(value);
    return value;
  }

  function changes(): number {
    return (ctx.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  return {
    invoke(name, input) {
      if (typeof name !== 'string' || !isOperationName(name)) {
        return fail('unknown_operation', `There is no operation called "${String(name)}".`);
      }
      try {
        return run(name, input);
      } catch (error) {
        if (error instanceof OperationFailure) return fail(error.kind, error.message, error.field);
        if (isBusy(error)) return fail('store_busy', 'The store is busy in another window or terminal; try again.');
        options.onInternalError?.(error, name);
        return fail('internal', `Something went wrong in ${name}; nothing was changed.`);
      }
    },
  };
}
