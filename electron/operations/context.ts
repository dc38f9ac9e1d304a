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

// Random bytes drawn 4 KiB at a time: uuid's own source asks Web Crypto for 16 bytes per id,
// which was ~8 µs an id — 8 s of a 1M-page import.
const pool = new Uint8Array(4096);
let poolAt = pool.length;
/** As uuid keeps it: ids made in the same millisecond count on from a random start, so they sort in order. */
const clock = { msecs: -Infinity, seq: 0 };

export function newId(): string {
  if (poolAt + 16 > pool.length) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.subarray(poolAt, (poolAt += 16));
  // An id's time part orders ids as uuid v7 does: the machine's clock, not the workstation's "now".
  // eslint-disable-next-line no-restricted-syntax
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    // 31 random bits, the top one clear, so the count has room to go on within the millisecond.
    clock.seq = ((random[6]! << 23) | (random[7]! << 15) | (random[8]! << 7) | (random[9]! >> 1)) & 0x7fffffff;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  return uuidv7({ random, msecs: clock.msecs, seq: clock.seq });
}
