// `oncall incident …`, `oncall postmortem …`, `oncall actions …` and `oncall template …`: the
// postmortem studio from the terminal, and the blameless coach as a linter for CI.

import fs from 'node:fs';
import path from 'node:path';
import type { ActionItem, Incident } from '../../../shared/postmortem-contract';
import { parseCoachConfig } from '../../../shared/domain/blameless/config-schema';
import { lintPostmortem } from '../../../shared/domain/blameless/postmortem-lint';
import { defaultCoachConfig } from '../../../shared/domain/blameless/rules';
import {
  customCommand,
  linkFlag,
  listText,
  operationCommand,
  UsageError,
  withLink,
  type Command,
  type Flag,
} from '../command';
import { shareValue } from './slos';
import { readTextFile } from '../files';
import { postmortemImport } from './postmortem-import';

const incidentLine = (i: Incident): string =>
  [
    i.id,
    i.startedAt,
    `sev${i.severity}`,
    i.services.join(',') || '-',
    i.postmortem ? `postmortem ${i.postmortem.status}` : i.expectsPostmortem ? 'postmortem expected' : '-',
    i.title,
  ].join('\t');

const actionLine = (a: ActionItem): string =>
  [
    a.id,
    a.overdue ? 'OVERDUE' : a.status,
    a.due ?? 'no due date',
    a.owner ? `@${a.owner}` : 'no owner',
    a.because === null ? '-' : `because ${a.because}`,
    a.title,
    `(${a.postmortemTitle})`,
  ].join('\t');

const servicesFlag: Flag = { name: 'services', value: 'a,b', field: 'services', help: 'services, comma-separated' };
const incidentTimes = [
  ['started', 'startedAt'],
  ['detected', 'detectedAt'],
  ['mitigated', 'mitigatedAt'],
  ['resolved', 'resolvedAt'],
] as const;

/** `oncall postmortem lint FILE.md`: exit 0 ready to publish, 1 a check fails, 2 bad input. */
const postmortemLint = customCommand({
  words: ['postmortem', 'lint'],
  summary: 'The blameless coach over a Markdown file; exit 1 until it is ready to publish.',
  operations: [],
  args: [{ name: 'FILE', field: null, missing: 'give one Markdown file', help: 'the postmortem' }],
  flags: [{ name: 'config', value: 'coach.json', field: null, help: "the team's coach settings" }],
  run(ctx, p) {
    const file = p.positionals[0] ?? '';
    const markdown = readTextFile(file, 'FILE');
    let config = defaultCoachConfig;
    const configFile = p.str('config');
    if (configFile !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(configFile, 'utf8'));
      } catch (error) {
        throw new UsageError(
          `--config: ${configFile} is not readable JSON (${(error as Error).message.split('\n')[0]})`,
        );
      }
      const parsed = parseCoachConfig(json);
      if (!parsed.ok) throw new UsageError(`--config: ${parsed.field}: ${parsed.message}`);
      config = parsed.config;
    }
    const result = lintPostmortem(markdown, config);
    const position = (offset: number): { line: number; column: number } => {
      const before = markdown.slice(0, offset).split('\n');
      return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
    };
    const out = ctx.io.out;
    if (p.json) {
      out(
        JSON.stringify({
          file,
          ...result,
          diagnostics: result.diagnostics.map((d) => ({ ...d, ...position(d.from) })),
        }),
      );
    } else {
      for (const d of result.diagnostics) {
        const { line, column } = position(d.from);
        out(`${file}:${line}:${column} ${d.rule}  ${d.message}`);
        out(`    ${d.hint}`);
      }
      for (const check of result.checks)
        out(`${check.passed ? '✓' : '✗'} ${check.title}${check.passed ? '' : ` (${check.count})`}`);
      out(
        `${result.ready ? 'Ready to publish' : 'Not ready to publish'}: ${result.passed} of ${result.total} checks pass.`,
      );
    }
    return result.ready ? 0 : 1;
  },
});

const actionStatus = (word: 'done' | 'reopen' | 'wont-do', status: 'done' | 'open' | 'wont_do'): Command =>
  operationCommand({
    words: ['actions', word],
    summary: word === 'wont-do' ? 'An action item that will not be done, and why.' : `Mark an action item ${status}.`,
    operation: 'actions.setStatus',
    args: [{ name: 'ID', field: 'id', missing: 'give one action item id', help: 'the action item' }],
    flags: [{ name: 'reason', value: '"…"', field: 'reason', required: word === 'wont-do', help: 'why' }],
    input: (p) => ({ id: p.positionals[0], status, reason: p.str('reason') }),
    text: (action) => `Action item ${action.id} is ${action.status.replace('_', ' ')}.`,
  });

export const postmortemCommands: readonly Command[] = [
  operationCommand({
    words: ['incident', 'create'],
    summary: 'Group pages into an incident.',
    operation: 'incidents.create',
    args: [{ name: 'ID', field: 'pages', optional: true, many: true, help: 'more pages' }],
    flags: [
      { name: 'page', value: 'ID', multiple: true, field: 'pages', required: true, help: 'a page (repeat, or a,b)' },
      { name: 'title', value: 'T', field: 'title', required: true, help: 'what happened' },
      { name: 'severity', value: 'N', field: 'severity', required: true, help: '1 (highest) to 5' },
      servicesFlag,
    ],
    input: (p) => ({
      pages: [...p.all('page'), ...p.positionals]
        .flatMap((page) => page.split(','))
        .map((page) => page.trim())
        .filter(Boolean),
      title: p.str('title'),
      severity: p.num('severity'),
      services: p.items('services'),
    }),
    text: (incident) =>
      `Created incident ${incident.id}: ${incident.title} (severity ${incident.severity}, ${incident.pages.length} pages)${incident.expectsPostmortem ? ' — a postmortem is expected: oncall postmortem new --incident ' + incident.id : ''}`,
  }),
  operationCommand({
    words: ['incident', 'update'],
    summary: 'Change an incident ("none" clears a time).',
    operation: 'incidents.update',
    args: [{ name: 'ID', field: 'id', missing: 'give one incident id', help: 'the incident' }],
    flags: [
      { name: 'title', value: 'T', field: 'title', help: 'what happened' },
      { name: 'severity', value: 'N', field: 'severity', help: '1 (highest) to 5' },
      servicesFlag,
      ...incidentTimes.map(([name, field]): Flag => ({ name, value: 'ISO', field, help: `when it was ${name}` })),
      {
        name: 'impact-start',
        value: 'ISO',
        field: 'impactStart',
        help: 'when customer impact began ("none" clears it)',
      },
      { name: 'impact-end', value: 'ISO', field: 'impactEnd', help: 'when customer impact ended' },
      {
        name: 'impact',
        value: '30%',
        field: 'impactShare',
        help: 'share of requests or users affected ("full": outage)',
      },
    ],
    input: (p) => {
      /** "" or "none" clears a time (not the start: an incident has one). */
      const time = (name: string): string | null | undefined => {
        const value = p.str(name);
        return value === undefined ? undefined : value === '' || value === 'none' ? null : value;
      };
      return {
        id: p.positionals[0],
        title: p.str('title'),
        severity: p.num('severity'),
        services: p.items('services'),
        startedAt: p.str('started'),
        detectedAt: time('detected'),
        mitigatedAt: time('mitigated'),
        resolvedAt: time('resolved'),
        impactStart: time('impact-start'),
        impactEnd: time('impact-end'),
        impactShare: shareValue(p.str('impact')),
      };
    },
    text: incidentLine,
  }),
  operationCommand({
    words: ['incident', 'list'],
    summary: 'Incidents, newest first.',
    operation: 'incidents.list',
    flags: [linkFlag],
    input: () => ({}),
    text: (list, p) =>
      listText(
        list,
        'No incidents. Group pages into one: oncall incident create --page ID --title T --severity N',
        (incident) => withLink(p, 'incident', incident.id, incidentLine(incident)),
      ),
  }),
  operationCommand({
    words: ['postmortem', 'new'],
    summary: 'Start a postmortem of an incident from a template.',
    operation: 'postmortems.create',
    flags: [
      { name: 'incident', value: 'ID', field: 'incident', required: true, help: 'the incident' },
      { name: 'template', value: 'NAME', field: 'template', help: 'default, sre-book or the team’s own' },
      { name: 'title', value: 'T', field: 'title', help: 'the title (default: the incident’s)' },
      { name: 'zone', value: 'IANA', field: 'timeZone', help: "the timeline's zone" },
      linkFlag,
    ],
    input: (p) => ({
      incident: p.str('incident'),
      template: p.str('template'),
      title: p.str('title'),
      timeZone: p.str('zone'),
    }),
    text: (pm, p) =>
      withLink(p, 'postmortem', pm.id, `Started postmortem ${pm.id}: ${pm.title} (template ${pm.template})`),
  }),
  operationCommand({
    words: ['postmortem', 'list'],
    summary: 'Postmortems, with their checks and open actions.',
    operation: 'postmortems.list',
    flags: [linkFlag],
    input: () => ({}),
    text: (list, parsed) =>
      listText(list, 'No postmortems yet.', (p) =>
        withLink(
          parsed,
          'postmortem',
          p.id,
          [p.id, p.status, `${p.checksPassed}/${p.checksTotal} checks`, `${p.openActions} open actions`, p.title].join(
            '\t',
          ),
        ),
      ),
  }),
  operationCommand({
    words: ['postmortem', 'export'],
    summary: 'A postmortem as a Markdown file with front matter, on stdout (> FILE.md).',
    operation: 'postmortems.export',
    args: [{ name: 'ID', field: 'id', missing: 'give one postmortem id', help: 'the postmortem' }],
    input: (p) => ({ id: p.positionals[0] }),
    text: (file) => file.markdown.replace(/\n$/, ''),
  }),
  postmortemImport,
  postmortemLint,
  operationCommand({
    words: ['actions'],
    summary: 'Action items, soonest due first.',
    operation: 'actions.list',
    flags: [
      { name: 'overdue', type: 'boolean', field: 'overdue', help: 'only those past their due date' },
      { name: 'owner', value: 'H', field: 'owner', help: 'owned by this handle' },
      { name: 'team', value: 'T', field: 'team', help: "owned by this team's people" },
      { name: 'status', value: 'open|done|wont_do', field: 'status', help: 'with this status' },
    ],
    input: (p) => ({ overdue: p.has('overdue'), owner: p.str('owner'), team: p.str('team'), status: p.str('status') }),
    text: (list, p) => listText(list, p.has('overdue') ? 'No overdue action items.' : 'No action items.', actionLine),
  }),
  operationCommand({
    words: ['actions', 'add'],
    summary: 'Add an owned, dated action item to a postmortem, with the "because" it answers.',
    operation: 'actions.save',
    args: [
      { name: 'POSTMORTEM', field: 'postmortem', missing: 'give the postmortem id', help: 'the postmortem' },
      { name: '"…"', field: 'title', missing: 'give the action in quotes', help: 'the action' },
    ],
    flags: [
      { name: 'owner', value: 'H', field: 'owner', required: true, help: 'who owns it' },
      { name: 'due', value: 'DATE', field: 'due', required: true, help: 'when it is due' },
      { name: 'because', value: 'N', field: 'because', required: true, help: 'the "because" statement it answers' },
      { name: 'link', value: 'URL', field: 'link', help: 'a ticket' },
    ],
    input: (p) => ({
      postmortem: p.positionals[0],
      title: p.positionals[1],
      owner: p.str('owner'),
      due: p.str('due'),
      because: p.num('because'),
      link: p.str('link'),
    }),
    text: (action) => `Added action item ${action.id}: ${action.title}`,
  }),
  actionStatus('done', 'done'),
  actionStatus('reopen', 'open'),
  actionStatus('wont-do', 'wont_do'),
  operationCommand({
    words: ['template', 'add'],
    summary: 'Add a postmortem template from a Markdown file (its ## sections).',
    operation: 'templates.save',
    args: [{ name: 'FILE', field: 'markdown', missing: 'give one Markdown file', help: 'the template' }],
    flags: [{ name: 'name', value: 'NAME', field: 'name', help: "the template's name (default: the file's)" }],
    input: (p) => {
      const file = p.positionals[0] ?? '';
      return {
        name: p.str('name') ?? path.basename(file).replace(/\.md$/i, '').toLowerCase(),
        markdown: readTextFile(file, 'FILE'),
      };
    },
    text: (template) => `Saved template ${template.name}: ${template.sections.map((s) => s.title).join(' / ')}`,
  }),
  operationCommand({
    words: ['template', 'list'],
    summary: 'Postmortem templates, built in and the team’s own.',
    operation: 'templates.list',
    input: () => ({}),
    text: (list) =>
      list.map((t) => `${t.name}${t.builtIn ? ' (built in)' : ''}\t${t.sections.map((s) => s.title).join(' / ')}`),
  }),
];
