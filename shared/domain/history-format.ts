// Which paging platform an export is from, by its name and first 4 KiB: the importer's rule,
// here so the Import panel can show each file's format as it is dropped (docs/import.md).

export type HistoryFormat = 'pagerduty' | 'opsgenie' | 'grafana-oncall' | 'csv';

/** How much of a file's start the rule looks at. */
export const headLength = 4096;

export function detectHistoryFormat(name: string, headText: string): HistoryFormat | null {
  const head = headText.slice(0, headLength).trimStart();
  if (!head.startsWith('{') && !head.startsWith('['))
    return /\.(csv|tsv|txt)$/i.test(name) || head.includes(',') ? 'csv' : null;
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
