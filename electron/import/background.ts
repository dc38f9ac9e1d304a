// Calendar imports off the thread that answers requests (Electron main, `oncall serve`): the
// file is read in a worker thread with a deadline and a memory ceiling, so one hostile file
// costs at most those and never freezes the window or the server. The operation itself (what
// changes, the store's transaction) then runs on this thread as always, with the worker's
// reading at hand (prepared.ts), so nothing in the handlers knows about threads.
//
// The worker is dist/import-worker.cjs beside the bundle that starts it (or in dist/ when the
// sources run under a test runner, after a build). Without one, the calendar is read on this
// thread, still within the parsers' own budgets, as the CLI does.

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { operations } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { OperationTable } from '../operations/table';
import type { AsyncOperations } from '../sync/background';
import { holidayHorizon } from './holidays';
import { importWindow } from './ical';
import { withPrepared, type Prepared, type PreparedOutcome } from './prepared';
import type { ImportJob } from './worker';
import { outsideAsar } from '../worker-file';

export interface ImportWorkerOptions {
  /** The operations' clock (ctx.now), so the worker reads the window the handler will use. */
  now?: () => number;
  /** null: read on this thread. Default: dist/import-worker.cjs, where there is one. */
  workerFile?: string | null;
  /** The longest one calendar may take to read. */
  deadlineMs?: number;
  /** The worker's heap ceiling. */
  maxMemoryMb?: number;
  /** Workers reading at once; more wait their turn. */
  concurrency?: number;
}

export const importDefaults = { deadlineMs: 15_000, maxMemoryMb: 256, concurrency: 2 };

export function defaultImportWorkerFile(dir = __dirname): string | null {
  for (const file of [path.join(dir, 'import-worker.cjs'), path.join(dir, '..', '..', 'dist', 'import-worker.cjs')]) {
    const found = outsideAsar(file);
    if (found) return found;
  }
  return null;
}

type ImportName = 'rotations.import' | 'holidays.import';
const isImport = (name: string): name is ImportName => name === 'rotations.import' || name === 'holidays.import';

export function withImportWorker(
  table: OperationTable,
  inner: AsyncOperations,
  options: ImportWorkerOptions = {},
): AsyncOperations {
  const workerFile = options.workerFile === undefined ? defaultImportWorkerFile() : options.workerFile;
  const now = options.now ?? Date.now;
  const deadlineMs = options.deadlineMs ?? importDefaults.deadlineMs;
  const maxMemoryMb = options.maxMemoryMb ?? importDefaults.maxMemoryMb;
  const concurrency = options.concurrency ?? importDefaults.concurrency;
  let active = 0;
  const waiting: (() => void)[] = [];

  async function turn<T>(work: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  }

  function read(job: ImportJob): Promise<PreparedOutcome> {
    return new Promise((resolve) => {
      const file = job.options.source;
      const worker = new Worker(workerFile as string, {
        workerData: job,
        resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, stackSizeMb: 4 },
      });
      let settled = false;
      const settle = (outcome: PreparedOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
        void worker.terminate();
      };
      const prefix = file ? `${file}: ` : '';
      const timer = setTimeout(
        () =>
          settle({
            ok: false,
            message: `${prefix}reading the calendar took longer than ${deadlineMs / 1000} s; nothing was imported`,
          }),
        deadlineMs,
      );
      worker.on('message', (outcome: PreparedOutcome) => settle(outcome));
      worker.on('error', (error: Error & { code?: string }) =>
        settle({
          ok: false,
          message:
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `${prefix}reading the calendar needed more than ${maxMemoryMb} MB of memory; nothing was imported`
              : `${prefix}the calendar cannot be read (${error.message}); nothing was imported`,
        }),
      );
      worker.on('exit', (code) =>
        settle({ ok: false, message: `${prefix}the calendar reader stopped (exit ${code}); nothing was imported` }),
      );
    });
  }

  async function invokeImport(name: ImportName, input: unknown): Promise<Result<unknown>> {
    const parsed = operations[name].input.safeParse(input ?? {});
    // A bad input fails at once, from the table, and starts no worker.
    if (!parsed.success || !workerFile) return table.invoke(name, input);
    const at = now();
    let prepared: Prepared;
    if (name === 'rotations.import') {
      const value = parsed.data as { ics: string; timeZone: string; fileName?: string };
      const options = { ...importWindow(at), zone: value.timeZone, source: value.fileName };
      const outcome = await turn(() => read({ kind: 'feed', text: value.ics, options }));
      prepared = { kind: 'feed', text: value.ics, zone: value.timeZone, outcome };
    } else {
      const value = parsed.data as { ics: string; fileName?: string };
      const options = { untilDate: holidayHorizon(at), source: value.fileName };
      const outcome = await turn(() => read({ kind: 'holidays', text: value.ics, options }));
      prepared = { kind: 'holidays', text: value.ics, outcome };
    }
    // The table runs synchronously: the prepared reading is there for exactly this one call.
    return withPrepared(prepared, () => table.invoke(name, input));
  }

  return {
    invoke(name, input) {
      if (isImport(name)) return invokeImport(name, input);
      return inner.invoke(name, input);
    },
  };
}
