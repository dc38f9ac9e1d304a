// history.preview and history.apply (docs/import.md): the import itself is electron/import/history.

import { runHistoryImport } from '../import/history/importer';
import type { OperationContext } from './context';
import { writesInSteps } from './writes';
import type { ParsedInput } from '../../shared/contract';

type Input = ParsedInput<'history.apply'>;

export const historyHandlers = {
  'history.preview': (ctx: OperationContext, input: Input) => runHistoryImport(ctx, input, false),
  // Writes in transactions of its own, one per chunk of pages, so other writers are not starved.
  'history.apply': writesInSteps((ctx: OperationContext, input: Input) => runHistoryImport(ctx, input, true)),
};
