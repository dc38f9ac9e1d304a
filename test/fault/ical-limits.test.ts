// Hostile calendars against the importers, through the operation table (the CLI's path): each is
// refused (or read) within 10 s and 500 MB, the refusal names the file, the event and the limit,
// and nothing already stored changes.

import { describe, expect, it } from 'vitest';
import { feedLimits } from '../../shared/rotation-contract';
import { holidayCalendarLimits } from '../../shared/holiday-contract';
import { invoke, invokeOk, tempWorkstation } from '../helpers';
import { withinBounds } from './measure';
import * as hostile from './hostile';
import type { Workstation } from '../../electron/workstation';

const now = Date.UTC(2026, 10, 27, 12);
const at = (ms: number): string => new Date(ms).toISOString();

/** A store with one imported feed rotation ("Search", Ann every day of November) and a holiday. */
function stocked(): Workstation {
  const ws = tempWorkstation({ now: () => now });
  invokeOk(ws, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'UTC' });
  invokeOk(ws, 'teams.save', { name: 'Platform', people: ['ann'] });
  const feed = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:daily@ok',
    'SUMMARY:Ann',
    'DTSTART:20261101T090000Z',
    'DTEND:20261102T090000Z',
    'RRULE:FREQ=DAILY;COUNT=20',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  invokeOk(ws, 'rotations.import', { rotation: 'Search', ics: feed, apply: true });
  invokeOk(ws, 'holidays.add', { date: '2026-12-24', name: 'Christmas Eve' });
  return ws;
}

/** Everything a refused import could have touched. */
function snapshot(ws: Workstation): unknown {
  return {
    rotations: invokeOk(ws, 'rotations.list', {}),
    shifts: invokeOk(ws, 'rotations.shifts', { from: at(now - 60 * 86_400_000), to: at(now + 400 * 86_400_000) }),
    holidays: invokeOk(ws, 'holidays.list', {}),
  };
}

async function refusedFeed(ics: string, expected: RegExp[]): Promise<void> {
  const ws = stocked();
  const before = snapshot(ws);
  const { value } = await withinBounds(() =>
    invoke(ws, 'rotations.import', { rotation: 'Search', ics, fileName: 'hostile.ics', apply: true }),
  );
  expect(value.ok).toBe(false);
  const message = value.ok ? '' : value.error.message;
  expect(message).toMatch(/^ics: hostile\.ics: /);
  for (const pattern of expected) expect(message).toMatch(pattern);
  expect(snapshot(ws)).toEqual(before);
}

async function refusedHolidays(ics: string, expected: RegExp[]): Promise<void> {
  const ws = stocked();
  const before = snapshot(ws);
  const { value } = await withinBounds(() => invoke(ws, 'holidays.import', { ics, fileName: 'holidays.ics' }));
  expect(value.ok).toBe(false);
  const message = value.ok ? '' : value.error.message;
  expect(message).toMatch(/^ics: holidays\.ics: /);
  for (const pattern of expected) expect(message).toMatch(pattern);
  expect(snapshot(ws)).toEqual(before);
}

const steps = (n: number): RegExp => new RegExp(`${n.toLocaleString('en-US')} recurrence steps`);

describe('hostile calendars are refused quickly, naming the event and the limit', () => {
  it('a rule that never matches, every second (30 February)', async () => {
    await refusedFeed(hostile.neverMatching('SECONDLY'), [
      /event "never@fault" \("Ann"\)/,
      steps(feedLimits.stepsPerEvent),
    ]);
  });

  it('a rule that never matches, daily (ical.js has no guard of its own there)', async () => {
    await refusedFeed(hostile.neverMatching('DAILY'), [/event "never@fault"/, steps(feedLimits.stepsPerEvent)]);
  });

  it('a VTIMEZONE whose parts repeat every second, used by an event', async () => {
    await refusedFeed(hostile.secondlyZone(), [/time zone "Hostile\/Zone"/, /repeating SECONDLY/, /FREQ=YEARLY/]);
  });

  it('20,000 events: counted before the file is parsed', async () => {
    await refusedFeed(hostile.manyEvents(20_000), [/20,000 events/, /at most 10,000/]);
  });

  it('1,000 events repeating every minute', async () => {
    await refusedFeed(hostile.minutely(1000), [/event "minutely-0@fault"/, steps(feedLimits.stepsPerEvent)]);
  });

  it('60,000 RDATEs on one event (newest first, the order ical.js reads quadratically)', async () => {
    await refusedFeed(hostile.manyRdates(60_000), [
      /event "rdates@fault" \("Ann"\) lists 60,000 dates \(RDATE\)/,
      /at most 5,000/,
    ]);
  });

  it('holidays: a rule that never matches, and 20,000 events', async () => {
    await refusedHolidays(hostile.holidayNeverMatching(), [
      /event 1 \(UID never-holiday@fault, "Never Day"\)/,
      steps(holidayCalendarLimits.stepsPerEvent),
    ]);
    await refusedHolidays(hostile.manyEvents(20_000), [/20,000 events/, /at most 5,000/]);
  });
});

describe('large but honest calendars are read within the bounds', () => {
  it('10,000 events (the limit): reading no longer grows with the square of the count', async () => {
    const ws = stocked();
    const { value } = await withinBounds(() =>
      invoke(ws, 'rotations.import', { rotation: 'Many', ics: hostile.manyEvents(feedLimits.events) }),
    );
    expect(value.ok).toBe(true);
    // 10,000 hours from 2026-01-01: all inside the year either side of now.
    expect(value.ok && (value.value as { added: number }).added).toBe(feedLimits.events);
  });

  it('5,000 RDATEs (the limit), newest first: put in order before ical.js reads them', async () => {
    const ws = stocked();
    const { value } = await withinBounds(() =>
      invoke(ws, 'rotations.import', { rotation: 'Dated', ics: hostile.manyRdates(feedLimits.datesPerEvent) }),
    );
    expect(value.ok).toBe(true);
    // The 5,000 hourly dates, all in the window (ical.js reads an event of RDATEs alone without
    // its DTSTART, as it did before).
    expect(value.ok && (value.value as { added: number }).added).toBe(feedLimits.datesPerEvent);
  });

  it('60,000 EXDATEs on one daily event: each occurrence excluded in constant time', async () => {
    const ws = stocked();
    const { value } = await withinBounds(() =>
      invoke(ws, 'rotations.import', { rotation: 'Excluded', ics: hostile.manyExdates(60_000) }),
    );
    expect(value.ok).toBe(true);
    // Every day after the first is excluded up to a year after now: one shift is left.
    expect(value.ok && (value.value as { added: number }).added).toBe(1);
  });
});
