// Imported pages: finding a page again by (platform, id), finding the hand-logged page an import
// is the same as, and people by email or name. The rest is the pages module's.

import type { Database, Statement } from 'better-sqlite3';
import type { ExternalSource, PageRow } from './pages';

/** The `pages` columns and the time key; no joins (an import compares ids). */
export type StoredPage = Omit<PageRow, 'service_name' | 'person_handle'>;

interface Statements {
  byExternal: Statement;
  handLogged: Statement;
  personByEmail: Statement;
  personByName: Statement;
  setEmail: Statement;
}

const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let found = cache.get(db);
  if (!found) {
    found = {
      byExternal: db.prepare('SELECT rowid AS time_key, * FROM pages WHERE external_source = ? AND external_id = ?'),
      // The nearest hand-logged (never imported) page of the same person and service.
      handLogged: db.prepare(`SELECT rowid AS time_key, * FROM pages
        WHERE person_id = ? AND received_at BETWEEN ? AND ? AND service_id = ?
          AND external_source IS NULL AND deleted_at IS NULL
        ORDER BY abs(received_at - ?) LIMIT 1`),
      personByEmail: db.prepare(
        'SELECT id FROM people WHERE lower(email) = lower(?) AND deleted_at IS NULL ORDER BY created_at LIMIT 1',
      ),
      personByName: db.prepare(
        `SELECT id FROM people WHERE (lower(name) = lower(?) OR handle = lower(?)) AND deleted_at IS NULL
         ORDER BY created_at LIMIT 1`,
      ),
      setEmail: db.prepare('UPDATE people SET email = ? WHERE id = ? AND email IS NULL'),
    };
    cache.set(db, found);
  }
  return found;
}

export function pageByExternalId(db: Database, source: ExternalSource, externalId: string): StoredPage | undefined {
  return statements(db).byExternal.get(source, externalId) as StoredPage | undefined;
}

/** Within `windowMs` either side of `receivedAt`. */
export function handLoggedPageNear(
  db: Database,
  personId: string,
  serviceId: string,
  receivedAt: number,
  windowMs: number,
): StoredPage | undefined {
  return statements(db).handLogged.get(
    personId,
    receivedAt - windowMs,
    receivedAt + windowMs,
    serviceId,
    receivedAt,
  ) as StoredPage | undefined;
}

export function personIdByEmail(db: Database, email: string): string | undefined {
  return (statements(db).personByEmail.get(email) as { id: string } | undefined)?.id;
}

export function personIdByName(db: Database, name: string): string | undefined {
  return (statements(db).personByName.get(name, name) as { id: string } | undefined)?.id;
}

/** Remembers the email an import matched someone by (never overwrites one). */
export function rememberEmail(db: Database, personId: string, email: string): void {
  statements(db).setEmail.run(email, personId);
}
