// One sync at a time per data directory, across processes and threads (the app's background
// sync, a terminal's `oncall sync`): two would fight over git's index. The lock file also says
// how far the sync has got, for `repo.status` in any process.
//
// A lock is the holder's if it is still there: same machine, same boot, and its process alive —
// or, for this very process, while one of its threads syncs. Anything else (a crash, a reboot, a
// process id reused since) is a lock left behind, and the next sync takes it over.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { OperationFailure } from '../../shared/failure';
import type { Progress, SyncContext } from './context';

interface LockFile extends Progress {
  pid: number;
  host: string;
  /** Which boot of the machine: a lock from before a reboot is left behind (see currentBoot). */
  boot: number | string;
  token: string;
  startedAt: string;
}

export interface SyncLock {
  release: () => void;
  /** Best effort: a progress note that cannot be written never stops the sync. */
  update: (progress: Progress) => void;
}

const lockPath = (dataDir: string): string => path.join(dataDir, 'sync.lock');
/**
 * This boot of the machine: Linux's boot id where there is one, else when the machine booted (ms,
 * to the minute) — which moves when the wall clock is set, so it is only compared within 2 min.
 */
export function currentBoot(): number | string {
  try {
    const id = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (id) return id;
  } catch {
    // not Linux: the boot time below
  }
  // The machine's boot instant: the system clock by definition (a pinned ONCALL_NOW would move it).
  // eslint-disable-next-line no-restricted-syntax
  return Math.round((Date.now() - os.uptime() * 1000) / 60_000) * 60_000;
}

function sameBoot(a: number | string, b: number | string): boolean {
  return typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 120_000 : a === b;
}

/** Counted by the background sync (main thread): its workers running now. */
let threadsSyncing = 0;
export function setThreadSyncing(running: boolean): void {
  threadsSyncing = Math.max(0, threadsSyncing + (running ? 1 : -1));
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function held(lock: LockFile): boolean {
  if (lock.host !== os.hostname() || !sameBoot(lock.boot, currentBoot())) return false;
  // This process: the main thread knows whether its worker syncs; a worker is only started
  // when none does, so a lock naming this process there is one left behind.
  if (lock.pid === process.pid) return isMainThread && threadsSyncing > 0;
  return alive(lock.pid);
}

function readLock(file: string): LockFile | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockFile;
  } catch {
    return null;
  }
}

/** The sync running for this data directory, in any process, and how far it has got. */
export function runningSync(dataDir: string): (Progress & { startedAt: string }) | null {
  const lock = readLock(lockPath(dataDir));
  if (!lock || !held(lock)) return null;
  return { phase: lock.phase, done: lock.done, total: lock.total, startedAt: lock.startedAt };
}

/** Removes a lock this process left (a worker that died before it could). */
export function releaseLeftLock(dataDir: string): void {
  const file = lockPath(dataDir);
  const lock = readLock(file);
  if (lock && lock.pid === process.pid && lock.host === os.hostname()) fs.rmSync(file, { force: true });
}

export function takeSyncLock(ctx: SyncContext): SyncLock {
  const file = lockPath(ctx.dataDir);
  const token = crypto.randomBytes(8).toString('hex');
  const base = {
    pid: process.pid,
    host: os.hostname(),
    boot: currentBoot(),
    token,
    startedAt: new Date(ctx.now()).toISOString(),
  };
  const content = (progress: Progress): string => JSON.stringify({ ...base, ...progress } satisfies LockFile);
  const next = `${file}.${token}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Written whole beside it, then linked into place: there is never a half-written lock, and
    // of two processes only one link succeeds.
    fs.writeFileSync(next, content({ phase: 'fetching', done: 0, total: 1 }));
    try {
      fs.linkSync(next, file);
      fs.rmSync(next, { force: true });
      return {
        release: () => {
          if (readLock(file)?.token === token) fs.rmSync(file, { force: true });
        },
        update: (progress) => {
          try {
            fs.writeFileSync(next, content(progress));
            fs.renameSync(next, file);
          } catch {
            fs.rmSync(next, { force: true });
          }
        },
      };
    } catch (error) {
      fs.rmSync(next, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = readLock(file);
      if (lock && held(lock))
        throw new OperationFailure(
          'store_busy',
          `a sync is already running for this data directory (process ${lock.pid}); try again when it is done`,
        );
      // Left behind: taken over (unless someone else just did).
      if (readLock(file)?.token === lock?.token) fs.rmSync(file, { force: true });
    }
  }
  throw new OperationFailure('store_busy', 'a sync is already running for this data directory; try again');
}
