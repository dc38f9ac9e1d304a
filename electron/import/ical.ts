// Reads on-call schedules from iCalendar feeds (PagerDuty, Opsgenie, Grafana OnCall, GoAlert and
// plain RFC 5545 calendars) with ical.js: each VEVENT occurrence in a range becomes a shift for
// a named person. What cannot be read is skipped with a reason; the caller shows both before
// anything is stored.

import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';

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

export const maxFeedBytes = 5 * 1024 * 1024;
const maxOccurrencesPerEvent = 5000;

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

export interface ParseOptions {
  /** Occurrences overlapping [fromMs, toMs) are read. */
  fromMs: number;
  toMs: number;
  /** The zone for floating times and all-day events. */
  zone: string;
}

export function parseScheduleFeed(text: string, options: ParseOptions): FeedImport {
  if (Buffer.byteLength(text, 'utf8') > maxFeedBytes)
    throw new FeedError(`the calendar is larger than ${maxFeedBytes / 1024 / 1024} MB`);
  if (!/BEGIN:VCALENDAR/i.test(text)) throw new FeedError('this is not an iCalendar file (no BEGIN:VCALENDAR)');
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new FeedError(`the calendar cannot be read: ${(error as Error).message}`);
  }
  const root = calendar.name === 'vcalendar' ? calendar : calendar.getFirstSubcomponent('vcalendar');
  if (!root) throw new FeedError('this is not an iCalendar file (no VCALENDAR)');

  // Outlook-style zone names come with their own VTIMEZONE definitions.
  const knownZones = new Set<string>();
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const timezone = new ICAL.Timezone(vtimezone);
    if (timezone.tzid) {
      ICAL.TimezoneService.register(timezone, timezone.tzid);
      knownZones.add(timezone.tzid);
    }
  }

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
    if (vevent.hasProperty('recurrence-id')) exceptions.push(vevent);
    else masters.set(uid, new ICAL.Event(vevent));
  }
  for (const vevent of exceptions) {
    const master = masters.get(String(vevent.getFirstPropertyValue('uid')));
    if (master) master.relateException(vevent);
    else
      masters.set(
        `${String(vevent.getFirstPropertyValue('uid'))}#${String(vevent.getFirstPropertyValue('recurrence-id'))}`,
        new ICAL.Event(vevent),
      );
  }

  for (const event of masters.values()) {
    const vevent = event.component;
    const uid = event.uid;
    try {
      if (!event.startDate) throw new FeedError('no DTSTART');
      const startTzid = tzidOf(vevent, 'dtstart');
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
        continue;
      }
      const iterator = event.iterator();
      let count = 0;
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (++count > maxOccurrencesPerEvent) {
          skipped.push({ uid, reason: `more than ${maxOccurrencesPerEvent} occurrences; the rest were not read` });
          break;
        }
        const details = event.getOccurrenceDetails(next);
        const startMs = instant(
          details.startDate,
          options.zone,
          tzidOf(details.item.component, 'dtstart') ?? startTzid,
          knownZones,
        );
        if (startMs >= options.toMs) break;
        add(details.startDate, details.endDate, details.item, details.recurrenceId.toString());
      }
    } catch (error) {
      skipped.push({
        uid,
        reason: error instanceof FeedError ? error.message : `cannot be read: ${(error as Error).message}`,
      });
    }
  }
  shifts.sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
  const calendarName = root.getFirstPropertyValue('x-wr-calname');
  return { shifts, skipped, calendarName: typeof calendarName === 'string' ? calendarName : null };
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
