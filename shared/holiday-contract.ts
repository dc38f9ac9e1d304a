// A team's holiday calendar (merged into the contract in contract.ts): dates with names, each
// judged in every person's own zone. On-call time on a holiday is counted as holiday hours and
// has no business hours (shared/domain/load.ts).

import { z } from 'zod';
import { isoDate } from './schemas';

const teamName = z.string().trim().min(1, { message: 'must name a team' }).max(80);

/** A holiday's date: a real calendar date between 1970 and 2199. */
export const holidayDate = isoDate.refine((value) => value >= '1970-01-01' && value < '2200-01-01', {
  message: 'must be between 1970 and 2199',
});
export const holidayName = z
  .string({ message: 'must name the holiday' })
  .trim()
  .min(1, { message: 'must name the holiday' })
  .max(200, { message: 'must be at most 200 characters' })
  .refine((value) => ![...value].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), {
    message: 'must be one line of text',
  });

export const holiday = z.object({ date: z.string(), name: z.string() });
export type Holiday = z.infer<typeof holiday>;

const calendar = z.object({ team: z.string(), holidays: z.array(holiday) });

/** An iCalendar file is read up to this size. */
export const maxHolidayCalendarBytes = 5 * 1024 * 1024;

/** What a holiday calendar may ask of the importer (electron/import/holidays.ts); past it, refused. */
export const holidayCalendarLimits = {
  bytes: maxHolidayCalendarBytes,
  /** VEVENTs in one file, counted before the file is parsed (a country's calendar has dozens a year). */
  events: 5_000,
  /** Recurrence steps one event's rule may take, and the whole file. */
  stepsPerEvent: 20_000,
  steps: 200_000,
  /** Dates one event lists (RDATE). */
  datesPerEvent: 1_000,
} as const;

export const holidayOperations = {
  'holidays.list': {
    input: z.strictObject({ team: teamName.optional() }),
    output: calendar,
    summary: 'A team’s holidays (the only or first team by default), in date order.',
  },
  'holidays.add': {
    input: z.strictObject({ team: teamName.optional(), date: holidayDate, name: holidayName }),
    output: calendar,
    summary: 'Add a holiday to a team’s calendar, or rename the one on that date.',
  },
  'holidays.remove': {
    input: z.strictObject({ team: teamName.optional(), date: holidayDate }),
    output: calendar,
    summary: 'Remove the holiday on a date from a team’s calendar.',
  },
  'holidays.import': {
    input: z.strictObject({
      team: teamName.optional(),
      ics: z
        .string({ message: 'must be the text of an iCalendar (.ics) file' })
        .max(maxHolidayCalendarBytes, { message: 'must be at most 5 MB' }),
      /** Where the text came from (a file's name), named in any refusal. */
      fileName: z.string().trim().max(300).optional(),
    }),
    output: calendar.extend({ added: z.number(), renamed: z.number(), unchanged: z.number() }),
    summary: 'Add the holidays of an iCalendar file (all-day events) to a team’s calendar; a bad file changes nothing.',
  },
} as const;
