// The pay file: hours on call per person as CSV, one shape for `oncall report oncall-hours --csv`
// and the Rotations view's CSV button.

import type { OnCallHoursRow } from '../report-contract';
import { toCsv } from './csv';

export const onCallHoursHeader = [
  'handle',
  'name',
  'zone',
  'on_call_hours',
  'business_hours',
  'off_hours',
  'sleep_hours',
  'weekend_hours',
  'holiday_hours',
  'nights',
  'weekends',
  'share_of_time',
];

/** The columns after the person, as numbers (the share 0–1, or null). */
export const hourColumns = (p: OnCallHoursRow): (number | null)[] => [
  p.onCallHours,
  p.businessHours,
  p.offHours,
  p.sleepHours,
  p.weekendHours,
  p.holidayHours,
  p.nights,
  p.weekends,
  p.onCallShare,
];

/** The people's hours as CSV with its header row. */
export function onCallHoursCsv(people: readonly OnCallHoursRow[], eol = '\r\n'): string {
  return toCsv(
    onCallHoursHeader,
    people.map((p) => [p.handle, p.name, p.timeZone, ...hourColumns(p)]),
    eol,
  );
}
