// A team's holiday calendar through the reliability repository (holidays/<team>.yaml): imported
// on one device, there on every other; added, renamed and removed on two devices at once, merged
// holiday by holiday; a broken file named and skipped. Real git, a bare repository on disk.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../electron/workstation';
import { holidaysPath } from '../shared/domain/repository/holidays';
import { bareRepository, pushByHand, showOnMain, teammateDevice } from './git-helpers';
import { invokeOk } from './helpers';

const calendar = (ws: Workstation): string[] =>
  invokeOk(ws, 'holidays.list', { team: 'Payments' }).holidays.map((h) => `${h.date} ${h.name}`);

const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//EN',
  'BEGIN:VEVENT',
  'UID:xmas',
  'DTSTART;VALUE=DATE:20261225',
  'DTEND;VALUE=DATE:20261226',
  'SUMMARY:Christmas Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:ny',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270102',
  'SUMMARY:New Year',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('team holidays through the repository', () => {
  it('an imported calendar reaches the teammate; changes on both sides merge holiday by holiday', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock, 'Europe/Berlin');
    invokeOk(ann, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'UTC' });
    invokeOk(ann, 'teams.save', { name: 'Payments', people: ['ann', 'bo'] });
    invokeOk(ann, 'holidays.import', { team: 'Payments', ics });
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ ok: true, sent: { holidays: 1 } });
    const file = showOnMain(remote, holidaysPath({ team: 'Payments' }));
    expect(file).toBe(
      [
        'team: Payments',
        'holidays:',
        '  - date: 2026-12-25',
        '    name: Christmas Day',
        '    updatedAt: 2026-11-09T10:00:00.000Z',
        '    deletedAt: null',
        '  - date: 2027-01-01',
        '    name: New Year',
        '    updatedAt: 2026-11-09T10:00:00.000Z',
        '    deletedAt: null',
        'updatedAt: 2026-11-09T10:00:00.000Z',
        '',
      ].join('\n'),
    );

    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock, 'Europe/Berlin');
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ ok: true, received: { holidays: 1 } });
    expect(calendar(bo)).toEqual(['2026-12-25 Christmas Day', '2027-01-01 New Year']);

    // Ann removes New Year and adds Boxing Day; Bo, later, renames Christmas Day and adds a day off.
    t += 60_000;
    invokeOk(ann, 'holidays.remove', { team: 'Payments', date: '2027-01-01' });
    invokeOk(ann, 'holidays.add', { team: 'Payments', date: '2026-12-26', name: 'Boxing Day' });
    t += 60_000;
    invokeOk(bo, 'holidays.add', { team: 'Payments', date: '2026-12-25', name: 'Christmas' });
    invokeOk(bo, 'holidays.add', { team: 'Payments', date: '2026-12-24', name: 'Christmas Eve' });
    for (const ws of [ann, bo, ann]) expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ ok: true, problems: [] });
    const merged = ['2026-12-24 Christmas Eve', '2026-12-25 Christmas', '2026-12-26 Boxing Day'];
    expect(calendar(ann)).toEqual(merged);
    expect(calendar(bo)).toEqual(merged);
    expect(invokeOk(ann, 'repo.conflicts', {})).toEqual([]);
    // The removal is in the file as a tombstone, so it reaches a third device too.
    expect(showOnMain(remote, holidaysPath({ team: 'Payments' }))).toMatch(
      /- date: 2027-01-01\n\s+name: New Year\n.*\n\s+deletedAt: 2026/,
    );

    // Both rename the same holiday: the later name stays, the other waits in the conflict log.
    t += 60_000;
    invokeOk(ann, 'holidays.add', { team: 'Payments', date: '2026-12-26', name: 'St Stephen’s Day' });
    t += 60_000;
    invokeOk(bo, 'holidays.add', { team: 'Payments', date: '2026-12-26', name: 'Second Christmas Day' });
    for (const ws of [ann, bo, ann]) invokeOk(ws, 'repo.sync', {});
    expect(calendar(ann)).toContain('2026-12-26 Second Christmas Day');
    const conflict = invokeOk(bo, 'repo.conflicts', {}).find((c) => c.kind === 'holidays');
    expect(conflict).toMatchObject({ key: 'Payments', field: 'holidays.2026-12-26.name', lost: 'St Stephen’s Day' });
    // …and can be restored from there.
    t += 60_000;
    invokeOk(bo, 'repo.resolveConflict', { id: conflict?.id ?? 0, action: 'restore' });
    for (const ws of [bo, ann]) invokeOk(ws, 'repo.sync', {});
    expect(calendar(ann)).toContain('2026-12-26 St Stephen’s Day');
    // The restore is a new edit of that holiday: its own edit time is the restore's.
    const restoredAt = new Date(t).toISOString();
    expect(showOnMain(remote, holidaysPath({ team: 'Payments' }))).toContain(
      `- date: 2026-12-26\n    name: St Stephen’s Day\n    updatedAt: ${restoredAt}\n`,
    );
  });

  it('two teams whose names slug alike keep their own calendars', () => {
    const remote = bareRepository();
    const clock = (): number => Date.parse('2026-11-09T10:00:00Z');
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock, 'Europe/Berlin');
    for (const [team, date, name] of [
      ['Payments EU', '2026-05-01', 'Labour Day'],
      ['Payments-EU', '2026-12-25', 'Christmas Day'],
      ['Плата', '2026-01-07', 'Christmas (Orthodox)'],
      ['付款', '2026-02-17', 'Lunar New Year'],
    ] as const) {
      invokeOk(ann, 'teams.save', { name: team, people: ['ann'] });
      invokeOk(ann, 'holidays.add', { team, date, name });
    }
    invokeOk(ann, 'repo.sync', {});
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock, 'Europe/Berlin');
    for (const ws of [bo, ann, bo]) expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ ok: true, problems: [] });
    for (const ws of [ann, bo]) {
      const all = ['Payments EU', 'Payments-EU', 'Плата', '付款'].map((team) =>
        invokeOk(ws, 'holidays.list', { team }).holidays.map((h) => h.name),
      );
      expect(all).toEqual([['Labour Day'], ['Christmas Day'], ['Christmas (Orthodox)'], ['Lunar New Year']]);
    }
    const files = execFileSync('git', ['-C', remote, 'ls-tree', '--name-only', 'main', 'holidays/'], {
      encoding: 'utf8',
    });
    expect(files.trim().split('\n')).toHaveLength(4);
  });

  it('a calendar whose team is not known yet is named, and arrives once the team does', () => {
    const remote = bareRepository();
    const clock = (): number => Date.parse('2026-11-09T10:00:00Z');
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock, 'Europe/Berlin');
    invokeOk(ann, 'repo.sync', {});
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock, 'Europe/Berlin');
    invokeOk(bo, 'repo.sync', {});
    // By hand: a calendar for a team that team.yaml does not have (yet).
    pushByHand(remote, (hand) => {
      const file = holidaysPath({ team: 'Search' });
      fs.mkdirSync(path.join(hand, 'holidays'), { recursive: true });
      fs.writeFileSync(
        path.join(hand, file),
        'team: Search\nholidays:\n  - date: 2026-12-25\n    name: Christmas Day\n    updatedAt: 2026-11-09T10:00:00.000Z\n    deletedAt: null\nupdatedAt: 2026-11-09T10:00:00.000Z\n',
      );
    });
    const first = invokeOk(bo, 'repo.sync', {});
    expect(first.problems).toEqual([
      { file: 'holidays Search', line: 0, message: expect.stringContaining('team “Search” is not known here') },
    ]);
    // The team arrives (Ann adds it); the calendar comes with the next sync.
    invokeOk(ann, 'teams.save', { name: 'Search', people: ['ann'] });
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ ok: true, problems: [] });
    expect(invokeOk(bo, 'holidays.list', { team: 'Search' }).holidays).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
  });

  it('a broken holidays file is named and skipped; the rest syncs and nothing local changes', () => {
    const remote = bareRepository();
    const clock = (): number => Date.parse('2026-11-09T10:00:00Z');
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock, 'Europe/Berlin');
    invokeOk(ann, 'teams.save', { name: 'Payments', people: ['ann'] });
    invokeOk(ann, 'holidays.add', { team: 'Payments', date: '2026-12-25', name: 'Christmas Day' });
    invokeOk(ann, 'repo.sync', {});
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock, 'Europe/Berlin');
    invokeOk(bo, 'repo.sync', {});

    pushByHand(remote, (hand) => {
      const good = fs.readFileSync(path.join(hand, holidaysPath({ team: 'Payments' })), 'utf8');
      fs.writeFileSync(path.join(hand, holidaysPath({ team: 'Payments' })), good.replace('2026-12-25', '2026-13-45'));
      fs.writeFileSync(path.join(hand, 'holidays/search.yaml'), 'team: Payments\nholidays: []\nupdatedAt: x\n');
    });

    invokeOk(bo, 'pages.add', { service: 'checkout', severity: 2, summary: 'still syncs' });
    const report = invokeOk(bo, 'repo.sync', {});
    expect(report).toMatchObject({ ok: true, sent: { pages: 1 } });
    expect(report.problems).toEqual([
      {
        file: holidaysPath({ team: 'Payments' }),
        line: 3,
        message: expect.stringMatching(/^holidays\.0\.date: must be a date/),
      },
      { file: 'holidays/search.yaml', line: 3, message: expect.stringMatching(/^updatedAt:/) },
    ]);
    expect(calendar(bo)).toEqual(['2026-12-25 Christmas Day']);
  });
});
