// Opens the store: one SQLite file per data directory, shared safely by the desktop app, the
// loopback server and the CLI (WAL + busy timeout). Migrates forward, refuses newer stores.

import BetterSqlite3, { type Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { latestVersion, migrations, type Migration } from './migrations';
import { registerStoreFunctions } from './rollups';
import { healPendingRebuild } from './bulk-pages';

export const storeFileName = 'oncall.db';

export class StoreTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly storeVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The store ${file} was written by a newer version of On-call Workstation (schema ${storeVersion}; this app knows up to ${appVersion}). Update the app; the file was left untouched.`,
    );
    this.name = 'StoreTooNewError';
  }
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron uses its own build). */
  nativeBinding?: string;
  /** Migrations to apply; tests pass a prefix to build stores of earlier versions. */
  migrations?: Migration[];
}

export function storePath(dataDir: string): string {
  return path.join(dataDir, storeFileName);
}

function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function openStore(file: string, options: OpenOptions = {}): Database {
  const toApply = options.migrations ?? migrations;
  const target = toApply[toApply.length - 1]?.version ?? 0;
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const existed = fs.existsSync(file);

  if (existed) {
    // Look before touching: a newer store must be left byte-for-byte as it was.
    const peek = new BetterSqlite3(file, { ...driverOptions, readonly: true, fileMustExist: true });
    try {
      peek.pragma('busy_timeout = 5000');
      const version = readUserVersion(peek);
      if (version > latestVersion) throw new StoreTooNewError(file, version, latestVersion);
    } finally {
      peek.close();
    }
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  const db = new BetterSqlite3(file, driverOptions);
  try {
    // Before the migrations: the rollup triggers (migration 7) call them.
    registerStoreFunctions(db);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A first import killed half-way left the pages' indexes dropped: put back before anything else.
    healPendingRebuild(db);
    migrate(db, file, toApply, target);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Database, file: string, toApply: Migration[], target: number): void {
  const current = readUserVersion(db);
  if (current >= target) return;
  if (current > 0) backup(db, file, current);
  // IMMEDIATE: a second process opening at the same moment waits, then sees the new version.
  const run = db.transaction(() => {
    const inside = readUserVersion(db);
    for (const migration of toApply) {
      if (migration.version <= inside) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  run.immediate();
}

/** A consistent copy of the store beside it before any migration of existing data. */
function backup(db: Database, file: string, version: number): void {
  // The backup file's name says when the machine made it: the system's wall clock, not the store's.
  // eslint-disable-next-line no-restricted-syntax
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const copy = `${file}.v${version}-${stamp}.bak`;
  db.prepare('VACUUM INTO ?').run(copy);
}
