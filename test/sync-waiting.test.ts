// "N changes waiting" on a store with a great many records not yet in the repository (a first
// import of paging history, before its first sync): counted up to 10,000 and then "10,000+",
// so repo.status — asked by the app on every load — stays quick at a million waiting records.

import { describe, expect, it } from 'vitest';
import { syncLine } from '../renderer/state/sync';
import { bareRepository } from './git-helpers';
import { invokeOk, runCli, tempDir, tempWorkstation } from './helpers';

const now = Date.parse('2026-11-28T09:00:00Z');

describe('changes waiting', () => {
  it('counts each waiting record once, up to 10,000, and says "10,000+" past that, in the app and the CLI', () => {
    const dir = tempDir();
    const ws = tempWorkstation({}, dir);
    invokeOk(ws, 'repo.connect', { url: bareRepository() });
    const db = ws.ctx.db;
    db.prepare('DELETE FROM sync_outbox').run();
    const queue = (from: number, to: number): void =>
      void db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO sync_outbox (kind, key) SELECT 'page', 'p' || i FROM n`,
        )
        .run(from, to);

    // Three records, one of them changed four times: three waiting.
    queue(1, 3);
    queue(2, 2);
    queue(2, 2);
    queue(2, 2);
    let status = invokeOk(ws, 'repo.status', {});
    expect(status.waiting).toBe(3);
    expect(syncLine(status, false, now).text).toBe('3 changes waiting');
    expect(runCli(['repo', 'status', '--data-dir', dir]).stdout).toContain('never synced · 3 changes waiting');

    // Exactly 10,000 records, each changed twice: still exact.
    queue(4, 10_000);
    queue(1, 10_000);
    status = invokeOk(ws, 'repo.status', {});
    expect(status.waiting).toBe(10_000);
    expect(syncLine(status, false, now).text).toBe('10,000 changes waiting');

    // A first import's worth: past the count.
    queue(10_001, 60_000);
    status = invokeOk(ws, 'repo.status', {});
    expect(status.waiting).toBe(10_001);
    expect(syncLine(status, false, now).text).toBe('10,000+ changes waiting');
    expect(runCli(['repo', 'status', '--data-dir', dir]).stdout).toContain('never synced · 10,000+ changes waiting');
  });
});
