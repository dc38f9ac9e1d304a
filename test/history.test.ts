// Paging-history imports (#14): each format from its documented shape, idempotence, merging with
// a hand-logged page, people matching, and bad input naming file and record.

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationInput } from '../shared/contract';
import type { HistoryImportOutput } from '../shared/history-contract';
import { invoke, invokeOk, tempDir, tempWorkstation } from './helpers';
import type { Workstation } from '../electron/workstation';

const fixtures = path.join(__dirname, 'fixtures', 'history');
const file = (name: string): { name: string; path: string } => ({ name, path: path.join(fixtures, name) });
const text = (name: string): { name: string; text: string } => ({
  name,
  text: fs.readFileSync(path.join(fixtures, name), 'utf8'),
});
const pdFiles = [
  file('pagerduty-incidents-1.json'),
  file('pagerduty-incidents-2.json'),
  file('pagerduty-log-entries.json'),
];
const csvColumns =
  'at=Created,summary=Title,service=Service,who=Assignee,ack=Acknowledged,resolved=Resolved,severity=Priority,id=Ticket';

function apply(ws: Workstation, input: OperationInput<'history.apply'>): HistoryImportOutput {
  return invokeOk(ws, 'history.apply', input);
}

function pageCount(ws: Workstation): number {
  return (ws.ctx.db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
}

function snapshot(ws: Workstation): unknown[] {
  return ws.ctx.db
    .prepare(
      `SELECT p.*, s.name AS service, pe.handle FROM pages p JOIN services s ON s.id = p.service_id
       JOIN people pe ON pe.id = p.person_id ORDER BY p.rowid`,
    )
    .all();
}

describe('PagerDuty', () => {
  it('imports incidents from several saved API pages, with exact times from the log entries', () => {
    const ws = tempWorkstation();
    const preview = invokeOk(ws, 'history.preview', { files: pdFiles });
    expect(preview).toMatchObject({ source: 'pagerduty', applied: false, new: 4, updated: 0, skipped: [] });
    expect(pageCount(ws)).toBe(0);
    expect(preview.people).toEqual([
      { key: 'Earline Greenholt', handle: 'earline-greenholt', created: true },
      { key: 'Ann Berg', handle: 'ann-berg', created: true },
      { key: 'Bo Okafor', handle: 'bo-okafor', created: true },
    ]);

    const result = apply(ws, { files: pdFiles });
    expect(result).toMatchObject({ source: 'pagerduty', applied: true, new: 4, skipped: [] });
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages).toHaveLength(4);
    const fire = pages.find((p) => p.externalId === 'PT4KHLK');
    expect(fire).toMatchObject({
      source: 'import',
      externalSource: 'pagerduty',
      link: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      service: 'My Mail Service',
      severity: 2, // priority P2
      summary: 'The server is on fire.',
      personHandle: 'earline-greenholt', // resolved: no assignee left, the last status change was hers
      receivedAt: '2015-10-06T21:30:42.000Z',
      resolvedAt: '2015-10-06T21:38:23.000Z',
      triage: null,
      tags: ['Engineering'],
    });
    // The log entries give the acknowledgement a resolved incident no longer lists.
    const checkout = pages.find((p) => p.externalId === 'PANN003');
    expect(checkout).toMatchObject({
      personHandle: 'ann-berg',
      severity: 1,
      acknowledgedAt: '2026-11-24T23:44:00.000Z',
      resolvedAt: '2026-11-25T00:30:00.000Z',
      sleepHour: true, // 23:40 UTC, the new person's zone
    });
    expect(pages.find((p) => p.externalId === 'PBO0002')).toMatchObject({ severity: 4, sleepHour: false }); // urgency low
  });

  it('re-importing changes nothing; a changed incident is updated, never duplicated, and keeps its triage', () => {
    const ws = tempWorkstation();
    apply(ws, { files: pdFiles });
    const before = snapshot(ws);
    const again = apply(ws, { files: pdFiles });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(snapshot(ws)).toEqual(before);

    const page = invokeOk(ws, 'pages.list', { limit: 10 }).pages.find((p) => p.externalId === 'PANN001');
    invokeOk(ws, 'pages.update', { id: page?.id ?? '', patch: { triage: 'actionable' } });
    const changed = text('pagerduty-incidents-1.json');
    changed.text = changed.text.replaceAll('p99 latency above 800ms', 'p99 latency above 900ms');
    const result = apply(ws, { files: [changed] });
    expect(result).toMatchObject({ new: 0, updated: 1, unchanged: 1 });
    expect(pageCount(ws)).toBe(4);
    expect(invokeOk(ws, 'pages.get', { id: page?.id ?? '' })).toMatchObject({
      summary: 'p99 latency above 900ms',
      triage: 'actionable',
    });
  });

  it('refuses a truncated file, naming it and the record it reached, and stores nothing', () => {
    const ws = tempWorkstation();
    const result = invoke(ws, 'history.apply', {
      files: [file('pagerduty-incidents-1.json'), file('pagerduty-truncated.json')],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid_input');
    expect(result.error.message).toMatch(/pagerduty-truncated\.json record \d+: .*truncated/);
    expect(pageCount(ws)).toBe(0);
  });

  it('lists every skipped record and why: a time without a zone, a duplicate id, nobody paged', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { files: [file('pagerduty-hostile.json')] });
    expect(result.new).toBe(2);
    expect(result.skipped).toEqual([
      {
        file: 'pagerduty-hostile.json',
        record: 1,
        reason: 'created_at: "2026-11-23 02:12:00" has no time zone (give Z or an offset)',
      },
      {
        file: 'pagerduty-hostile.json',
        record: 3,
        reason: 'duplicate id PBO0002 (first at pagerduty-hostile.json record 2)',
      },
      {
        file: 'pagerduty-hostile.json',
        record: 4,
        reason: 'nobody was paged: no assignee, acknowledger or notified user',
      },
    ]);
  });

  it('refuses a file of another format, and a CSV given as PagerDuty', () => {
    const ws = tempWorkstation();
    const wrong = invoke(ws, 'history.preview', { format: 'pagerduty', files: [file('opsgenie-alerts.json')] });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        message: 'files: opsgenie-alerts.json is not an export of pagerduty (it looks like opsgenie)',
      },
    });
    const csv = invoke(ws, 'history.preview', { format: 'pagerduty', files: [file('pages.csv')] });
    expect(csv).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });
});

describe('people', () => {
  it('are matched by email, then by name; mapped ones go to the person named; the rest are made', () => {
    const ws = tempWorkstation();
    invokeOk(ws, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'Africa/Lagos' });
    invokeOk(ws, 'people.save', { name: 'Ann B.', handle: 'ann', timeZone: 'Europe/Berlin' });
    const result = apply(ws, { files: pdFiles, map: { 'ann berg': 'ann' } });
    expect(result.people).toEqual([
      { key: 'Earline Greenholt', handle: 'earline-greenholt', created: true },
      { key: 'Ann Berg', handle: 'ann', created: false },
      { key: 'Bo Okafor', handle: 'bo', created: false },
    ]);
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    // Sleep hours in the person's own zone: 23:40 UTC is 00:40 in Berlin.
    expect(pages.find((p) => p.externalId === 'PANN003')).toMatchObject({
      personHandle: 'ann',
      zone: 'Europe/Berlin',
      sleepHour: true,
    });
    expect(pages.find((p) => p.externalId === 'PBO0002')).toMatchObject({ personHandle: 'bo', zone: 'Africa/Lagos' });

    // Opsgenie names people by email: matched to the person an earlier import made with it.
    const csv = apply(ws, {
      format: 'csv',
      files: [file('pages.csv')],
      columns: csvColumns,
      map: { 'ann.berg@example.com': 'ann' },
    });
    expect(csv.people[0]).toEqual({ key: 'ann.berg@example.com', handle: 'ann', created: false });
    const og = apply(ws, { files: [file('opsgenie-alerts.json')] });
    expect(og.people).toContainEqual({ key: 'ann.berg@example.com', handle: 'ann', created: false });
  });

  it('refuses a map to a handle nobody has', () => {
    const ws = tempWorkstation();
    const result = invoke(ws, 'history.preview', { files: pdFiles, map: { 'Ann Berg': 'nobody' } });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'map' } });
  });
});

describe('a page both hand-logged and imported', () => {
  it('is one page: the import adds its link and missing times, the person’s own fields stay', () => {
    const ws = tempWorkstation();
    const ann = invokeOk(ws, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'UTC' });
    const logged = invokeOk(ws, 'pages.add', {
      personId: ann.id,
      service: 'payments-api',
      severity: 2,
      summary: 'latency again',
      receivedAt: '2026-11-23T02:14:00Z',
      triage: 'actionable',
      notes: 'restarted the pool',
    });
    const result = apply(ws, { files: [file('pagerduty-incidents-1.json')] });
    expect(result).toMatchObject({ new: 1, merged: 1 });
    expect(pageCount(ws)).toBe(2);
    expect(invokeOk(ws, 'pages.get', { id: logged.id })).toMatchObject({
      summary: 'latency again',
      triage: 'actionable',
      notes: 'restarted the pool',
      receivedAt: '2026-11-23T02:14:00.000Z',
      acknowledgedAt: '2026-11-23T02:15:30.000Z',
      externalSource: 'pagerduty',
      externalId: 'PANN001',
      source: 'manual',
    });
    const before = snapshot(ws);
    expect(apply(ws, { files: [file('pagerduty-incidents-1.json')] })).toMatchObject({
      new: 0,
      updated: 0,
      merged: 0,
      unchanged: 2,
    });
    expect(snapshot(ws)).toEqual(before);
  });
});

describe('Opsgenie', () => {
  it('imports alerts: owner else acknowledger, ack and close times after creation, P1–P5', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { files: [text('opsgenie-alerts.json')] });
    expect(result).toMatchObject({ source: 'opsgenie', new: 2, skipped: [] });
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.find((p) => p.externalId === '70413a06-38d6-4c85-92b8-5ebc900d42e2')).toMatchObject({
      personHandle: 'morpheus',
      service: 'Nebuchadnezzar',
      severity: 4,
      receivedAt: '2017-03-21T20:32:52.353Z',
      acknowledgedAt: '2017-03-21T20:33:08.055Z',
      resolvedAt: '2017-03-21T20:33:52.856Z',
      tags: ['OverwriteQuietHours', 'Critical'],
    });
    expect(pages.find((p) => p.externalId === '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9')).toMatchObject({
      personHandle: 'ann.berg',
      severity: 1,
      acknowledgedAt: '2026-11-23T02:14:00.000Z',
    });
  });
});

describe('Grafana OnCall', () => {
  it('imports alert groups with names and emails from the users list', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { files: [file('grafana-oncall-alert-groups.json'), file('grafana-oncall-users.json')] });
    expect(result).toMatchObject({ source: 'grafana-oncall', new: 2, skipped: [] });
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.find((p) => p.externalId === 'I68T24C13IFW1')).toMatchObject({
      personHandle: 'ann.berg', // resolved_by, found by email in the users list
      summary: 'Memory above 90% threshold',
      resolvedAt: '2020-05-19T13:37:01.429Z',
      link: 'https://ghostbusters.slack.com/archives/C1H9RESGA/p135854651500008',
    });
    expect(pages.find((p) => p.externalId === 'IQ2Z9ZB3KQRA1')).toMatchObject({
      personHandle: 'public-api-demo-user-1',
      acknowledgedAt: '2026-11-23T03:09:00.000Z',
    });
  });

  it('skips an alert group whose user is not in the users list', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { files: [file('grafana-oncall-alert-groups.json')] });
    expect(result.new).toBe(0);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'user UCGEIXI1MR1NZ is not in the users list (add a saved /api/v1/users/ response)',
      'user U4DNY931HHJS5 is not in the users list (add a saved /api/v1/users/ response)',
    ]);
  });
});

describe('CSV', () => {
  it('imports through a column map, skipping a time without a zone by line', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { format: 'csv', files: [file('pages.csv')], columns: csvColumns });
    expect(result).toMatchObject({ source: 'csv', new: 2 });
    expect(result.skipped).toEqual([
      { file: 'pages.csv', record: 4, reason: 'at: "2026-11-24 23:40" has no time zone (give Z or an offset)' },
    ]);
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.find((p) => p.externalId === 'T-2')).toMatchObject({
      summary: 'Disk 90% full, db-3',
      receivedAt: '2026-11-24T13:05:00.000Z',
      severity: 4,
      personHandle: 'bo-okafor',
    });
  });

  it('refuses a CSV missing a mapped column, naming the file and the column', () => {
    const ws = tempWorkstation();
    const result = invoke(ws, 'history.apply', {
      format: 'csv',
      files: [file('pages.csv')],
      columns: 'at=Created,service=Service,who=Owner',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', message: expect.stringMatching(/pages\.csv record 1: has no column "Owner"/) },
    });
    expect(pageCount(ws)).toBe(0);
  });

  it('property: any import re-imported changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
            who: fc.constantFrom('ann.berg@example.com', 'Bo Okafor', 'chen@example.com'),
            service: fc.constantFrom('payments-api', 'search', 'db'),
            severity: fc.constantFrom('P1', 'P3', 'high', 'low', ''),
            summary: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
            ackAfter: fc.option(fc.integer({ min: 0, max: 600 })),
          }),
          { maxLength: 25 },
        ),
        (rows) => {
          const ws = tempWorkstation({}, tempDir());
          const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
          const lines = rows.map((row, i) => {
            const at = Date.UTC(2026, 9, 1) + row.minute * 60_000;
            const ack = row.ackAfter === null ? '' : new Date(at + row.ackAfter * 1000).toISOString();
            return [
              new Date(at).toISOString(),
              quote(row.summary),
              row.service,
              row.who,
              ack,
              '',
              row.severity,
              `R${i}`,
            ].join(',');
          });
          const csv = {
            name: 'x.csv',
            text: ['Created,Title,Service,Assignee,Acknowledged,Resolved,Priority,Ticket', ...lines].join('\n'),
          };
          const first = apply(ws, { format: 'csv', files: [csv], columns: csvColumns });
          const before = snapshot(ws);
          const again = apply(ws, { format: 'csv', files: [csv], columns: csvColumns });
          expect(again).toMatchObject({
            new: 0,
            updated: 0,
            merged: 0,
            unchanged: first.new + first.merged + first.updated,
          });
          expect(snapshot(ws)).toEqual(before);
          ws.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});
