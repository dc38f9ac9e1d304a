// `oncall`: the same operations from a terminal, against the same data directory as the app.
// Exit codes: 0 done, 1 the operation failed (not found, store problem), 2 bad flags or values
// (one line naming the field; nothing is written).

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  describeIssue,
  operations,
  personSaveInput,
  type OperationName,
  type OperationOutput,
  type Page,
  type Week,
} from '../../shared/contract';
import type { Rotation, ShiftView, Team } from '../../shared/rotation-contract';
import type { ActionItem, Incident, Postmortem, TemplateView } from '../../shared/postmortem-contract';
import type { ConflictView, RepoStatusView, SyncReportView } from '../../shared/sync-contract';
import { parseCoachConfig } from '../../shared/domain/blameless/config-schema';
import { lintPostmortem } from '../../shared/domain/blameless/postmortem-lint';
import { defaultCoachConfig } from '../../shared/domain/blameless/rules';
import { formatMinutes, parseDuration } from '../../shared/domain/duration';
import { toilReportMarkdown } from '../../shared/domain/toil-markdown';
import type { ToilEntry, ToilReport, ToilTimer } from '../../shared/toil-contract';
import type { Result } from '../../shared/result';
import { holidaysCommand, holidaysUsage } from './holidays';
import { reportCommand, reportUsage } from './report';
import { resolveDataDir } from '../data-dir';
import { writeDemo } from '../demo/demo';
import { OperationFailure } from '../operations/errors';
import { fetchCalendar } from '../import/fetch-feed';
import { FeedError, maxFeedBytes } from '../import/ical';
import { startServer } from '../server/server';
import { withBackgroundSync } from '../sync/background';
import { progressLabel } from '../../shared/domain/repository/progress';
import { StoreTooNewError } from '../store/db';
import { version } from '../version';
import { openWorkstation, type Workstation } from '../workstation';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The built renderer, for `serve`. */
  staticDir: string;
}

class UsageError extends Error {}

const usage = `On-call Workstation ${version}

Usage:
  oncall page add --service S --severity N --summary "…" [--at ISO] [--ack ISO] [--resolved ISO]
                  [--actionable | --noise] [--sleep | --not-sleep] [--minutes N] [--tag T]… [--notes "…"] [--json]
  oncall page list [--since ISO] [--until ISO] [--service S] [--search TEXT] [--limit N] [--json]
  oncall page rm ID [--json]          delete a page (oncall page restore ID undoes it)
  oncall page restore ID [--json]
  oncall me week [--at ISO] [--json]  my load this week against the targets
  oncall me set --name N --handle H --zone IANA [--team T]   (--handle of someone on the team: this device is them)
  oncall toil add DURATION "…" [--category C] [--service S] [--at DATE] [--automatable] [--effort HOURS] [--json]
  oncall toil start "…" [--category C] [--service S]    oncall toil stop [--minutes DURATION] [--confirm | --discard]
  oncall toil list [--from DATE] [--to DATE] [--team] [--json]
  oncall toil report [--quarter 2026Q4] [--team] [--json | --md]
  oncall toil capacity --hours H [--week DATE] [--note "…"]   (a normal week, or one week of leave)
  oncall toil categories [--add NAME] [--json]
${reportUsage}
  oncall postmortem lint FILE.md [--config coach.json] [--json]   the blameless coach; exit 1 until ready
  oncall incident create --page ID… --title T --severity N [--services a,b]     oncall incident list [--json]
  oncall incident update ID [--title T] [--severity N] [--started ISO] [--detected ISO] [--mitigated ISO] [--resolved ISO|none]
  oncall postmortem new --incident ID [--template NAME] [--title T] [--zone IANA]   oncall postmortem list [--json]
  oncall postmortem export ID > FILE.md      oncall postmortem import FILE.md   (front matter + sections, or plain)
  oncall actions [--overdue] [--owner H] [--team T] [--status open|done|wont_do] [--json]
  oncall actions add POSTMORTEM "…" --owner H --due DATE --because N [--link URL]
  oncall actions done ID | reopen ID | wont-do ID --reason "…"
  oncall template add NAME FILE.md       oncall template list [--json]
  oncall person add --name "Ann Berg" --handle ann [--zone IANA]      oncall person list [--json]
  oncall team add NAME --members ann,bo --services payments-api,checkout   oncall team list [--json]
${holidaysUsage}
  oncall rotation add NAME --zone IANA --start YYYY-MM-DDTHH:MM --every 1w|3d|12h --members a,b,c [--layer L]
                      [--only 09:00-17:00 [--weekdays]] [--team T]   (--only: on call only inside that daily window)
  oncall rotation list [--json]      oncall now [--json]   (who is on call now, and next)
  oncall rotation shifts NAME [--from ISO] [--to ISO] [--json]
  oncall rotation check NAME [--weeks 4]            exit 1 when there is uncovered time
  oncall rotation import NAME FILE.ics|URL [--map "Ann B=ann"]… [--zone IANA] [--apply]
  oncall rotation export NAME [--person HANDLE] > FILE.ics
  oncall override add ROTATION --person HANDLE --from ISO --to ISO [--reason "…"]    oncall override rm ID
  oncall repo connect URL|PATH | --init   the team's reliability repository (git)    oncall repo status [--json]
  oncall sync [--json] [--progress]  send this device's changes, bring in the team's (exit 1 when it could not;
                                     --progress: how far it has got, on stderr — shown anyway at a terminal)
  oncall conflicts [--json]          values set aside by merges     oncall conflicts restore|dismiss ID
  oncall serve [--port N]             the app in a browser, on 127.0.0.1 with a token
  oncall demo [--people 12] [--months 24] [--seed 1] [--pages N] [--until ISO]

Every command takes --data-dir DIR (or ONCALL_DATA_DIR); the default is the desktop app's folder.`;

/** Contract field → the flag a person typed, so errors name what they can fix. */
const flagOf: Record<string, string> = {
  service: '--service',
  severity: '--severity',
  summary: '--summary',
  notes: '--notes',
  receivedAt: '--at',
  acknowledgedAt: '--ack',
  resolvedAt: '--resolved',
  minutesSpent: '--minutes',
  tags: '--tag',
  since: '--since',
  until: '--until',
  from: '--from',
  to: '--to',
  query: '--search',
  limit: '--limit',
  at: '--at',
  id: 'ID',
  minutes: 'DURATION',
  description: 'the description',
  category: '--category',
  day: '--at',
  line: 'DURATION',
  automationEffortHours: '--effort',
  quarter: '--quarter',
  hours: '--hours',
  week: '--week',
  confirm: '--confirm',
  timer: 'timer',
  name: '--name',
  rotation: 'NAME',
  members: '--members',
  restriction: '--only',
  team: '--team',
  people: '--members',
  services: '--services',
  start: '--start',
  shiftLength: '--every',
  shiftUnit: '--every',
  weeks: '--weeks',
  map: '--map',
  ics: 'FILE',
  handle: '--handle',
  timeZone: '--zone',
  pages: '--page',
  title: '--title',
  incident: '--incident',
  startedAt: '--started',
  detectedAt: '--detected',
  mitigatedAt: '--mitigated',
  template: '--template',
  markdown: 'FILE',
  owner: '--owner',
  due: '--due',
  because: '--because',
  link: '--link',
  reason: '--reason',
  status: '--status',
  postmortem: 'POSTMORTEM',
  url: 'URL',
};

function flagFor(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const head = field.replace(/^patch\./, '').split('.')[0] ?? field;
  return flagOf[head] ?? field;
}

/** Checks input against the contract before the store is even opened, so bad input writes nothing. */
function precheck(name: OperationName, input: unknown): void {
  const parsed = operations[name].input.safeParse(input);
  if (parsed.success) return;
  const { field, message } = describeIssue(parsed.error, input);
  throw new UsageError(`${flagFor(field) ?? field}: ${message}`);
}

function numberFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

function parse(args: string[], options: ParseArgsConfig['options']): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({
      args,
      options: { ...options, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}

function str(values: Record<string, unknown>, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
}

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

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(usage);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.out(version);
    return 0;
  }
  let workstation: Workstation | undefined;
  const open = (values: Record<string, unknown>): Workstation => {
    workstation = openWorkstation(resolveDataDir(str(values, 'data-dir')), {
      // Unexpected failures are bugs: say what happened so it can be reported.
      onInternalError: (error, operation) =>
        io.err(`oncall: internal error in ${operation}: ${(error as Error).stack ?? String(error)}`),
    });
    return workstation;
  };
  const report = <T>(result: Result<T>): T => {
    if (result.ok) return result.value;
    const flag = flagFor(result.error.field);
    const message =
      flag && result.error.field ? result.error.message.replace(/^[^:]+:/, `${flag}:`) : result.error.message;
    throw new OperationFailure(result.error.kind, message, result.error.field);
  };

  try {
    if (command === 'page' && sub === 'add') {
      const { values, positionals } = parse(rest, {
        service: { type: 'string' },
        severity: { type: 'string' },
        summary: { type: 'string' },
        notes: { type: 'string' },
        at: { type: 'string' },
        ack: { type: 'string' },
        resolved: { type: 'string' },
        actionable: { type: 'boolean' },
        noise: { type: 'boolean' },
        sleep: { type: 'boolean' },
        'not-sleep': { type: 'boolean' },
        minutes: { type: 'string' },
        tag: { type: 'string', multiple: true },
      });
      if (positionals.length > 0)
        throw new UsageError(`unexpected argument "${positionals[0]}" (quote the summary: --summary "…")`);
      if (values.actionable && values.noise) throw new UsageError('--actionable and --noise: choose one');
      if (values.sleep && values['not-sleep']) throw new UsageError('--sleep and --not-sleep: choose one');
      const input = {
        service: str(values, 'service'),
        severity: numberFlag(str(values, 'severity')),
        summary: str(values, 'summary'),
        notes: str(values, 'notes'),
        receivedAt: str(values, 'at'),
        acknowledgedAt: str(values, 'ack'),
        resolvedAt: str(values, 'resolved'),
        triage: values.actionable ? 'actionable' : values.noise ? 'noise' : undefined,
        sleepHour: values.sleep ? true : values['not-sleep'] ? false : undefined,
        minutesSpent: numberFlag(str(values, 'minutes')),
        tags: values.tag,
      };
      precheck('pages.add', input);
      const page = report(open(values).table.invoke('pages.add', input)) as Page;
      io.out(
        values.json
          ? JSON.stringify(page)
          : `Logged page ${page.id}${page.sleepHour ? ' (sleep hours)' : ''}: ${page.summary}`,
      );
      return 0;
    }
    if (command === 'page' && sub === 'list') {
      const { values } = parse(rest, {
        since: { type: 'string' },
        until: { type: 'string' },
        service: { type: 'string' },
        search: { type: 'string' },
        limit: { type: 'string' },
      });
      const input = {
        since: str(values, 'since'),
        until: str(values, 'until'),
        service: str(values, 'service'),
        query: str(values, 'search'),
        limit: numberFlag(str(values, 'limit')) ?? 100,
      };
      precheck('pages.list', input);
      const list = report(open(values).table.invoke('pages.list', input)) as { pages: Page[] };
      if (values.json) io.out(JSON.stringify(list.pages));
      else if (list.pages.length === 0) io.out('No pages.');
      else for (const page of list.pages) io.out(pageLine(page));
      return 0;
    }
    if (command === 'page' && (sub === 'rm' || sub === 'restore')) {
      const { values, positionals } = parse(rest, {});
      if (positionals.length !== 1) throw new UsageError(`ID: give exactly one page id (oncall page ${sub} ID)`);
      const page = report(
        open(values).table.invoke(sub === 'rm' ? 'pages.remove' : 'pages.restore', { id: positionals[0] }),
      ) as Page;
      io.out(
        values.json
          ? JSON.stringify(page)
          : sub === 'rm'
            ? `Deleted page ${page.id} (undo: oncall page restore ${page.id})`
            : `Restored page ${page.id}`,
      );
      return 0;
    }
    if (command === 'me' && sub === 'week') {
      const { values } = parse(rest, { at: { type: 'string' } });
      precheck('me.week', { at: str(values, 'at') });
      const week = report(open(values).table.invoke('me.week', { at: str(values, 'at') })) as Week;
      if (values.json) io.out(JSON.stringify(week));
      else for (const line of weekLines(week)) io.out(line);
      return 0;
    }
    if (command === 'me' && sub === 'set') {
      const { values } = parse(rest, {
        name: { type: 'string' },
        handle: { type: 'string' },
        zone: { type: 'string' },
        team: { type: 'string' },
      });
      const given = { name: str(values, 'name'), handle: str(values, 'handle'), timeZone: str(values, 'zone') };
      const checked = personSaveInput
        .partial()
        .safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
      if (!checked.success) {
        const { field, message } = describeIssue(checked.error, given);
        throw new UsageError(`${flagFor(field) ?? field}: ${message}`);
      }
      const team = str(values, 'team');
      if (team !== undefined) precheck('teams.join', { team });
      const ws = open(values);
      const info = report(ws.table.invoke('app.info', {})) as {
        me: { id: string; name: string; handle: string; timeZone: string };
        meChosen: boolean;
      };
      // A team that is not there is refused before anything changes.
      if (
        team !== undefined &&
        !(report(ws.table.invoke('teams.list', {})) as { name: string }[]).some((t) => t.name === team)
      )
        throw new UsageError(`--team: there is no team called "${team}" (oncall team list)`);
      type Saved = { name: string; handle: string; timeZone: string };
      // Someone on the team already (e.g. from the repository) while this device's person was
      // only made from the OS user name: this device is them. Otherwise this person changes.
      const handle = str(values, 'handle');
      const known =
        handle && handle !== info.me.handle
          ? (report(ws.table.invoke('people.list', {})) as { id: string; handle: string }[]).find(
              (p) => p.handle === handle,
            )
          : undefined;
      const switching =
        !!known && !info.meChosen && str(values, 'name') === undefined && str(values, 'zone') === undefined;
      const person = (
        switching
          ? report(ws.table.invoke('me.set', { id: known.id }))
          : report(
              ws.table.invoke('people.save', {
                id: info.me.id,
                name: str(values, 'name') ?? info.me.name,
                handle: str(values, 'handle') ?? info.me.handle,
                timeZone: str(values, 'zone') ?? info.me.timeZone,
              }),
            )
      ) as Saved;
      // And the team they are on (added to it; nothing changes if they already are).
      if (team !== undefined) report(ws.table.invoke('teams.join', { team, handle: person.handle }));
      io.out(
        values.json
          ? JSON.stringify(person)
          : `This device logs pages as ${person.name} (@${person.handle}, ${person.timeZone})${switching ? ', already on the team' : ''}${team ? `, on team ${team}` : ''}.`,
      );
      return 0;
    }
    if (command === 'toil') {
      const code = await toilCommand(sub, rest, io, open, report);
      return code;
    }
    if (command === 'report') {
      return await reportCommand(sub, rest, {
        out: io.out,
        open,
        report,
        parse,
        precheck,
        usage: (message) => new UsageError(message),
      });
    }
    if (command === 'person' && (sub === 'add' || sub === 'list')) {
      const { values } = parse(rest, {
        name: { type: 'string' },
        handle: { type: 'string' },
        zone: { type: 'string' },
      });
      if (sub === 'list') {
        const people = report(open(values).table.invoke('people.list', {})) as {
          name: string;
          handle: string;
          timeZone: string;
        }[];
        if (values.json) io.out(JSON.stringify(people));
        else for (const p of people) io.out(`@${p.handle}\t${p.name}\t${p.timeZone}`);
        return 0;
      }
      const input = {
        name: str(values, 'name'),
        handle: str(values, 'handle'),
        timeZone: str(values, 'zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      };
      precheck('people.save', input);
      const person = report(open(values).table.invoke('people.save', input)) as {
        name: string;
        handle: string;
        timeZone: string;
      };
      io.out(values.json ? JSON.stringify(person) : `Added ${person.name} (@${person.handle}, ${person.timeZone}).`);
      return 0;
    }
    if (command === 'team' && sub === 'holidays') {
      return holidaysCommand(rest, {
        out: io.out,
        open,
        report,
        parse,
        precheck,
        usage: (message) => new UsageError(message),
      });
    }
    if (command === 'team' && (sub === 'add' || sub === 'list')) {
      const { values, positionals } = parse(rest, { members: { type: 'string' }, services: { type: 'string' } });
      if (sub === 'list') {
        const teams = report(open(values).table.invoke('teams.list', {})) as Team[];
        if (values.json) io.out(JSON.stringify(teams));
        else if (teams.length === 0) io.out('No teams yet.');
        else
          for (const t of teams)
            io.out(
              `${t.name}\t${t.people.map((p) => `@${p.handle}`).join(',')}\t${t.services.join(',')}\t${t.rotations.join(',')}`,
            );
        return 0;
      }
      const list = (value: string | undefined): string[] =>
        (value ?? '')
          .split(',')
          .map((v) => v.trim().replace(/^@/, ''))
          .filter(Boolean);
      const input = {
        name: positionals.join(' '),
        people: list(str(values, 'members')),
        services: list(str(values, 'services')),
      };
      precheck('teams.save', input);
      const saved = report(open(values).table.invoke('teams.save', input)) as Team;
      io.out(
        values.json
          ? JSON.stringify(saved)
          : `Team "${saved.name}": ${saved.people.length} people, ${saved.services.length} services.`,
      );
      return 0;
    }
    if (command === 'rotation' || command === 'override' || command === 'now') {
      return await rotationCommand(command, sub, rest, io, open, report);
    }
    if (command === 'postmortem' && sub === 'lint') {
      return postmortemLint(rest, io);
    }
    if (command === 'repo' || command === 'sync' || command === 'conflicts') {
      return syncCommand(command, sub, rest, io, open, report);
    }
    if (command === 'incident' || command === 'postmortem' || command === 'actions' || command === 'template') {
      return postmortemCommand(command, sub, rest, io, open, report);
    }
    if (command === 'serve') {
      const { values } = parse(sub === undefined ? [] : [sub, ...rest], { port: { type: 'string' } });
      const port = numberFlag(str(values, 'port')) ?? 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError('--port: must be a port number from 0 to 65535');
      const ws = open(values);
      const server = await startServer({
        table: ws.table,
        operations: withBackgroundSync(ws.table, ws.ctx.dataDir),
        staticDir: io.staticDir,
        port,
        now: ws.ctx.now,
      });
      io.out(`Serving on ${server.url}`);
      io.out(`Data: ${ws.ctx.dataDir}  (Ctrl+C stops)`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    if (command === 'demo') {
      const { values } = parse(sub === undefined ? [] : [sub, ...rest], {
        people: { type: 'string' },
        months: { type: 'string' },
        seed: { type: 'string' },
        pages: { type: 'string' },
        until: { type: 'string' },
      });
      const people = numberFlag(str(values, 'people')) ?? 12;
      const months = numberFlag(str(values, 'months')) ?? 24;
      const seed = numberFlag(str(values, 'seed')) ?? 1;
      const pages = numberFlag(str(values, 'pages'));
      const until = str(values, 'until');
      if (!Number.isInteger(people) || people < 1 || people > 200)
        throw new UsageError('--people: must be a whole number from 1 to 200');
      if (!Number.isInteger(months) || months < 1 || months > 120)
        throw new UsageError('--months: must be a whole number from 1 to 120');
      if (!Number.isInteger(seed)) throw new UsageError('--seed: must be a whole number');
      if (pages !== undefined && (!Number.isInteger(pages) || pages < 1 || pages > 10_000_000))
        throw new UsageError('--pages: must be a whole number from 1 to 10000000');
      const untilMs = until === undefined ? Date.now() : Date.parse(until);
      if (Number.isNaN(untilMs)) throw new UsageError('--until: must be an ISO 8601 date or instant');
      const ws = open(values);
      const summary = writeDemo(ws.ctx, {
        people,
        months,
        seed,
        pages,
        untilMs,
        onProgress: (written, total) => {
          if (total >= 100_000) io.err(`  ${written} / ${total} pages`);
        },
      });
      io.out(
        values.json
          ? JSON.stringify(summary)
          : `Wrote ${summary.pages} pages for ${summary.people} people and ${summary.services} services into ${ws.ctx.dataDir}. This device now logs as @${summary.me} (the overloaded one).`,
      );
      return 0;
    }
    throw new UsageError(`unknown command "${[command, sub].filter(Boolean).join(' ')}" (oncall --help lists them)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`oncall: ${error.message}`);
      return 2;
    }
    if (error instanceof OperationFailure) {
      const flag = flagFor(error.field);
      io.err(
        `oncall: ${error.field === 'data-dir' ? '--data-dir: ' + error.message.replace(/^data-dir: /, '') : error.message}`,
      );
      void flag;
      return error.kind === 'invalid_input' ? 2 : 1;
    }
    if (error instanceof StoreTooNewError) {
      io.err(`oncall: ${error.message}`);
      return 1;
    }
    io.err(`oncall: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    workstation?.close();
  }
}

/** `oncall postmortem lint FILE.md`: exit 0 ready to publish, 1 a check fails, 2 bad input. */
function postmortemLint(rest: string[], io: CliIo): number {
  const { values, positionals } = parse(rest, { config: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('FILE: give one Markdown file (oncall postmortem lint FILE.md)');
  const file = positionals[0] ?? '';
  let markdown: string;
  try {
    markdown = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`FILE: cannot read ${file}`);
  }
  let config = defaultCoachConfig;
  const configFile = str(values, 'config');
  if (configFile !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(configFile, 'utf8'));
    } catch (error) {
      throw new UsageError(`--config: ${configFile} is not readable JSON (${(error as Error).message.split('\n')[0]})`);
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
  if (values.json) {
    io.out(
      JSON.stringify({ file, ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, ...position(d.from) })) }),
    );
  } else {
    for (const d of result.diagnostics) {
      const { line, column } = position(d.from);
      io.out(`${file}:${line}:${column} ${d.rule}  ${d.message}`);
      io.out(`    ${d.hint}`);
    }
    for (const check of result.checks)
      io.out(`${check.passed ? '✓' : '✗'} ${check.title}${check.passed ? '' : ` (${check.count})`}`);
    io.out(
      `${result.ready ? 'Ready to publish' : 'Not ready to publish'}: ${result.passed} of ${result.total} checks pass.`,
    );
  }
  return result.ready ? 0 : 1;
}

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

function readMarkdownFile(file: string | undefined, usage: string): string {
  if (!file) throw new UsageError(`FILE: give one Markdown file (${usage})`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`FILE: cannot read ${file}`);
  }
  if (!stat.isFile()) throw new UsageError(`FILE: ${file} is not a file`);
  if (stat.size > 5 * 2 ** 20) throw new UsageError(`FILE: ${file} is larger than 5 MB`);
  return fs.readFileSync(file, 'utf8');
}

/** `oncall incident …`, `oncall postmortem new|list|export|import`, `oncall actions …`, `oncall template …`. */
function postmortemCommand(
  command: string,
  sub: string | undefined,
  rest: string[],
  io: CliIo,
  open: Opener,
  report: Reporter,
): number {
  if (command === 'incident' && sub === 'create') {
    const { values, positionals } = parse(rest, {
      page: { type: 'string', multiple: true },
      title: { type: 'string' },
      severity: { type: 'string' },
      services: { type: 'string' },
    });
    const pages = [...((values.page as string[] | undefined) ?? []), ...positionals].flatMap((p) => p.split(','));
    const input = {
      pages: pages.map((p) => p.trim()).filter(Boolean),
      title: str(values, 'title'),
      severity: numberFlag(str(values, 'severity')),
      services: str(values, 'services')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    precheck('incidents.create', input);
    const incident = report(open(values).table.invoke('incidents.create', input)) as Incident;
    io.out(
      values.json
        ? JSON.stringify(incident)
        : `Created incident ${incident.id}: ${incident.title} (severity ${incident.severity}, ${incident.pages.length} pages)${incident.expectsPostmortem ? ' — a postmortem is expected: oncall postmortem new --incident ' + incident.id : ''}`,
    );
    return 0;
  }
  if (command === 'incident' && sub === 'update') {
    const { values, positionals } = parse(rest, {
      title: { type: 'string' },
      severity: { type: 'string' },
      services: { type: 'string' },
      started: { type: 'string' },
      detected: { type: 'string' },
      mitigated: { type: 'string' },
      resolved: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('ID: give one incident id (oncall incident update ID …)');
    /** "" or "none" clears a time. */
    const time = (key: string): string | null | undefined => {
      const value = str(values, key);
      return value === undefined ? undefined : value === '' || value === 'none' ? null : value;
    };
    const input = {
      id: positionals[0],
      title: str(values, 'title'),
      severity: numberFlag(str(values, 'severity')),
      services: str(values, 'services')
        ?.split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      startedAt: str(values, 'started'),
      detectedAt: time('detected'),
      mitigatedAt: time('mitigated'),
      resolvedAt: time('resolved'),
    };
    precheck('incidents.update', input);
    const incident = report(open(values).table.invoke('incidents.update', input)) as Incident;
    io.out(values.json ? JSON.stringify(incident) : incidentLine(incident));
    return 0;
  }
  if (command === 'incident' && sub === 'list') {
    const { values } = parse(rest, {});
    const list = report(open(values).table.invoke('incidents.list', {})) as Incident[];
    if (values.json) io.out(JSON.stringify(list));
    else if (list.length === 0)
      io.out('No incidents. Group pages into one: oncall incident create --page ID --title T --severity N');
    else for (const i of list) io.out(incidentLine(i));
    return 0;
  }
  if (command === 'postmortem' && sub === 'new') {
    const { values } = parse(rest, {
      incident: { type: 'string' },
      template: { type: 'string' },
      title: { type: 'string' },
      zone: { type: 'string' },
    });
    const input = {
      incident: str(values, 'incident'),
      template: str(values, 'template'),
      title: str(values, 'title'),
      timeZone: str(values, 'zone'),
    };
    precheck('postmortems.create', input);
    const pm = report(open(values).table.invoke('postmortems.create', input)) as Postmortem;
    io.out(values.json ? JSON.stringify(pm) : `Started postmortem ${pm.id}: ${pm.title} (template ${pm.template})`);
    return 0;
  }
  if (command === 'postmortem' && sub === 'list') {
    const { values } = parse(rest, {});
    const list = report(open(values).table.invoke('postmortems.list', {})) as OperationOutput<'postmortems.list'>;
    if (values.json) io.out(JSON.stringify(list));
    else if (list.length === 0) io.out('No postmortems yet.');
    else
      for (const p of list)
        io.out(
          [p.id, p.status, `${p.checksPassed}/${p.checksTotal} checks`, `${p.openActions} open actions`, p.title].join(
            '\t',
          ),
        );
    return 0;
  }
  if (command === 'postmortem' && sub === 'export') {
    const { values, positionals } = parse(rest, {});
    if (positionals.length !== 1) throw new UsageError('ID: give one postmortem id (oncall postmortem export ID)');
    const file = report(open(values).table.invoke('postmortems.export', { id: positionals[0] })) as {
      fileName: string;
      markdown: string;
    };
    if (values.json) io.out(JSON.stringify(file));
    else io.out(file.markdown.replace(/\n$/, ''));
    return 0;
  }
  if (command === 'postmortem' && sub === 'import') {
    const { values, positionals } = parse(rest, {});
    if (positionals.length !== 1)
      throw new UsageError('FILE: give one Markdown file (oncall postmortem import FILE.md)');
    const file = positionals[0] ?? '';
    const input = {
      markdown: readMarkdownFile(file, 'oncall postmortem import FILE.md'),
      fileName: path.basename(file),
    };
    const result = report(open(values).table.invoke('postmortems.import', input)) as {
      postmortem: Postmortem;
      created: boolean;
    };
    io.out(
      values.json
        ? JSON.stringify(result)
        : `${result.created ? 'Imported' : 'Updated'} postmortem ${result.postmortem.id}: ${result.postmortem.title} (${result.postmortem.actionItems.length} action items)`,
    );
    return 0;
  }
  if (command === 'actions' && (sub === undefined || sub.startsWith('--'))) {
    const { values } = parse(sub ? [sub, ...rest] : rest, {
      overdue: { type: 'boolean' },
      owner: { type: 'string' },
      team: { type: 'string' },
      status: { type: 'string' },
    });
    const input = {
      overdue: values.overdue === true,
      owner: str(values, 'owner'),
      team: str(values, 'team'),
      status: str(values, 'status'),
    };
    precheck('actions.list', input);
    const list = report(open(values).table.invoke('actions.list', input)) as ActionItem[];
    if (values.json) io.out(JSON.stringify(list));
    else if (list.length === 0) io.out(values.overdue ? 'No overdue action items.' : 'No action items.');
    else for (const a of list) io.out(actionLine(a));
    return 0;
  }
  if (command === 'actions' && sub === 'add') {
    const { values, positionals } = parse(rest, {
      owner: { type: 'string' },
      due: { type: 'string' },
      because: { type: 'string' },
      link: { type: 'string' },
    });
    if (positionals.length !== 2)
      throw new UsageError('POSTMORTEM: give the postmortem id and the action in quotes (oncall actions add ID "…")');
    const input = {
      postmortem: positionals[0],
      title: positionals[1],
      owner: str(values, 'owner'),
      due: str(values, 'due'),
      because: numberFlag(str(values, 'because')),
      link: str(values, 'link'),
    };
    precheck('actions.save', input);
    const action = report(open(values).table.invoke('actions.save', input)) as ActionItem;
    io.out(values.json ? JSON.stringify(action) : `Added action item ${action.id}: ${action.title}`);
    return 0;
  }
  if (command === 'actions' && (sub === 'done' || sub === 'reopen' || sub === 'wont-do')) {
    const { values, positionals } = parse(rest, { reason: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError(`ID: give one action item id (oncall actions ${sub} ID)`);
    const input = {
      id: positionals[0],
      status: sub === 'done' ? 'done' : sub === 'reopen' ? 'open' : 'wont_do',
      reason: str(values, 'reason'),
    };
    precheck('actions.setStatus', input);
    const action = report(open(values).table.invoke('actions.setStatus', input)) as ActionItem;
    io.out(values.json ? JSON.stringify(action) : `Action item ${action.id} is ${action.status.replace('_', ' ')}.`);
    return 0;
  }
  if (command === 'template' && sub === 'add') {
    const { values, positionals } = parse(rest, { name: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('FILE: give one Markdown file (oncall template add FILE.md)');
    const file = positionals[0] ?? '';
    const input = {
      name: str(values, 'name') ?? path.basename(file).replace(/\.md$/i, '').toLowerCase(),
      markdown: readMarkdownFile(file, 'oncall template add FILE.md'),
    };
    precheck('templates.save', input);
    const template = report(open(values).table.invoke('templates.save', input)) as TemplateView;
    io.out(
      values.json
        ? JSON.stringify(template)
        : `Saved template ${template.name}: ${template.sections.map((s) => s.title).join(' / ')}`,
    );
    return 0;
  }
  if (command === 'template' && sub === 'list') {
    const { values } = parse(rest, {});
    const list = report(open(values).table.invoke('templates.list', {})) as TemplateView[];
    if (values.json) io.out(JSON.stringify(list));
    else
      for (const t of list)
        io.out(`${t.name}${t.builtIn ? ' (built in)' : ''}\t${t.sections.map((s) => s.title).join(' / ')}`);
    return 0;
  }
  throw new UsageError(`unknown command "${[command, sub].filter(Boolean).join(' ')}" (oncall --help lists them)`);
}

function statusLines(status: RepoStatusView): string[] {
  if (!status.connected)
    return ['Not connected. Connect: oncall repo connect URL|PATH  (or --init for a new local one)'];
  const ago = status.lastSyncAt ? `last synced ${status.lastSyncAt}` : 'never synced';
  const lines = [
    `Connected to ${status.url ?? 'a local repository'} (${status.path})`,
    `${ago} · ${status.waiting} ${status.waiting === 1 ? 'change' : 'changes'} waiting · ${status.conflicts} conflicts to review`,
  ];
  if (status.syncing) lines.push(`Syncing now (since ${status.syncing.startedAt}): ${progressLabel(status.syncing)}`);
  if (status.lastError) lines.push(`Last sync: ${status.lastError}`);
  for (const p of status.problems) lines.push(`skipped ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  return lines;
}

/** `oncall repo connect|status`, `oncall sync`, `oncall conflicts [restore|dismiss ID]`. */
function syncCommand(
  command: string,
  sub: string | undefined,
  rest: string[],
  io: CliIo,
  open: Opener,
  report: Reporter,
): number {
  if (command === 'repo' && sub === 'connect') {
    const { values, positionals } = parse(rest, { init: { type: 'boolean' } });
    if (values.init ? positionals.length !== 0 : positionals.length !== 1)
      throw new UsageError('URL: give the repository to clone (oncall repo connect URL|PATH), or --init for a new one');
    const given = positionals[0];
    // A path on this machine is taken from where the command runs (git would read it from the
    // data directory otherwise).
    const url =
      given && !/^[\w+.-]+:\/\/|^[^/]+@[^/]+:/.test(given) && fs.existsSync(given) ? path.resolve(given) : given;
    const input = { url: values.init ? null : (url ?? null) };
    precheck('repo.connect', input);
    const status = report(open(values).table.invoke('repo.connect', input)) as RepoStatusView;
    if (values.json) io.out(JSON.stringify(status));
    else io.out(`Connected: ${status.path}. Run oncall sync to send this device's records and bring in the team's.`);
    return 0;
  }
  if (command === 'repo' && sub === 'status') {
    const { values } = parse(rest, {});
    const status = report(open(values).table.invoke('repo.status', {})) as RepoStatusView;
    if (values.json) io.out(JSON.stringify(status));
    else for (const line of statusLines(status)) io.out(line);
    return 0;
  }
  if (command === 'sync') {
    const { values } = parse(sub ? [sub, ...rest] : rest, { progress: { type: 'boolean' } });
    const ws = open(values);
    // How far it has got, on stderr (stdout stays the report): asked for, or at a terminal.
    if (values.progress || process.stderr.isTTY) ws.ctx.onProgress = (p) => io.err(`  ${progressLabel(p)}`);
    const result = report(ws.table.invoke('repo.sync', {})) as SyncReportView;
    if (values.json) io.out(JSON.stringify(result));
    else {
      const n = (c: SyncReportView['sent']): string =>
        `${c.pages} pages, ${c.toil} toil entries, ${c.postmortems} postmortems, ${c.templates} templates, ${c.people} people, ${c.teams} teams, ${c.rotations} rotations, ${c.holidays} holiday calendars`;
      io.out(`${result.ok ? 'Synced' : 'Not synced'}: ${result.message}`);
      io.out(`  sent ${n(result.sent)} · received ${n(result.received)} · ${result.conflicts} conflicts`);
      for (const p of result.problems) io.out(`  skipped ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    }
    return result.ok ? 0 : 1;
  }
  if (command === 'conflicts' && (sub === 'restore' || sub === 'dismiss')) {
    const { values, positionals } = parse(rest, {});
    const id = numberFlag(positionals[0]);
    if (positionals.length !== 1 || id === undefined || !Number.isInteger(id))
      throw new UsageError(`ID: give one conflict number (oncall conflicts ${sub} ID)`);
    report(open(values).table.invoke('repo.resolveConflict', { id, action: sub }));
    io.out(
      sub === 'restore'
        ? `Restored conflict ${id}: the set-aside value is back and syncs as a new edit.`
        : `Dismissed conflict ${id}.`,
    );
    return 0;
  }
  if (command === 'conflicts') {
    const { values } = parse(sub ? [sub, ...rest] : rest, {});
    const list = report(open(values).table.invoke('repo.conflicts', {})) as ConflictView[];
    if (values.json) io.out(JSON.stringify(list));
    else if (list.length === 0) io.out('No conflicts to review.');
    else
      for (const c of list)
        io.out(
          `${c.id}\t${c.at}\t${c.kind} ${c.key}\t${c.field}\tkept ${JSON.stringify(c.kept)?.slice(0, 60)}\tset aside (${c.lostSide}) ${JSON.stringify(c.lost)?.slice(0, 60)}`,
        );
    return 0;
  }
  throw new UsageError(`unknown command "${[command, sub].filter(Boolean).join(' ')}" (oncall --help lists them)`);
}

function readFeedFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`FILE: cannot read ${file}`);
  }
}

/** A calendar feed by URL (webcal:// is https://), read up to 5 MB as it arrives, 20 seconds. */
async function fetchFeed(address: string): Promise<string> {
  try {
    return await fetchCalendar(address, { maxBytes: maxFeedBytes, timeoutMs: 20_000 });
  } catch (error) {
    if (error instanceof FeedError) throw new OperationFailure('invalid_input', `URL: ${error.message}`, 'url');
    throw error;
  }
}

type Opener = (values: Record<string, unknown>) => Workstation;
type Reporter = <T>(result: Result<T>) => T;

const shiftLine = (s: ShiftView): string =>
  [s.rotation, s.layer, `@${s.handle}`, s.startsAt, s.endsAt, s.overrideId ? 'override' : ''].join('\t').trimEnd();

async function rotationCommand(
  command: string,
  sub: string | undefined,
  rest: string[],
  io: CliIo,
  open: Opener,
  report: Reporter,
): Promise<number> {
  if (command === 'now') {
    const { values } = parse(sub === undefined ? rest : [sub, ...rest], { at: { type: 'string' } });
    precheck('rotations.now', { at: str(values, 'at') });
    const now = report(open(values).table.invoke('rotations.now', { at: str(values, 'at') })) as {
      rotation: string;
      now: ShiftView | null;
      next: ShiftView | null;
    }[];
    if (values.json) io.out(JSON.stringify(now));
    else if (now.length === 0) io.out('No rotations yet (oncall rotation add, or oncall rotation import).');
    else
      for (const r of now) {
        io.out(
          `${r.rotation}: ${r.now ? `@${r.now.handle} until ${r.now.endsAt}` : 'nobody on call'}${r.next ? `, then @${r.next.handle}` : ''}`,
        );
      }
    return 0;
  }
  if (command === 'override' && sub === 'add') {
    const { values, positionals } = parse(rest, {
      person: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      reason: { type: 'string' },
    });
    const input = {
      rotation: positionals[0],
      handle: str(values, 'person'),
      from: str(values, 'from'),
      to: str(values, 'to'),
      reason: str(values, 'reason'),
    };
    precheck('overrides.add', input);
    const added = report(open(values).table.invoke('overrides.add', input)) as {
      id: string;
      handle: string;
      startsAt: string;
      endsAt: string;
    };
    io.out(
      values.json
        ? JSON.stringify(added)
        : `Override ${added.id}: @${added.handle} on call from ${added.startsAt} to ${added.endsAt}.`,
    );
    return 0;
  }
  if (command === 'override' && sub === 'rm') {
    const { values, positionals } = parse(rest, {});
    if (positionals.length !== 1) throw new UsageError('ID: give one override id');
    report(open(values).table.invoke('overrides.remove', { id: positionals[0] }));
    io.out(`Override ${positionals[0]} removed.`);
    return 0;
  }
  if (command !== 'rotation')
    throw new UsageError(`unknown command "${command} ${sub ?? ''}" (oncall --help lists them)`);
  if (sub === 'add') {
    const { values, positionals } = parse(rest, {
      zone: { type: 'string' },
      start: { type: 'string' },
      every: { type: 'string' },
      members: { type: 'string' },
      layer: { type: 'string' },
      only: { type: 'string' },
      weekdays: { type: 'boolean' },
      team: { type: 'string' },
    });
    const only = str(values, 'only');
    const window = only === undefined ? undefined : /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(only);
    if (only !== undefined && !window)
      throw new UsageError('--only: give the daily window as HH:MM-HH:MM, e.g. 09:00-17:00');
    const restriction = window
      ? {
          start: window[1] ?? '',
          end: window[2] ?? '',
          days: values.weekdays ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7],
        }
      : undefined;
    const every = /^(\d+)\s*(h|d|w)$/i.exec(str(values, 'every') ?? '');
    if (!every) throw new UsageError('--every: give the shift length, e.g. 1w, 3d or 12h');
    const input = {
      name: positionals.join(' '),
      timeZone: str(values, 'zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      start: str(values, 'start'),
      shiftLength: Number(every[1]),
      shiftUnit: ({ h: 'hours', d: 'days', w: 'weeks' } as const)[(every[2] ?? 'w').toLowerCase() as 'h' | 'd' | 'w'],
      layer: str(values, 'layer'),
      team: str(values, 'team'),
      restriction,
      members: (str(values, 'members') ?? '')
        .split(',')
        .map((h) => h.trim().replace(/^@/, ''))
        .filter(Boolean)
        .map((handle) => ({ handle })),
    };
    precheck('rotations.save', input);
    const saved = report(open(values).table.invoke('rotations.save', input)) as Rotation;
    io.out(
      values.json
        ? JSON.stringify(saved)
        : `Rotation "${saved.name}": ${saved.members.map((m) => `@${m.handle}`).join(', ')}, handoff every ${saved.shiftLength} ${saved.shiftUnit} from ${saved.start} ${saved.timeZone}.`,
    );
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {});
    const rotations = report(open(values).table.invoke('rotations.list', {})) as Rotation[];
    if (values.json) io.out(JSON.stringify(rotations));
    else if (rotations.length === 0) io.out('No rotations yet.');
    else
      for (const r of rotations)
        io.out(`${r.name}\t${r.layer}\t${r.kind}\t${r.members.map((m) => `@${m.handle}`).join(',')}`);
    return 0;
  }
  if (sub === 'shifts') {
    const { values, positionals } = parse(rest, { from: { type: 'string' }, to: { type: 'string' } });
    const from = str(values, 'from') ?? new Date().toISOString();
    const input = {
      rotation: positionals.join(' ') || undefined,
      from,
      to: str(values, 'to') ?? new Date(Date.parse(from) + 8 * 7 * 86_400_000).toISOString(),
    };
    precheck('rotations.shifts', input);
    const shifts = report(open(values).table.invoke('rotations.shifts', input)) as ShiftView[];
    if (values.json) io.out(JSON.stringify(shifts));
    else for (const s of shifts) io.out(shiftLine(s));
    return 0;
  }
  if (sub === 'check') {
    const { values, positionals } = parse(rest, { weeks: { type: 'string' } });
    const input = { rotation: positionals.join(' '), weeks: numberFlag(str(values, 'weeks')) ?? 4 };
    precheck('rotations.check', input);
    const check = report(open(values).table.invoke('rotations.check', input)) as {
      rotation: string;
      gaps: { startsAt: string; endsAt: string }[];
    };
    if (values.json) io.out(JSON.stringify(check));
    else if (check.gaps.length === 0) io.out(`${check.rotation}: covered for the next ${input.weeks} weeks.`);
    else {
      io.out(
        `${check.rotation}: nobody is on call for ${check.gaps.length} stretch${check.gaps.length === 1 ? '' : 'es'} in the next ${input.weeks} weeks:`,
      );
      for (const gap of check.gaps) io.out(`  ${gap.startsAt} – ${gap.endsAt}`);
    }
    return check.gaps.length === 0 ? 0 : 1;
  }
  if (sub === 'import') {
    const { values, positionals } = parse(rest, {
      map: { type: 'string', multiple: true },
      zone: { type: 'string' },
      apply: { type: 'boolean' },
    });
    const [name, file] = positionals;
    if (!name || !file || positionals.length !== 2)
      throw new UsageError('NAME FILE: give the rotation name and the .ics file (quote a name with spaces)');
    const ics = /^(https?|webcal):\/\//i.test(file) ? await fetchFeed(file) : readFeedFile(file);
    const map: Record<string, string> = {};
    for (const pair of (values.map as string[] | undefined) ?? []) {
      const at = pair.lastIndexOf('=');
      if (at <= 0 || at === pair.length - 1)
        throw new UsageError(`--map: write it as "Name in the feed=handle", not "${pair}"`);
      map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    // The file's name (or the URL) goes along, so a refusal names it.
    const fileName = /^(https?|webcal):\/\//i.test(file) ? file.slice(0, 300) : path.basename(file);
    const input = {
      rotation: name,
      ics,
      fileName,
      map,
      timeZone: str(values, 'zone') ?? 'UTC',
      apply: values.apply === true,
    };
    precheck('rotations.import', input);
    const result = report(open(values).table.invoke('rotations.import', input)) as {
      applied: boolean;
      added: number;
      changed: number;
      removed: number;
      unchanged: number;
      unknownNames: string[];
      skipped: { uid: string | null; reason: string }[];
    };
    if (values.json) io.out(JSON.stringify(result));
    else {
      io.out(
        `${result.applied ? 'Imported' : 'Would import'} into "${name}": ${result.added} new, ${result.changed} changed, ${result.removed} removed, ${result.unchanged} unchanged shifts.`,
      );
      for (const skip of result.skipped) io.out(`  skipped ${skip.uid ?? '(no UID)'}: ${skip.reason}`);
      if (result.unknownNames.length > 0)
        io.out(`  names that match nobody: ${result.unknownNames.join(', ')} — add --map "Name=handle"`);
      if (!result.applied) io.out('Nothing was stored; run again with --apply.');
    }
    return 0;
  }
  if (sub === 'export') {
    const { values, positionals } = parse(rest, {
      person: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    const input = {
      rotation: positionals.join(' '),
      handle: str(values, 'person'),
      from: str(values, 'from'),
      to: str(values, 'to'),
    };
    precheck('rotations.export', input);
    const exported = report(open(values).table.invoke('rotations.export', input)) as { ics: string };
    process.stdout.write(exported.ics);
    return 0;
  }
  throw new UsageError(`unknown command "rotation ${sub ?? ''}" (oncall --help lists them)`);
}

function duration(text: string | undefined, flag: string): number {
  if (text === undefined) throw new UsageError(`${flag}: give how long it took, e.g. 45m, 1h30 or 1.5h`);
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new UsageError(`${flag}: ${parsed.message}`);
  return parsed.minutes;
}

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

async function toilCommand(
  sub: string | undefined,
  rest: string[],
  io: CliIo,
  open: Opener,
  report: Reporter,
): Promise<number> {
  if (sub === 'add') {
    const { values, positionals } = parse(rest, {
      category: { type: 'string' },
      service: { type: 'string' },
      at: { type: 'string' },
      automatable: { type: 'boolean' },
      effort: { type: 'string' },
    });
    const [durationText, ...words] = positionals;
    const minutes = duration(durationText, 'DURATION');
    const description = words.join(' ').trim();
    if (!description)
      throw new UsageError('the description: say what the toil was, e.g. oncall toil add 45m "alert triage payments"');
    const explicit =
      values.category !== undefined ||
      values.service !== undefined ||
      values.automatable ||
      values.effort !== undefined;
    const addInput = {
      minutes,
      description,
      category: str(values, 'category') ?? 'other',
      service: str(values, 'service'),
      day: str(values, 'at'),
      automatable: values.automatable === true ? true : undefined,
      automationEffortHours: numberFlag(str(values, 'effort')),
    };
    const quickInput = { line: `${minutes}m ${description}`, day: str(values, 'at') };
    if (explicit) precheck('toil.add', addInput);
    else precheck('toil.quickAdd', quickInput);
    const ws = open(values);
    const entry = report(
      explicit ? ws.table.invoke('toil.add', addInput) : ws.table.invoke('toil.quickAdd', quickInput),
    ) as ToilEntry;
    io.out(
      values.json
        ? JSON.stringify(entry)
        : `Logged ${formatMinutes(entry.minutes)} of ${entry.category} toil on ${entry.day}: ${entry.description}`,
    );
    return 0;
  }
  if (sub === 'start') {
    const { values, positionals } = parse(rest, { category: { type: 'string' }, service: { type: 'string' } });
    const ws = open(values);
    const timer = report(
      ws.table.invoke('toil.timer.start', {
        description: positionals.join(' '),
        category: str(values, 'category'),
        service: str(values, 'service'),
      }),
    ) as ToilTimer;
    io.out(
      values.json
        ? JSON.stringify(timer)
        : `Timer started for "${timer.description}" (${timer.category}). Stop it with: oncall toil stop`,
    );
    return 0;
  }
  if (sub === 'stop') {
    const { values } = parse(rest, {
      minutes: { type: 'string' },
      confirm: { type: 'boolean' },
      discard: { type: 'boolean' },
    });
    const minutes = values.minutes === undefined ? undefined : duration(str(values, 'minutes'), '--minutes');
    const ws = open(values);
    const stopped = report(
      ws.table.invoke('toil.timer.stop', {
        minutes,
        confirm: values.confirm === true ? true : undefined,
        discard: values.discard === true ? true : undefined,
      }),
    ) as { entry: ToilEntry | null; discarded: boolean };
    if (values.json) io.out(JSON.stringify(stopped));
    else if (stopped.entry)
      io.out(
        `Logged ${formatMinutes(stopped.entry.minutes)} of ${stopped.entry.category} toil: ${stopped.entry.description}`,
      );
    else io.out('Timer discarded; nothing was logged.');
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {
      from: { type: 'string' },
      to: { type: 'string' },
      team: { type: 'boolean' },
      limit: { type: 'string' },
    });
    const listInput = {
      from: str(values, 'from'),
      to: str(values, 'to'),
      scope: values.team ? 'team' : 'me',
      limit: numberFlag(str(values, 'limit')) ?? 200,
    };
    precheck('toil.list', listInput);
    const entries = report(open(values).table.invoke('toil.list', listInput)) as ToilEntry[];
    if (values.json) io.out(JSON.stringify(entries));
    else if (entries.length === 0) io.out('No toil logged.');
    else for (const entry of entries) io.out(entryLine(entry));
    return 0;
  }
  if (sub === 'report') {
    const { values } = parse(rest, { quarter: { type: 'string' }, team: { type: 'boolean' }, md: { type: 'boolean' } });
    if (values.md && values.json) throw new UsageError('--json and --md: choose one');
    const reportInput = { quarter: str(values, 'quarter'), scope: values.team ? 'team' : 'me' };
    precheck('toil.report', reportInput);
    const toil = report(open(values).table.invoke('toil.report', reportInput)) as ToilReport;
    if (values.json) io.out(JSON.stringify(toil));
    else io.out(toilReportMarkdown(toil).trimEnd());
    return 0;
  }
  if (sub === 'capacity') {
    const { values } = parse(rest, { hours: { type: 'string' }, week: { type: 'string' }, note: { type: 'string' } });
    const hoursText = str(values, 'hours');
    const hours = hoursText === 'normal' ? null : numberFlag(hoursText);
    if (hours === undefined)
      throw new UsageError(
        '--hours: give the hours (a normal week, or --week DATE for one week; "normal" clears a week)',
      );
    if (hours === null && values.week === undefined) throw new UsageError('--hours: "normal" goes with --week DATE');
    const capacityInput = { hours, week: str(values, 'week'), note: str(values, 'note') };
    precheck('toil.capacity.set', capacityInput);
    const saved = report(open(values).table.invoke('toil.capacity.set', capacityInput)) as {
      week: string | null;
      hours: number | null;
    };
    io.out(
      values.json
        ? JSON.stringify(saved)
        : saved.week
          ? `Week of ${saved.week}: ${saved.hours === null ? 'back to normal hours' : `${saved.hours} h of engineering time`}.`
          : `A normal week is now ${saved.hours} h of engineering time.`,
    );
    return 0;
  }
  if (sub === 'categories') {
    const { values } = parse(rest, { add: { type: 'string' } });
    if (values.add !== undefined && String(values.add).trim() === '') throw new UsageError('--add: name the category');
    const ws = open(values);
    const names = report(
      values.add === undefined
        ? ws.table.invoke('toil.categories', {})
        : ws.table.invoke('toil.categories.add', { name: str(values, 'add') }),
    ) as string[];
    io.out(values.json ? JSON.stringify(names) : names.join('\n'));
    return 0;
  }
  throw new UsageError(`unknown command "toil ${sub ?? ''}" (oncall --help lists them)`);
}

export function runFromBin(): void {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    staticDir: path.join(__dirname, 'renderer'),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`oncall: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
