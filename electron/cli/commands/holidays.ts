// `oncall team holidays …`: a team's holiday calendar — list, add, remove, and import an
// iCalendar file.

import type { OperationOutput } from '../../../shared/contract';
import { maxHolidayCalendarBytes } from '../../../shared/holiday-contract';
import { operationCommand, type Arg, type Command, type Flag } from '../command';
import { calendarName, readTextFile } from '../files';

const teamFlag: Flag = { name: 'team', value: 'T', field: 'team', help: 'the team (default: the only or first)' };
const dateArg: Arg = { name: 'DATE', field: 'date', help: 'the day, YYYY-MM-DD' };

const calendarLines = (calendar: OperationOutput<'holidays.list'>, headline: string): string[] => [
  headline,
  ...calendar.holidays.map((h) => `${h.date}\t${h.name}`),
];

export const holidayCommands: readonly Command[] = [
  operationCommand({
    words: ['team', 'holidays', 'list'],
    summary: "A team's holidays (judged in each person's zone).",
    operation: 'holidays.list',
    flags: [teamFlag],
    input: (p) => ({ team: p.str('team') }),
    text: (calendar) =>
      calendarLines(
        calendar,
        calendar.holidays.length === 0
          ? `${calendar.team} has no holidays yet (oncall team holidays import FILE.ics).`
          : `Holidays of ${calendar.team}:`,
      ),
  }),
  operationCommand({
    words: ['team', 'holidays', 'add'],
    summary: 'Make a day a holiday (renames the one already on that day).',
    operation: 'holidays.add',
    args: [dateArg, { name: 'NAME', field: 'name', many: true, help: 'the holiday' }],
    flags: [teamFlag],
    input: (p) => ({ team: p.str('team'), date: p.positionals[0] ?? '', name: p.positionals.slice(1).join(' ') }),
    text: (calendar, p) =>
      calendarLines(
        calendar,
        `${p.positionals[0] ?? ''} is a holiday of ${calendar.team}: ${p.positionals.slice(1).join(' ').trim()}.`,
      ),
  }),
  ...(['remove', 'rm'] as const).map((word) =>
    operationCommand({
      words: ['team', 'holidays', word],
      summary: word === 'rm' ? 'The same as remove.' : 'A day is no longer a holiday (exit 1 when it was not one).',
      operation: 'holidays.remove',
      args: [dateArg],
      flags: [teamFlag],
      input: (p) => ({ team: p.str('team'), date: p.positionals[0] ?? '' }),
      text: (calendar, p) =>
        calendarLines(calendar, `${p.positionals[0] ?? ''} is no longer a holiday of ${calendar.team}.`),
    }),
  ),
  operationCommand({
    words: ['team', 'holidays', 'import'],
    summary: 'Import holidays from an iCalendar file: all-day events become holidays.',
    operation: 'holidays.import',
    args: [{ name: 'FILE', field: 'ics', help: 'the .ics file', missing: 'give one iCalendar file' }],
    flags: [teamFlag],
    input: (p) => ({
      team: p.str('team'),
      ics: readTextFile(p.positionals[0], 'FILE', maxHolidayCalendarBytes),
      fileName: p.positionals[0] ? calendarName(p.positionals[0]) : undefined,
    }),
    text: (result) =>
      `Holidays of ${result.team}: ${result.added} added, ${result.renamed} renamed, ${result.unchanged} already there (${result.holidays.length} in all).`,
  }),
];
