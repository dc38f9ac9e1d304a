// Paging history: what every format's parser produces (one source record → one imported page),
// the shared rules for times, severity and people, and the chunked readers that keep a 1M-row
// export out of memory. The mapping table is in docs/import.md.

import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DateTime } from 'luxon';

export type HistorySource = 'pagerduty' | 'opsgenie' | 'grafana-oncall' | 'csv';
export const historySources: readonly HistorySource[] = ['pagerduty', 'opsgenie', 'grafana-oncall', 'csv'];

/** Who a source record says was paged: matched to a person by email, then by name. */
export interface PagedPerson {
  email: string | null;
  name: string | null;
}

export interface ImportedPage {
  file: string;
  /** Index of the record in a JSON file (0-based, across its saved pages), line number in a CSV. */
  record: number;
  externalId: string;
  link: string | null;
  receivedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  service: string;
  severity: number;
  summary: string;
  person: PagedPerson;
  tags: string[];
}

export interface SkippedRecord {
  file: string;
  record: number;
  reason: string;
}

/** A whole file that cannot be read as the format: nothing from it is stored. */
export class RefusedFile extends Error {
  constructor(
    readonly file: string,
    readonly record: number | null,
    reason: string,
  ) {
    super(`${file}${record === null ? '' : ` record ${record}`}: ${reason}`);
  }
}

/** One record that cannot become a page: skipped, listed, the rest of the file goes on. */
export class SkipRecord extends Error {}

export type RecordSink = (page: ImportedPage) => void;
export type SkipSink = (skip: SkippedRecord) => void;

/** A file to read: text the UI already holds, or a local path read in chunks. */
export type HistoryFile = { name: string; text: string } | { name: string; path: string };

/** How much of a file is read at a time (tests make it small to cut records across chunks). */
export const reading = { chunkBytes: 1 << 20 };

/** The file's text in chunks of about 1 MiB, never all of it at once (a path is read as it goes). */
export function* chunksOf(file: HistoryFile): Generator<string> {
  const chunkBytes = reading.chunkBytes;
  if ('text' in file) {
    for (let at = 0; at < file.text.length; at += chunkBytes) yield file.text.slice(at, at + chunkBytes);
    return;
  }
  let fd: number;
  try {
    fd = fs.openSync(file.path, 'r');
  } catch (error) {
    throw new RefusedFile(file.name, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const decoder = new StringDecoder('utf8');
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, chunkBytes, null);
      if (read === 0) break;
      yield decoder.write(buffer.subarray(0, read));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** The first characters of a file (format detection), without reading the rest. */
export function headOf(file: HistoryFile, length = 4096): string {
  for (const chunk of chunksOf(file)) return chunk.slice(0, length);
  return '';
}

// An instant must say its zone: "2026-03-01 03:12" could be any of 38 offsets.
const zoned = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
// The same without a zone: read in a zone given with the import (`zone`), else refused or skipped.
const unzoned = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** An ISO 8601 date and time without a zone ("2026-03-01 03:12"). */
export const hasNoZone = (text: string): boolean => unzoned.test(text.trim());

/**
 * Milliseconds of an ISO 8601 instant with a zone; a time without one is read in `zone` when it
 * is given (a wall-clock time there; one skipped or repeated by a DST change as Luxon reads it:
 * moved forward past the gap, the second of the two); a reason to skip otherwise.
 */
export function instantOf(value: unknown, field: string, zone?: string): number {
  if (typeof value !== 'string' || value.trim() === '') throw new SkipRecord(`${field}: is missing`);
  const text = value.trim();
  if (zone !== undefined && unzoned.test(text)) {
    const local = DateTime.fromISO(text.replace(' ', 'T'), { zone });
    if (!local.isValid) throw new SkipRecord(`${field}: "${text}" is not a time`);
    return local.toMillis();
  }
  if (!zoned.test(text)) throw new SkipRecord(`${field}: "${text}" has no time zone (give Z or an offset)`);
  const ms = Date.parse(text.replace(' ', 'T'));
  if (!Number.isFinite(ms)) throw new SkipRecord(`${field}: "${text}" is not a time`);
  return ms;
}

export function optionalInstant(value: unknown, field: string, zone?: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  return instantOf(value, field, zone);
}

/** Severity 1–5 from an urgency or priority, through the editable map (keys compared lowercase). */
export type SeverityMap = Record<string, number>;

export const defaultSeverityMap: SeverityMap = {
  p1: 1,
  p2: 2,
  p3: 3,
  p4: 4,
  p5: 5,
  critical: 1,
  high: 2,
  medium: 3,
  low: 4,
  info: 5,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
};

/** No urgency or priority at all: the middle of the scale. */
export const unknownSeverity = 3;

export function severityOf(values: (string | null | undefined)[], map: SeverityMap): number {
  for (const value of values) {
    if (value === null || value === undefined || value.trim() === '') continue;
    const found = map[value.trim().toLowerCase()];
    if (found !== undefined) return found;
    throw new SkipRecord(`severity: "${value}" is not in the severity map (add it with severityMap)`);
  }
  return unknownSeverity;
}

export function mergedSeverityMap(overrides: SeverityMap | undefined): SeverityMap {
  const map = { ...defaultSeverityMap };
  for (const [key, value] of Object.entries(overrides ?? {})) map[key.trim().toLowerCase()] = value;
  return map;
}

/** Summaries and tags within what a hand-logged page allows. */
export function summaryOf(value: unknown, fallback: string): string {
  const text = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
  const summary = text || fallback;
  return summary.length > 500 ? `${summary.slice(0, 499)}…` : summary;
}

export function serviceOf(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new SkipRecord('service: is missing');
  return text.length > 80 ? text.slice(0, 80) : text;
}

export function tagsOf(values: unknown[]): string[] {
  const tags: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const tag = value.trim().slice(0, 40);
    if (tag && !tags.includes(tag)) tags.push(tag);
    if (tags.length === 20) break;
  }
  return tags;
}

export function personOf(email: unknown, name: unknown): PagedPerson | null {
  const e = typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : null;
  const n = typeof name === 'string' && name.trim() ? name.trim() : null;
  if (!e && !n) return null;
  return { email: e, name: n };
}

/** Times in order, as for a hand-logged page. */
export function checkOrder(page: Pick<ImportedPage, 'receivedAt' | 'acknowledgedAt' | 'resolvedAt'>): void {
  if (page.acknowledgedAt !== null && page.acknowledgedAt < page.receivedAt)
    throw new SkipRecord('acknowledged: is before the page was received');
  if (page.resolvedAt !== null && page.resolvedAt < page.receivedAt)
    throw new SkipRecord('resolved: is before the page was received');
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const str = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
