// An apply's pages between its two passes: the first pass reads every file once (and refuses a
// bad one before anything is stored) and keeps each page here, a TEMP table of this connection —
// on disk in SQLite's temporary directory, never in the store or the repository, gone when the
// import ends. The write pass reads the pages back in chunks instead of parsing the files again:
// at 1M PagerDuty incidents (1.3 GB of saved pages) a second parse cost more than writing. Its
// unique external id also finds a repeated record (and where the first one was) without a map
// of every id in memory.

import type { Database, Statement } from 'better-sqlite3';
import type { ImportedPage } from './records';

const table = 'history_staging';

/** Staged rows per temp-table transaction (a temp table's commit costs little, but not nothing). */
const commitEvery = 5_000;

type StagedRow = [
  file: number,
  record: number,
  externalId: string,
  link: string | null,
  receivedAt: number,
  acknowledgedAt: number | null,
  resolvedAt: number | null,
  service: string,
  severity: number,
  summary: string,
  email: string | null,
  name: string | null,
  tags: string,
];

export class Staging {
  private readonly insert: Statement;
  private readonly firstOf: Statement;
  private pending = 0;
  private seqRead = 0;
  /** Pages staged (a repeated id is not). */
  count = 0;

  constructor(
    private readonly db: Database,
    private readonly fileNames: readonly string[],
  ) {
    db.exec(`DROP TABLE IF EXISTS temp.${table};
      CREATE TEMP TABLE ${table} (
        seq INTEGER PRIMARY KEY, file INTEGER NOT NULL, record INTEGER NOT NULL, external_id TEXT NOT NULL UNIQUE,
        link TEXT, received_at INTEGER NOT NULL, acknowledged_at INTEGER, resolved_at INTEGER, service TEXT NOT NULL,
        severity INTEGER NOT NULL, summary TEXT NOT NULL, email TEXT, name TEXT, tags TEXT NOT NULL)`);
    this.insert = db.prepare(
      `INSERT INTO temp.${table} (file, record, external_id, link, received_at, acknowledged_at, resolved_at, service,
         severity, summary, email, name, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (external_id) DO NOTHING`,
    );
    this.firstOf = db.prepare(`SELECT file, record FROM temp.${table} WHERE external_id = ?`).raw();
    db.exec('BEGIN');
  }

  /** Keeps the page; a page whose id came before is not kept: the reason to skip it is returned. */
  add(page: ImportedPage, file: number): string | null {
    const { changes } = this.insert.run(
      file,
      page.record,
      page.externalId,
      page.link,
      page.receivedAt,
      page.acknowledgedAt,
      page.resolvedAt,
      page.service,
      page.severity,
      page.summary,
      page.person.email,
      page.person.name,
      JSON.stringify(page.tags),
    );
    if (changes === 0) {
      const [firstFile, firstRecord] = this.firstOf.get(page.externalId) as [number, number];
      return `duplicate id ${page.externalId} (first at ${this.fileNames[firstFile] ?? ''} record ${firstRecord})`;
    }
    this.count += 1;
    this.pending += 1;
    if (this.pending >= commitEvery) {
      this.db.exec('COMMIT; BEGIN');
      this.pending = 0;
    }
    return null;
  }

  /** The first pass is over: what was staged is committed (to the temp table only). */
  finish(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /** The next `limit` staged pages in the order they were read; none when all were read. */
  next(limit: number): ImportedPage[] {
    const rows = this.db
      .prepare(
        `SELECT seq, file, record, external_id, link, received_at, acknowledged_at, resolved_at, service, severity,
           summary, email, name, tags FROM temp.${table} WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw()
      .all(this.seqRead, limit) as [number, ...StagedRow][];
    const last = rows[rows.length - 1];
    if (last) this.seqRead = last[0];
    return rows.map(
      ([
        ,
        file,
        record,
        externalId,
        link,
        receivedAt,
        acknowledgedAt,
        resolvedAt,
        service,
        severity,
        summary,
        email,
        name,
        tags,
      ]) => ({
        file: this.fileNames[file] ?? '',
        record,
        externalId,
        link,
        receivedAt,
        acknowledgedAt,
        resolvedAt,
        service,
        severity,
        summary,
        person: { email, name },
        tags: JSON.parse(tags) as string[],
      }),
    );
  }

  /** Ends the staging: the temp table goes (also after a refused file). */
  drop(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.exec(`DROP TABLE IF EXISTS temp.${table}`);
  }
}
