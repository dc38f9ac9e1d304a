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
