// Who this device logs pages and toil as: the person in the `me` setting, made on first use from
// the OS user name (and then "made up" until someone says who they are). Below the operations
// and sync, which both need it.

import type { Database } from 'better-sqlite3';
import type { Person } from '../../shared/contract';
import { defaultBusinessHours, defaultSleepHours, isValidTimeZone } from '../../shared/domain/hours';
import { getPerson, getPersonByHandle, upsertPerson } from './people';
import { getSetting, setSetting } from './settings';

/** What these functions need of the operation (or sync) context. */
export interface MeContext {
  db: Database;
  deviceId: string;
  now: () => number;
  newId: () => string;
  defaults: { userName: string; timeZone: string };
}

function handleFrom(userName: string): string {
  const cleaned = userName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 40);
  return cleaned.length > 0 ? cleaned : 'me';
}

const autoMeKey = 'me.auto';

/**
 * This device's person was made from the OS user name on first use, and nobody has said who
 * they are since (me.set, `oncall me set`). A fresh laptop connecting to the team's repository
 * should not add "@root" to the roster: the sync leaves such a person out until they log a page
 * or toil entry, and the app asks who this device is.
 */
export function isAutoMe(ctx: Pick<MeContext, 'db'>): boolean {
  const me = getSetting(ctx.db, 'me');
  return !!me && getSetting(ctx.db, autoMeKey) === me;
}

/**
 * Someone said who this device is: an ordinary person from now on (and on the team's roster).
 * What the made-up person logged meanwhile was theirs: it moves to them (none of it was in the
 * repository yet — the sync keeps a made-up person and their records out until then).
 */
export function chooseMe(
  ctx: Pick<MeContext, 'db'>,
  personId: string,
  options: { queue: boolean } = { queue: true },
): void {
  const wasAuto = isAutoMe(ctx) ? getSetting(ctx.db, autoMeKey) : '';
  if (wasAuto && wasAuto !== personId) {
    ctx.db.prepare('UPDATE pages SET person_id = ? WHERE person_id = ?').run(personId, wasAuto);
    ctx.db.prepare('UPDATE toil_entries SET person_id = ? WHERE person_id = ?').run(personId, wasAuto);
  }
  setSetting(ctx.db, 'me', personId);
  setSetting(ctx.db, autoMeKey, '');
  const person = getPerson(ctx.db, personId);
  // The sync left them out until now: they go out with the next one.
  if (options.queue && wasAuto === personId && person)
    ctx.db.prepare("INSERT INTO sync_outbox (kind, key) VALUES ('person', ?)").run(person.handle);
}

/** Whether this person logged anything here (pages, toil entries) that is not in the repository yet. */
export function hasRecords(ctx: Pick<MeContext, 'db'>, personId: string): boolean {
  return !!ctx.db
    .prepare(
      `SELECT 1 FROM sync_outbox o JOIN pages p ON o.kind = 'page' AND p.id = o.key WHERE p.person_id = ?
       UNION ALL
       SELECT 1 FROM sync_outbox o JOIN toil_entries t ON o.kind = 'toil' AND t.id = o.key WHERE t.person_id = ?
       LIMIT 1`,
    )
    .get(personId, personId);
}

/** `wanted`, or `wanted-2`, `-3`… : the first handle nobody here (or in `taken`) has. */
export function freeHandle(db: Database, wanted: string, taken: ReadonlyMap<string, unknown> = new Map()): string {
  let handle = wanted;
  for (let n = 2; getPersonByHandle(db, handle) || taken.has(handle); n += 1) handle = `${wanted.slice(0, 36)}-${n}`;
  return handle;
}

export function renamePerson(db: Database, personId: string, handle: string): void {
  db.prepare('UPDATE people SET handle = ? WHERE id = ?').run(handle, personId);
}

/** The person this device logs pages as; made on first use from the OS user and zone. */
export function currentPerson(ctx: MeContext): Person {
  const id = getSetting(ctx.db, 'me');
  const found = id ? getPerson(ctx.db, id) : undefined;
  if (found) return found;
  return ctx.db
    .transaction(() => {
      // A handle nobody has yet: a teammate who happens to share this computer's user name
      // ("admin", "me") is not who this device is.
      const handle = freeHandle(ctx.db, handleFrom(ctx.defaults.userName));
      const personId = ctx.newId();
      upsertPerson(
        ctx.db,
        {
          id: personId,
          name: ctx.defaults.userName || 'Me',
          handle,
          timeZone: isValidTimeZone(ctx.defaults.timeZone) ? ctx.defaults.timeZone : 'UTC',
          workingHours: defaultBusinessHours,
          businessHours: defaultBusinessHours,
          sleepHours: defaultSleepHours,
        },
        ctx.now(),
        ctx.deviceId,
      );
      setSetting(ctx.db, 'me', personId);
      // Chosen for the person, not by them: not someone on the team until they log something or
      // say who they are (see isAutoMe).
      setSetting(ctx.db, autoMeKey, personId);
      const person = getPerson(ctx.db, personId);
      if (!person) throw new Error('the person just saved could not be read back');
      return person;
    })
    .immediate();
}
