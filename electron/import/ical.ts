// Reads on-call schedules from iCalendar feeds (PagerDuty, Opsgenie, Grafana OnCall, GoAlert and
// plain RFC 5545 calendars) with ical.js: each VEVENT occurrence in a range becomes a shift for
// a named person. What cannot be read is skipped with a reason; the caller shows both before
// anything is stored.

import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { feedLimits } from '../../shared/rotation-contract';
import {
  BudgetSpent,
  countComponents,
  orderRdates,
  StepBudget,
  takeExdates,
  TooManyDates,
  type RawExdate,
} from './budget';
import { preparedFor } from './prepared';

export interface FeedShift {
  /** UID plus recurrence id: re-importing the same feed finds the same keys. */
  key: string;
  uid: string;
  recurrenceId: string | null;
  /** The person as the feed names them, and their email when it gives one. */
  name: string | null;
  email: string | null;
  /** Layer or schedule, when the feed says ("[L1]", "On Call - Ann - Primary"). */
  layer: string | null;
  schedule: string | null;
  isOverride: boolean;
  startMs: number;
  endMs: number;
  allDay: boolean;
}

export interface FeedSkip {
  uid: string | null;
  reason: string;
}

export interface FeedImport {
  shifts: FeedShift[];
  skipped: FeedSkip[];
  /** The calendar's own name (X-WR-CALNAME), if any. */
  calendarName: string | null;
}

export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

/** The whole file is refused (a limit reached): nothing of it is imported. */
export class FeedRefused extends FeedError {}

export const maxFeedBytes = feedLimits.bytes;

const thousands = (n: number): string => n.toLocaleString('en-US');

/** Who is on call, as each feed writes it. */
export function personFromSummary(summary: string): {
  name: string | null;
  layer: string | null;
  schedule: string | null;
} {
  const text = summary.trim();
  // PagerDuty: "On Call - Ann Berg - Payments Primary"
  let match = /^On[ -]Call\s+-\s+(.+?)\s+-\s+(.+)$/i.exec(text);
  if (match) return { name: match[1]?.trim() ?? null, layer: null, schedule: match[2]?.trim() ?? null };
  // GoAlert: "Ann Berg On-Call (GoAlert: Payments)"
  match = /^(.+?)\s+On-Call\s+\((?:GoAlert:\s*)?(.+)\)$/i.exec(text);
  if (match) return { name: match[1]?.trim() ?? null, layer: null, schedule: match[2]?.trim() ?? null };
  // Grafana OnCall: "[L1] Ann Berg" or just the display name
  match = /^\[(L\d+|[^\]]+)\]\s*(.+)$/.exec(text);
  if (match) return { name: match[2]?.trim() ?? null, layer: match[1]?.trim() ?? null, schedule: null };
  return { name: text.length > 0 ? text : null, layer: null, schedule: null };
}

function emailOf(vevent: ICAL.Component): string | null {
  const attendee = vevent.getFirstPropertyValue('attendee') ?? vevent.getFirstPropertyValue('organizer');
  if (typeof attendee !== 'string') return null;
  const email = attendee.replace(/^mailto:/i, '').trim();
  return /^[^@\s]+@[^@\s]+$/.test(email) ? email.toLowerCase() : null;
}

/** An ICAL.Time → UTC ms: IANA TZIDs through luxon, VTIMEZONEs through ical.js, floating in `zone`. */
function instant(time: ICAL.Time, zone: string, tzid: string | null, knownZones: Set<string>): number {
  if (time.isDate) {
    return DateTime.fromObject({ year: time.year, month: time.month, day: time.day }, { zone }).toMillis();
  }
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
  if (time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC')
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (tzid && IANAZone.isValidZone(tzid)) return DateTime.fromObject(wall, { zone: tzid }).toMillis();
  if (tzid && knownZones.has(tzid)) {
    // Ask the zone afresh: a Time moved by a duration can carry a stale offset across DST.
    const zone = ICAL.TimezoneService.get(tzid);
    const offsetSeconds = zone ? zone.utcOffset(time) : 0;
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offsetSeconds * 1000;
  }
  if (tzid) throw new FeedError(`unknown time zone "${tzid}"`);
  return DateTime.fromObject(wall, { zone }).toMillis();
}

function tzidOf(vevent: ICAL.Component, property: string): string | null {
  const value = vevent.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' ? value : null;
}

const dayMs = 86_400_000;

/** What a feed import reads: its shifts from a year before `now` to a year after. */
export function importWindow(now: number): { fromMs: number; toMs: number } {
  return { fromMs: now - 366 * dayMs, toMs: now + 366 * dayMs };
}

export interface ParseOptions {
  /** Occurrences overlapping [fromMs, toMs) are read. */
  fromMs: number;
  toMs: number;
  /** The zone for floating times and all-day events. */
  zone: string;
  /** Where the text came from (a file's name, a URL), named in a refusal. */
  source?: string;
}

/** `event "uid" ("summary")`, for messages. */
function eventName(vevent: ICAL.Component): string {
  const uid = vevent.getFirstPropertyValue('uid');
  const summary = vevent.getFirstPropertyValue('summary');
  const named = typeof uid === 'string' && uid.length > 0 ? `event "${uid.slice(0, 80)}"` : 'an event without a UID';
  return typeof summary === 'string' && summary.trim() ? `${named} ("${summary.trim().slice(0, 60)}")` : named;
}

/**
 * A VTIMEZONE is expanded by ical.js from its first DTSTART up to the year asked for, lazily;
 * real zones change at most twice a year (FREQ=YEARLY). Anything else is refused before any
 * of it is expanded.
 */
function checkZone(vtimezone: ICAL.Component, refuse: (message: string) => FeedRefused): void {
  const tzid = String(vtimezone.getFirstPropertyValue('tzid') ?? '');
  const parts = vtimezone.getAllSubcomponents();
  let changes = parts.length;
  for (const part of parts) {
    for (const rule of part.getAllProperties('rrule')) {
      const value = rule.getFirstValue();
      const freq = value instanceof ICAL.Recur ? value.freq : String(value);
      if (freq !== 'YEARLY')
        throw refuse(
          `time zone "${tzid}" (VTIMEZONE) has a ${part.name.toUpperCase()} rule repeating ${freq}; a zone's rules repeat yearly at most (FREQ=YEARLY)`,
        );
    }
    for (const rdate of part.getAllProperties('rdate')) changes += rdate.getValues().length;
  }
  if (changes > feedLimits.zoneChanges)
    throw refuse(
      `time zone "${tzid}" (VTIMEZONE) lists ${thousands(changes)} changes; at most ${thousands(feedLimits.zoneChanges)} are read`,
    );
}

const dateKey = (t: ICAL.Time): string =>
  `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/** Wall time read as if UTC: within a day of the instant whatever the zone. */
const wallMs = (t: ICAL.Time): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

export function parseScheduleFeed(text: string, options: ParseOptions): FeedImport {
  const prepared = preparedFor('feed', text, options.zone);
  if (prepared) {
    if (prepared.ok) return prepared.value as FeedImport;
    throw new FeedRefused(prepared.message);
  }
  const file = options.source ? `${options.source}: ` : '';
  const refuse = (message: string): FeedRefused => new FeedRefused(`${file}${message}; nothing was imported`);
  if (Buffer.byteLength(text, 'utf8') > maxFeedBytes)
    throw new FeedError(`${file}the calendar is larger than ${maxFeedBytes / 1024 / 1024} MB`);
  if (!/BEGIN:VCALENDAR/i.test(text)) throw new FeedError(`${file}this is not an iCalendar file (no BEGIN:VCALENDAR)`);
  // Counted before parsing: a file of many small events is refused before it is built in memory.
  const eventCount = countComponents(text, 'VEVENT');
  if (eventCount > feedLimits.events)
    throw refuse(
      `the calendar has ${thousands(eventCount)} events (VEVENT); at most ${thousands(feedLimits.events)} are read`,
    );
  const zoneCount = countComponents(text, 'VTIMEZONE');
  if (zoneCount > feedLimits.zones)
    throw refuse(
      `the calendar defines ${thousands(zoneCount)} time zones (VTIMEZONE); at most ${feedLimits.zones} are read`,
    );
  let calendar: ICAL.Component;
  let exdates: Map<unknown, RawExdate[]>;
  try {
    const jcal: unknown = ICAL.parse(text);
    orderRdates(jcal, feedLimits.datesPerEvent);
    exdates = takeExdates(jcal);
    calendar = new ICAL.Component(jcal as unknown[]);
  } catch (error) {
    if (error instanceof TooManyDates) throw refuse(error.message);
    throw new FeedError(`${file}the calendar cannot be read: ${(error as Error).message}`);
  }
  const root = calendar.name === 'vcalendar' ? calendar : calendar.getFirstSubcomponent('vcalendar');
  if (!root) throw new FeedError(`${file}this is not an iCalendar file (no VCALENDAR)`);

  // Outlook-style zone names come with their own VTIMEZONE definitions; they are known only
  // while this file is read.
  const knownZones = new Set<string>();
  try {
    for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
      checkZone(vtimezone, refuse);
      const timezone = new ICAL.Timezone(vtimezone);
      if (timezone.tzid && !ICAL.TimezoneService.has(timezone.tzid)) {
        ICAL.TimezoneService.register(timezone, timezone.tzid);
        knownZones.add(timezone.tzid);
      }
    }
    return readEvents(root, options, knownZones, exdates, refuse);
  } finally {
    for (const tzid of knownZones) ICAL.TimezoneService.remove(tzid);
  }
}

function readEvents(
  root: ICAL.Component,
  options: ParseOptions,
  knownZones: Set<string>,
  exdates: Map<unknown, RawExdate[]>,
  refuse: (message: string) => FeedRefused,
): FeedImport {
  const skipped: FeedSkip[] = [];
  const shifts: FeedShift[] = [];
  const vevents = root.getAllSubcomponents('vevent');
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Component[] = [];
  for (const vevent of vevents) {
    const uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid.length === 0) {
      skipped.push({ uid: null, reason: 'an event without a UID' });
      continue;
    }
    // `exceptions: []`: ical.js would otherwise look through every event of the calendar for
    // this one's exceptions (the square of the event count); they are related below by UID.
    if (vevent.hasProperty('recurrence-id')) exceptions.push(vevent);
    else masters.set(uid, new ICAL.Event(vevent, { exceptions: [] }));
  }
  for (const vevent of exceptions) {
    const master = masters.get(String(vevent.getFirstPropertyValue('uid')));
    if (master) master.relateException(vevent);
    else
      masters.set(
        `${String(vevent.getFirstPropertyValue('uid'))}#${String(vevent.getFirstPropertyValue('recurrence-id'))}`,
        new ICAL.Event(vevent, { exceptions: [] }),
      );
  }

  let stepsLeft: number = feedLimits.steps;
  for (const event of masters.values()) {
    const vevent = event.component;
    const uid = event.uid;
    const perEvent = Math.min(stepsLeft, feedLimits.stepsPerEvent);
    const budget = new StepBudget(perEvent);
    try {
      budget.run(() => readEvent(event, options, knownZones, exdates.get(vevent.jCal) ?? [], shifts, skipped, budget));
    } catch (error) {
      if (error instanceof BudgetSpent)
        throw refuse(
          perEvent === feedLimits.stepsPerEvent
            ? `${eventName(vevent)} takes more than its limit of ${thousands(perEvent)} recurrence steps to read its occurrences in the import's window (a rule that matches never or too often)`
            : `${eventName(vevent)} takes the calendar past its limit of ${thousands(feedLimits.steps)} recurrence steps`,
        );
      if (error instanceof FeedRefused) throw error;
      skipped.push({
        uid,
        reason: error instanceof FeedError ? error.message : `cannot be read: ${(error as Error).message}`,
      });
    }
    stepsLeft -= budget.used;
    if (shifts.length > feedLimits.shifts)
      throw refuse(
        `${eventName(vevent)} brings the shifts in the import's window past ${thousands(feedLimits.shifts)}`,
      );
  }
  shifts.sort((a, b) => a.startMs - b.startMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const calendarName = root.getFirstPropertyValue('x-wr-calname');
  return { shifts, skipped, calendarName: typeof calendarName === 'string' ? calendarName : null };
}

function readEvent(
  event: ICAL.Event,
  options: ParseOptions,
  knownZones: Set<string>,
  rawExdates: RawExdate[],
  shifts: FeedShift[],
  skipped: FeedSkip[],
  budget: StepBudget,
): void {
  const uid = event.uid;
  if (!event.startDate) throw new FeedError('no DTSTART');
  const startTzid = tzidOf(event.component, 'dtstart');
  const add = (start: ICAL.Time, end: ICAL.Time, item: ICAL.Event, recurrenceId: string | null): void => {
    const itemTzid = tzidOf(item.component, 'dtstart') ?? startTzid;
    const startMs = instant(start, options.zone, itemTzid, knownZones);
    const endMs = instant(end, options.zone, tzidOf(item.component, 'dtend') ?? itemTzid, knownZones);
    if (!(endMs > startMs)) {
      skipped.push({ uid, reason: 'the event ends before it starts' });
      return;
    }
    if (endMs <= options.fromMs || startMs >= options.toMs) return;
    const summary = item.summary ?? '';
    const person = personFromSummary(summary);
    const email = emailOf(item.component);
    if (!person.name && !email) {
      skipped.push({ uid, reason: 'the event names nobody (no SUMMARY or ATTENDEE)' });
      return;
    }
    const priority = item.component.getFirstPropertyValue('priority');
    shifts.push({
      key: recurrenceId ? `${uid}#${recurrenceId}` : uid,
      uid,
      recurrenceId,
      name: person.name,
      email,
      layer: person.layer,
      schedule: person.schedule,
      isOverride: Number(priority) === 1,
      startMs,
      endMs,
      allDay: start.isDate,
    });
  };
  if (!event.isRecurring()) {
    const end = event.endDate ?? event.startDate.clone();
    const recurrenceId = event.recurrenceId ? event.recurrenceId.toString() : null;
    add(event.startDate, end, event, recurrenceId);
    return;
  }
  // Excluded instants and dates, each matched in constant time.
  const exMs = new Set<number>();
  const exDates = new Set<string>();
  for (const { value, tzid } of rawExdates) {
    const time = value.length > 10 ? ICAL.Time.fromDateTimeString(value) : ICAL.Time.fromDateString(value);
    if (time.isDate) exDates.add(dateKey(time));
    else exMs.add(instant(time, options.zone, tzid ?? (value.endsWith('Z') ? null : startTzid), knownZones));
  }
  // Occurrences that end before the window (as wall time, give or take two days for any zone)
  // are stepped over without working out their details, unless an exception may move one.
  const durationMs = event.duration ? event.duration.toSeconds() * 1000 : 0;
  const plain = Object.keys(event.exceptions).length === 0 && event.rangeExceptions.length === 0;
  const slackMs = 2 * 86_400_000;
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (plain && wallMs(next) + durationMs + slackMs <= options.fromMs) continue;
    // Working out an occurrence costs as much as some ten steps.
    budget.charge(10);
    const details = event.getOccurrenceDetails(next);
    const itemTzid = tzidOf(details.item.component, 'dtstart') ?? startTzid;
    const startMs = instant(details.startDate, options.zone, itemTzid, knownZones);
    if (startMs >= options.toMs) break;
    if (details.item === event && (exMs.has(startMs) || (exDates.size > 0 && exDates.has(dateKey(details.startDate)))))
      continue;
    add(details.startDate, details.endDate, details.item, details.recurrenceId.toString());
  }
}

export interface KnownPerson {
  id: string;
  name: string;
  handle: string;
  email?: string | null;
}

/**
 * Matches feed names to people: an explicit mapping first ("Ann B=ann"), then email, handle,
 * full name, first name when unique. What stays unknown is offered for mapping.
 */
export function matchPeople(
  shifts: FeedShift[],
  people: KnownPerson[],
  mapping: Record<string, string> = {},
): { assigned: Map<string, string>; unknown: string[] } {
  const assigned = new Map<string, string>();
  const unknown = new Set<string>();
  const byHandle = new Map(people.map((p) => [p.handle.toLowerCase(), p.id]));
  const byName = new Map(people.map((p) => [p.name.toLowerCase(), p.id]));
  const byEmail = new Map(people.filter((p) => p.email).map((p) => [String(p.email).toLowerCase(), p.id]));
  const firstNameCounts = new Map<string, string[]>();
  for (const p of people) {
    const first = p.name.split(/\s+/)[0]?.toLowerCase() ?? '';
    firstNameCounts.set(first, [...(firstNameCounts.get(first) ?? []), p.id]);
  }
  for (const shift of shifts) {
    const label = shift.name ?? shift.email ?? '';
    if (assigned.has(label)) continue;
    const mapped = mapping[label];
    const lower = label.toLowerCase();
    const localPart = shift.email?.split('@')[0]?.toLowerCase();
    const first = firstNameCounts.get(lower.split(/\s+/)[0] ?? '');
    const id =
      (mapped ? (byHandle.get(mapped.toLowerCase()) ?? byName.get(mapped.toLowerCase())) : undefined) ??
      (shift.email ? byEmail.get(shift.email) : undefined) ??
      byHandle.get(lower) ??
      byName.get(lower) ??
      (localPart ? byHandle.get(localPart) : undefined) ??
      (first?.length === 1 && !lower.includes(' ') ? first[0] : undefined);
    if (id) assigned.set(label, id);
    else unknown.add(label);
  }
  return { assigned, unknown: [...unknown].sort() };
}
