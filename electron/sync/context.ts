// What sync runs against: the open store and this device's identity. The operation context is
// one of these (sync is below the operations and never imports them).

import type { Database } from 'better-sqlite3';
import type { SyncProgressView } from '../../shared/sync-contract';

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

/** A step of a sync: what it is doing (fetching, reading, …), and how much of it is done. */
export type Progress = Omit<SyncProgressView, 'startedAt'>;
