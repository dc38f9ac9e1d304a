// Opens a data directory for use: the store, this device's identity and the operation table.
// The desktop app, `oncall serve` and the CLI all start here.

import os from 'node:os';
import { createOperationTable, type OperationTable, type TableOptions } from './operations/table';
import { deviceIdOf, newId, type OperationContext } from './operations/context';
import { openStore, storePath, type OpenOptions } from './store/db';
import { version } from './version';

export interface Workstation {
  ctx: OperationContext;
  table: OperationTable;
  close: () => void;
}

export interface WorkstationOptions extends OpenOptions, TableOptions {
  now?: () => number;
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
    now: options.now ?? Date.now,
    newId,
    defaults: { userName: userName(), timeZone: systemTimeZone() },
  };
  return { ctx, table: createOperationTable(ctx, options), close: () => db.close() };
}
