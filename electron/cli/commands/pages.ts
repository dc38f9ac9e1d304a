// `oncall page …` and `oncall me week`: logging pages and seeing my own load.

import type { Page, Week } from '../../../shared/contract';
import { linkFlag, listText, operationCommand, withLink, type Command } from '../command';

const localTime = (isoString: string, zone: string): string =>
  new Date(isoString).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });

function pageLine(page: Page): string {
  const triage = page.triage ?? 'untriaged';
  const flags = [page.sleepHour ? 'sleep-hour' : '', page.offHours ? 'off-hours' : ''].filter(Boolean).join(',');
  return [
    page.id,
    localTime(page.receivedAt, page.zone),
    `sev${page.severity}`,
    page.service,
    triage,
    flags || '-',
    page.summary,
  ].join('\t');
}

function weekLines(week: Week): string[] {
  const c = week.counts;
  const lines = [
    `My week — ${week.person.name} (${week.timeZone}), from ${localTime(week.startsAt, week.timeZone)} to ${localTime(week.endsAt, week.timeZone)}`,
    `  pages ${c.pages}  actionable ${c.actionable}  noise ${c.noise}  untriaged ${c.untriaged}  sleep-hour ${c.sleepHour}  off-hours ${c.offHours}  time spent ${c.minutesSpent} min`,
  ];
  for (const target of week.targets) lines.push(`  ${target.met ? 'ok ' : '!! '} ${target.sentence}`);
  return lines;
}

/** `oncall page rm|restore ID`. */
const pageById = (
  word: string,
  operation: 'pages.remove' | 'pages.restore',
  summary: string,
  text: (page: Page) => string,
): Command =>
  operationCommand({
    words: ['page', word],
    summary,
    operation,
    args: [{ name: 'ID', field: 'id', missing: 'give exactly one page id', help: 'the page' }],
    input: (p) => ({ id: p.positionals[0] }),
    text,
  });

export const pageCommands: readonly Command[] = [
  operationCommand({
    words: ['page', 'add'],
    summary: 'Log a page.',
    operation: 'pages.add',
    hint: 'quote the summary: --summary "…"',
    flags: [
      { name: 'service', value: 'S', field: 'service', required: true, help: 'the service that paged' },
      { name: 'severity', value: 'N', field: 'severity', required: true, help: '1 (highest) to 5 (lowest)' },
      { name: 'summary', value: '"…"', field: 'summary', required: true, help: 'what paged you' },
      { name: 'at', value: 'ISO', field: 'receivedAt', help: 'when it came in (default now)' },
      { name: 'ack', value: 'ISO', field: 'acknowledgedAt', help: 'when it was acknowledged' },
      { name: 'resolved', value: 'ISO', field: 'resolvedAt', help: 'when it was resolved' },
      { name: 'actionable', type: 'boolean', field: 'triage', help: 'it needed action' },
      { name: 'noise', type: 'boolean', field: 'triage', help: 'it did not' },
      { name: 'sleep', type: 'boolean', field: 'sleepHour', help: 'it came in sleep hours (default: from the zone)' },
      { name: 'not-sleep', type: 'boolean', field: 'sleepHour', help: 'it did not' },
      { name: 'minutes', value: 'N', field: 'minutesSpent', help: 'time spent on it' },
      { name: 'tag', value: 'T', multiple: true, field: 'tags', help: 'a tag (repeat for more)' },
      { name: 'notes', value: '"…"', field: 'notes', help: 'notes' },
      linkFlag,
    ],
    exclusive: [
      ['actionable', 'noise'],
      ['sleep', 'not-sleep'],
    ],
    input: (p) => ({
      service: p.str('service'),
      severity: p.num('severity'),
      summary: p.str('summary'),
      notes: p.str('notes'),
      receivedAt: p.str('at'),
      acknowledgedAt: p.str('ack'),
      resolvedAt: p.str('resolved'),
      triage: p.has('actionable') ? 'actionable' : p.has('noise') ? 'noise' : undefined,
      sleepHour: p.has('sleep') ? true : p.has('not-sleep') ? false : undefined,
      minutesSpent: p.num('minutes'),
      tags: p.all('tag').length > 0 ? p.all('tag') : undefined,
    }),
    text: (page, p) =>
      withLink(p, 'page', page.id, `Logged page ${page.id}${page.sleepHour ? ' (sleep hours)' : ''}: ${page.summary}`),
  }),
  operationCommand({
    words: ['page', 'list'],
    summary: 'Pages, newest first.',
    operation: 'pages.list',
    flags: [
      { name: 'since', value: 'ISO', field: 'since', help: 'received at or after' },
      { name: 'until', value: 'ISO', field: 'until', help: 'received before' },
      { name: 'service', value: 'S', field: 'service', help: 'one service' },
      { name: 'search', value: 'TEXT', field: 'query', help: 'words in the summary or notes' },
      { name: 'limit', value: 'N', field: 'limit', help: 'at most N (default 100)' },
      linkFlag,
    ],
    input: (p) => ({
      since: p.str('since'),
      until: p.str('until'),
      service: p.str('service'),
      query: p.str('search'),
      limit: p.num('limit') ?? 100,
    }),
    json: (list) => list.pages,
    text: (list, p) => listText(list.pages, 'No pages.', (page) => withLink(p, 'page', page.id, pageLine(page))),
  }),
  pageById(
    'rm',
    'pages.remove',
    'Delete a page (oncall page restore ID undoes it).',
    (page) => `Deleted page ${page.id} (undo: oncall page restore ${page.id})`,
  ),
  pageById('restore', 'pages.restore', 'Undo the deletion of a page.', (page) => `Restored page ${page.id}`),
  operationCommand({
    words: ['me', 'week'],
    summary: 'My load this week against the targets.',
    operation: 'me.week',
    flags: [{ name: 'at', value: 'ISO', field: 'at', help: 'the week containing this instant (default now)' }],
    input: (p) => ({ at: p.str('at') }),
    text: weekLines,
  }),
];
