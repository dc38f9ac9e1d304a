// The roster: `team.yaml` — the format version, people by handle and teams by name, merged field
// by field (a team's people and services as sets). Also who this device is: a person made up
// from the OS user name joins the roster only once they have logged something.

import type { Database } from 'better-sqlite3';
import type { HoursRule } from '../../../shared/domain/hours';
import {
  personRecord,
  readRoster,
  rosterPath,
  teamRecord,
  writeRoster,
  type FileProblem,
  type PersonRecord,
  type TeamRecord,
} from '../../../shared/domain/repository/format';
import { mergeTeam } from '../../../shared/domain/repository/merge';
import { rotationOperations } from '../../../shared/rotation-contract';
import { chooseMe, currentPerson, freeHandle, hasRecords, isAutoMe, renamePerson } from '../../store/me';
import type { PersonRow } from '../../store/people';
import { getPersonByHandle } from '../../store/people';
import { ensureService } from '../../store/services';
import { teamByName, upsertTeam, type TeamRow } from '../../store/teams';
import type { SyncContext } from '../context';
import { mergeNamed, plural, restoreWhole, type SyncKind } from './kind';
import { iso, ms, personIdFor, sql, withImporting, writePerson } from './lookups';

export { writePerson };

const hours = (json: string): HoursRule => {
  const rule = JSON.parse(json) as HoursRule;
  return { days: rule.days, start: rule.start, end: rule.end };
};

export function readPerson(db: Database, handle: string): PersonRecord | null {
  const row = sql(db, 'SELECT * FROM people WHERE handle = ? AND deleted_at IS NULL').get(handle) as
    PersonRow | undefined;
  if (!row) return null;
  return {
    handle: row.handle,
    name: row.name,
    timeZone: row.time_zone,
    workingHours: hours(row.working_hours),
    businessHours: hours(row.business_hours),
    sleepHours: hours(row.sleep_hours),
    weeklyCapacityHours: row.weekly_capacity_hours,
    updatedAt: iso(row.updated_at),
  };
}

export function readTeam(db: Database, name: string): TeamRecord | null {
  const row = sql(db, 'SELECT id, name, targets, updated_at FROM teams WHERE name = ? AND deleted_at IS NULL').get(
    name,
  ) as { id: string; name: string; targets: string; updated_at: number } | undefined;
  if (!row) return null;
  const people = (
    sql(
      db,
      'SELECT p.handle FROM team_people t JOIN people p ON p.id = t.person_id WHERE t.team_id = ? ORDER BY p.handle',
    ).all(row.id) as { handle: string }[]
  ).map((r) => r.handle);
  const services = (
    sql(
      db,
      'SELECT s.name FROM team_services t JOIN services s ON s.id = t.service_id WHERE t.team_id = ? ORDER BY s.name',
    ).all(row.id) as { name: string }[]
  ).map((r) => r.name);
  // In JavaScript's order, as the team merge sorts them (SQLite's NOCASE order differs: "Zeta"
  // and "alpha"), so the same team is the same bytes on every device.
  const sorted = (list: string[]): string[] => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    name: row.name,
    people: sorted(people),
    services: sorted(services),
    targets: JSON.parse(row.targets) as Record<string, number>,
    updatedAt: iso(row.updated_at),
  };
}

/**
 * Writes a team as it is in the repository (its people known here first, by handle), checked as
 * `teams.save` checks one.
 */
export function writeTeam(ctx: SyncContext, team: TeamRecord): void {
  for (const handle of team.people) personIdFor(ctx, handle, 'UTC');
  const parsed = rotationOperations['teams.save'].input.safeParse({
    name: team.name,
    people: team.people,
    services: team.services,
    targets: team.targets,
  });
  if (!parsed.success) throw new Error(`team ${team.name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const input = parsed.data;
  ctx.db.transaction(() => {
    const existing = teamByName(ctx.db, input.name);
    const people = input.people.map((handle, i) => {
      const person = getPersonByHandle(ctx.db, handle);
      if (!person) throw new Error(`team ${team.name}: people.${i}: nobody has the handle "${handle}"`);
      return person.id;
    });
    const now = ctx.now();
    const services = input.services.map((name) => ensureService(ctx.db, name, ctx.newId, now, ctx.deviceId));
    const row: TeamRow = { id: existing?.id ?? ctx.newId(), name: input.name, targets: JSON.stringify(input.targets) };
    upsertTeam(ctx.db, row, people, services, now, ctx.deviceId);
  })();
  sql(ctx.db, 'UPDATE teams SET updated_at = ? WHERE name = ?').run(ms(team.updatedAt), team.name);
}

/** team.yaml's records: its people and its teams. */
export interface RosterFile {
  people: PersonRecord[];
  teams: TeamRecord[];
}

const readRosterFile = (file: string, text: string): { records: RosterFile[]; problems: FileProblem[] } => {
  const read = readRoster(file, text);
  return { records: [{ people: read.records, teams: read.teams }], problems: read.problems };
};

export const roster: SyncKind<RosterFile> = {
  name: rosterPath,
  records: [
    { kind: 'person', noun: plural('person', 'people'), rank: 3 },
    { kind: 'team', noun: plural('team', 'teams'), rank: 5 },
  ],
  owns: (file) => file === rosterPath,
  read: readRosterFile,
  queueAll: `INSERT INTO sync_outbox (kind, key) SELECT 'person', handle FROM people WHERE deleted_at IS NULL;
    INSERT INTO sync_outbox (kind, key) SELECT 'team', name FROM teams WHERE deleted_at IS NULL`,
  restore: (ctx, value) =>
    value.kind === 'person'
      ? restoreWhole(ctx, value, readPerson, writePerson, (r) => personRecord.parse(r))
      : restoreWhole(ctx, value, readTeam, writeTeam, (r) => teamRecord.parse(r)),
  start(run) {
    const { ctx, db, repo } = run;
    const people = new Map<string, PersonRecord>();
    const teams = new Map<string, TeamRecord>();
    let autoMeJoins = false;

    /**
     * This device's person, made from the OS user name and not chosen since, joins the team's
     * roster only once they have logged something (until then the app asks who this device is).
     */
    function whoThisDeviceIs(queued: Set<string>): void {
      if (!isAutoMe(ctx)) return;
      let me = currentPerson(ctx);
      // Someone on the team has that handle (a shared user name, "admin"): this device's made-up
      // person takes a free one, so it never merges into them.
      if (people.has(me.handle)) {
        queued.delete(me.handle);
        const taken = me.handle;
        db.transaction(() => withImporting(db, () => renamePerson(db, me.id, freeHandle(db, taken, people))))();
        me = currentPerson(ctx);
      }
      autoMeJoins = hasRecords(ctx, me.id);
      if (autoMeJoins) queued.add(me.handle);
      else queued.delete(me.handle);
    }

    return {
      receive(_file, records) {
        for (const file of records) {
          for (const p of file.people) people.set(p.handle, p);
          for (const t of file.teams) teams.set(t.name, t);
        }
      },
      merge() {
        const queuedPeople = new Set(run.outbox.of('person').keys());
        whoThisDeviceIs(queuedPeople);
        const queuedTeams = new Set(run.outbox.of('team').keys());
        const rosterNow = repo.current(rosterPath);
        // Read only when a roster entry or a team changed, here or there.
        const needed = queuedPeople.size > 0 || queuedTeams.size > 0 || people.size > 0 || teams.size > 0;
        const theirs = rosterNow && needed ? readRoster(rosterPath, rosterNow) : null;
        const baseText = needed ? repo.baseOf(rosterPath) : null;
        const base = baseText ? readRoster(rosterPath, baseText) : null;
        const mergedPeople = mergeNamed<PersonRecord>(
          'person',
          queuedPeople,
          people,
          new Map((theirs?.records ?? []).map((p) => [p.handle, p])),
          new Map((base?.records ?? []).map((p) => [p.handle, p])),
          (handle) => readPerson(db, handle),
          run.conflicts,
        );
        const mergedTeams = mergeNamed<TeamRecord>(
          'team',
          queuedTeams,
          teams,
          new Map((theirs?.teams ?? []).map((t) => [t.name, t])),
          new Map((base?.teams ?? []).map((t) => [t.name, t])),
          (name) => readTeam(db, name),
          run.conflicts,
          mergeTeam,
        );
        return {
          sent: { people: mergedPeople.sent, teams: mergedTeams.sent },
          received: { people: mergedPeople.received, teams: mergedTeams.received },
          importing: mergedPeople.toImport.length + mergedTeams.toImport.length,
          import(io) {
            io.each(
              mergedPeople.toImport,
              'person',
              (p) => p.handle,
              (p) => writePerson(ctx, p),
              () => rosterPath,
            );
            io.each(
              mergedTeams.toImport,
              'team',
              (t) => t.name,
              (t) => writeTeam(ctx, t),
              () => rosterPath,
            );
          },
          write() {
            if (mergedPeople.toWrite.size === 0 && mergedTeams.toWrite.size === 0 && rosterNow) return [];
            const roster = new Map((theirs?.records ?? []).map((p) => [p.handle, p]));
            for (const [handle, p] of mergedPeople.toWrite) roster.set(handle, p);
            const teamList = new Map((theirs?.teams ?? []).map((t) => [t.name, t]));
            for (const [name, t] of mergedTeams.toWrite) teamList.set(name, t);
            const text = writeRoster([...roster.values()], [...teamList.values()]);
            if (repo.write(rosterPath, text)) return [rosterPath];
            for (const handle of mergedPeople.toWrite.keys()) run.notWritten('person', handle);
            for (const name of mergedTeams.toWrite.keys()) run.notWritten('team', name);
            return [];
          },
          done() {
            if (autoMeJoins && isAutoMe(ctx)) chooseMe(ctx, currentPerson(ctx).id, { queue: false });
          },
        };
      },
    };
  },
};
