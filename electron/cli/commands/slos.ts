// `oncall slo …`: SLOs (OpenSLO documents in slos/), their SLI data, and error budget status.

import type { OperationOutput } from '../../../shared/contract';
import { ratioCounter, readSlo } from '../../../shared/domain/slo/openslo';
import { pullTargetOf, type PullTarget } from '../../../shared/domain/slo/prometheus-pull';
import { readPrometheusPair, readSliCsv, SliFileError } from '../../../shared/domain/slo/sli-files';
import { prometheusUrl, type BudgetStatusOutput, type SloSummary } from '../../../shared/slo-contract';
import { pullSlo, stepText, type SloPull } from '../../import/prometheus-pull';
import { customCommand, listText, operationCommand, UsageError, type Arg, type Command, type Flag } from '../command';
import { readTextFile } from '../files';

const nameArg: Arg = { name: 'NAME', field: 'name', missing: 'give the SLO’s name', help: 'the SLO (metadata.name)' };

/** `99.9%` → 0.999; `0.999` → 0.999; `99.9` → 0.999 (above 1 is read as a percentage). NaN: the schema names the flag. */
export function shareValue(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === 'full') return 1;
  const percent = trimmed.endsWith('%');
  const value = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return Number.NaN;
  return percent || value > 1 ? Number((value / 100).toPrecision(12)) : value;
}

const pct = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;
const windowText = (slo: SloSummary): string =>
  slo.rolling ? `rolling ${slo.window}` : `calendar ${slo.window} (${slo.calendar?.timeZone ?? 'UTC'})`;
const sloLine = (slo: SloSummary): string =>
  [slo.name, slo.service, pct(slo.target, 3).replace(/\.?0+%$/, '%'), windowText(slo), slo.owner ?? '—'].join('\t');

const stateWords: Record<BudgetStatusOutput['state'], string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  exhausted: 'exhausted → freeze',
};
const burnWords: Record<BudgetStatusOutput['burn'], string> = {
  fast: 'burning fast',
  slow: 'burning slowly',
  none: 'not burning fast',
};

export function statusLine(s: BudgetStatusOutput): string {
  const left =
    s.basis === 'events' && s.remainingEvents !== null
      ? `${Math.round(s.remainingEvents).toLocaleString('en-US')} bad events`
      : `${s.remainingMinutes.toFixed(1)} min`;
  const exhausts = s.exhaustsAt ? `, exhausted by ${s.exhaustsAt.slice(0, 10)} at this burn` : '';
  return `${s.slo.service}/${s.slo.name}: ${stateWords[s.state]} — ${pct(s.remaining)} of budget left (${left}), burn ${s.burnNow.toFixed(2)} over the last day, ${burnWords[s.burn]}${exhausts}`;
}

const sloFlags: Flag[] = [
  { name: 'service', value: 'S', field: 'service', help: 'the service it is for' },
  { name: 'objective', value: '99.9%', field: 'target', help: 'the objective (below 100%)' },
  { name: 'window', value: '28d', field: 'window', help: 'the window: 28d, 4w, 1M, 1Q…' },
  {
    name: 'calendar',
    type: 'boolean',
    field: 'rolling',
    help: 'a calendar-aligned window (month, quarter) instead of rolling',
  },
  { name: 'zone', value: 'ZONE', field: 'timeZone', help: 'the calendar window’s zone (default UTC)' },
  { name: 'owner', value: 'TEAM', field: 'owner', help: 'the team that owns it' },
  { name: 'good', value: 'QUERY', field: 'good', help: 'the PromQL query counting good events' },
  { name: 'total', value: 'QUERY', field: 'total', help: 'the PromQL query counting all events' },
  { name: 'at-risk', value: '50%', field: 'atRisk', help: 'budget spent at which it is at risk' },
  { name: 'exhausted', value: '100%', field: 'exhausted', help: 'budget spent at which it is exhausted (freeze)' },
];

const saveInput = (p: Parameters<Command['run']>[1]) => ({
  name: p.positionals[0],
  service: p.str('service'),
  target: shareValue(p.str('objective')),
  window: p.str('window'),
  rolling: p.has('calendar') ? false : undefined,
  timeZone: p.str('zone'),
  owner: p.str('owner'),
  good: p.str('good'),
  total: p.str('total'),
  atRisk: shareValue(p.str('at-risk')),
  exhausted: shareValue(p.str('exhausted')),
});

export const sloCommands: readonly Command[] = [
  ...(['add', 'edit'] as const).map((word) =>
    operationCommand({
      words: ['slo', word],
      summary:
        word === 'add'
          ? 'Add an SLO (e.g. --service checkout --objective 99.9% --window 28d).'
          : 'Change an SLO (flags not given stay; fields other tools wrote are kept).',
      operation: 'slos.save',
      args: [nameArg],
      flags: sloFlags,
      input: saveInput,
      text: (slo) => `${word === 'add' ? 'Saved' : 'Changed'} SLO ${sloLine(slo)}`,
    }),
  ),
  operationCommand({
    words: ['slo', 'list'],
    summary: 'SLOs: name, service, objective, window, owner.',
    operation: 'slos.list',
    input: () => ({}),
    text: (slos) =>
      listText(slos, 'No SLOs yet (oncall slo add NAME --service S --objective 99.9% --window 28d).', sloLine),
  }),
  operationCommand({
    words: ['slo', 'show'],
    summary: 'One SLO as its OpenSLO document.',
    operation: 'slos.get',
    args: [nameArg],
    input: (p) => ({ name: p.positionals[0] }),
    text: (out: OperationOutput<'slos.get'>) => out.document.replace(/\n$/, ''),
  }),
  ...(['rm', 'remove'] as const).map((word) =>
    operationCommand({
      words: ['slo', word],
      summary: word === 'rm' ? 'Remove an SLO.' : 'The same as rm.',
      operation: 'slos.remove',
      args: [nameArg],
      input: (p) => ({ name: p.positionals[0] }),
      text: (out) => `Removed SLO ${out.name}.`,
    }),
  ),
  operationCommand({
    words: ['slo', 'import'],
    summary: 'Import an OpenSLO v1 SLO document (fields this app does not use are kept).',
    operation: 'slos.import',
    args: [{ name: 'FILE', field: 'document', missing: 'give one OpenSLO YAML file', help: 'the .yaml file' }],
    input: (p) => ({ document: readTextFile(p.positionals[0], 'FILE', 256 * 1024), fileName: p.positionals[0] }),
    text: (out) => `${out.created ? 'Imported' : 'Updated'} SLO ${sloLine(out.slo)}`,
  }),
  customCommand({
    words: ['slo', 'data', 'import'],
    summary: 'Import SLI data: Prometheus query_range JSON (--good and --total) or CSV time,good,total (--csv).',
    operations: ['slos.importData'],
    args: [nameArg],
    flags: [
      { name: 'good', value: 'FILE.json', field: null, help: 'query_range response of the good query' },
      { name: 'total', value: 'FILE.json', field: null, help: 'query_range response of the total query' },
      { name: 'csv', value: 'FILE.csv', field: null, help: 'CSV with the header time,good,total' },
    ],
    exclusive: [
      ['csv', 'good'],
      ['csv', 'total'],
    ],
    run(ctx, p) {
      const csv = p.str('csv');
      const good = p.str('good');
      const total = p.str('total');
      if (csv === undefined && (good === undefined || total === undefined))
        throw new UsageError('give --csv FILE, or both --good FILE and --total FILE');
      let days;
      try {
        days =
          csv !== undefined
            ? readSliCsv(readTextFile(csv, '--csv', 64 * 1024 * 1024))
            : readPrometheusPair(
                readTextFile(good, '--good', 64 * 1024 * 1024),
                readTextFile(total, '--total', 64 * 1024 * 1024),
              );
      } catch (error) {
        if (error instanceof SliFileError) {
          const file = error.field === 'csv' ? csv : error.field === 'good' ? good : total;
          throw new UsageError(`--${error.field} ${file ?? ''}: ${error.message.replace(/^(good|total): /, '')}`);
        }
        throw error;
      }
      const out = ctx.invoke('slos.importData', ctx.check('slos.importData', { name: p.positionals[0], days }));
      ctx.print(
        out,
        () => `Stored ${out.days} days of totals for ${out.name} (${out.from} to ${out.to}; ${out.changed} changed).`,
      );
      return 0;
    },
  }),
  customCommand({
    words: ['slo', 'pull'],
    summary:
      'Pull SLI data from a live Prometheus: each SLO’s good/total counter queries over its window (or --since), stored as daily totals.',
    operations: ['slos.list', 'slos.get', 'slos.importData'],
    args: [
      {
        name: 'SLO',
        field: 'name',
        optional: true,
        many: true,
        help: 'SLOs to pull (default: every SLO with queries)',
      },
    ],
    flags: [
      { name: 'prometheus', value: 'URL', field: null, help: 'the Prometheus server, e.g. http://localhost:9090' },
      {
        name: 'since',
        value: 'DATE',
        field: null,
        help: 'the first day to pull (default: the start of each SLO’s window)',
      },
      { name: 'timeout', value: 'SECONDS', field: null, help: 'each request’s deadline (default 30)' },
    ],
    async run(ctx, p) {
      const given = p.str('prometheus');
      if (given === undefined)
        throw new UsageError(
          '--prometheus: give the Prometheus server’s URL, e.g. --prometheus http://localhost:9090 (the SLOs do not say where their data is)',
        );
      const checked = prometheusUrl.safeParse(given);
      if (!checked.success) throw new UsageError(`--prometheus: ${checked.error.issues[0]?.message ?? 'not a URL'}`);
      const server = new URL(checked.data);
      const sinceText = p.str('since');
      let since: number | undefined;
      if (sinceText !== undefined) {
        since = /^\d{4}-\d{2}-\d{2}$/.test(sinceText) ? Date.parse(`${sinceText}T00:00:00Z`) : Number.NaN;
        if (!Number.isFinite(since)) throw new UsageError(`--since: "${sinceText}" is not a date (YYYY-MM-DD)`);
      }
      const timeoutText = p.str('timeout');
      const timeoutS = timeoutText === undefined ? 30 : Number(timeoutText);
      if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 3600)
        throw new UsageError(`--timeout: "${timeoutText ?? ''}" is not a number of seconds (above 0, at most 3600)`);
      for (const name of p.positionals) ctx.check('slos.get', { name });

      const now = ctx.workstation().ctx.now();
      if (since !== undefined && since >= now)
        throw new UsageError(`--since: ${sinceText ?? ''} is not before now (${new Date(now).toISOString()})`);
      const named = p.positionals.length > 0;
      const names = named ? [...new Set(p.positionals)] : ctx.invoke('slos.list', {}).map((slo) => slo.name);
      const targets: PullTarget[] = [];
      for (const name of names) {
        const { document } = ctx.invoke('slos.get', { name });
        const read = readSlo(document);
        if ('problems' in read) throw new Error(`SLO ${name}: its stored document cannot be read`);
        const planned = pullTargetOf(read.slo, ratioCounter(document), now, since);
        if ('target' in planned) targets.push(planned.target);
        else if (named) throw new UsageError(`SLO: ${planned.problem}`);
        else ctx.io.err(`Skipped: ${planned.problem}.`);
      }
      if (targets.length === 0)
        throw new UsageError(
          names.length === 0
            ? 'SLO: there are no SLOs yet (oncall slo add NAME … --good QUERY --total QUERY)'
            : 'SLO: no SLO has Prometheus good and total queries to pull',
        );

      // Every SLO is pulled before anything is stored: a failure leaves the store as it was.
      const pulls: SloPull[] = [];
      for (const target of targets)
        pulls.push(
          await pullSlo(target, { server, now, timeoutMs: timeoutS * 1000, progress: (line) => ctx.io.err(line) }),
        );
      const inputs = pulls.map((pull) => ctx.check('slos.importData', { name: pull.name, days: pull.days }));
      const stored = inputs.map((input) => ctx.invoke('slos.importData', input));
      const summary = {
        prometheus: server.href,
        slos: pulls.map((pull, i) => ({
          name: pull.name,
          from: stored[i]?.from ?? '',
          to: stored[i]?.to ?? '',
          days: pull.days.length,
          changed: stored[i]?.changed ?? 0,
          step: stepText(pull.plan.step),
          requests: pull.requests,
          good: pull.days.reduce((sum, d) => sum + d.good, 0),
          total: pull.days.reduce((sum, d) => sum + d.total, 0),
        })),
      };
      ctx.print(summary, () =>
        summary.slos.map(
          (s) =>
            `Pulled ${s.name} from ${summary.prometheus}: ${s.days} days (${s.from} to ${s.to}; ${s.changed} changed), ${s.good.toLocaleString('en-US')} good of ${s.total.toLocaleString('en-US')} events; step ${s.step}, ${s.requests} requests.`,
        ),
      );
      return 0;
    },
  }),
  operationCommand({
    words: ['slo', 'status'],
    summary: 'Error budget status: remaining, burn, alerts (fast/slow burn), projected exhaustion, state.',
    operation: 'slos.status',
    args: [{ ...nameArg, optional: true, missing: undefined, help: 'one SLO (default: all)' }],
    flags: [{ name: 'at', value: 'ISO', field: 'at', help: 'the moment (default: now)' }],
    input: (p) => ({ name: p.positionals[0], at: p.str('at') }),
    text: (statuses) =>
      listText(statuses, 'No SLOs yet (oncall slo add NAME --service S --objective 99.9% --window 28d).', statusLine),
  }),
];
