// Imported pages through the reliability repository: their platform, id and link travel in the
// page file (docs/repository-format.md), a re-import on another device changes nothing, a line
// an app cannot read stays in the file untouched, and migration 12 sends and re-reads them.

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, storePath } from '../electron/store/db';
import { migrations } from '../electron/store/migrations';
import type { Workstation } from '../electron/workstation';
import { bareRepository, pushByHand } from './git-helpers';
import { invokeOk, tempDir, tempWorkstation } from './helpers';
import fs from 'node:fs';

const fixtures = path.join(__dirname, 'fixtures', 'history');
const files = ['pagerduty-incidents-1.json', 'pagerduty-incidents-2.json'].map((name) => ({
  name,
  path: path.join(fixtures, name),
}));

function device(remote: string): Workstation {
  const ws = tempWorkstation();
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

function repoFile(remote: string, file: string): string {
  return execFileSync('git', ['-C', remote, 'show', `main:${file}`], { encoding: 'utf8' });
}

function repoFiles(remote: string, under: string): string[] {
  return execFileSync('git', ['-C', remote, 'ls-tree', '-r', '--name-only', 'main', under], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

const imported = (ws: Workstation): string[] =>
  invokeOk(ws, 'pages.list', { limit: 100 })
    .pages.map((p) => `${p.personHandle} ${p.source} ${p.externalSource} ${p.externalId} ${p.link}`)
    .sort();

describe('imported pages in the reliability repository', () => {
  it('carry platform, id and link to another device, where a re-import changes nothing', () => {
    const remote = bareRepository();
    const a = device(remote);
    expect(invokeOk(a, 'history.apply', { files })).toMatchObject({ new: 4 });
    invokeOk(a, 'pages.add', {
      service: 'checkout',
      severity: 2,
      summary: 'by hand',
      receivedAt: '2026-11-20T10:00:00Z',
    });
    expect(invokeOk(a, 'repo.sync', {})).toMatchObject({ ok: true, sent: { pages: 5 } });

    // In the file: the three fields after the format-1 keys, only on imported pages.
    const lines = repoFiles(remote, 'pages').flatMap((file) => repoFile(remote, file).trim().split('\n'));
    const fromPagerDuty = lines.filter((line) => line.includes('"externalSource":"pagerduty"'));
    expect(fromPagerDuty).toHaveLength(4);
    for (const line of fromPagerDuty)
      expect(line).toMatch(
        /"deletedAt":null,"externalSource":"pagerduty","externalId":"[A-Z0-9]+","link":"https:\/\/[^"]+"\}$/,
      );
    const byHand = lines.find((line) => line.includes('"summary":"by hand"')) ?? '';
    expect(byHand).toMatch(/"deletedAt":null\}$/);

    const b = device(remote);
    expect(invokeOk(b, 'repo.sync', {})).toMatchObject({ ok: true, received: { pages: 5 }, problems: [] });
    expect(imported(b)).toEqual(imported(a));
    expect(imported(b).filter((p) => p.includes(' pagerduty '))).toHaveLength(4);

    // Re-importing the same export on B finds every page by (platform, id): nothing new, nothing sent.
    expect(invokeOk(b, 'history.apply', { files })).toMatchObject({ new: 0, updated: 0, unchanged: 4, merged: 0 });
    expect(invokeOk(b, 'repo.sync', {})).toMatchObject({ ok: true, sent: { pages: 0 } });
    expect(invokeOk(b, 'pages.list', { limit: 100 }).pages).toHaveLength(5);
  });

  it('keeps a page line it cannot read untouched in its file while writing the file (as an older app does)', () => {
    const remote = bareRepository();
    const ann = tempWorkstation();
    const me = invokeOk(ann, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'UTC' });
    invokeOk(ann, 'me.set', { id: me.id });
    invokeOk(ann, 'repo.connect', { url: remote });
    invokeOk(ann, 'pages.add', {
      service: 'checkout',
      severity: 2,
      summary: 'first',
      receivedAt: '2026-11-08T02:21:00Z',
    });
    invokeOk(ann, 'repo.sync', {});
    const file = 'pages/2026/11/ann.jsonl';
    // A page from a newer app: a field this app does not know.
    const [line] = repoFile(remote, file).trim().split('\n');
    const newer = (line ?? '')
      .replace(/"id":"[^"]+"/, '"id":"01900000-0000-7000-8000-000000000001"')
      .replace(/\}$/, ',"escalationPolicy":"P-NIGHT"}');
    pushByHand(remote, (dir) => fs.appendFileSync(path.join(dir, file), `${newer}\n`));

    invokeOk(ann, 'pages.add', {
      service: 'checkout',
      severity: 3,
      summary: 'second',
      receivedAt: '2026-11-09T02:21:00Z',
    });
    const synced = invokeOk(ann, 'repo.sync', {});
    expect(synced.problems).toEqual([{ file, line: 2, message: 'escalationPolicy: is not a known field' }]);
    const after = repoFile(remote, file).trim().split('\n');
    expect(after).toHaveLength(3);
    expect(after).toContain(newer);
  });

  it('migration 12 sends pages imported before and reads the page files once more', () => {
    const dir = tempDir();
    const v9 = openStore(storePath(dir), { migrations: migrations.filter((m) => m.version <= 9) });
    const hours = `'{"start":"08:00","end":"18:00","days":[1,2,3,4,5]}'`;
    v9.exec(`
      INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours, created_at, updated_at, device_id)
      VALUES ('p-ann', 'Ann Berg', 'ann', 'UTC', ${hours}, ${hours}, ${hours}, 1, 1, 'd');
      INSERT INTO services (id, name, created_at, updated_at, device_id) VALUES ('s1', 'payments-api', 1, 1, 'd');
      INSERT INTO pages (id, person_id, service_id, severity, summary, source, received_at, zone, sleep_hour,
        off_hours, created_at, updated_at, device_id, external_source, external_id, external_link)
      VALUES ('a1', 'p-ann', 's1', 2, 'latency', 'manual', 1, 'UTC', 0, 0, 1, 1, 'd', NULL, NULL, NULL),
             ('a2', 'p-ann', 's1', 3, 'disk', 'import', 2, 'UTC', 0, 0, 1, 1, 'd', 'pagerduty', 'P1', 'https://x.pagerduty.com/incidents/P1');
      DELETE FROM sync_outbox; -- as after a sync (migration 9's pages went without these fields)
      UPDATE settings SET value = 'rotations/' WHERE key = 'repo.reread';
    `);
    expect(v9.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 });
    v9.close();
    const ws = tempWorkstation({}, dir);
    expect(ws.ctx.db.prepare('SELECT kind, key FROM sync_outbox').all()).toEqual([{ kind: 'page', key: 'a2' }]);
    // Kept what was waiting (rotations/), added pages/ (other migrations add their own folders too).
    expect(
      String(ws.ctx.db.prepare("SELECT value FROM settings WHERE key = 'repo.reread'").pluck().get()).split(' '),
    ).toEqual(expect.arrayContaining(['rotations/', 'pages/']));
  });
});

describe('property: import → re-import', () => {
  it('changes nothing, whatever the export holds', () => {
    // Random PagerDuty list pages (the documented incident shape, test/fixtures/history): any
    // mix of people, services, urgencies, times and acknowledgements, ids repeated on purpose.
    const person = fc.constantFrom('Ann Berg', 'Bo Okafor', 'Cy Diaz');
    const incident = fc.record({
      id: fc.constantFrom('PA', 'PB', 'PC', 'PD', 'PE', 'PF', 'PG', 'PH'),
      minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
      ackAfter: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
      person,
      service: fc.constantFrom('payments-api', 'storage', 'search'),
      urgency: fc.constantFrom('high', 'low'),
      title: fc.string({ minLength: 1, maxLength: 30 }),
    });
    fc.assert(
      fc.property(fc.array(incident, { minLength: 1, maxLength: 12 }), (incidents) => {
        const start = Date.parse('2026-10-01T00:00:00Z');
        const text = JSON.stringify({
          incidents: incidents.map((i) => {
            const at = start + i.minute * 60_000;
            const user = { id: 'PU1', type: 'user_reference', summary: i.person };
            return {
              id: i.id,
              type: 'incident',
              title: i.title,
              created_at: new Date(at).toISOString(),
              status: i.ackAfter === null ? 'triggered' : 'acknowledged',
              urgency: i.urgency,
              html_url: `https://acme.pagerduty.com/incidents/${i.id}`,
              service: { id: 'PS1', type: 'service_reference', summary: i.service },
              assignments: [{ at: new Date(at).toISOString(), assignee: user }],
              acknowledgements:
                i.ackAfter === null ? [] : [{ at: new Date(at + i.ackAfter * 1000).toISOString(), acknowledger: user }],
              teams: [],
            };
          }),
          limit: 100,
          offset: 0,
          more: false,
        });
        const ws = tempWorkstation();
        const input = { format: 'pagerduty' as const, files: [{ name: 'export.json', text }] };
        const first = invokeOk(ws, 'history.apply', input);
        const before = invokeOk(ws, 'pages.list', { limit: 100 }).pages;
        const again = invokeOk(ws, 'history.apply', input);
        const after = invokeOk(ws, 'pages.list', { limit: 100 }).pages;
        ws.close();
        expect(again).toMatchObject({
          new: 0,
          updated: 0,
          merged: 0,
          unchanged: first.new + first.updated + first.merged,
        });
        expect(again.skipped).toEqual(first.skipped);
        expect(after).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});
