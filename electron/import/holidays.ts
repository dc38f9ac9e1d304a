// Reads a holiday calendar from an iCalendar file (a country's public holidays as Google,
// Outlook or a government site publish them, or the team's own): each all-day event is a
// holiday on each date it covers; yearly recurring ones are repeated up to a horizon. Anything
// that is not a holiday a person would recognise is refused with the event named, so nothing
// is stored from a file that was misread.

import ICAL from 'ical.js';
import { holidayDate, holidayName, maxHolidayCalendarBytes, type Holiday } from '../../shared/holiday-contract';

export class HolidayCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidayCalendarError';
  }
}

export interface HolidayParseOptions {
  /** Recurring events are repeated up to this date (YYYY-MM-DD, not included). */
  untilDate: string;
}

const dayMs = 86_400_000;
/** One event covering more days than this is not a holiday (a misread range, a vacation). */
const maxDaysPerEvent = 31;
const maxOccurrencesPerEvent = 300;

const dateOfTime = (t: ICAL.Time): string =>
  `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / dayMs;
const dateOfDay = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);
const atMidnight = (t: ICAL.Time): boolean => t.isDate || (t.hour === 0 && t.minute === 0 && t.second === 0);

/** The dates [start, end) of one occurrence, or an error naming what is wrong with it. */
function datesOf(start: ICAL.Time, end: ICAL.Time | null, where: string): string[] {
  if (!atMidnight(start))
    throw new HolidayCalendarError(
      `${where} starts at ${start.toString()}, a time of day: a holiday is a whole date (DTSTART;VALUE=DATE:${dateOfTime(start).replaceAll('-', '')})`,
    );
  const first = dayOf(dateOfTime(start));
  let last = first + 1;
  if (end) {
    if (!atMidnight(end))
      throw new HolidayCalendarError(`${where} ends at ${end.toString()}, a time of day: a holiday ends at midnight`);
    last = Math.max(first + 1, dayOf(dateOfTime(end)));
  }
  if (last - first > maxDaysPerEvent)
    throw new HolidayCalendarError(
      `${where} lasts ${last - first} days (from ${dateOfTime(start)}): a holiday is at most ${maxDaysPerEvent} days`,
    );
  const dates: string[] = [];
  for (let day = first; day < last; day++) dates.push(dateOfDay(day));
  return dates;
}

export function parseHolidayCalendar(text: string, options: HolidayParseOptions): Holiday[] {
  if (Buffer.byteLength(text, 'utf8') > maxHolidayCalendarBytes)
    throw new HolidayCalendarError(`the calendar is larger than ${maxHolidayCalendarBytes / 1024 / 1024} MB`);
  if (!/BEGIN:VCALENDAR/i.test(text))
    throw new HolidayCalendarError('this is not an iCalendar file (no BEGIN:VCALENDAR)');
  let root: ICAL.Component | null;
  try {
    const parsed = new ICAL.Component(ICAL.parse(text));
    root = parsed.name === 'vcalendar' ? parsed : parsed.getFirstSubcomponent('vcalendar');
  } catch (error) {
    throw new HolidayCalendarError(`the calendar cannot be read: ${(error as Error).message}`);
  }
  if (!root) throw new HolidayCalendarError('this is not an iCalendar file (no VCALENDAR)');
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length === 0) throw new HolidayCalendarError('the calendar has no events (VEVENT): no holidays in it');

  const names = new Map<string, string[]>();
  const add = (date: string, name: string, where: string): void => {
    const checked = holidayDate.safeParse(date);
    if (!checked.success)
      throw new HolidayCalendarError(`${where}: date ${date} ${checked.error.issues[0]?.message ?? 'is not valid'}`);
    const list = names.get(date) ?? [];
    if (!list.includes(name)) list.push(name);
    names.set(date, list);
  };

  vevents.forEach((vevent, index) => {
    const uid = vevent.getFirstPropertyValue('uid');
    const summary = vevent.getFirstPropertyValue('summary');
    const where = `event ${index + 1}${typeof summary === 'string' && summary.trim() ? ` ("${summary.trim().slice(0, 60)}")` : typeof uid === 'string' ? ` (UID ${uid})` : ''}`;
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return;
    // A moved occurrence of a recurring holiday: the recurring event's own dates are kept as
    // they are, and this one is read as a holiday of its own.
    const name = holidayName.safeParse(typeof summary === 'string' ? summary : '');
    if (!name.success)
      throw new HolidayCalendarError(
        typeof summary === 'string' && summary.trim()
          ? `${where}: the name ${name.error.issues[0]?.message ?? 'is not valid'}`
          : `${where} has no SUMMARY: a holiday needs a name`,
      );
    let event: ICAL.Event;
    try {
      event = new ICAL.Event(vevent);
    } catch (error) {
      throw new HolidayCalendarError(`${where} cannot be read: ${(error as Error).message}`);
    }
    if (!vevent.hasProperty('dtstart') || !event.startDate) throw new HolidayCalendarError(`${where} has no DTSTART`);
    const end = vevent.hasProperty('dtend') || vevent.hasProperty('duration') ? event.endDate : null;
    if (!event.isRecurring() || vevent.hasProperty('recurrence-id')) {
      for (const date of datesOf(event.startDate, end, where)) add(date, name.data, where);
      return;
    }
    const iterator = event.iterator();
    for (let n = 0; ; n++) {
      const next = iterator.next();
      if (!next || dateOfTime(next) >= options.untilDate) break;
      if (n >= maxOccurrencesPerEvent)
        throw new HolidayCalendarError(
          `${where} repeats more than ${maxOccurrencesPerEvent} times before ${options.untilDate}`,
        );
      const details = event.getOccurrenceDetails(next);
      for (const date of datesOf(details.startDate, end ? details.endDate : null, where)) add(date, name.data, where);
    }
  });
  return [...names]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => {
      // Two holidays on one date: both names, as far as they fit.
      const joined = list.join(' / ');
      return { date, name: joined.length <= 200 ? joined : (list[0] ?? joined) };
    });
}
