// Teams: people, the services they run, and their own targets.

import type { Database } from 'better-sqlite3';

export interface TeamRow {
  id: string;
  name: string;
  targets: string;
}

export function listTeamRows(db: Database): TeamRow[] {
  return db.prepare('SELECT id, name, targets FROM teams WHERE deleted_at IS NULL ORDER BY name').all() as TeamRow[];
}

export function teamByName(db: Database, name: string): TeamRow | undefined {
  return db.prepare('SELECT id, name, targets FROM teams WHERE name = ? AND deleted_at IS NULL').get(name) as
    TeamRow | undefined;
}

export function upsertTeam(
  db: Database,
  row: TeamRow,
  people: string[],
  services: string[],
  nowMs: number,
  deviceId: string,
): void {
  db.prepare(
    `INSERT INTO teams (id, name, targets, created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, targets = excluded.targets, updated_at = excluded.updated_at,
       device_id = excluded.device_id`,
  ).run(row.id, row.name, row.targets, nowMs, nowMs, deviceId);
  db.prepare('DELETE FROM team_people WHERE team_id = ?').run(row.id);
  db.prepare('DELETE FROM team_services WHERE team_id = ?').run(row.id);
  const person = db.prepare('INSERT INTO team_people (team_id, person_id) VALUES (?, ?)');
  for (const id of people) person.run(row.id, id);
  const service = db.prepare('INSERT INTO team_services (team_id, service_id) VALUES (?, ?)');
  for (const id of services) service.run(row.id, id);
}

export function teamPeople(db: Database, teamId: string): { handle: string; name: string }[] {
  return db
    .prepare(
      'SELECT p.handle, p.name FROM team_people t JOIN people p ON p.id = t.person_id WHERE t.team_id = ? ORDER BY p.name',
    )
    .all(teamId) as { handle: string; name: string }[];
}

export function teamServices(db: Database, teamId: string): string[] {
  return (
    db
      .prepare(
        'SELECT s.name FROM team_services t JOIN services s ON s.id = t.service_id WHERE t.team_id = ? ORDER BY s.name',
      )
      .all(teamId) as { name: string }[]
  ).map((r) => r.name);
}

/** Only the team's targets (JSON), leaving its people and services as they are. */
export function setTeamTargets(db: Database, teamId: string, targets: string, nowMs: number, deviceId: string): void {
  db.prepare('UPDATE teams SET targets = ?, updated_at = ?, device_id = ? WHERE id = ?').run(
    targets,
    nowMs,
    deviceId,
    teamId,
  );
}
