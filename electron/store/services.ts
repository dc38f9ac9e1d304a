// Services that page people. Names are matched case-insensitively.

import type { Database } from 'better-sqlite3';

export function findServiceId(db: Database, name: string): string | undefined {
  const row = db.prepare('SELECT id FROM services WHERE name = ? AND deleted_at IS NULL').get(name) as
    { id: string } | undefined;
  return row?.id;
}

export function ensureService(
  db: Database,
  name: string,
  newId: () => string,
  nowMs: number,
  deviceId: string,
): string {
  const existing = findServiceId(db, name);
  if (existing) return existing;
  const id = newId();
  db.prepare('INSERT INTO services (id, name, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?)').run(
    id,
    name,
    nowMs,
    nowMs,
    deviceId,
  );
  return id;
}

export function listServiceNames(db: Database): string[] {
  return (
    db.prepare('SELECT name FROM services WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE').all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}
