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

// PagerDuty's own incident CSV export: columns from PagerDuty's "Reporting" article ("CSV Fields",
// https://support.pagerduty.com/docs/reporting), times with the account zone's offset (fixtures README).
describe('PagerDuty incident CSV export', () => {
  const pdCsv = 'pagerduty-incidents.csv';

  it('is detected and read with no column map: times, who, urgency and the incident id', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { files: [file(pdCsv)] });
    expect(result).toMatchObject({ source: 'pagerduty', new: 3, skipped: [] });
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.find((p) => p.externalId === 'Q0RIJJZL9CFQ8A')).toMatchObject({
      externalSource: 'pagerduty',
      summary: 'p99 latency above 800ms',
      service: 'payments-api',
      receivedAt: '2026-11-23T02:12:00.000Z', // 03:12+01:00, the account's zone
      acknowledgedAt: '2026-11-23T02:15:00.000Z', // + seconds_to_first_ack 180
      resolvedAt: '2026-11-23T03:00:00.000Z', // resolved_on
      severity: 2, // urgency high
      personHandle: 'ann-berg',
    });
    expect(pages.find((p) => p.externalId === 'Q1BX5WQ0N4MZ7T')).toMatchObject({
      summary: 'Disk 90% full, db-3',
      acknowledgedAt: null,
      resolvedAt: '2026-11-24T13:35:00.000Z',
      severity: 4, // urgency low
      personHandle: 'bo-okafor',
    });
    expect(pages.find((p) => p.externalId === 'Q2CY6XR1P5NA8U')).toMatchObject({ resolvedAt: null });
    const before = snapshot(ws);
    expect(apply(ws, { format: 'pagerduty', files: [text(pdCsv)] })).toMatchObject({ new: 0, unchanged: 3 });
    expect(snapshot(ws)).toEqual(before);
  });

  it('without resolved_on, resolves at created_on + seconds_to_resolve', () => {
    const ws = tempWorkstation();
    const [header, ...rows] = fs.readFileSync(path.join(fixtures, pdCsv), 'utf8').trim().split('\n');
    const columns = header!.split(',');
    const drop = columns.indexOf('resolved_on');
    const cut = (line: string): string => {
      const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      cells.splice(drop, 1);
      return cells.join(',');
    };
    const csv = [header!, ...rows].map(cut).join('\n');
    apply(ws, { files: [{ name: 'no-resolved-on.csv', text: csv }] });
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.find((p) => p.externalId === 'Q0RIJJZL9CFQ8A')?.resolvedAt).toBe('2026-11-23T03:00:00.000Z'); // + 2880 s
    expect(pages.find((p) => p.externalId === 'Q1BX5WQ0N4MZ7T')?.resolvedAt).toBe('2026-11-24T13:35:00.000Z'); // + 1800 s
  });

  it('times without a zone are refused until the zone is given, then read in it', () => {
    const ws = tempWorkstation();
    const local = file('pagerduty-incidents-local-times.csv');
    expect(invoke(ws, 'history.apply', { files: [local] })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        message:
          'files: pagerduty-incidents-local-times.csv record 2: created_on "2026-11-23 03:12:00" has no time zone: PagerDuty writes this export in the account\'s time zone — give that zone (zone, or --zone, e.g. Europe/Berlin); nothing was imported',
      },
    });
    expect(pageCount(ws)).toBe(0);
    expect(invoke(ws, 'history.preview', { files: [local], zone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'zone' },
    });
    expect(apply(ws, { files: [local], zone: 'Europe/Berlin' })).toMatchObject({ new: 2, skipped: [] });
    // The same incidents, written with their offset: the same instants, nothing changes.
    expect(apply(ws, { files: [file(pdCsv)] })).toMatchObject({ new: 1, updated: 0, unchanged: 2 });
  });

  it('refuses a file missing a required column, naming it, and stores nothing', () => {
    const ws = tempWorkstation();
    const result = invoke(ws, 'history.apply', {
      files: [file(pdCsv), file('pagerduty-incidents-no-service.csv')],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        message: expect.stringMatching(
          /^files: pagerduty-incidents-no-service\.csv record 1: is not PagerDuty's incident CSV export: it has no column "service_name" \(it has id, incident_number/,
        ),
      },
    });
    expect(pageCount(ws)).toBe(0);
  });

  it('skips a duplicate id, an incident nobody was paged for and a bad number, by line', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { files: [file('pagerduty-incidents-hostile.csv')] });
    expect(result.new).toBe(1);
    expect(result.skipped).toEqual([
      {
        file: 'pagerduty-incidents-hostile.csv',
        record: 3,
        reason: 'duplicate id Q0RIJJZL9CFQ8A (first at pagerduty-incidents-hostile.csv record 2)',
      },
      {
        file: 'pagerduty-incidents-hostile.csv',
        record: 4,
        reason: 'nobody was paged (no assigned_to_user_names, acknowledged_by_user_names or resolved_by_user_name)',
      },
      {
        file: 'pagerduty-incidents-hostile.csv',
        record: 5,
        reason: 'seconds_to_first_ack: "about a minute" is not a number of seconds',
      },
    ]);
  });

  it('is read with saved API responses in the same import, and as any CSV when given as csv', () => {
    const ws = tempWorkstation();
    expect(apply(ws, { files: [...pdFiles, file(pdCsv)] })).toMatchObject({ source: 'pagerduty', new: 7 });
    const other = tempWorkstation();
    const asCsv = apply(other, {
      format: 'csv',
      files: [file(pdCsv)],
      columns: 'at=created_on,service=service_name,who=assigned_to_user_names,summary=description,id=id',
    });
    expect(asCsv).toMatchObject({ source: 'csv', new: 3 });
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

  it('reads times without a zone in the zone given', () => {
    const ws = tempWorkstation();
    const result = apply(ws, { format: 'csv', files: [file('pages.csv')], columns: csvColumns, zone: 'Europe/Berlin' });
    expect(result).toMatchObject({ new: 3, skipped: [] });
    const pages = invokeOk(ws, 'pages.list', { limit: 10 }).pages;
    expect(pages.find((p) => p.externalId === 'T-3')?.receivedAt).toBe('2026-11-24T22:40:00.000Z');
    // A time with its own zone keeps it.
    expect(pages.find((p) => p.externalId === 'T-1')?.receivedAt).toBe('2026-11-23T02:12:00.000Z');
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
