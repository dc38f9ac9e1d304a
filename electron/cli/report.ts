// `oncall report …`: the on-call load reviews (weekly, monthly, quarterly) as Markdown or JSON,
// and hours on call per person as a table, CSV or JSON. Called from cli.ts with its helpers, so
// flags, errors and exit codes behave as in every other command.

import type { ParseArgsConfig } from 'node:util';
import { describeIssue, operations, type OperationName } from '../../shared/contract';
import { toCsv } from '../../shared/domain/csv';
import type { ReviewReport } from '../../shared/report-contract';
import type { Result } from '../../shared/result';
import type { Workstation } from '../workstation';

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
  oncall report oncall-hours --from DATE --to DATE [--team T] [--csv | --json]   hours on call per person
  oncall report targets [--team T] [--actionable N] [--sleep N] [--incidents N] [--top-share 40%]
                        [--on-call-share 25%] [--json]   a team's load targets (a value or "default")`;

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
  'holiday_hours',
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
        holidayHours: number;
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
      p.holidayHours,
      p.nights,
      p.weekends,
      p.onCallShare,
    ]);
    if (values.json) cli.out(JSON.stringify(hours));
    else if (values.csv) cli.out(toCsv(onCallHoursHeader, rows, '\n').trimEnd());
    else {
      cli.out(
        ['person', 'on call h', 'business', 'off', 'sleep', 'weekend', 'holiday', 'nights', 'weekends', 'share'].join(
          '\t',
        ),
      );
      for (const p of hours.people)
        cli.out(
          [
            `@${p.handle}`,
            p.onCallHours,
            p.businessHours,
            p.offHours,
            p.sleepHours,
            p.weekendHours,
            p.holidayHours,
            p.nights,
            p.weekends,
            p.onCallShare === null ? '—' : `${Math.round(p.onCallShare * 100)}%`,
          ].join('\t'),
        );
    }
    return 0;
  }
  if (sub === 'targets') {
    const { values, positionals } = cli.parse(rest, {
      team: { type: 'string' },
      actionable: { type: 'string' },
      sleep: { type: 'string' },
      incidents: { type: 'string' },
      'top-share': { type: 'string' },
      'on-call-share': { type: 'string' },
    });
    if (positionals.length > 0) throw cli.usage(`unexpected argument "${positionals[0]}"`);
    const flags = [
      ['actionable', 'actionablePagesPerWeek', false],
      ['sleep', 'sleepHourPagesPerShift', false],
      ['incidents', 'incidentsPer12Hours', false],
      ['top-share', 'topShareMax', true],
      ['on-call-share', 'onCallShareMax', true],
    ] as const;
    const targets: Record<string, number | null> = {};
    for (const [flag, field, isShare] of flags) {
      const value = str(values, flag);
      if (value === undefined) continue;
      targets[field] = targetValue(value, `--${flag}`, isShare, cli.usage);
    }
    const team = str(values, 'team');
    // Name the flag, not the contract's field, when a value is out of range.
    const parsed = operations['targets.set'].input.safeParse({ team, targets });
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error);
      const flag = flags.find(([, name]) => `targets.${name}` === field)?.[0];
      throw cli.usage(`${flag ? `--${flag}` : field === 'team' ? '--team' : field}: ${message}`);
    }
    const ws = cli.open(values);
    const result = cli.report(
      Object.keys(targets).length > 0
        ? ws.table.invoke('targets.set', { team, targets })
        : ws.table.invoke('targets.get', { team }),
    ) as { team: string; targets: Record<string, number>; own: string[] };
    if (values.json) cli.out(JSON.stringify(result));
    else {
      const t = result.targets;
      const mark = (key: string): string => (result.own.includes(key) ? '' : '  (default)');
      cli.out(`Load targets of ${result.team}:`);
      cli.out(
        `  actionable pages per on-call week: fewer than ${t.actionablePagesPerWeek}${mark('actionablePagesPerWeek')}`,
      );
      cli.out(`  sleep-hour pages per shift: fewer than ${t.sleepHourPagesPerShift}${mark('sleepHourPagesPerShift')}`);
      cli.out(`  incidents per 12 hours on call: at most ${t.incidentsPer12Hours}${mark('incidentsPer12Hours')}`);
      cli.out(`  top 20% share of pages: at most ${Math.round((t.topShareMax ?? 0) * 100)}%${mark('topShareMax')}`);
      cli.out(
        `  share of time on call: at most ${Math.round((t.onCallShareMax ?? 0) * 100)}%${mark('onCallShareMax')}`,
      );
    }
    return 0;
  }
  throw cli.usage(`unknown command "report ${sub ?? ''}" (oncall --help lists them)`);
}

/** A target as typed: a number, a share as 0.4 or 40%, or "default" (null). */
function targetValue(text: string, flag: string, isShare: boolean, usage: (message: string) => Error): number | null {
  const value = text.trim();
  if (value === 'default') return null;
  const percent = /^(\d+(\.\d+)?)%$/.exec(value);
  if (isShare && percent) return Number(percent[1]) / 100;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  throw usage(`${flag}: "${text}" is not a number${isShare ? ' (a share: 0.4 or 40%)' : ''} or "default"`);
}
