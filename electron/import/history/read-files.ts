// A paging-history import's files as given: which platform they are from, the CSV column map,
// and reading every file record by record with the platform's reader (importer.ts decides and
// writes what they hold). A file a reader refuses becomes an invalid_input naming it.

import { detectHistoryFormat, isCsvHead } from '../../../shared/domain/history-format';
import { OperationFailure } from '../../operations/errors';
import { parseColumnMap, readCsv, type ColumnMap } from './csv';
import { readGrafanaOnCall } from './grafana-oncall';
import { readOpsgenie } from './opsgenie';
import type { HistoryImportInput } from './importer';
import { readPagerDuty } from './pagerduty';
import { readPagerDutyCsv } from './pagerduty-csv';
import {
  headOf,
  RefusedFile,
  type HistoryFile,
  type HistorySource,
  type ImportedPage,
  type SeverityMap,
  type SkippedRecord,
} from './records';

type Input = HistoryImportInput;

/** Which platform a file is from, by its name and first characters (shared with the Import panel). */
export function detectFormat(file: HistoryFile): HistorySource | null {
  return detectHistoryFormat(file.name, headOf(file));
}

export function chooseFormat(input: Input): HistorySource {
  const detected = input.files.map((file) => ({ file, format: detectFormat(file) }));
  const format = input.format ?? detected.find((d) => d.format !== null)?.format;
  if (!format)
    throw new OperationFailure(
      'invalid_input',
      `files: cannot tell the format of ${input.files[0]?.name ?? 'the file'}; give format`,
      'format',
    );
  for (const { file, format: found } of detected) {
    // Undetected (the telling key is past the first 4 KiB): the format's reader decides.
    if (found === format || (found === null && input.format !== undefined)) continue;
    // A CSV given as PagerDuty: its reader names the columns it lacks. PagerDuty's own CSV given
    // as csv: read through the column map given, like any CSV.
    if (format === 'pagerduty' && found === 'csv') continue;
    if (format === 'csv' && found === 'pagerduty' && isCsvHead(headOf(file))) continue;
    throw new OperationFailure(
      'invalid_input',
      `files: ${file.name} is not an export of ${format}${found ? ` (it looks like ${found})` : ''}`,
      'files',
    );
  }
  return format;
}

export function columnsOf(input: Input): ColumnMap {
  try {
    return parseColumnMap(input.columns ?? '');
  } catch (error) {
    throw new OperationFailure('invalid_input', (error as Error).message, 'columns');
  }
}

/** Reads every file as `format`, record by record; a refused file becomes an invalid_input naming it. */
export function readAll(
  format: HistorySource,
  input: Input,
  severityMap: SeverityMap,
  onPage: (page: ImportedPage) => void,
  onSkip: (skip: SkippedRecord) => void,
): void {
  try {
    if (format === 'pagerduty') {
      // Saved API responses (JSON) and PagerDuty's own incident CSV export, in any mix.
      const csv = input.files.filter((file) => isCsvHead(headOf(file)));
      const json = input.files.filter((file) => !csv.includes(file));
      if (json.length > 0) readPagerDuty(json, severityMap, onPage, onSkip);
      if (csv.length > 0) readPagerDutyCsv(csv, severityMap, input.zone, onPage, onSkip);
    } else if (format === 'opsgenie') readOpsgenie(input.files, severityMap, onPage, onSkip);
    else if (format === 'grafana-oncall') readGrafanaOnCall(input.files, onPage, onSkip);
    else {
      if (!input.columns)
        throw new OperationFailure(
          'invalid_input',
          'columns: a CSV needs a column map, e.g. at=Created,service=Service,who=Assignee',
          'columns',
        );
      readCsv(input.files, columnsOf(input), severityMap, onPage, onSkip, input.zone);
    }
  } catch (error) {
    if (error instanceof RefusedFile)
      throw new OperationFailure('invalid_input', `files: ${error.message}; nothing was imported`, 'files');
    throw error;
  }
}
