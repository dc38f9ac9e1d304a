// What sync runs against: the open store and this device's identity. The operation context is
// one of these (sync is below the operations and never imports them).

import type { Database } from 'better-sqlite3';

export interface SyncContext {
  db: Database;
  dataDir: string;
  deviceId: string;
  now: () => number;
  newId: () => string;
  /** Fallbacks for the first person on a new device. */
  defaults: { userName: string; timeZone: string };
  /** Where a sync reports how far it has got; optional. */
  onProgress?: (progress: Progress) => void;
}

/** A step of a sync: what it is doing, and how much of it is done. */
export interface Progress {
  phase: 'fetching' | 'reading' | 'merging' | 'importing' | 'writing' | 'pushing';
  done: number;
  total: number;
}
