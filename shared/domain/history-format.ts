// Which paging platform an export is from, by its name and first 4 KiB: the importer's rule,
// here so the Import panel can show each file's format as it is dropped (docs/import.md).

export type HistoryFormat = 'pagerduty' | 'opsgenie' | 'grafana-oncall' | 'csv';

/** How much of a file's start the rule looks at. */
export const headLength = 4096;

/** A file whose text is not JSON: a CSV (any CSV, or PagerDuty's own incident export). */
export function isCsvHead(headText: string): boolean {
  const head = headText.replace(/^\uFEFF/, '').trimStart();
  return !head.startsWith('{') && !head.startsWith('[');
}

/**
 * The columns of PagerDuty's incident CSV export (Analytics → reports → Download CSV, "CSV
 * Fields" of its Advanced Reporting article; the same file as the legacy
 * `GET /api/v1/reports/raw/incidents.csv`). Two of them tell the file apart from any CSV.
 */
export const pagerDutyCsvTellingColumns = ['incident_number', 'created_on'] as const;

/** The header row's names (a CSV's first line, quotes taken off), lowercase. */
export function csvHeaderNames(headText: string): string[] {
  const line =
    headText
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\r?\n/, 1)[0] ?? '';
  return line.split(',').map((name) =>
    name
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
}

export function detectHistoryFormat(name: string, headText: string): HistoryFormat | null {
  const head = headText.slice(0, headLength).trimStart();
  if (isCsvHead(head)) {
    const names = csvHeaderNames(head);
    if (pagerDutyCsvTellingColumns.every((column) => names.includes(column))) return 'pagerduty';
    return /\.(csv|tsv|txt)$/i.test(name) || head.includes(',') ? 'csv' : null;
  }
  if (/"(incidents|log_entries)"\s*:/.test(head)) return 'pagerduty';
  if (/"data"\s*:/.test(head) && /"(tinyId|requestId|took)"\s*:/.test(head)) return 'opsgenie';
  if (/"results"\s*:/.test(head)) return 'grafana-oncall';
  return null;
}

/**
 * A file other files' records refer to rather than pages of its own: PagerDuty's saved log
 * entries (acknowledge and resolve times), Grafana OnCall's saved users (names and emails).
 * When an import is sent in parts, every part carries these.
 */
export function isReferenceFile(format: HistoryFormat, headText: string): boolean {
  const head = headText.slice(0, headLength);
  if (format === 'pagerduty') {
    const logs = head.indexOf('"log_entries"');
    const incidents = head.indexOf('"incidents"');
    return logs !== -1 && (incidents === -1 || logs < incidents);
  }
  if (format === 'grafana-oncall') return /"username"\s*:/.test(head) && !/"(state|alerts_count)"\s*:/.test(head);
  return false;
}

/** The list a saved API response keeps its records in. */
export const recordListKey: Record<Exclude<HistoryFormat, 'csv'>, string> = {
  pagerduty: 'incidents',
  opsgenie: 'data',
  'grafana-oncall': 'results',
};
