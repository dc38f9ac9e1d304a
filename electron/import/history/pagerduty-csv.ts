// PagerDuty's own incident CSV export, read with no column map. Its columns are published in
// PagerDuty's knowledge base, "Reporting" → "Exporting Advanced Reporting Data to CSV" → "CSV
// Fields" (https://support.pagerduty.com/docs/reporting): id, incident_number, description,
// service_id, service_name, escalation_policy_id, escalation_policy_name, created_on,
// seconds_to_first_ack, seconds_to_resolve, auto_resolved, escalation_count, auto_escalation_count,
// acknowledge_count, assignment_count, acknowledged_by_user_ids, acknowledged_by_user_names,
// assigned_to_user_ids, assigned_to_user_names, resolved_by_user_id, resolved_by_user_name.
// The same article: "Incident .csv exports for Advanced Reporting reports include timestamps in
// the account-level time zone". `resolved_on` and `urgency` are not in that list but are in the
// file (read where present): code that reads the same export (legacy
// `GET /api/v1/reports/raw/incidents.csv`) names both. The mapping is in docs/import.md.

import {
  checkOrder,
  hasNoZone,
  instantOf,
  personOf,
  RefusedFile,
  serviceOf,
  severityOf,
  SkipRecord,
  summaryOf,
  type HistoryFile,
  type ImportedPage,
  type RecordSink,
  type SeverityMap,
  type SkipSink,
} from './records';
import { eachCsvRow } from './csv';

/** Without these a row cannot become a page: a file missing one is refused, naming them. */
export const pagerDutyCsvRequired = ['id', 'created_on', 'service_name', 'assigned_to_user_names'] as const;
const optional = [
  'incident_number',
  'description',
  'seconds_to_first_ack',
  'seconds_to_resolve',
  'resolved_on',
  'urgency',
  'acknowledged_by_user_names',
  'resolved_by_user_name',
] as const;
type Column = (typeof pagerDutyCsvRequired)[number] | (typeof optional)[number];

export function readPagerDutyCsv(
  files: HistoryFile[],
  severityMap: SeverityMap,
  zone: string | undefined,
  onPage: RecordSink,
  onSkip: SkipSink,
): void {
  for (const file of files) readOne(file, severityMap, zone, onPage, onSkip);
}

function readOne(
  file: HistoryFile,
  severityMap: SeverityMap,
  zone: string | undefined,
  onPage: RecordSink,
  onSkip: SkipSink,
): void {
  const index: Partial<Record<Column, number>> = {};
  eachCsvRow(
    file,
    (header) => {
      const names = header.map((name) => name.trim().toLowerCase());
      const missing = pagerDutyCsvRequired.filter((column) => !names.includes(column));
      if (missing.length > 0)
        throw new RefusedFile(
          file.name,
          1,
          `is not PagerDuty's incident CSV export: it has no column ${missing.map((m) => `"${m}"`).join(', ')} (it has ${names.join(', ')})`,
        );
      for (const column of [...pagerDutyCsvRequired, ...optional]) {
        const at = names.indexOf(column);
        if (at !== -1) index[column] = at;
      }
    },
    (record, line) => {
      const cell = (column: Column): string => {
        const at = index[column];
        return at === undefined ? '' : (record[at] ?? '').trim();
      };
      // PagerDuty writes the account's zone as an offset; a time without one (a file saved again
      // by a spreadsheet) is only read with the zone given — never guessed.
      if (zone === undefined)
        for (const column of ['created_on', 'resolved_on'] as const)
          if (hasNoZone(cell(column)))
            throw new RefusedFile(
              file.name,
              line,
              `${column} "${cell(column)}" has no time zone: PagerDuty writes this export in the account's time zone — give that zone (zone, or --zone, e.g. Europe/Berlin)`,
            );
      try {
        onPage(rowToPage(file.name, line, cell, severityMap, zone));
      } catch (error) {
        if (!(error instanceof SkipRecord)) throw error;
        onSkip({ file: file.name, record: line, reason: error.message });
      }
    },
  );
}

/** Whole seconds after the incident was created (`seconds_to_first_ack`, `seconds_to_resolve`). */
function afterSeconds(receivedAt: number, text: string, column: string): number | null {
  if (text === '') return null;
  if (!/^\d+(\.\d+)?$/.test(text)) throw new SkipRecord(`${column}: "${text}" is not a number of seconds`);
  return receivedAt + Math.round(Number(text) * 1000);
}

/** The first of the names a cell lists (the export does not say how it joins several: at ","). */
const firstName = (text: string): string => text.split(',')[0]?.trim() ?? '';

function rowToPage(
  file: string,
  line: number,
  cell: (column: Column) => string,
  severityMap: SeverityMap,
  zone: string | undefined,
): ImportedPage {
  const externalId = cell('id');
  if (!externalId) throw new SkipRecord('id: is missing');
  const name =
    firstName(cell('assigned_to_user_names')) ||
    firstName(cell('acknowledged_by_user_names')) ||
    firstName(cell('resolved_by_user_name'));
  const person = personOf(null, name);
  if (!person)
    throw new SkipRecord(
      'nobody was paged (no assigned_to_user_names, acknowledged_by_user_names or resolved_by_user_name)',
    );
  const receivedAt = instantOf(cell('created_on'), 'created_on', zone);
  const number = cell('incident_number');
  const page: ImportedPage = {
    file,
    record: line,
    externalId,
    link: null,
    receivedAt,
    acknowledgedAt: afterSeconds(receivedAt, cell('seconds_to_first_ack'), 'seconds_to_first_ack'),
    resolvedAt: cell('resolved_on')
      ? instantOf(cell('resolved_on'), 'resolved_on', zone)
      : afterSeconds(receivedAt, cell('seconds_to_resolve'), 'seconds_to_resolve'),
    service: serviceOf(cell('service_name')),
    severity: severityOf([cell('urgency')], severityMap),
    summary: summaryOf(cell('description'), number ? `incident #${number}` : `incident ${externalId}`),
    person,
    tags: [],
  };
  checkOrder(page);
  return page;
}
