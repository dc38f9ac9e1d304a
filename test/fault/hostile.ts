// Hostile iCalendar files for the fault suite and the before/after measurements (bench-free:
// each is made here, small, from a few lines). Times are fixed; nothing reads the real clock.

const wrap = (body: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//fault//EN', ...body, 'END:VCALENDAR', ''].join('\r\n');

/** One event whose rule asks for a date that never exists (30 February), every second. */
export function neverMatching(freq = 'SECONDLY'): string {
  return wrap([
    'BEGIN:VEVENT',
    'UID:never@fault',
    'SUMMARY:Ann',
    'DTSTART:20261101T090000Z',
    'DTEND:20261101T100000Z',
    `RRULE:FREQ=${freq};BYMONTH=2;BYMONTHDAY=30`,
    'END:VEVENT',
  ]);
}

/** A VTIMEZONE whose standard and daylight parts repeat every second, used by one event. */
export function secondlyZone(): string {
  return wrap([
    'BEGIN:VTIMEZONE',
    'TZID:Hostile/Zone',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'RRULE:FREQ=SECONDLY',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0000',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:19700101T000000',
    'RRULE:FREQ=SECONDLY',
    'TZOFFSETFROM:+0000',
    'TZOFFSETTO:+0100',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:zoned@fault',
    'SUMMARY:Ann',
    'DTSTART;TZID=Hostile/Zone:20261101T090000',
    'DTEND;TZID=Hostile/Zone:20261101T100000',
    'END:VEVENT',
  ]);
}

const stamp = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** `count` one-hour events, one after another from 2026-01-01 (no recurrence). */
export function manyEvents(count: number): string {
  const lines: string[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const at = start + i * 3_600_000;
    lines.push(
      'BEGIN:VEVENT',
      `UID:event-${i}@fault`,
      'SUMMARY:Ann',
      `DTSTART:${stamp(at)}`,
      `DTEND:${stamp(at + 3_600_000)}`,
      'END:VEVENT',
    );
  }
  return wrap(lines);
}

/** `count` events that each repeat every minute. */
export function minutely(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      'BEGIN:VEVENT',
      `UID:minutely-${i}@fault`,
      'SUMMARY:Ann',
      'DTSTART:20261101T090000Z',
      'DTEND:20261101T090100Z',
      'RRULE:FREQ=MINUTELY',
      'END:VEVENT',
    );
  return wrap(lines);
}

/** One daily event with `count` EXDATEs (each its own line). */
export function manyExdates(count: number): string {
  const lines = [
    'BEGIN:VEVENT',
    'UID:exdates@fault',
    'SUMMARY:Ann',
    'DTSTART:20261101T090000Z',
    'DTEND:20261101T100000Z',
  ];
  lines.push('RRULE:FREQ=DAILY');
  const start = Date.UTC(2026, 10, 1, 9);
  for (let i = 0; i < count; i++) lines.push(`EXDATE:${stamp(start + (i + 1) * 86_400_000)}`);
  lines.push('END:VEVENT');
  return wrap(lines);
}

/** The same shapes as all-day holidays, for the team holiday import. */
export function holidayNeverMatching(freq = 'SECONDLY'): string {
  return wrap([
    'BEGIN:VEVENT',
    'UID:never-holiday@fault',
    'SUMMARY:Never Day',
    'DTSTART;VALUE=DATE:20261101',
    `RRULE:FREQ=${freq};BYMONTH=2;BYMONTHDAY=30`,
    'END:VEVENT',
  ]);
}

/** One daily event with `count` extra dates (RDATE, one a line), newest first: ical.js's worst order. */
export function manyRdates(count: number): string {
  const lines = [
    'BEGIN:VEVENT',
    'UID:rdates@fault',
    'SUMMARY:Ann',
    'DTSTART:20261101T090000Z',
    'DTEND:20261101T100000Z',
  ];
  const start = Date.UTC(2026, 10, 1, 9);
  for (let i = count; i > 0; i--) lines.push(`RDATE:${stamp(start + i * 3_600_000)}`);
  lines.push('END:VEVENT');
  return wrap(lines);
}
