// Opens a data directory for use: the store, this device's identity and the operation table.
// The desktop app, `oncall serve` and the CLI all start here.

import os from 'node:os';
import { createOperationTable, type OperationTable, type TableOptions } from './operations/table';
import { deviceIdOf, newId, type OperationContext } from './operations/context';
import { openStore, storePath, type OpenOptions } from './store/db';
import { clockFromEnvironment } from './clock';
import { version } from './version';

export interface Workstation {
  ctx: OperationContext;
  table: OperationTable;
  close: () => void;
}

export interface WorkstationOptions extends OpenOptions, TableOptions {
  /** Where "now" comes from; by default the system clock, or the one ONCALL_NOW pins (clock.ts). */
  now?: () => number;
  /** The zone a new device's first person gets; by default the system's. */
  timeZone?: string;
}

function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'me';
  }
}

export function openWorkstation(dataDir: string, options: WorkstationOptions = {}): Workstation {
  const db = openStore(storePath(dataDir), options);
  const ctx: OperationContext = {
    db,
    dataDir,
    deviceId: deviceIdOf(db),
    version,
    now: options.now ?? clockFromEnvironment(),
    newId,
    defaults: { userName: userName(), timeZone: options.timeZone ?? systemTimeZone() },
  };
  return { ctx, table: createOperationTable(ctx, options), close: () => db.close() };
}
