// The store side of error budgets: migration 11 on a store made before it (incidents keep their
// rows with no impact; SLOs, daily totals and impact can be stored; the repository's slos/ and sli/
// folders are read once more at the next sync).

import { describe, expect, it } from 'vitest';
import { openStore, storePath } from '../electron/store/db';
import { migrations } from '../electron/store/migrations';
import { invokeOk, tempDir, tempWorkstation } from './helpers';

describe('migration 11', () => {
  it('keeps a version-9 store’s incidents without impact, adds SLOs and daily totals, and rereads slos/ and sli/', () => {
    const dir = tempDir();
    const v9 = openStore(storePath(dir), { migrations: migrations.filter((m) => m.version <= 9) });
    v9.exec(`
      INSERT INTO incidents (id, title, severity, services, started_at, created_at, updated_at, device_id)
      VALUES ('i1', 'Checkout errors', 1, '["checkout"]', ${Date.parse('2026-11-24T08:00:00Z')}, 1, 1, 'd');
      INSERT OR REPLACE INTO settings (key, value) VALUES ('repo.reread', 'rotations/');
    `);
    v9.close();

    const ws = tempWorkstation({}, dir);
    const [incident] = invokeOk(ws, 'incidents.list', {});
    expect(incident).toMatchObject({ id: 'i1', title: 'Checkout errors', impact: null });
    const db = ws.ctx.db;
    // Kept what was waiting (rotations/), added slos/ and sli/ (other migrations add their own folders too).
    expect(String(db.prepare("SELECT value FROM settings WHERE key = 'repo.reread'").pluck().get()).split(' ')).toEqual(
      expect.arrayContaining(['rotations/', 'slos/', 'sli/']),
    );
    expect(() => db.prepare("UPDATE incidents SET impact_share = 1.5 WHERE id = 'i1'").run()).toThrow(/CHECK/);
    invokeOk(ws, 'incidents.update', {
      id: 'i1',
      impactStart: '2026-11-24T08:00:00Z',
      impactEnd: '2026-11-24T08:30:00Z',
    });
    expect(invokeOk(ws, 'incidents.list', {})[0]?.impact).toEqual({
      start: '2026-11-24T08:00:00.000Z',
      end: '2026-11-24T08:30:00.000Z',
      share: 1,
    });
    invokeOk(ws, 'slos.save', { name: 'checkout', service: 'checkout', target: 0.999, window: '30d' });
    expect(() =>
      db
        .prepare(
          "INSERT INTO sli_days (slo, day, good, total, updated_at, device_id) VALUES ('checkout', '2026-11-01', 5, 4, 1, 'd')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // 30 minutes of full outage: 30 of 43.2 minutes.
    expect(invokeOk(ws, 'slos.status', {})[0]?.consumed).toBeCloseTo(30 / 43.2, 9);
  });
});
