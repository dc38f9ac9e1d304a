// `oncall report …`: the on-call load reviews (weekly, monthly, quarterly) as Markdown or JSON,
// and hours on call per person as a table, CSV or JSON. Called from cli.ts with its helpers, so
// flags, errors and exit codes behave as in every other command.

import type { ParseArgsConfig } from 'node:util';
import type { OperationName } from '../shared/contract';
import { toCsv } from '../shared/domain/csv';
import type { ReviewReport } from '../shared/report-contract';
import type { Result } from '../shared/result';
import type { Workstation } from './workstation';

export interface ReportCliHelpers {
  out: (line: string) => void;
  open: (values: Record<string, unknown>) => Workstation;
  report: <T>(result: Result<T>) => T;
  parse: (
    args: string[],
    options: ParseArgsConfig['options'],
  ) => { values: Record<string, unknown>; positionals: string[] };
  precheck: (name: OperationName, input: unknown) => void;
  /** An error that exits 2 with its message. */
  usage: (message: string) => Error;
}

export const reportUsage = `  oncall report weekly|monthly|quarterly [--team T] [--at DATE] [--md | --json]   the on-call load review
  oncall report oncall-hours --from DATE --to DATE [--team T] [--csv | --json]   hours on call per person`;

const str = (values: Record<string, unknown>, key: string): string | undefined =>
  typeof values[key] === 'string' ? values[key] : undefined;

/** A date (YYYY-MM-DD, midnight UTC) or an instant, as the contract's instant; anything else as typed. */
function instantFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value;
}

export const onCallHoursHeader = [
  'handle',
  'name',
  'zone',
  'on_call_hours',
  'business_hours',
  'off_hours',
  'sleep_hours',
  'weekend_hours',
  'nights',
  'weekends',
  'share_of_time',
];

export async function reportCommand(sub: string | undefined, rest: string[], cli: ReportCliHelpers): Promise<number> {
  if (sub === 'weekly' || sub === 'monthly' || sub === 'quarterly') {
    const { values, positionals } = cli.parse(rest, {
      team: { type: 'string' },
      at: { type: 'string' },
      md: { type: 'boolean' },
    });
    if (positionals.length > 0) throw cli.usage(`unexpected argument "${positionals[0]}"`);
    if (values.md && values.json) throw cli.usage('--md and --json: choose one');
    const input = { kind: sub, at: instantFlag(str(values, 'at')), team: str(values, 'team') };
    cli.precheck('report.review', input);
    const review = cli.report(cli.open(values).table.invoke('report.review', input)) as ReviewReport;
    cli.out(values.json ? JSON.stringify(review) : review.markdown.trimEnd());
    return 0;
  }
  if (sub === 'oncall-hours') {
    const { values, positionals } = cli.parse(rest, {
      team: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      csv: { type: 'boolean' },
    });
    if (positionals.length > 0) throw cli.usage(`unexpected argument "${positionals[0]}"`);
    if (values.csv && values.json) throw cli.usage('--csv and --json: choose one');
    const input = {
      from: instantFlag(str(values, 'from')),
      to: instantFlag(str(values, 'to')),
      team: str(values, 'team'),
    };
    cli.precheck('report.onCallHours', input);
    const hours = cli.report(cli.open(values).table.invoke('report.onCallHours', input)) as {
      people: {
        handle: string;
        name: string;
        timeZone: string;
        onCallHours: number;
        businessHours: number;
        offHours: number;
        sleepHours: number;
        weekendHours: number;
        nights: number;
        weekends: number;
        onCallShare: number | null;
      }[];
    };
    const rows = hours.people.map((p) => [
      p.handle,
      p.name,
      p.timeZone,
      p.onCallHours,
      p.businessHours,
      p.offHours,
      p.sleepHours,
      p.weekendHours,
      p.nights,
      p.weekends,
      p.onCallShare,
    ]);
    if (values.json) cli.out(JSON.stringify(hours));
    else if (values.csv) cli.out(toCsv(onCallHoursHeader, rows, '\n').trimEnd());
    else {
      cli.out(['person', 'on call h', 'business', 'off', 'sleep', 'weekend', 'nights', 'weekends', 'share'].join('\t'));
      for (const p of hours.people)
        cli.out(
          [
            `@${p.handle}`,
            p.onCallHours,
            p.businessHours,
            p.offHours,
            p.sleepHours,
            p.weekendHours,
            p.nights,
            p.weekends,
            p.onCallShare === null ? '—' : `${Math.round(p.onCallShare * 100)}%`,
          ].join('\t'),
        );
    }
    return 0;
  }
  throw cli.usage(`unknown command "report ${sub ?? ''}" (oncall --help lists them)`);
}
