// SLOs and their daily SLI totals through the reliability repository (slos/<name>.yaml as OpenSLO,
// sli/<slo>/<yyyy-mm>.jsonl), between two devices with real git: an SLO imported with fields this
// app does not model reaches the teammate with them; totals sent from one device give the other
// the same budget; an edit and a removal travel; a broken SLO file is named and skipped.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../electron/workstation';
import { bareRepository, pushByHand, showOnMain, teammateDevice } from './git-helpers';
import { invoke, invokeOk, root, tempWorkstation } from './helpers';

const fixture = fs.readFileSync(path.join(root, 'test/fixtures/openslo/checkout-availability.yaml'), 'utf8');

describe('SLOs and SLI totals through the repository', () => {
  it('an imported SLO and its totals reach the teammate, who sees the same budget; edits and removals travel', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-20T10:00:00Z');
    const clock = (): number => t;
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'slos.import', { document: fixture });
    const days = Array.from({ length: 19 }, (_, i) => ({
      day: `2026-11-${String(i + 1).padStart(2, '0')}`,
      good: 999_000 + (i === 4 ? -400 : 0),
      total: 1_000_000,
    }));
    invokeOk(ann, 'slos.importData', { name: 'checkout-availability', days });
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ ok: true, sent: { slos: 1, sliMonths: 1 } });

    const file = showOnMain(remote, 'slos/checkout-availability.yaml');
    for (const kept of [
      'organization: acme',
      'counter: true',
      'alertPolicyRef: checkout-fast-burn',
      'targetPercent: 99.99',
    ])
      expect(file).toContain(kept);
    const totals = showOnMain(remote, 'sli/checkout-availability/2026-11.jsonl').trim().split('\n');
    expect(totals).toHaveLength(19);
    expect(totals[0]).toBe('{"day":"2026-11-01","good":999000,"total":1000000,"updatedAt":"2026-11-20T10:00:00.000Z"}');

    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock);
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ ok: true, received: { slos: 1, sliMonths: 1 } });
    const status = (ws: Workstation) => invokeOk(ws, 'slos.status', {}).map((s) => [s.slo.name, s.consumed, s.state]);
    expect(status(bo)).toEqual(status(ann));
    const [only] = invokeOk(bo, 'slos.status', {});
    // 19 days × 1,000 bad of 1,000,000 (plus 400 on one day), over a month budgeted at 0.1% of its events.
    expect(only?.basis).toBe('events');
    expect(only?.consumed).toBeCloseTo(((19_400 / 19_000_000) * (19 / 30)) / 0.001, 6);

    // Bo loosens the objective; Ann removes nothing yet and receives it with the unknown fields intact.
    t += 60_000;
    invokeOk(bo, 'slos.save', { name: 'checkout-availability', target: 0.995, owner: 'payments' });
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ ok: true, sent: { slos: 1 } });
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ ok: true, received: { slos: 1 } });
    const annSlo = invokeOk(ann, 'slos.get', { name: 'checkout-availability' });
    expect(annSlo.slo).toMatchObject({ target: 0.995, owner: 'payments' });
    expect(annSlo.document).toContain('alertPolicyRef: checkout-fast-burn');

    // Ann removes the SLO: a tombstone in its file; Bo no longer lists it.
    t += 60_000;
    invokeOk(ann, 'slos.remove', { name: 'checkout-availability' });
    invokeOk(ann, 'repo.sync', {});
    expect(showOnMain(remote, 'slos/checkout-availability.yaml')).toContain(
      'oncall.workstation/deleted-at: 2026-11-20T10:02:00.000Z',
    );
    invokeOk(bo, 'repo.sync', {});
    expect(invokeOk(bo, 'slos.list', {})).toEqual([]);
  });

  it('totals for the same month from two devices merge day by day', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-20T10:00:00Z');
    const clock = (): number => t;
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'slos.save', { name: 'search', service: 'search', target: 0.99, window: '28d' });
    invokeOk(ann, 'repo.sync', {});
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock);
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'slos.importData', { name: 'search', days: [{ day: '2026-11-01', good: 90, total: 100 }] });
    t += 1000;
    invokeOk(bo, 'slos.importData', { name: 'search', days: [{ day: '2026-11-02', good: 50, total: 50 }] });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    const lines = showOnMain(remote, 'sli/search/2026-11.jsonl').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { day: string }).day)).toEqual(['2026-11-01', '2026-11-02']);
    expect(invokeOk(ann, 'slos.status', {})[0]?.consumed).toBeCloseTo(
      invokeOk(bo, 'slos.status', {})[0]?.consumed ?? -1,
      12,
    );
  });

  it('a broken SLO file from a teammate is named by file and line and skipped; the rest still syncs', () => {
    const remote = bareRepository();
    const clock = (): number => Date.parse('2026-11-20T10:00:00Z');
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'slos.save', { name: 'search', service: 'search', target: 0.99, window: '28d' });
    invokeOk(ann, 'repo.sync', {});
    pushByHand(remote, (dir) => {
      fs.writeFileSync(
        path.join(dir, 'slos/broken.yaml'),
        fixture.replace('checkout-availability', 'broken').replace('targetPercent: 99.9\n', 'targetPercent: 100\n'),
      );
    });
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock);
    const result = invokeOk(bo, 'repo.sync', {});
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'slos/broken.yaml',
        message: expect.stringMatching(/spec\.objectives\[0\]\.target.*below 100%/),
      }),
    ]);
    expect(invokeOk(bo, 'slos.list', {}).map((s) => s.name)).toEqual(['search']);
  });

  it('refuses bad input by field and stores nothing', () => {
    const ws = tempWorkstation();
    const err = (name: string, input: unknown) => {
      const r = invoke(ws, name, input);
      return r.ok ? 'stored' : `${r.error.field ?? ''} | ${r.error.message}`;
    };
    expect(err('slos.save', { name: 'x', service: 'x', target: 1, window: '28d' })).toMatch(/^target \| .*below 100%/);
    expect(err('slos.save', { name: 'x', service: 'x', target: 0.99, window: '0d' })).toMatch(
      /^window \| .*window of zero/,
    );
    expect(err('slos.import', { document: fixture.replace('targetPercent: 99.9\n', 'targetPercent: 120\n') })).toMatch(
      /^document \| document: spec\.objectives\[0\]\.target \(line \d+\): must be below 100%/,
    );
    invokeOk(ws, 'slos.save', { name: 'x', service: 'x', target: 0.99, window: '28d' });
    expect(err('slos.importData', { name: 'x', days: [{ day: '2026-11-01', good: 5, total: 4 }] })).toMatch(
      /good must not be more than total/,
    );
    expect(err('slos.importData', { name: 'x', days: [{ day: '2026-11-01', good: Number.NaN, total: 4 }] })).toMatch(
      /good/,
    );
    expect(invokeOk(ws, 'slos.status', {})[0]?.consumed).toBe(0);
    expect(ws.ctx.db.prepare('SELECT count(*) AS n FROM sli_days').get()).toEqual({ n: 0 });
  });
});
