// Any CSV with a column map (`at=Created,summary=Title,service=Service,who=Assignee,…`), read with
// csv-parse fed chunk by chunk: its core parser is synchronous, so an operation can read a
// 1M-row file without holding it.

import crypto from 'node:crypto';
import { Parser } from 'csv-parse';
import {
  checkOrder,
  chunksOf,
  instantOf,
  optionalInstant,
  personOf,
  RefusedFile,
  serviceOf,
  severityOf,
  SkipRecord,
  summaryOf,
  tagsOf,
  type HistoryFile,
  type ImportedPage,
  type RecordSink,
  type SeverityMap,
  type SkipSink,
} from './records';

export const csvFields = [
  'at',
  'summary',
  'service',
  'who',
  'ack',
  'resolved',
  'severity',
  'id',
  'link',
  'tags',
] as const;
export type CsvField = (typeof csvFields)[number];
export type ColumnMap = Partial<Record<CsvField, string>>;
const required: CsvField[] = ['at', 'service', 'who'];

/** `at=Created,summary=Title` → {at: 'Created', summary: 'Title'}; a reason when it cannot be read. */
export function parseColumnMap(text: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as CsvField;
    const column = part.slice(eq + 1).trim();
    if (eq < 1 || !column) throw new Error(`columns: "${part.trim()}" is not field=Column`);
    if (!csvFields.includes(field)) throw new Error(`columns: "${field}" is not one of ${csvFields.join(', ')}`);
    map[field] = column;
  }
  return map;
}

interface CsvApi {
  parse: (
    buffer: Buffer | undefined,
    end: boolean,
    push: (row: { record: string[]; info: { lines: number } }) => void,
    close: () => void,
  ) => Error | undefined;
}

export function readCsv(
  files: HistoryFile[],
  columns: ColumnMap,
  severityMap: SeverityMap,
  onPage: RecordSink,
  onSkip: SkipSink,
  zone?: string,
): void {
  for (const field of required)
    if (!columns[field])
      throw new RefusedFile('columns', null, `"${field}" must be mapped to a column (${field}=Column)`);
  for (const file of files) readOne(file, columns, severityMap, zone, onPage, onSkip);
}

function readOne(
  file: HistoryFile,
  columns: ColumnMap,
  severityMap: SeverityMap,
  zone: string | undefined,
  onPage: RecordSink,
  onSkip: SkipSink,
): void {
  let index: Partial<Record<CsvField, number>> = {};
  eachCsvRow(
    file,
    (header) => {
      index = headerIndex(file.name, header, columns);
    },
    (record, line) => {
      try {
        onPage(rowToPage(file.name, line, record, index, severityMap, zone));
      } catch (error) {
        if (!(error instanceof SkipRecord)) throw error;
        onSkip({ file: file.name, record: line, reason: error.message });
      }
    },
  );
}

/**
 * Reads a CSV file row by row, fed to csv-parse chunk by chunk: the header row to `onHeader`,
 * every other row with its line number to `onRow`. A file that is not valid CSV, or has no
 * header row, is refused by name and line.
 */
export function eachCsvRow(
  file: HistoryFile,
  onHeader: (header: string[]) => void,
  onRow: (record: string[], line: number) => void,
): void {
  // The stream class is only the holder of csv-parse's synchronous core (`api`), which we feed.
  const api = (
    new Parser({ bom: true, skip_empty_lines: true, relax_quotes: false, info: true }) as unknown as { api: CsvApi }
  ).api;
  let headerSeen = false;
  let lastLine = 0;
  const push = ({ record, info }: { record: string[]; info: { lines: number } }): void => {
    lastLine = info.lines;
    if (!headerSeen) {
      headerSeen = true;
      onHeader(record);
      return;
    }
    onRow(record, info.lines);
  };
  const close = (): void => undefined;
  for (const chunk of chunksOf(file)) {
    const error = api.parse(Buffer.from(chunk), false, push, close);
    if (error) throw new RefusedFile(file.name, lastLine + 1, `is not valid CSV here (${error.message})`);
  }
  const error = api.parse(undefined, true, push, close);
  if (error) throw new RefusedFile(file.name, lastLine + 1, `is not valid CSV here (${error.message})`);
  if (!headerSeen) throw new RefusedFile(file.name, null, 'is empty (no header row)');
}

function headerIndex(file: string, header: string[], columns: ColumnMap): Partial<Record<CsvField, number>> {
  const names = header.map((name) => name.trim());
  const index: Partial<Record<CsvField, number>> = {};
  for (const [field, column] of Object.entries(columns) as [CsvField, string][]) {
    const at = names.indexOf(column);
    if (at === -1)
      throw new RefusedFile(file, 1, `has no column "${column}" (mapped as ${field}); it has ${names.join(', ')}`);
    index[field] = at;
  }
  return index;
}

function rowToPage(
  file: string,
  line: number,
  row: string[],
  index: Partial<Record<CsvField, number>>,
  severityMap: SeverityMap,
  zone: string | undefined,
): ImportedPage {
  const cell = (field: CsvField): string | undefined => {
    const at = index[field];
    return at === undefined ? undefined : row[at]?.trim();
  };
  const who = cell('who') ?? '';
  const person = personOf(who, who);
  if (!person) throw new SkipRecord('who: is missing');
  const receivedAt = instantOf(cell('at'), 'at', zone);
  const service = serviceOf(cell('service'));
  const summary = summaryOf(cell('summary'), `page on ${service}`);
  // Without an id column, the row's own content is its identity: re-importing it finds it again.
  const externalId =
    cell('id') ||
    crypto
      .createHash('sha256')
      .update(`${receivedAt}\u0000${service}\u0000${who}\u0000${summary}`)
      .digest('hex')
      .slice(0, 32);
  const page: ImportedPage = {
    file,
    record: line,
    externalId,
    link: cell('link') || null,
    receivedAt,
    acknowledgedAt: optionalInstant(cell('ack'), 'ack', zone),
    resolvedAt: optionalInstant(cell('resolved'), 'resolved', zone),
    service,
    severity: severityOf([cell('severity')], severityMap),
    summary,
    person,
    tags: tagsOf((cell('tags') ?? '').split(/[;,]/)),
  };
  checkOrder(page);
  return page;
}
