import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError, matchPeople, parseScheduleFeed, personFromSummary } from '../electron/import/ical';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures/ical', `${name}.ics`), 'utf8');
const range = {
  fromMs: Date.parse('2026-10-01T00:00:00Z'),
  toMs: Date.parse('2027-01-01T00:00:00Z'),
  zone: 'America/New_York',
};
const iso = (ms: number): string => new Date(ms).toISOString();

describe('reading on-call schedules from iCalendar feeds', () => {
  it('PagerDuty: "On Call - <name> - <schedule>", a bare-email attendee, UTC times', () => {
    const feed = parseScheduleFeed(fixture('pagerduty'), range);
    expect(feed.calendarName).toBe('Payments Primary');
    expect(feed.skipped).toEqual([]);
    expect(feed.shifts.map((s) => [s.name, s.email, s.schedule, iso(s.startMs), iso(s.endMs)])).toEqual([
      ['Ann Berg', 'ann@example.com', 'Payments Primary', '2026-11-09T08:00:00.000Z', '2026-11-16T08:00:00.000Z'],
      [
        'Bo Okafor',
        'bo.okafor@example.com',
        'Payments Primary',
        '2026-11-16T08:00:00.000Z',
        '2026-11-23T08:00:00.000Z',
      ],
      ['Chen Liu', 'chen@example.com', 'Payments Primary', '2026-11-23T08:00:00.000Z', '2026-11-30T08:00:00.000Z'],
    ]);
  });

  it('Grafana OnCall: display names, [L1] layers, PRIORITY 1 overrides, TZID times, daily RRULE', () => {
    const feed = parseScheduleFeed(fixture('grafana-oncall'), range);
    const daily = feed.shifts.filter((s) => !s.isOverride);
    expect(daily).toHaveLength(7);
    expect(daily.every((s) => s.name === 'Ann Berg' && s.layer === 'L1')).toBe(true);
    expect(iso(daily[0]?.startMs ?? 0)).toBe('2026-11-23T08:00:00.000Z'); // 09:00 Berlin
    expect(daily[0]?.key).toBe('oncall-shift-1#2026-11-23T09:00:00');
    const override = feed.shifts.find((s) => s.isOverride);
    expect(override).toMatchObject({ name: 'Bo Okafor', key: 'oncall-override-1' });
    expect([iso(override?.startMs ?? 0), iso(override?.endMs ?? 0)]).toEqual([
      '2026-11-25T11:00:00.000Z',
      '2026-11-25T17:00:00.000Z',
    ]);
  });

  it('GoAlert: "<name> On-Call (GoAlert: <schedule>)", CRLF, folded lines and a VALARM', () => {
    const feed = parseScheduleFeed(fixture('goalert'), range);
    expect(feed.shifts.map((s) => [s.name, s.schedule, iso(s.startMs)])).toEqual([
      ['Dara Novak', 'Search Indexer Primary', '2026-11-23T15:00:00.000Z'],
    ]);
  });

  it('RFC 5545: RRULE with EXDATE, a moved occurrence, an all-day event, a zone defined by VTIMEZONE', () => {
    const feed = parseScheduleFeed(fixture('rfc5545'), range);
    expect(feed.skipped).toEqual([]);
    const weekly = feed.shifts.filter((s) => s.uid === 'weekly-1@example.com');
    expect(weekly.map((s) => [s.name, iso(s.startMs)])).toEqual([
      ['Eli Silva', '2026-10-26T13:00:00.000Z'], // 09:00 EDT
      ['Eli Silva', '2026-11-02T14:00:00.000Z'], // 09:00 EST, after the change
      ['Femi Adeyemi', '2026-11-16T17:00:00.000Z'], // the moved occurrence; 11-09 was excluded
      ['Eli Silva', '2026-11-23T14:00:00.000Z'],
    ]);
    // RFC 5545: occurrences keep the exact duration of the first (here 7 days and 1 hour).
    expect(iso(weekly[0]?.endMs ?? 0)).toBe('2026-11-02T15:00:00.000Z');
    const allDay = feed.shifts.find((s) => s.uid === 'holiday-1@example.com');
    expect(allDay).toMatchObject({ name: 'Gita Rao', allDay: true });
    expect([iso(allDay?.startMs ?? 0), iso(allDay?.endMs ?? 0)]).toEqual([
      '2026-11-26T05:00:00.000Z',
      '2026-11-27T05:00:00.000Z',
    ]);
  });

  it('reads only the range asked for, and the same feed gives the same keys every time', () => {
    const narrow = parseScheduleFeed(fixture('grafana-oncall'), {
      ...range,
      fromMs: Date.parse('2026-11-26T00:00:00Z'),
      toMs: Date.parse('2026-11-27T00:00:00Z'),
    });
    expect(narrow.shifts.map((s) => s.key)).toEqual([
      'oncall-shift-1#2026-11-25T09:00:00',
      'oncall-shift-1#2026-11-26T09:00:00',
    ]);
    expect(parseScheduleFeed(fixture('rfc5545'), range).shifts.map((s) => s.key)).toEqual(
      parseScheduleFeed(fixture('rfc5545'), range).shifts.map((s) => s.key),
    );
  });

  it('skips what cannot be read, saying why, and keeps the rest', () => {
    const feed = parseScheduleFeed(fixture('hostile'), range);
    expect(feed.shifts.map((s) => s.name)).toEqual(['Dara Novak']);
    expect(feed.skipped).toEqual(
      expect.arrayContaining([
        { uid: null, reason: 'an event without a UID' },
        { uid: 'backwards', reason: 'the event ends before it starts' },
        { uid: 'martian', reason: 'unknown time zone "Mars/Olympus_Mons"' },
        { uid: 'nobody', reason: 'the event names nobody (no SUMMARY or ATTENDEE)' },
      ]),
    );
  });

  it('refuses what is not a calendar, or too large, with a clear message', () => {
    expect(() => parseScheduleFeed('hello', range)).toThrow(
      new FeedError('this is not an iCalendar file (no BEGIN:VCALENDAR)'),
    );
    expect(() => parseScheduleFeed(`BEGIN:VCALENDAR\n${'X'.repeat(6 * 1024 * 1024)}`, range)).toThrow(
      /larger than 5 MB/,
    );
    expect(() => parseScheduleFeed('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026\n', range)).toThrow(FeedError);
  });

  it('reads names out of each feed’s summaries', () => {
    expect(personFromSummary('On Call - Ann Berg - Payments Primary')).toEqual({
      name: 'Ann Berg',
      layer: null,
      schedule: 'Payments Primary',
    });
    expect(personFromSummary('Ann Berg On-Call (GoAlert: Payments)')).toEqual({
      name: 'Ann Berg',
      layer: null,
      schedule: 'Payments',
    });
    expect(personFromSummary('[L2] Ann Berg')).toEqual({ name: 'Ann Berg', layer: 'L2', schedule: null });
    expect(personFromSummary('Ann Berg')).toEqual({ name: 'Ann Berg', layer: null, schedule: null });
  });
});

describe('matching feed names to people', () => {
  const people = [
    { id: 'p-ann', name: 'Ann Berg', handle: 'ann' },
    { id: 'p-bo', name: 'Bo Okafor', handle: 'bo' },
    { id: 'p-chen', name: 'Chen Liu', handle: 'chen', email: 'chen@example.com' },
  ];

  it('by email, handle, full name or an explicit mapping; the rest are offered for mapping', () => {
    const feed = parseScheduleFeed(fixture('pagerduty'), range);
    const first = matchPeople(feed.shifts, people);
    expect(Object.fromEntries(first.assigned)).toEqual({
      'Ann Berg': 'p-ann',
      'Bo Okafor': 'p-bo',
      'Chen Liu': 'p-chen',
    });
    const goalert = parseScheduleFeed(fixture('goalert'), range);
    expect(matchPeople(goalert.shifts, people).unknown).toEqual(['Dara Novak']);
    expect(Object.fromEntries(matchPeople(goalert.shifts, people, { 'Dara Novak': 'bo' }).assigned)).toEqual({
      'Dara Novak': 'p-bo',
    });
  });
});
