// An SLO as an OpenSLO v1 document (`apiVersion: openslo/v1`, `kind: SLO`), read and written with
// the `yaml` package's Document API so that everything this app does not model — labels,
// alertPolicies, extra objectives, a data source's own fields, comments — stays as it was:
// `writeSlo(slo, original)` changes only the fields the app owns in the original document.
// The format: https://github.com/OpenSLO/OpenSLO (README, "SLO", "Objectives", "Ratio Metric").
// What OpenSLO has no field for (the owning team, the budget policy, the last edit) lives in
// `metadata.annotations` under `oncall.workstation/`, as the spec asks implementations to do.

import YAML from 'yaml';
import { parseShorthand, formatShorthand, type Shorthand } from './duration';

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
export const budgetingMethods: readonly BudgetingMethod[] = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

export interface SloWindow {
  duration: Shorthand;
  rolling: boolean;
  /** Calendar-aligned windows only: where the calendar starts and the zone it is read in. */
  calendar: { startTime: string; timeZone: string } | null;
}

export type SloIndicator =
  | { kind: 'ratio'; sourceType: string | null; good: string; total: string }
  | { kind: 'threshold'; sourceType: string | null; query: string }
  | { kind: 'ref'; name: string };

/** The team's budget policy: consumed shares (0–1) at which the SLO is at risk and exhausted (→ freeze). */
export interface BudgetPolicy {
  atRisk: number;
  exhausted: number;
}
export const defaultPolicy: BudgetPolicy = { atRisk: 0.5, exhausted: 1 };

export interface Slo {
  name: string;
  displayName: string | null;
  service: string;
  description: string | null;
  /** The first objective's target as a fraction (0.999 for 99.9%). */
  target: number;
  window: SloWindow;
  budgetingMethod: BudgetingMethod;
  indicator: SloIndicator | null;
  owner: string | null;
  policy: BudgetPolicy;
  updatedAt: string | null;
  /** A removed SLO stays as a tombstone, so the removal reaches every device. */
  deletedAt: string | null;
}

/** A problem with a document: the field it is about (a dotted OpenSLO path) and what is wrong. */
export interface SloProblem {
  field: string;
  line: number;
  message: string;
}

const annotation = {
  owner: 'oncall.workstation/owner',
  atRisk: 'oncall.workstation/at-risk',
  exhausted: 'oncall.workstation/exhausted',
  updatedAt: 'oncall.workstation/updated-at',
  deletedAt: 'oncall.workstation/deleted-at',
} as const;

const namePattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks an SLO's own fields; each problem names the OpenSLO field it is about. */
export function validateSlo(slo: Slo): SloProblem[] {
  const problems: SloProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ field, line: 0, message });
  };
  if (!namePattern.test(slo.name))
    add(
      'metadata.name',
      'must be up to 63 lowercase letters, digits or “-”, starting and ending with a letter or digit',
    );
  if (!slo.service.trim()) add('spec.service', 'must name the service');
  else if (slo.service.length > 80) add('spec.service', 'must be at most 80 characters');
  if (!Number.isFinite(slo.target)) add('spec.objectives[0].target', 'must be a number');
  else if (slo.target >= 1)
    add('spec.objectives[0].target', 'must be below 100% (a 100% objective leaves no error budget)');
  else if (slo.target <= 0) add('spec.objectives[0].target', 'must be above 0%');
  if (slo.window.duration.count <= 0) add('spec.timeWindow[0].duration', 'is a window of zero');
  if (slo.window.rolling && slo.window.calendar)
    add('spec.timeWindow[0].isRolling', 'a rolling window has no calendar');
  if (!slo.window.rolling && !slo.window.calendar)
    add('spec.timeWindow[0].calendar', 'a calendar-aligned window needs calendar.startTime and calendar.timeZone');
  if (slo.description !== null && slo.description.length > 1050)
    add('spec.description', 'must be at most 1050 characters');
  const { atRisk, exhausted } = slo.policy;
  if (!(atRisk > 0 && atRisk <= 1))
    add(`metadata.annotations.${annotation.atRisk}`, 'must be a share above 0 and at most 1');
  if (!(exhausted > 0 && exhausted <= 1.5))
    add(`metadata.annotations.${annotation.exhausted}`, 'must be a share above 0 and at most 1.5');
  else if (exhausted < atRisk)
    add(`metadata.annotations.${annotation.exhausted}`, 'must not be below the at-risk share');
  if (slo.indicator?.kind === 'ratio') {
    if (!slo.indicator.good.trim()) add('spec.indicator.spec.ratioMetric.good', 'needs a query');
    if (!slo.indicator.total.trim()) add('spec.indicator.spec.ratioMetric.total', 'needs a query');
  }
  return problems;
}

function lineOf(document: YAML.Document, lines: YAML.LineCounter, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (YAML.isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 0;
}

function readQuery(source: unknown): { sourceType: string | null; query: string } | null {
  if (!isMap(source) || !isMap(source.metricSource)) return null;
  const metricSource = source.metricSource;
  const spec = isMap(metricSource.spec) ? metricSource.spec : {};
  const query = typeof spec.query === 'string' ? spec.query : typeof spec.query === 'number' ? String(spec.query) : '';
  return { sourceType: typeof metricSource.type === 'string' ? metricSource.type : null, query };
}

function readIndicator(spec: Record<string, unknown>): SloIndicator | null {
  if (typeof spec.indicatorRef === 'string') return { kind: 'ref', name: spec.indicatorRef };
  const indicator = isMap(spec.indicator) ? spec.indicator : null;
  const sliSpec = indicator && isMap(indicator.spec) ? indicator.spec : null;
  if (!sliSpec) return null;
  if (isMap(sliSpec.ratioMetric)) {
    const good = readQuery(sliSpec.ratioMetric.good);
    const total = readQuery(sliSpec.ratioMetric.total);
    if (good && total)
      return { kind: 'ratio', sourceType: good.sourceType ?? total.sourceType, good: good.query, total: total.query };
    return null;
  }
  const threshold = readQuery(sliSpec.thresholdMetric);
  return threshold ? { kind: 'threshold', ...threshold } : null;
}

/**
 * Reads one OpenSLO `kind: SLO` document. Fields the app does not model are left alone (they stay
 * in the text and `writeSlo` keeps them); what the app needs must be there and sound, or each
 * problem is named by its field and line.
 */
export function readSlo(text: string): { slo: Slo } | { problems: SloProblem[] } {
  const lines = new YAML.LineCounter();
  const document = YAML.parseDocument(text, { schema: 'core', uniqueKeys: true, lineCounter: lines });
  const broken = document.errors[0];
  if (broken)
    return {
      problems: [
        { field: '', line: broken.linePos?.[0].line ?? 0, message: `not valid YAML: ${broken.message.split('\n')[0]}` },
      ],
    };
  let doc: unknown;
  try {
    doc = document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return { problems: [{ field: '', line: 0, message: `not valid YAML: ${(error as Error).message}` }] };
  }
  const problems: SloProblem[] = [];
  const at = (path: (string | number)[], message: string): void => {
    problems.push({
      field: path.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
      line: lineOf(document, lines, path),
      message,
    });
  };
  if (!isMap(doc)) return { problems: [{ field: '', line: 1, message: 'must be an OpenSLO document (a map)' }] };
  if (doc.apiVersion !== 'openslo/v1')
    at(['apiVersion'], `must be openslo/v1 (found ${JSON.stringify(doc.apiVersion ?? null)})`);
  if (doc.kind !== 'SLO') at(['kind'], `must be SLO (found ${JSON.stringify(doc.kind ?? null)})`);
  const metadata = isMap(doc.metadata) ? doc.metadata : {};
  const spec = isMap(doc.spec) ? doc.spec : {};
  if (!isMap(doc.spec)) at(['spec'], 'is missing');
  const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!name) at(['metadata', 'name'], 'is missing');

  const service = typeof spec.service === 'string' ? spec.service : '';
  if (!service) at(['spec', 'service'], 'must name the service this SLO is for');

  const method = spec.budgetingMethod;
  let budgetingMethod: BudgetingMethod = 'Occurrences';
  if (typeof method === 'string' && (budgetingMethods as readonly string[]).includes(method))
    budgetingMethod = method as BudgetingMethod;
  else at(['spec', 'budgetingMethod'], `must be one of ${budgetingMethods.join(', ')}`);

  let target = Number.NaN;
  const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
  const first: unknown = objectives[0];
  if (!isMap(first)) at(['spec', 'objectives'], 'needs at least one objective with a target');
  else if (typeof first.target === 'number') target = first.target;
  else if (typeof first.targetPercent === 'number') target = Number((first.targetPercent / 100).toPrecision(12));
  else at(['spec', 'objectives', 0, 'target'], 'needs target (0–1) or targetPercent (0–100)');
  const targetField =
    isMap(first) && first.target === undefined && first.targetPercent !== undefined ? 'targetPercent' : 'target';

  let window: SloWindow = { duration: { count: 28, unit: 'd' }, rolling: true, calendar: null };
  const windows = Array.isArray(spec.timeWindow) ? spec.timeWindow : [];
  const tw: unknown = windows[0];
  if (windows.length !== 1 || !isMap(tw)) at(['spec', 'timeWindow'], 'must hold exactly one window');
  else {
    const duration = parseShorthand(typeof tw.duration === 'string' ? tw.duration : String(tw.duration ?? ''));
    if ('error' in duration) at(['spec', 'timeWindow', 0, 'duration'], duration.error);
    else {
      const calendar = isMap(tw.calendar) ? tw.calendar : null;
      const rolling = typeof tw.isRolling === 'boolean' ? tw.isRolling : !calendar;
      window = {
        duration,
        rolling,
        calendar: calendar
          ? {
              startTime: String(calendar.startTime ?? ''),
              timeZone: typeof calendar.timeZone === 'string' ? calendar.timeZone : 'UTC',
            }
          : null,
      };
    }
  }
  const number = (key: string, fallback: number): number => {
    const value = annotations[key];
    if (value === undefined) return fallback;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : Number.NaN;
  };
  const slo: Slo = {
    name,
    displayName: typeof metadata.displayName === 'string' ? metadata.displayName : null,
    service,
    description: typeof spec.description === 'string' ? spec.description : null,
    target,
    window,
    budgetingMethod,
    indicator: readIndicator(spec),
    owner: typeof annotations[annotation.owner] === 'string' ? (annotations[annotation.owner] as string) : null,
    policy: {
      atRisk: number(annotation.atRisk, defaultPolicy.atRisk),
      exhausted: number(annotation.exhausted, defaultPolicy.exhausted),
    },
    updatedAt:
      typeof annotations[annotation.updatedAt] === 'string' ? (annotations[annotation.updatedAt] as string) : null,
    deletedAt:
      typeof annotations[annotation.deletedAt] === 'string' ? (annotations[annotation.deletedAt] as string) : null,
  };
  if (problems.length === 0)
    for (const problem of validateSlo(slo)) {
      const path = problem.field
        .replace('objectives[0].target', `objectives.0.${targetField}`)
        .replace(/\[(\d+)\]/g, '.$1')
        .split(/\.(?!workstation\/)/)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      problems.push({ ...problem, line: lineOf(document, lines, path) });
    }
  return problems.length > 0 ? { problems } : { slo };
}

/** A problem as one line: `spec.objectives[0].target (line 12): must be below 100%…`. */
export function describeSloProblem(problem: SloProblem): string {
  const where = problem.line > 0 ? ` (line ${problem.line})` : '';
  return problem.field ? `${problem.field}${where}: ${problem.message}` : `line ${problem.line}: ${problem.message}`;
}

function ratioSource(sourceType: string | null, query: string): Record<string, unknown> {
  return { metricSource: { ...(sourceType ? { type: sourceType } : {}), spec: { query } } };
}

/** Sets `path` to `value` in place (keeping the node's comments), or removes it when value is null. */
function put(document: YAML.Document, path: (string | number)[], value: unknown): void {
  if (value === null || value === undefined) {
    if (document.hasIn(path)) document.deleteIn(path);
    return;
  }
  const node = document.getIn(path, true);
  if (YAML.isScalar(node) && typeof value !== 'object') node.value = value;
  else document.setIn(path, typeof value === 'object' ? document.createNode(value) : value);
}

/**
 * The SLO as OpenSLO YAML. With `original` (the text it was read from), only the fields the app
 * owns are changed there: unknown fields, other objectives, comments and key order stay.
 */
export function writeSlo(slo: Slo, original?: string): string {
  const document = original
    ? YAML.parseDocument(original, { schema: 'core' })
    : new YAML.Document({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: slo.name }, spec: {} });
  put(document, ['apiVersion'], 'openslo/v1');
  put(document, ['kind'], 'SLO');
  put(document, ['metadata', 'name'], slo.name);
  put(document, ['metadata', 'displayName'], slo.displayName);
  put(document, ['metadata', 'annotations', annotation.owner], slo.owner);
  const policyValue = (value: number, fallback: number): string | null => (value === fallback ? null : String(value));
  put(document, ['metadata', 'annotations', annotation.atRisk], policyValue(slo.policy.atRisk, defaultPolicy.atRisk));
  put(
    document,
    ['metadata', 'annotations', annotation.exhausted],
    policyValue(slo.policy.exhausted, defaultPolicy.exhausted),
  );
  put(document, ['metadata', 'annotations', annotation.updatedAt], slo.updatedAt);
  put(document, ['metadata', 'annotations', annotation.deletedAt], slo.deletedAt);
  const annotations = document.getIn(['metadata', 'annotations']);
  if (YAML.isMap(annotations) && annotations.items.length === 0) document.deleteIn(['metadata', 'annotations']);
  put(document, ['spec', 'description'], slo.description);
  put(document, ['spec', 'service'], slo.service);
  if (slo.indicator?.kind === 'ratio') {
    if (!document.hasIn(['spec', 'indicator', 'metadata', 'name']) && !document.hasIn(['spec', 'indicatorRef']))
      put(document, ['spec', 'indicator', 'metadata', 'name'], `${slo.name}-sli`);
    for (const side of ['good', 'total'] as const) {
      const base = ['spec', 'indicator', 'spec', 'ratioMetric', side, 'metricSource'];
      if (!document.hasIn(base))
        put(document, base.slice(0, -1), ratioSource(slo.indicator.sourceType, slo.indicator[side]));
      else put(document, [...base, 'spec', 'query'], slo.indicator[side]);
    }
  } else if (slo.indicator?.kind === 'threshold') {
    put(
      document,
      ['spec', 'indicator', 'spec', 'thresholdMetric', 'metricSource', 'spec', 'query'],
      slo.indicator.query,
    );
  } else if (slo.indicator?.kind === 'ref') {
    put(document, ['spec', 'indicatorRef'], slo.indicator.name);
  }
  const windowPath = ['spec', 'timeWindow', 0];
  if (!document.hasIn(windowPath)) put(document, ['spec', 'timeWindow'], [{}]);
  put(document, [...windowPath, 'duration'], formatShorthand(slo.window.duration));
  put(document, [...windowPath, 'isRolling'], slo.window.rolling);
  if (slo.window.calendar) {
    put(document, [...windowPath, 'calendar', 'startTime'], slo.window.calendar.startTime);
    put(document, [...windowPath, 'calendar', 'timeZone'], slo.window.calendar.timeZone);
  } else put(document, [...windowPath, 'calendar'], null);
  put(document, ['spec', 'budgetingMethod'], slo.budgetingMethod);
  const objective = ['spec', 'objectives', 0];
  if (!document.hasIn(objective)) put(document, ['spec', 'objectives'], [{}]);
  if (document.hasIn([...objective, 'targetPercent']) && !document.hasIn([...objective, 'target']))
    put(document, [...objective, 'targetPercent'], Math.round(slo.target * 100 * 1e9) / 1e9);
  else put(document, [...objective, 'target'], slo.target);
  if (slo.budgetingMethod !== 'Occurrences' && !document.hasIn([...objective, 'timeSliceWindow']))
    put(document, [...objective, 'timeSliceWindow'], '1m');
  return document.toString({ lineWidth: 0 });
}

/** A target as people say it: 0.999 → “99.9%”. */
export function formatTarget(target: number): string {
  return `${Math.round(target * 100 * 1e6) / 1e6}%`;
}

/**
 * A ratio metric's `counter` (OpenSLO: true when the queries are monotonically increasing counters,
 * false for a number that can go up and down); null when the document does not say.
 */
export function ratioCounter(text: string): boolean | null {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { schema: 'core', maxAliasCount: 0 });
  } catch {
    return null;
  }
  const path = ['spec', 'indicator', 'spec', 'ratioMetric', 'counter'];
  let at: unknown = doc;
  for (const key of path) at = isMap(at) ? at[key] : undefined;
  return typeof at === 'boolean' ? at : null;
}
