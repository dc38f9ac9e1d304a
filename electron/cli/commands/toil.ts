// `oncall toil …`: the toil log — entries, the timer, the report, capacity and categories.

import { formatMinutes } from '../../../shared/domain/duration';
import { toilReportMarkdown } from '../../../shared/domain/toil-markdown';
import type { ToilEntry } from '../../../shared/toil-contract';
import { customCommand, listText, operationCommand, UsageError, type Command } from '../command';
import { durationValue } from '../flags';

function entryLine(entry: ToilEntry): string {
  return [
    entry.id,
    entry.day,
    formatMinutes(entry.minutes),
    entry.category,
    entry.service ?? '-',
    entry.description,
  ].join('\t');
}

const toilAdd = customCommand({
  words: ['toil', 'add'],
  summary: 'Log toil: how long, what it was.',
  operations: ['toil.add', 'toil.quickAdd'],
  args: [
    { name: 'DURATION', field: ['minutes', 'line'], help: '45m, 1h30 or 1.5h' },
    { name: '"…"', field: 'description', many: true, help: 'what the toil was' },
  ],
  names: { description: 'the description' },
  flags: [
    { name: 'category', value: 'C', field: 'category', help: 'the category (default: from the words, else other)' },
    { name: 'service', value: 'S', field: 'service', help: 'the service it was for' },
    { name: 'at', value: 'DATE', field: 'day', help: 'the day (default today)' },
    { name: 'automatable', type: 'boolean', field: 'automatable', help: 'it could be automated' },
    { name: 'effort', value: 'HOURS', field: 'automationEffortHours', help: 'hours to automate it' },
  ],
  run(ctx, p) {
    const [durationText, ...words] = p.positionals;
    const minutes = durationValue(durationText, 'DURATION');
    const description = words.join(' ').trim();
    if (!description)
      throw new UsageError('the description: say what the toil was, e.g. oncall toil add 45m "alert triage payments"');
    const explicit =
      p.str('category') !== undefined ||
      p.str('service') !== undefined ||
      p.has('automatable') ||
      p.str('effort') !== undefined;
    const day = p.str('at');
    let entry: ToilEntry;
    if (explicit) {
      const input = {
        minutes,
        description,
        category: p.str('category') ?? 'other',
        service: p.str('service'),
        day,
        automatable: p.has('automatable') ? true : undefined,
        automationEffortHours: p.num('effort'),
      };
      entry = ctx.invoke('toil.add', ctx.check('toil.add', input));
    } else {
      // Without details, the words say the category and service (`alert triage payments`).
      const input = { line: `${minutes}m ${description}`, day };
      entry = ctx.invoke('toil.quickAdd', ctx.check('toil.quickAdd', input));
    }
    ctx.print(
      entry,
      () => `Logged ${formatMinutes(entry.minutes)} of ${entry.category} toil on ${entry.day}: ${entry.description}`,
    );
    return 0;
  },
});

const toilCategories = customCommand({
  words: ['toil', 'categories'],
  summary: 'The toil categories, or add one.',
  operations: ['toil.categories', 'toil.categories.add'],
  flags: [{ name: 'add', value: 'NAME', field: 'name', help: 'a new category' }],
  run(ctx, p) {
    const add = p.str('add');
    if (add !== undefined && add.trim() === '') throw new UsageError('--add: name the category');
    const names =
      add === undefined ? ctx.invoke('toil.categories', {}) : ctx.invoke('toil.categories.add', { name: add });
    ctx.print(names, () => names);
    return 0;
  },
});

export const toilCommands: readonly Command[] = [
  toilAdd,
  operationCommand({
    words: ['toil', 'start'],
    summary: 'Start the toil timer.',
    operation: 'toil.timer.start',
    args: [{ name: '"…"', field: 'description', many: true, help: 'what the toil is' }],
    names: { description: 'the description', timer: 'timer' },
    flags: [
      { name: 'category', value: 'C', field: 'category', help: 'the category' },
      { name: 'service', value: 'S', field: 'service', help: 'the service it is for' },
    ],
    input: (p) => ({ description: p.positionals.join(' '), category: p.str('category'), service: p.str('service') }),
    text: (timer) => `Timer started for "${timer.description}" (${timer.category}). Stop it with: oncall toil stop`,
  }),
  operationCommand({
    words: ['toil', 'stop'],
    summary: 'Stop the toil timer and log its time (over 12 hours it asks first).',
    operation: 'toil.timer.stop',
    names: { timer: 'timer' },
    flags: [
      { name: 'minutes', value: 'DURATION', field: 'minutes', help: 'the real duration, when it ran on by mistake' },
      { name: 'confirm', type: 'boolean', field: 'confirm', help: 'count a timer over 12 hours as it is' },
      { name: 'discard', type: 'boolean', field: 'discard', help: 'log nothing' },
    ],
    exclusive: [['confirm', 'discard']],
    input: (p) => ({
      minutes: p.str('minutes') === undefined ? undefined : durationValue(p.str('minutes'), '--minutes'),
      confirm: p.has('confirm') ? true : undefined,
      discard: p.has('discard') ? true : undefined,
    }),
    text: (stopped) =>
      stopped.entry
        ? `Logged ${formatMinutes(stopped.entry.minutes)} of ${stopped.entry.category} toil: ${stopped.entry.description}`
        : 'Timer discarded; nothing was logged.',
  }),
  operationCommand({
    words: ['toil', 'list'],
    summary: 'Toil entries, newest day first.',
    operation: 'toil.list',
    flags: [
      { name: 'from', value: 'DATE', field: 'from', help: 'from this day' },
      { name: 'to', value: 'DATE', field: 'to', help: 'to this day' },
      { name: 'team', type: 'boolean', field: 'scope', help: "the team's, not only mine" },
      { name: 'limit', value: 'N', field: 'limit', help: 'at most N (default 200)' },
    ],
    input: (p) => ({
      from: p.str('from'),
      to: p.str('to'),
      scope: p.has('team') ? 'team' : 'me',
      limit: p.num('limit') ?? 200,
    }),
    text: (entries) => listText(entries, 'No toil logged.', entryLine),
  }),
  operationCommand({
    words: ['toil', 'report'],
    summary: 'Toil as a share of engineering time, against the 50% cap, and what to automate first.',
    operation: 'toil.report',
    flags: [
      { name: 'quarter', value: '2026Q4', field: 'quarter', help: 'the quarter (default this one)' },
      { name: 'team', type: 'boolean', field: 'scope', help: "the team's, not only mine" },
      { name: 'md', type: 'boolean', field: null, help: 'Markdown (the default)' },
    ],
    exclusive: [['json', 'md']],
    input: (p) => ({ quarter: p.str('quarter'), scope: p.has('team') ? 'team' : 'me' }),
    text: (report) => toilReportMarkdown(report).trimEnd(),
  }),
  operationCommand({
    words: ['toil', 'capacity'],
    summary: 'Hours of engineering time: a normal week, or one week of leave ("normal" clears a week).',
    operation: 'toil.capacity.set',
    flags: [
      { name: 'hours', value: 'H', field: 'hours', required: true, help: 'hours in the week, or "normal"' },
      { name: 'week', value: 'DATE', field: 'week', help: 'only the week of this day' },
      { name: 'note', value: '"…"', field: 'note', help: 'why (leave, training)' },
    ],
    input: (p) => {
      const hours = p.str('hours') === 'normal' ? null : p.num('hours');
      if (hours === undefined)
        throw new UsageError(
          '--hours: give the hours (a normal week, or --week DATE for one week; "normal" clears a week)',
        );
      if (hours === null && p.str('week') === undefined)
        throw new UsageError('--hours: "normal" goes with --week DATE');
      return { hours, week: p.str('week'), note: p.str('note') };
    },
    text: (saved) =>
      saved.week
        ? `Week of ${saved.week}: ${saved.hours === null ? 'back to normal hours' : `${saved.hours} h of engineering time`}.`
        : `A normal week is now ${saved.hours} h of engineering time.`,
  }),
  toilCategories,
];
