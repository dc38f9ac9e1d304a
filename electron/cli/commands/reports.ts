// `oncall report …`: the on-call load reviews (weekly, monthly, quarterly) as Markdown or JSON,
// hours on call per person as a table, CSV or JSON, and a team's load targets.

import type { OperationOutput } from '../../../shared/contract';
import { hourColumns, onCallHoursCsv } from '../../../shared/domain/hours-csv';
import { customCommand, operationCommand, UsageError, type Command, type Flag } from '../command';
import { instantValue } from '../flags';

const teamFlag: Flag = { name: 'team', value: 'T', field: 'team', help: 'the team (default: the only or first)' };

type OnCallHours = OperationOutput<'report.onCallHours'>;

function onCallHoursText(hours: OnCallHours, csv: boolean): string[] {
  if (csv) {
    return [onCallHoursCsv(hours.people, '\n').trimEnd()];
  }
  const header = [
    'person',
    'on call h',
    'business',
    'off',
    'sleep',
    'weekend',
    'holiday',
    'nights',
    'weekends',
    'share',
  ];
  return [
    header.join('\t'),
    ...hours.people.map((p) => {
      const columns = hourColumns(p).slice(0, -1);
      const share = p.onCallShare === null ? '—' : `${Math.round(p.onCallShare * 100)}%`;
      return [`@${p.handle}`, ...columns, share].join('\t');
    }),
  ];
}

const reviewCommand = (kind: 'weekly' | 'monthly' | 'quarterly'): Command =>
  operationCommand({
    words: ['report', kind],
    summary: `The ${kind} on-call load review, as Markdown.`,
    operation: 'report.review',
    flags: [
      teamFlag,
      { name: 'at', value: 'DATE', field: 'at', help: 'the period containing this day or instant (default now)' },
      { name: 'md', type: 'boolean', field: null, help: 'Markdown (the default)' },
    ],
    exclusive: [['md', 'json']],
    input: (p) => ({ kind, at: instantValue(p.str('at')), team: p.str('team') }),
    text: (review) => review.markdown.trimEnd(),
  });

/** The targets' flags: flag, field, whether it is a share (0.4 or 40%). */
const targetFlags = [
  ['actionable', 'actionablePagesPerWeek', false, 'actionable pages per on-call week'],
  ['sleep', 'sleepHourPagesPerShift', false, 'sleep-hour pages per shift'],
  ['incidents', 'incidentsPer12Hours', false, 'incidents per 12 hours on call'],
  ['top-share', 'topShareMax', true, 'the top 20% share of pages, at most'],
  ['on-call-share', 'onCallShareMax', true, 'share of time on call, at most'],
  ['max-shift', 'maxShiftHours', false, 'hours one person may hold a rotation in a row (rotation check warns past it)'],
] as const;

/** A target as typed: a number, a share as 0.4 or 40%, or "default" (null). */
function targetValue(text: string, flag: string, isShare: boolean): number | null {
  const value = text.trim();
  if (value === 'default') return null;
  const percent = /^(\d+(\.\d+)?)%$/.exec(value);
  if (isShare && percent) return Number(percent[1]) / 100;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  throw new UsageError(`${flag}: "${text}" is not a number${isShare ? ' (a share: 0.4 or 40%)' : ''} or "default"`);
}

function targetLines(result: OperationOutput<'targets.get'>): string[] {
  const t = result.targets;
  const mark = (key: string): string => (result.own.includes(key) ? '' : '  (default)');
  return [
    `Load targets of ${result.team}:`,
    `  actionable pages per on-call week: fewer than ${t.actionablePagesPerWeek}${mark('actionablePagesPerWeek')}`,
    `  sleep-hour pages per shift: fewer than ${t.sleepHourPagesPerShift}${mark('sleepHourPagesPerShift')}`,
    `  incidents per 12 hours on call: at most ${t.incidentsPer12Hours}${mark('incidentsPer12Hours')}`,
    `  top 20% share of pages: at most ${Math.round((t.topShareMax ?? 0) * 100)}%${mark('topShareMax')}`,
    `  share of time on call: at most ${Math.round((t.onCallShareMax ?? 0) * 100)}%${mark('onCallShareMax')}`,
    result.maxShiftHours === null
      ? '  hours on call in a row: no limit (set one with --max-shift)'
      : `  hours on call in a row: at most ${result.maxShiftHours}`,
  ];
}

export const reportCommands: readonly Command[] = [
  reviewCommand('weekly'),
  reviewCommand('monthly'),
  reviewCommand('quarterly'),
  operationCommand({
    words: ['report', 'oncall-hours'],
    summary: 'Hours on call per person: business, off and sleep hours, weekends, holidays.',
    operation: 'report.onCallHours',
    flags: [
      { name: 'from', value: 'DATE', field: 'from', required: true, help: 'from this day or instant' },
      { name: 'to', value: 'DATE', field: 'to', required: true, help: 'to this day or instant' },
      teamFlag,
      { name: 'csv', type: 'boolean', field: null, help: 'CSV' },
    ],
    exclusive: [['csv', 'json']],
    input: (p) => ({ from: instantValue(p.str('from')), to: instantValue(p.str('to')), team: p.str('team') }),
    text: (hours, p) => onCallHoursText(hours, p.has('csv')),
  }),
  customCommand({
    words: ['report', 'targets'],
    summary: 'A team’s load targets; set one with its flag (a value, or "default").',
    operations: ['targets.get', 'targets.set'],
    flags: [
      teamFlag,
      ...targetFlags.map(([name, field, isShare, help]): Flag => ({
        name,
        value: isShare ? '40%' : 'N',
        field: `targets.${field}`,
        help,
      })),
    ],
    run(ctx, p) {
      const targets: Record<string, number | null> = {};
      for (const [flag, field, isShare] of targetFlags) {
        const value = p.str(flag);
        if (value !== undefined) targets[field] = targetValue(value, `--${flag}`, isShare);
      }
      const team = p.str('team');
      const input = ctx.check('targets.set', { team, targets });
      const result =
        Object.keys(targets).length > 0 ? ctx.invoke('targets.set', input) : ctx.invoke('targets.get', { team });
      ctx.print(result, () => targetLines(result));
      return 0;
    },
  }),
];
