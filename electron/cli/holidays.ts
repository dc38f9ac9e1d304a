// `oncall team holidays …`: a team's holiday calendar from the terminal — list, add, remove, and
// import an iCalendar file. Called from cli.ts with its helpers, so flags, errors and exit codes
// behave as in every other command.

import fs from 'node:fs';
import path from 'node:path';
import { describeIssue, operations, type OperationName } from '../../shared/contract';
import type { Holiday } from '../../shared/holiday-contract';
import type { Result } from '../../shared/result';
import { maxHolidayCalendarBytes } from '../../shared/holiday-contract';
import type { ReportCliHelpers } from './report';

export const holidaysUsage = `  oncall team holidays list [--team T] [--json]      a team's holidays (judged in each person's zone)
  oncall team holidays add DATE NAME… [--team T]     oncall team holidays remove DATE [--team T]
  oncall team holidays import FILE.ics [--team T] [--json]   all-day events become holidays`;

interface Calendar {
  team: string;
  holidays: Holiday[];
}

function readCalendarFile(file: string | undefined, cli: ReportCliHelpers): string {
  if (!file) throw cli.usage('FILE: give one iCalendar file (oncall team holidays import FILE.ics)');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw cli.usage(`FILE: cannot read ${file}`);
  }
  if (!stat.isFile()) throw cli.usage(`FILE: ${file} is not a file`);
  if (stat.size > maxHolidayCalendarBytes) throw cli.usage(`FILE: ${file} is larger than 5 MB`);
  return fs.readFileSync(file, 'utf8');
}

/** What a field is called on this command line: the date and name are positional. */
const argumentOf: Record<string, string> = { date: 'DATE', name: 'NAME', team: '--team', ics: 'FILE' };

function precheck(name: OperationName, input: unknown, cli: ReportCliHelpers): void {
  const parsed = operations[name].input.safeParse(input);
  if (parsed.success) return;
  const { field, message } = describeIssue(parsed.error, input);
  throw cli.usage(`${(field && argumentOf[field]) ?? field}: ${message}`);
}

export function holidaysCommand(rest: string[], helpers: ReportCliHelpers): number {
  // An operation's failure names the positional argument, as a bad value does.
  const cli: ReportCliHelpers = {
    ...helpers,
    report: <T>(result: Result<T>): T => {
      if (result.ok) return result.value;
      const named = result.error.field ? argumentOf[result.error.field] : undefined;
      return helpers.report(
        named
          ? {
              ok: false,
              error: {
                ...result.error,
                field: undefined,
                message: result.error.message.replace(/^[^:]+:/, `${named}:`),
              },
            }
          : result,
      );
    },
  };
  const [action, ...args] = rest;
  const { values, positionals } = cli.parse(args, { team: { type: 'string' } });
  const team = typeof values.team === 'string' ? values.team : undefined;
  const print = (calendar: Calendar, headline: string): void => {
    if (values.json) return cli.out(JSON.stringify(calendar));
    cli.out(headline);
    for (const h of calendar.holidays) cli.out(`${h.date}\t${h.name}`);
  };
  if (action === 'list') {
    if (positionals.length > 0) throw cli.usage(`unexpected argument "${positionals[0]}"`);
    const input = { team };
    precheck('holidays.list', input, cli);
    const calendar = cli.report(cli.open(values).table.invoke('holidays.list', input)) as Calendar;
    print(
      calendar,
      calendar.holidays.length === 0
        ? `${calendar.team} has no holidays yet (oncall team holidays import FILE.ics).`
        : `Holidays of ${calendar.team}:`,
    );
    return 0;
  }
  if (action === 'add') {
    const [date, ...words] = positionals;
    const input = { team, date: date ?? '', name: words.join(' ') };
    precheck('holidays.add', input, cli);
    const calendar = cli.report(cli.open(values).table.invoke('holidays.add', input)) as Calendar;
    print(calendar, `${input.date} is a holiday of ${calendar.team}: ${input.name.trim()}.`);
    return 0;
  }
  if (action === 'remove' || action === 'rm') {
    if (positionals.length > 1) throw cli.usage(`unexpected argument "${positionals[1]}"`);
    const input = { team, date: positionals[0] ?? '' };
    precheck('holidays.remove', input, cli);
    const calendar = cli.report(cli.open(values).table.invoke('holidays.remove', input)) as Calendar;
    print(calendar, `${input.date} is no longer a holiday of ${calendar.team}.`);
    return 0;
  }
  if (action === 'import') {
    if (positionals.length > 1) throw cli.usage(`unexpected argument "${positionals[1]}"`);
    const file = positionals[0];
    // The file's name goes along, so a refusal names it.
    const input = { team, ics: readCalendarFile(file, cli), fileName: file ? path.basename(file) : undefined };
    precheck('holidays.import', input, cli);
    const result = cli.report(cli.open(values).table.invoke('holidays.import', input)) as Calendar & {
      added: number;
      renamed: number;
      unchanged: number;
    };
    if (values.json) cli.out(JSON.stringify(result));
    else
      cli.out(
        `Holidays of ${result.team}: ${result.added} added, ${result.renamed} renamed, ${result.unchanged} already there (${result.holidays.length} in all).`,
      );
    return 0;
  }
  throw cli.usage(`team holidays: choose list, add, remove or import\n${holidaysUsage}`);
}
