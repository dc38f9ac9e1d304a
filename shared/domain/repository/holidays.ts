// A team's holiday calendar in the repository: `holidays/<team>.yaml`, one file per team (a
// yearly calendar imported five years ahead is long; team.yaml stays short). Holidays are keyed
// by date; a removed one stays as a tombstone (`deletedAt`) so the removal reaches every device.

import YAML from 'yaml';
import { z } from 'zod';
import { instant } from '../../schemas';
import { parseYamlFile, yamlProblem, type FileProblem } from './format';
import { namedPaths } from './naming';
import { mergeList, mergeRecord, type FieldConflict, type Flat } from './merge';

export const holidayCalendarRecord = z.strictObject({
  team: z.string().trim().min(1).max(80),
  holidays: z
    .array(
      z.strictObject({
        date: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
        name: z.string().trim().min(1).max(120),
        updatedAt: instant,
        deletedAt: instant.nullable(),
      }),
    )
    .max(5000),
  /** The latest change to any of its holidays. */
  updatedAt: instant,
});
export type HolidayCalendarRecord = z.infer<typeof holidayCalendarRecord>;

/** `holidays/payments-eu-1a2b3c4d.yaml`: readable, and one file per team name however it slugs. */
export function holidaysPath(calendar: { team: string }): string {
  return namedPaths('holidays', calendar.team)[1];
}

const byDate = <T extends { date: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** Fixed key order, holidays by date: the same calendar is always the same bytes. */
export function writeHolidayCalendar(calendar: HolidayCalendarRecord): string {
  return YAML.stringify(
    {
      team: calendar.team,
      holidays: byDate(calendar.holidays).map((h) => ({
        date: h.date,
        name: h.name,
        updatedAt: h.updatedAt,
        deletedAt: h.deletedAt,
      })),
      updatedAt: calendar.updatedAt,
    },
    { lineWidth: 0 },
  );
}

export function readHolidayCalendar(
  file: string,
  text: string,
): { records: HolidayCalendarRecord[]; problems: FileProblem[] } {
  const read = parseYamlFile(file, text);
  if ('problem' in read) return { records: [], problems: [read.problem] };
  const { document, lines, doc } = read;
  const parsed = holidayCalendarRecord.safeParse(doc);
  if (!parsed.success) return { records: [], problems: [yamlProblem(file, document, lines, parsed.error)] };
  if (holidaysPath(parsed.data) !== file)
    return {
      records: [],
      problems: [
        { file, line: 0, message: `the holidays of “${parsed.data.team}” belong in ${holidaysPath(parsed.data)}` },
      ],
    };
  const seen = new Set<string>();
  for (const [i, h] of parsed.data.holidays.entries()) {
    if (seen.has(h.date)) {
      const line = lines.linePos(
        (document.getIn(['holidays', i], true) as YAML.Node | undefined)?.range?.[0] ?? 0,
      ).line;
      return { records: [], problems: [{ file, line, message: `the holiday on ${h.date} appears twice` }] };
    }
    seen.add(h.date);
  }
  return { records: [{ ...parsed.data, holidays: byDate(parsed.data.holidays) }], problems: [] };
}

/**
 * A calendar changed on two devices: holiday by holiday against the last synced version (added
 * on either side → kept; the same holiday renamed on both → the later edit, the other logged as
 * `holidays.<date>.name`; removed on one side, renamed on the other → the rename stays, logged).
 */
export function mergeHolidayCalendars(
  base: HolidayCalendarRecord | null,
  ours: HolidayCalendarRecord,
  theirs: HolidayCalendarRecord | null,
): { result: HolidayCalendarRecord; conflicts: FieldConflict[] } {
  if (!theirs) return { result: ours, conflicts: [] };
  const oursLater =
    ours.updatedAt > theirs.updatedAt ||
    (ours.updatedAt === theirs.updatedAt && JSON.stringify(ours) >= JSON.stringify(theirs));
  const { result, conflicts } = mergeRecord(
    base as unknown as Flat | null,
    ours as unknown as Flat,
    theirs as unknown as Flat,
    { updatedField: 'updatedAt', skip: ['holidays'] },
  );
  const holidays = mergeList(base?.holidays ?? null, ours.holidays, theirs.holidays, {
    field: 'holidays',
    keyOf: (h) => h.date,
    oursLater,
    ordered: false,
    element: { updatedField: 'updatedAt', deletedField: 'deletedAt' },
  });
  conflicts.push(...holidays.conflicts);
  return { result: { ...(result as unknown as HolidayCalendarRecord), holidays: byDate(holidays.result) }, conflicts };
}
