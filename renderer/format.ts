// Times as people read them: in the zone chosen in Me (sleep and off hours are judged there),
// not the browser's, so the list, the forms and My week agree.

import { DateTime } from 'luxon';

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function shortTime(iso: string, zone?: string): string {
  return new Date(iso).toLocaleString(undefined, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The time of day only ("07:50"), in `zone`. */
export function clockTime(iso: string, zone?: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
}

/** A zone as people name it: "America/Los_Angeles" → "Los Angeles", "UTC" stays. */
export function placeOf(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/**
 * "07:50 in Los Angeles" when the owner's zone shows another wall-clock time than mine, else null:
 * the page's time as its owner lived it (their sleep and off hours are judged there).
 */
export function ownerTime(iso: string, ownerZone: string, myZone: string): string | null {
  const theirs = shortTime(iso, ownerZone);
  if (ownerZone === myZone || theirs === shortTime(iso, myZone)) return null;
  return `${clockTime(iso, ownerZone)} in ${placeOf(ownerZone)}`;
}

/** `<input type="datetime-local">` value for an ISO instant, as wall-clock time in `zone`. */
export function toLocalInput(iso: string | null, zone: string): string {
  if (!iso) return '';
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The ISO instant for a datetime-local value read as wall-clock time in `zone`, or null when empty. */
export function fromLocalInput(value: string, zone: string): string | null {
  if (!value) return null;
  const time = DateTime.fromISO(value, { zone });
  return time.isValid ? time.toUTC().toISO() : null;
}

/** The instant a local date (YYYY-MM-DD) starts in `zone`; `plusDays` moves to a later day. */
export function startOfLocalDay(date: string, zone: string, plusDays = 0): string | undefined {
  if (!date) return undefined;
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? (day.startOf('day').plus({ days: plusDays }).toUTC().toISO() ?? undefined) : undefined;
}

export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
