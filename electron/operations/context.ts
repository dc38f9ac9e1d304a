// What every operation runs against: the open store and this device's identity.

import type { Database } from 'better-sqlite3';
import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { getSetting, setSetting } from '../store/settings';

export interface OperationContext {
  db: Database;
  dataDir: string;
  deviceId: string;
  version: string;
  now: () => number;
  newId: () => string;
  /** Fallbacks for the first person on a new device. */
  defaults: { userName: string; timeZone: string };
  /** Where a long operation (a sync) reports how far it has got; optional. */
  onProgress?: (progress: Progress) => void;
}

/** A step of a long operation: what it is doing, and how much of it is done. */
export interface Progress {
  phase: 'fetching' | 'reading' | 'merging' | 'importing' | 'writing' | 'pushing';
  done: number;
  total: number;
}

export function deviceIdOf(db: Database): string {
  let deviceId = getSetting(db, 'device_id');
  if (!deviceId) {
    deviceId = crypto.randomUUID();
    setSetting(db, 'device_id', deviceId);
  }
  return deviceId;
}

export function newId(): string {
  return uuidv7();
}
