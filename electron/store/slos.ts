// SLOs, their daily SLI totals and incidents' customer impact (migration 11). An SLO row keeps
// its OpenSLO text (what the repository file holds, unknown fields included) beside the fields
// the figures need as JSON, so a status over many SLOs parses no YAML.

import type { Database } from 'better-sqlite3';
import type { SliDay } from '../../shared/domain/repository/slos';
import type { Slo } from '../../shared/domain/slo/openslo';

export interface SloRow {
  name: string;
  service: string;
  document: string;
  spec: string;
  created_at: number;
  updated_at: number;
  device_id: string;
  deleted_at: number | null;
}

export const sloOf = (row: SloRow): Slo => JSON.parse(row.spec) as Slo;

/** Adds or replaces an SLO (its tombstone included); the creation time stays. */
export function saveSloRow(
  db: Database,
  slo: { name: string; service: string; document: string; spec: Slo },
  at: { updatedAt: number; deletedAt: number | null },
  deviceId: string,
): void {
  db.prepare(
    `INSERT INTO slos (name, service, document, spec, created_at, updated_at, device_id, deleted_at)
     VALUES (@name, @service, @document, @spec, @updatedAt, @updatedAt, @deviceId, @deletedAt)
     ON CONFLICT (name) DO UPDATE SET service = excluded.service, document = excluded.document, spec = excluded.spec,
       updated_at = excluded.updated_at, device_id = excluded.device_id, deleted_at = excluded.deleted_at`,
  ).run({
    name: slo.name,
    service: slo.service,
    document: slo.document,
    spec: JSON.stringify(slo.spec),
    updatedAt: at.updatedAt,
    deletedAt: at.deletedAt,
    deviceId,
  });
}

/** An SLO by name, a removed one included. */
export function getSloRow(db: Database, name: string): SloRow | undefined {
  return db.prepare('SELECT * FROM slos WHERE name = ?').get(name) as SloRow | undefined;
}

export function listSloRows(db: Database): SloRow[] {
  return db.prepare('SELECT * FROM slos WHERE deleted_at IS NULL ORDER BY service, name').all() as SloRow[];
}

export interface SliDayRow {
  slo: string;
  day: string;
  good: number;
  total: number;
  updated_at: number;
}

/** Stores days of totals; a day already there is replaced only when its numbers differ. */
export function putSliDays(
  db: Database,
  slo: string,
  days: readonly { day: string; good: number; total: number; updatedAt: number }[],
  deviceId: string,
): number {
  const upsert = db.prepare(
    `INSERT INTO sli_days (slo, day, good, total, updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (slo, day) DO UPDATE SET good = excluded.good, total = excluded.total,
       updated_at = excluded.updated_at, device_id = excluded.device_id
     WHERE sli_days.good IS NOT excluded.good OR sli_days.total IS NOT excluded.total`,
  );
  let changed = 0;
  for (const d of days) changed += upsert.run(slo, d.day, d.good, d.total, d.updatedAt, deviceId).changes;
  return changed;
}

/** Days of totals for an SLO in [fromDay, toDay] (YYYY-MM-DD), by day. */
export function sliDaysOf(db: Database, slo: string, fromDay = '0000-00-00', toDay = '9999-99-99'): SliDayRow[] {
  return db
    .prepare(
      'SELECT slo, day, good, total, updated_at FROM sli_days WHERE slo = ? AND day >= ? AND day <= ? ORDER BY day',
    )
    .all(slo, fromDay, toDay) as SliDayRow[];
}

/** One month of an SLO's totals as the repository file has them. */
export function sliMonthDays(db: Database, slo: string, month: string): SliDay[] {
  return sliDaysOf(db, slo, `${month}-01`, `${month}-31`).map((d) => ({
    day: d.day,
    good: d.good,
    total: d.total,
    updatedAt: new Date(d.updated_at).toISOString(),
  }));
}

export interface ImpactRow {
  id: string;
  title: string;
  services: string;
  impact_start: number;
  impact_end: number;
  impact_share: number;
}

/** Sets (or, with null, clears) an incident's customer impact. */
export function setIncidentImpact(
  db: Database,
  id: string,
  impact: { start: number; end: number; share: number } | null,
  updatedAt: number,
  deviceId: string,
): void {
  db.prepare(
    'UPDATE incidents SET impact_start = ?, impact_end = ?, impact_share = ?, updated_at = ?, device_id = ? WHERE id = ?',
  ).run(impact?.start ?? null, impact?.end ?? null, impact?.share ?? null, updatedAt, deviceId, id);
}

export function incidentImpact(db: Database, id: string): { start: number; end: number; share: number } | null {
  const row = db.prepare('SELECT impact_start, impact_end, impact_share FROM incidents WHERE id = ?').get(id) as
    Pick<ImpactRow, 'impact_start' | 'impact_end' | 'impact_share'> | undefined;
  if (!row || row.impact_start === null || row.impact_end === null || row.impact_share === null) return null;
  return { start: row.impact_start, end: row.impact_end, share: row.impact_share };
}

/** Live incidents with impact overlapping [from, to). */
export function impactsBetween(db: Database, from: number, to: number): ImpactRow[] {
  return db
    .prepare(
      `SELECT id, title, services, impact_start, impact_end, impact_share FROM incidents
       WHERE deleted_at IS NULL AND impact_start IS NOT NULL AND impact_start < ? AND impact_end > ?
       ORDER BY impact_start`,
    )
    .all(to, from) as ImpactRow[];
}
