// SLI data files read into daily good/total totals (UTC days), all or nothing:
// - Prometheus `query_range` responses, one for the good and one for the total query — the HTTP
//   API's JSON envelope `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},
//   "values":[[<unix_time>,"<sample_value>"],…]}]}}` (https://prometheus.io/docs/prometheus/latest/
//   querying/api/, "Range queries" and "Range vectors"). Several series in a result are summed.
// - CSV with the header `time,good,total` (time as ISO 8601 or Unix seconds).
// Each sample is the events of the step that ends at its time (queries such as
// `sum(increase(http_requests_total[5m]))` with a 5m step); it counts in the UTC day holding the
// step's end minus one millisecond, so a sample at midnight closes the day before.

export interface DayTotals {
  day: string;
  good: number;
  total: number;
}

export class SliFileError extends Error {
  constructor(
    /** The file or field it is about: `good`, `total`, `csv`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const dayOf = (ms: number): string => new Date(ms - 1).toISOString().slice(0, 10);

function toDays(samples: Map<number, { good: number; total: number }>): DayTotals[] {
  const days = new Map<string, DayTotals>();
  for (const [t, s] of [...samples].sort((a, b) => a[0] - b[0])) {
    const day = dayOf(t);
    const d = days.get(day) ?? { day, good: 0, total: 0 };
    d.good += s.good;
    d.total += s.total;
    days.set(day, d);
  }
  return [...days.values()];
}

/** One query_range response's samples, summed over its series: time (ms) → value. */
export function readQueryRange(field: 'good' | 'total', text: string): Map<number, number> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SliFileError(field, `${field}: not JSON (${(error as Error).message})`);
  }
  const envelope = json as { status?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (envelope.status !== 'success')
    throw new SliFileError(
      field,
      `${field}: the response is not a success (${String(envelope.error ?? envelope.status)})`,
    );
  if (envelope.data?.resultType !== 'matrix')
    throw new SliFileError(
      field,
      `${field}: resultType must be "matrix" (a query_range response), found ${JSON.stringify(envelope.data?.resultType)}`,
    );
  const result = envelope.data.result;
  if (!Array.isArray(result)) throw new SliFileError(field, `${field}: data.result must be a list of series`);
  if (result.length === 0) throw new SliFileError(field, `${field}: the query returned no series`);
  const out = new Map<number, number>();
  for (const [i, series] of result.entries()) {
    const values = (series as { values?: unknown }).values;
    if (!Array.isArray(values)) throw new SliFileError(field, `${field}: data.result[${i}].values must be a list`);
    for (const [j, pair] of values.entries()) {
      const where = `${field}: data.result[${i}].values[${j}]`;
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number')
        throw new SliFileError(field, `${where} must be [<unix_time>, "<value>"]`);
      const value = Number(pair[1]);
      if (typeof pair[1] !== 'string' || !Number.isFinite(value))
        throw new SliFileError(
          field,
          `${where} is ${JSON.stringify(pair[1])}, not a number (NaN and infinities are refused)`,
        );
      if (value < 0) throw new SliFileError(field, `${where} is negative`);
      const t = Math.round(pair[0] * 1000);
      out.set(t, (out.get(t) ?? 0) + value);
    }
  }
  return out;
}

/** Good and total responses of the same range and step, as daily totals. */
export function readPrometheusPair(goodText: string, totalText: string): DayTotals[] {
  const good = readQueryRange('good', goodText);
  const total = readQueryRange('total', totalText);
  const samples = new Map<number, { good: number; total: number }>();
  for (const [t, g] of good) {
    const all = total.get(t);
    if (all === undefined)
      throw new SliFileError(
        'total',
        `total: no sample at ${new Date(t).toISOString()}, where good has one (the two series do not match; use the same start, end and step)`,
      );
    if (g > all) throw new SliFileError('good', `good: ${g} is more than total ${all} at ${new Date(t).toISOString()}`);
    samples.set(t, { good: g, total: all });
  }
  for (const t of total.keys())
    if (!good.has(t))
      throw new SliFileError(
        'good',
        `good: no sample at ${new Date(t).toISOString()}, where total has one (the two series do not match; use the same start, end and step)`,
      );
  return toDays(samples);
}

/** CSV `time,good,total` as daily totals; a bad line is named by its number and column. */
export function readSliCsv(text: string): DayTotals[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').trim().toLowerCase().replace(/\s/g, '');
  if (header !== 'time,good,total')
    throw new SliFileError('csv', `line 1: the header must be time,good,total (found “${lines[0] ?? ''}”)`);
  const samples = new Map<number, { good: number; total: number }>();
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    const at = `line ${i + 1}`;
    if (cells.length !== 3)
      throw new SliFileError('csv', `${at}: needs 3 columns (time,good,total), found ${cells.length}`);
    const [time = '', goodText = '', totalText = ''] = cells;
    const t = /^\d+(\.\d+)?$/.test(time) ? Math.round(Number(time) * 1000) : Date.parse(time);
    if (!Number.isFinite(t))
      throw new SliFileError('csv', `${at}: time “${time}” is not an ISO 8601 instant or Unix seconds`);
    const good = goodText === '' ? Number.NaN : Number(goodText);
    const total = totalText === '' ? Number.NaN : Number(totalText);
    if (!Number.isFinite(good) || good < 0) throw new SliFileError('csv', `${at}: good “${goodText}” is not a count`);
    if (!Number.isFinite(total) || total < 0)
      throw new SliFileError('csv', `${at}: total “${totalText}” is not a count`);
    if (good > total) throw new SliFileError('csv', `${at}: good ${good} is more than total ${total}`);
    if (samples.has(t)) throw new SliFileError('csv', `${at}: time ${time} appears twice`);
    samples.set(t, { good, total });
  }
  if (samples.size === 0) throw new SliFileError('csv', 'the file holds no rows after its header');
  return toDays(samples);
}
