// A sync in the background of the app (Electron main, `oncall serve`): it runs in a worker
// thread on its own connection to the store, so the window keeps answering while a first import
// of a million pages goes on, and `repo.status` says how far it has got.
//
// The worker is dist/sync-worker.cjs beside the bundle that starts it. Where there is none
// (the sources run under a test runner), the sync runs on this thread, as the CLI's does.

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { operations } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { outsideAsar } from '../worker-file';
import { releaseLeftLock, setThreadSyncing } from './lock';

/** The operation table, as the background sync wraps it. */
export interface Operations {
  invoke: (name: string, input: unknown) => Result<unknown>;
}

export interface AsyncOperations {
  invoke: (name: string, input: unknown) => Promise<Result<unknown>>;
}

/** Messages from the worker. */
export interface WorkerMessage {
  type: 'done';
  result: Result<unknown>;
}

/** What the worker needs to open the same store (see sync-worker.ts). */
export interface WorkerInput {
  dataDir: string;
  /** better-sqlite3's native binding built for Electron, where it is not the default. */
  nativeBinding?: string;
}

export function defaultWorkerFile(): string | null {
  return outsideAsar(path.join(__dirname, 'sync-worker.cjs'));
}

/**
 * The operation table with `repo.sync` run in a worker thread: one sync at a time (a request
 * during one gets the next). `repo.status` says how far it has got (from the sync's
 * lock file, see repository.ts), here as in any other process.
 */
export function withBackgroundSync(
  table: Operations,
  dataDir: string,
  options: { workerFile?: string | null; nativeBinding?: string } = {},
): AsyncOperations {
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  let running: Promise<Result<unknown>> | null = null;
  let queued: Promise<Result<unknown>> | null = null;

  /**
   * One sync at a time. Asked again while one runs (a change made just before "Sync now"): one
   * more sync right after it, shared by everyone who asked meanwhile.
   */
  function run(): Promise<Result<unknown>> {
    if (!running) {
      running = start().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return run();
    });
    return queued;
  }

  function start(): Promise<Result<unknown>> {
    if (!workerFile) return Promise.resolve(table.invoke('repo.sync', {}));
    return new Promise((resolve) => {
      setThreadSyncing(true);
      const worker = new Worker(workerFile, {
        workerData: { dataDir, nativeBinding: options.nativeBinding } satisfies WorkerInput,
      });
      let settled = false;
      const settle = (result: Result<unknown>): void => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'done') settle(message.result);
      });
      worker.on('error', (error) =>
        settle(fail('internal', `The sync stopped unexpectedly (${error.message}); nothing was lost, try again.`)),
      );
      worker.on('exit', (code) => {
        setThreadSyncing(false);
        // A worker that died mid-sync could not let go of its lock.
        if (!settled) releaseLeftLock(dataDir);
        settle(fail('internal', `The sync stopped unexpectedly (exit ${code}); nothing was lost, try again.`));
      });
    });
  }

  return {
    invoke(name, input) {
      if (name !== 'repo.sync') return Promise.resolve(table.invoke(name, input));
      // Checked here, so a bad input fails at once and starts no worker.
      if (!operations['repo.sync'].input.safeParse(input ?? {}).success)
        return Promise.resolve(table.invoke(name, input));
      return run();
    },
  };
}
