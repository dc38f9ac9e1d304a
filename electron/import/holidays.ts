// Reads a holiday calendar from an iCalendar file (a country's public holidays as Google,
// Outlook or a government site publish them, or the team's own): each all-day event is a
// holiday on each date it covers; yearly recurring ones are repeated up to a horizon. Anything
// that is not a holiday a person would recognise is refused with the event named, so nothing
// is stored from a file that was misread.

import ICAL from 'ical.js';
import {
  holidayCalendarLimits,
  holidayDate,
  holidayName,
  maxHolidayCalendarBytes,
  type Holiday,
} from '../../shared/holiday-contract';
import { BudgetSpent, countComponents, orderRdates, StepBudget, takeExdates, TooManyDates } from './budget';
import { preparedFor } from './prepared';

export class HolidayCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidayCalendarError';
  }
}

export interface HolidayParseOptions {
  /** Recurring events are repeated up to this date (YYYY-MM-DD, not included). */
  untilDate: string;
  /** Where the text came from (a file's name), named in a refusal. */
  source?: string;
}

const thousands = (n: number): string => n.toLocaleString('en-US');

const dayMs = 86_400_000;

/** Recurring holidays are repeated this many whole years ahead of now. */
const horizonYears = 5;

/** The date (excluded) up to which recurring holidays are repeated, from `now`. */
export function holidayHorizon(now: number): string {
  return `${new Date(now).getUTCFullYear() + horizonYears + 1}-01-01`;
}
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
  const prepared = preparedFor('holidays', text);
  if (prepared) {
    if (prepared.ok) return prepared.value as Holiday[];
    throw new HolidayCalendarError(prepared.message);
  }
  const file = options.source ? `${options.source}: ` : '';
  if (Buffer.byteLength(text, 'utf8') > maxHolidayCalendarBytes)
    throw new HolidayCalendarError(`${file}the calendar is larger than ${maxHolidayCalendarBytes / 1024 / 1024} MB`);
  if (!/BEGIN:VCALENDAR/i.test(text))
    throw new HolidayCalendarError(`${file}this is not an iCalendar file (no BEGIN:VCALENDAR)`);
  // Counted before parsing: a file of many small events is refused before it is built in memory.
  const eventCount = countComponents(text, 'VEVENT');
  if (eventCount > holidayCalendarLimits.events)
    throw new HolidayCalendarError(
      `${file}the calendar has ${thousands(eventCount)} events (VEVENT); at most ${thousands(holidayCalendarLimits.events)} are read`,
    );
  let root: ICAL.Component | null;
  let exdates: ReturnType<typeof takeExdates>;
  try {
    const jcal: unknown = ICAL.parse(text);
    orderRdates(jcal, holidayCalendarLimits.datesPerEvent);
    exdates = takeExdates(jcal);
    const parsed = new ICAL.Component(jcal as unknown[]);
    root = parsed.name === 'vcalendar' ? parsed : parsed.getFirstSubcomponent('vcalendar');
  } catch (error) {
    if (error instanceof TooManyDates) throw new HolidayCalendarError(`${file}${error.message}`);
    throw new HolidayCalendarError(`${file}the calendar cannot be read: ${(error as Error).message}`);
  }
  if (!root) throw new HolidayCalendarError(`${file}this is not an iCalendar file (no VCALENDAR)`);
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length === 0)
    throw new HolidayCalendarError(`${file}the calendar has no events (VEVENT): no holidays in it`);
  // A holiday's dates are whole days: zones never matter, and a VTIMEZONE is never expanded.
  // Exceptions (RECURRENCE-ID) are related to their own event by UID; ical.js would otherwise
  // look through every event of the calendar for each one (the square of the event count).
  const exceptionsByUid = new Map<string, ICAL.Component[]>();
  for (const vevent of vevents) {
    if (!vevent.hasProperty('recurrence-id')) continue;
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    exceptionsByUid.set(uid, [...(exceptionsByUid.get(uid) ?? []), vevent]);
  }
  let stepsLeft: number = holidayCalendarLimits.steps;

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
    const named = [
      typeof uid === 'string' && uid ? `UID ${uid.slice(0, 80)}` : '',
      typeof summary === 'string' && summary.trim() ? `"${summary.trim().slice(0, 60)}"` : '',
    ].filter(Boolean);
    const where = `${file}event ${index + 1}${named.length > 0 ? ` (${named.join(', ')})` : ''}`;
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
      const recurring = !vevent.hasProperty('recurrence-id');
      event = new ICAL.Event(vevent, {
        exceptions: recurring && typeof uid === 'string' ? (exceptionsByUid.get(uid) ?? []) : [],
      });
    } catch (error) {
      throw new HolidayCalendarError(`${where} cannot be read: ${(error as Error).message}`);
    }
    if (!vevent.hasProperty('dtstart') || !event.startDate) throw new HolidayCalendarError(`${where} has no DTSTART`);
    const end = vevent.hasProperty('dtend') || vevent.hasProperty('duration') ? event.endDate : null;
    if (!event.isRecurring() || vevent.hasProperty('recurrence-id')) {
      for (const date of datesOf(event.startDate, end, where)) add(date, name.data, where);
      return;
    }
    const perEvent = Math.min(stepsLeft, holidayCalendarLimits.stepsPerEvent);
    const budget = new StepBudget(perEvent);
    try {
      budget.run(() => {
        // EXDATEs by date, each matched in constant time (ical.js's own list grows quadratically).
        const excluded = new Set((exdates.get(vevent.jCal) ?? []).map(({ value }) => value.slice(0, 10)));
        const iterator = event.iterator();
        for (let n = 0; ; n++) {
          const next = iterator.next();
          if (!next || dateOfTime(next) >= options.untilDate) break;
          if (excluded.has(dateOfTime(next))) {
            n -= 1;
            continue;
          }
          if (n >= maxOccurrencesPerEvent)
            throw new HolidayCalendarError(
              `${where} repeats more than ${maxOccurrencesPerEvent} times before ${options.untilDate}`,
            );
          const details = event.getOccurrenceDetails(next);
          for (const date of datesOf(details.startDate, end ? details.endDate : null, where))
            add(date, name.data, where);
        }
      });
    } catch (error) {
      if (!(error instanceof BudgetSpent)) throw error;
      throw new HolidayCalendarError(
        perEvent === holidayCalendarLimits.stepsPerEvent
          ? `${where} takes more than its limit of ${thousands(perEvent)} recurrence steps before ${options.untilDate} (a rule that matches never or too often)`
          : `${where} takes the calendar past its limit of ${thousands(holidayCalendarLimits.steps)} recurrence steps`,
      );
    }
    stepsLeft -= budget.used;
  });
  return [...names]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => {
      // Two holidays on one date: both names, as far as they fit.
      const joined = list.join(' / ');
      return { date, name: joined.length <= 200 ? joined : (list[0] ?? joined) };
    });
}
