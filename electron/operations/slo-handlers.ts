// SLOs and their SLI totals: create/edit (the OpenSLO text keeps what the app does not model),
// import a document written elsewhere, remove (a tombstone), store daily totals, and the budget
// status of every SLO. Bad input is refused by field and nothing is stored.

import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import { parseShorthand } from '../../shared/domain/slo/duration';
import {
  defaultPolicy,
  describeSloProblem,
  readSlo,
  validateSlo,
  writeSlo,
  type Slo,
  type SloProblem,
} from '../../shared/domain/slo/openslo';
import { sloOperations } from '../../shared/slo-contract';
import { getSloRow, listSloRows, putSliDays, saveSloRow, sloOf } from '../store/slos';
import type { OperationContext } from './context';
import { notFound, OperationFailure } from './errors';
import { sloStatuses, sloSummaryOf } from './slo-status';
import { writes } from './writes';

type SloName = keyof typeof sloOperations & OperationName;
type SloHandlers = { [N in SloName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

/** The contract's field a problem with an OpenSLO field is about (for the CLI's flags and the form's labels). */
const inputFieldOf: Record<string, string> = {
  'metadata.name': 'name',
  'spec.service': 'service',
  'spec.objectives[0].target': 'target',
  'spec.timeWindow[0].duration': 'window',
  'spec.timeWindow[0].calendar': 'calendarStart',
  'spec.description': 'description',
  'spec.indicator.spec.ratioMetric.good': 'good',
  'spec.indicator.spec.ratioMetric.total': 'total',
};

function refuse(problems: SloProblem[], field?: string): never {
  const first = problems[0];
  const mapped = first ? (inputFieldOf[first.field] ?? field) : field;
  throw new OperationFailure(
    'invalid_input',
    problems
      .map((p) => (mapped && mapped !== 'document' ? `${mapped}: ${p.message}` : describeSloProblem(p)))
      .join('; '),
    mapped,
  );
}

function liveSlo(ctx: OperationContext, name: string) {
  const row = getSloRow(ctx.db, name);
  if (!row || row.deleted_at !== null) throw notFound('SLO', name, 'name');
  return row;
}

function store(ctx: OperationContext, slo: Slo, original: string | undefined, deletedAt: number | null = null) {
  const now = ctx.now();
  const stamped: Slo = {
    ...slo,
    updatedAt: new Date(now).toISOString(),
    deletedAt: deletedAt === null ? null : new Date(deletedAt).toISOString(),
  };
  const document = writeSlo(stamped, original);
  saveSloRow(
    ctx.db,
    { name: slo.name, service: slo.service, document, spec: stamped },
    { updatedAt: now, deletedAt },
    ctx.deviceId,
  );
  const row = getSloRow(ctx.db, slo.name);
  if (!row) throw new Error(`the SLO ${slo.name} was not stored`);
  return row;
}

export const sloHandlers: SloHandlers = {
  'slos.list': (ctx) => listSloRows(ctx.db).map(sloSummaryOf),

  'slos.get': (ctx, input) => {
    const row = liveSlo(ctx, input.name);
    return { slo: sloSummaryOf(row), document: row.document };
  },

  'slos.save': writes((ctx, input) => {
    const existing = getSloRow(ctx.db, input.name);
    const live = existing && existing.deleted_at === null ? existing : undefined;
    if (!live) {
      if (input.service === undefined)
        throw new OperationFailure('invalid_input', 'service: a new SLO must name its service', 'service');
      if (input.target === undefined)
        throw new OperationFailure('invalid_input', 'target: a new SLO needs an objective, e.g. 99.9%', 'target');
      if (input.window === undefined)
        throw new OperationFailure('invalid_input', 'window: a new SLO needs a window, e.g. 28d or 1M', 'window');
    }
    const base: Slo = live
      ? sloOf(live)
      : {
          name: input.name,
          displayName: null,
          service: '',
          description: null,
          target: 0,
          window: { duration: { count: 28, unit: 'd' }, rolling: true, calendar: null },
          budgetingMethod: 'Occurrences',
          indicator: null,
          owner: null,
          policy: defaultPolicy,
          updatedAt: null,
          deletedAt: null,
        };
    let window = base.window;
    if (input.window !== undefined) {
      const duration = parseShorthand(input.window);
      if ('error' in duration) throw new OperationFailure('invalid_input', `window: ${duration.error}`, 'window');
      window = { ...window, duration };
    }
    const calendarWanted =
      input.rolling === false || input.calendarStart !== undefined || (input.rolling === undefined && !window.rolling);
    window = calendarWanted
      ? {
          ...window,
          rolling: false,
          calendar: {
            startTime: input.calendarStart ?? window.calendar?.startTime ?? '2020-01-01 00:00:00',
            timeZone: input.timeZone ?? window.calendar?.timeZone ?? 'UTC',
          },
        }
      : { ...window, rolling: true, calendar: null };
    const good = input.good ?? (base.indicator?.kind === 'ratio' ? base.indicator.good : undefined);
    const total = input.total ?? (base.indicator?.kind === 'ratio' ? base.indicator.total : undefined);
    if ((good === undefined) !== (total === undefined))
      throw new OperationFailure(
        'invalid_input',
        `${good === undefined ? 'good' : 'total'}: a ratio SLI needs both the good and the total query`,
        good === undefined ? 'good' : 'total',
      );
    const slo: Slo = {
      ...base,
      service: input.service ?? base.service,
      displayName: input.displayName === undefined ? base.displayName : input.displayName,
      description: input.description === undefined ? base.description : input.description,
      owner: input.owner === undefined ? base.owner : input.owner,
      target: input.target ?? base.target,
      window,
      budgetingMethod: input.budgetingMethod ?? base.budgetingMethod,
      indicator:
        good !== undefined && total !== undefined
          ? {
              kind: 'ratio',
              sourceType: base.indicator?.kind === 'ratio' ? base.indicator.sourceType : 'Prometheus',
              good,
              total,
            }
          : base.indicator,
      policy: { atRisk: input.atRisk ?? base.policy.atRisk, exhausted: input.exhausted ?? base.policy.exhausted },
    };
    const problems = validateSlo(slo);
    if (problems.length > 0) refuse(problems);
    return sloSummaryOf(store(ctx, slo, live?.document));
  }),

  'slos.import': writes((ctx, input) => {
    const read = readSlo(input.document);
    if ('problems' in read) {
      const where = input.fileName ? `${input.fileName}: ` : '';
      throw new OperationFailure(
        'invalid_input',
        `document: ${where}${read.problems.map(describeSloProblem).join('; ')}`,
        'document',
      );
    }
    const existing = getSloRow(ctx.db, read.slo.name);
    const created = !existing || existing.deleted_at !== null;
    // The imported text is kept as it is; only the app's own annotations (edit time) are added.
    return { slo: sloSummaryOf(store(ctx, { ...read.slo, deletedAt: null }, input.document)), created };
  }),

  'slos.remove': writes((ctx, input) => {
    const row = liveSlo(ctx, input.name);
    store(ctx, sloOf(row), row.document, ctx.now());
    return { name: row.name };
  }),

  'slos.importData': writes((ctx, input) => {
    liveSlo(ctx, input.name);
    const days = [...input.days].sort((a, b) => (a.day < b.day ? -1 : 1));
    const seen = new Set<string>();
    for (const d of days) {
      if (seen.has(d.day)) throw new OperationFailure('invalid_input', `days: ${d.day} appears twice`, 'days');
      seen.add(d.day);
    }
    const now = ctx.now();
    const changed = putSliDays(
      ctx.db,
      input.name,
      days.map((d) => ({ ...d, updatedAt: now })),
      ctx.deviceId,
    );
    return { name: input.name, days: days.length, changed, from: days[0]?.day ?? '', to: days.at(-1)?.day ?? '' };
  }),

  'slos.status': (ctx, input) => {
    const at = input.at ? Date.parse(input.at) : ctx.now();
    const rows = input.name ? [liveSlo(ctx, input.name)] : listSloRows(ctx.db);
    return sloStatuses(ctx.db, rows, at);
  },
};
