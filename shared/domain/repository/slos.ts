// SLOs in the repository: `slos/<name>.yaml`, one OpenSLO v1 document per SLO (shared/domain/slo/
// openslo.ts), written as the app has it so that fields other tools put there stay. A removed SLO
// keeps its file with a `oncall.workstation/deleted-at` annotation (a tombstone every device sees).
// Daily SLI totals: `sli/<slo>/<yyyy-mm>.jsonl`, one line per day, sorted by day, fixed key order.

import { z } from 'zod';
import { describeSloProblem, readSlo } from '../slo/openslo';
import type { FileProblem } from './format';
import type { FieldConflict } from './merge';

/** An SLO as sync carries it: its name, its OpenSLO text, its last edit and tombstone. */
export interface SloRecord {
  name: string;
  document: string;
  updatedAt: string;
  deletedAt: string | null;
}

export const sloPath = (name: string): string => `slos/${name}.yaml`;
export const ownsSloFile = (file: string): boolean => /^slos\/[a-z0-9][a-z0-9-]{0,62}\.yaml$/.test(file);

/** A file written by another tool may carry no edit time: it counts as older than any edit here. */
const neverEdited = '1970-01-01T00:00:00.000Z';

export function readSloFile(file: string, text: string): { records: SloRecord[]; problems: FileProblem[] } {
  const read = readSlo(text);
  if ('problems' in read)
    return {
      records: [],
      problems: read.problems.map((p) => ({ file, line: p.line, message: describeSloProblem(p) })),
    };
  if (sloPath(read.slo.name) !== file)
    return {
      records: [],
      problems: [{ file, line: 0, message: `the SLO “${read.slo.name}” belongs in ${sloPath(read.slo.name)}` }],
    };
  return {
    records: [
      {
        name: read.slo.name,
        document: text,
        updatedAt: read.slo.updatedAt ?? neverEdited,
        deletedAt: read.slo.deletedAt,
      },
    ],
    problems: [],
  };
}

/** The same SLO changed on two devices: the later edit wins whole; the other is kept in the conflict log. */
export function mergeSloRecords(
  base: SloRecord | null,
  ours: SloRecord,
  theirs: SloRecord | null,
): { result: SloRecord; conflicts: FieldConflict[] } {
  if (!theirs || theirs.document === ours.document) return { result: ours, conflicts: [] };
  if (base && base.document === theirs.document) return { result: ours, conflicts: [] };
  if (base && base.document === ours.document) return { result: theirs, conflicts: [] };
  const oursLater = ours.updatedAt >= theirs.updatedAt;
  const [kept, lost] = oursLater ? [ours, theirs] : [theirs, ours];
  return {
    result: kept,
    conflicts: [
      { field: 'document', kept: kept.document, lost: lost.document, lostSide: oursLater ? 'theirs' : 'ours' },
    ],
  };
}

const count = z.number().finite().min(0).max(1e15);
export const sliDayRecord = z
  .strictObject({
    day: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
    good: count,
    total: count,
    updatedAt: z.iso.datetime({ message: 'must be an ISO instant' }),
  })
  .refine((d) => d.good <= d.total, { message: 'good must not be more than total', path: ['good'] });
export type SliDay = z.infer<typeof sliDayRecord>;

/** One SLO's daily totals for one month. */
export interface SliMonthRecord {
  slo: string;
  month: string;
  days: SliDay[];
  updatedAt: string;
}

export const sliKey = (slo: string, month: string): string => `${slo}/${month}`;
export const sliPath = (record: { slo: string; month: string }): string => `sli/${record.slo}/${record.month}.jsonl`;
export const ownsSliFile = (file: string): boolean =>
  /^sli\/[a-z0-9][a-z0-9-]{0,62}\/\d{4}-(0[1-9]|1[0-2])\.jsonl$/.test(file);

const byDay = (days: readonly SliDay[]): SliDay[] =>
  [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

export function writeSliMonth(record: SliMonthRecord): string {
  return byDay(record.days)
    .map((d) => JSON.stringify({ day: d.day, good: d.good, total: d.total, updatedAt: d.updatedAt }) + '\n')
    .join('');
}

export function readSliMonth(file: string, text: string): { records: SliMonthRecord[]; problems: FileProblem[] } {
  const match = /^sli\/([^/]+)\/(\d{4}-\d{2})\.jsonl$/.exec(file);
  if (!match)
    return {
      records: [],
      problems: [{ file, line: 0, message: 'not an SLI totals file (sli/<slo>/<yyyy-mm>.jsonl)' }],
    };
  const [, slo = '', month = ''] = match;
  const days: SliDay[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const problem = (message: string) => ({ records: [], problems: [{ file, line: i + 1, message }] });
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return problem('not valid JSON');
    }
    const parsed = sliDayRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(`${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'not a day of totals'}`);
    }
    if (!parsed.data.day.startsWith(month)) return problem(`day: ${parsed.data.day} is not in ${month}`);
    if (seen.has(parsed.data.day)) return problem(`day: ${parsed.data.day} appears twice`);
    seen.add(parsed.data.day);
    days.push(parsed.data);
  }
  const updatedAt = days.reduce((latest, d) => (d.updatedAt > latest ? d.updatedAt : latest), neverEdited);
  return { records: [{ slo, month, days: byDay(days), updatedAt }], problems: [] };
}

/** Day by day: a day on one side only is kept; on both, the later edit wins (the other is logged). */
export function mergeSliMonths(
  base: SliMonthRecord | null,
  ours: SliMonthRecord,
  theirs: SliMonthRecord | null,
): { result: SliMonthRecord; conflicts: FieldConflict[] } {
  if (!theirs) return { result: ours, conflicts: [] };
  const baseDays = new Map((base?.days ?? []).map((d) => [d.day, d]));
  const merged = new Map(theirs.days.map((d) => [d.day, d]));
  const conflicts: FieldConflict[] = [];
  const same = (a: SliDay | undefined, b: SliDay | undefined): boolean =>
    !!a && !!b && a.good === b.good && a.total === b.total;
  for (const d of ours.days) {
    const t = merged.get(d.day);
    if (!t || same(t, d) || same(baseDays.get(d.day), t)) merged.set(d.day, d);
    else if (!same(baseDays.get(d.day), d)) {
      const oursLater = d.updatedAt >= t.updatedAt;
      merged.set(d.day, oursLater ? d : t);
      conflicts.push({
        field: `days.${d.day}`,
        kept: oursLater ? d : t,
        lost: oursLater ? t : d,
        lostSide: oursLater ? 'theirs' : 'ours',
      });
    }
  }
  const days = byDay([...merged.values()]);
  const updatedAt = days.reduce((latest, d) => (d.updatedAt > latest ? d.updatedAt : latest), neverEdited);
  return { result: { slo: ours.slo, month: ours.month, days, updatedAt }, conflicts };
}
