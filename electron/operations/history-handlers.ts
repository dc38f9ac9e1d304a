// history.preview and history.apply (docs/import.md): the import itself is electron/import/history.
// The live pull's operations run in the app and `oncall serve` (electron/import/history/pull-door.ts
// answers them there, outside this synchronous table); here, in the CLI's table, they say so.

import { runHistoryImport, type HistoryImportInput } from '../import/history/importer';
import { pulledFilePath, stoppedPulls } from '../import/history/pull-range';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';
import { writesInSteps } from './writes';
import type { ParsedInput } from '../../shared/contract';

type Input = ParsedInput<'history.apply'>;

/** Files a pull saved (`{pull, name}`) as the paths in this data directory they are at. */
function withPulledPaths(ctx: OperationContext, input: Input): HistoryImportInput {
  return {
    ...input,
    files: input.files.map((file) =>
      'pull' in file ? { name: file.name, path: pulledFilePath(ctx.dataDir, file.pull, file.name) } : file,
    ),
  };
}

const pullsElsewhere = (): OperationFailure =>
  new OperationFailure(
    'invalid_input',
    'a live pull runs in the app or `oncall serve`; from a terminal: oncall import PLATFORM --api --since DATE',
  );

export const historyHandlers = {
  'history.preview': (ctx: OperationContext, input: Input) => runHistoryImport(ctx, withPulledPaths(ctx, input), false),
  // Writes in transactions of its own, one per chunk of pages, so other writers are not starved.
  'history.apply': writesInSteps((ctx: OperationContext, input: Input) =>
    runHistoryImport(ctx, withPulledPaths(ctx, input), true),
  ),
  'history.pull': (): never => {
    throw pullsElsewhere();
  },
  'history.pullStatus': (ctx: OperationContext) => ({
    keychain: { available: false, note: 'the CLI reads the token from an environment variable (--token-env)' },
    remembered: [],
    running: null,
    stopped: stoppedPulls(ctx.dataDir),
  }),
  'history.pullCancel': () => ({ cancelled: false }),
  'history.forgetToken': (): never => {
    throw pullsElsewhere();
  },
};
