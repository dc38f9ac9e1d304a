// Paging history imports (issue #14): preview and apply an export from PagerDuty, Opsgenie,
// Grafana OnCall or any CSV (merged into the contract in contract.ts). docs/import.md.

import { z } from 'zod';
import { timeZone } from './schemas';
import { pulledFileName, pullId } from './history-pull-contract';

export const historyFormats = ['pagerduty', 'opsgenie', 'grafana-oncall', 'csv'] as const;

const fileName = z.string().trim().min(1, { message: 'must name the file' }).max(500);
const historyFile = z.union(
  [
    z.strictObject({ name: fileName, text: z.string({ message: 'must be the file’s text' }) }),
    z.strictObject({ name: fileName, path: z.string().min(1, { message: 'must be a path' }).max(4096) }),
    /** A file a live pull saved in this data directory (history.pull's answer names them). */
    z.strictObject({ pull: pullId, name: pulledFileName }),
  ],
  { message: 'must be {name, text}, {name, path} or {pull, name}' },
);
const severityValue = z
  .number({ message: 'must map to a severity from 1 to 5' })
  .int({ message: 'must map to a whole severity from 1 to 5' })
  .min(1, { message: 'must map to a severity from 1 (highest) to 5 (lowest)' })
  .max(5, { message: 'must map to a severity from 1 (highest) to 5 (lowest)' });

export const historyImportInput = z.strictObject({
  /** Omitted: detected from the files (and then named in the answer). */
  format: z.enum(historyFormats, { message: 'must be pagerduty, opsgenie, grafana-oncall or csv' }).optional(),
  files: z.array(historyFile).min(1, { message: 'must name at least one file' }).max(1000),
  /** A person as the export names them (email or name) → the handle of someone already here. */
  map: z.record(z.string().trim().min(1), z.string().trim().min(1)).optional(),
  /** CSV: `at=Created,summary=Title,service=Service,who=Assignee,ack=…,resolved=…,severity=…,id=…,link=…,tags=…`. */
  columns: z.string().max(2000).optional(),
  /**
   * A name for a column map kept on this device: with `columns`, the map is kept under this name
   * when the import is applied; alone, the map kept under it is used (docs/import.md).
   */
  columnsName: z
    .string()
    .trim()
    .min(1, { message: 'must name the column map' })
    .max(80, { message: 'must be at most 80 characters' })
    .regex(/^[\p{L}\p{N} ._-]+$/u, { message: 'must be letters, digits, spaces, dots, dashes or underscores' })
    .optional(),
  /**
   * CSV: the IANA zone a time written without one is in (PagerDuty's incident CSV export is written
   * in the account's zone). Without it such a time is refused (PagerDuty's CSV) or skipped (any CSV).
   */
  zone: timeZone.optional(),
  /** Urgency or priority (compared lowercase) → severity; added to the defaults in docs/import.md. */
  severityMap: z.record(z.string().trim().min(1), severityValue).optional(),
  /** How many of the first pages to show in the answer. */
  firstRows: z.number().int().min(0).max(100).default(10),
});

const skipped = z.object({ file: z.string(), record: z.number(), reason: z.string() });

export const historyImportOutput = z.object({
  source: z.enum(historyFormats),
  applied: z.boolean(),
  new: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Imported pages that are a page already logged by hand (same person and service, received within 5 minutes). */
  merged: z.number(),
  skipped: z.array(skipped),
  people: z.array(z.object({ key: z.string(), handle: z.string(), created: z.boolean() })),
  firstRows: z.array(
    z.object({
      file: z.string(),
      record: z.number(),
      externalId: z.string(),
      status: z.enum(['new', 'updated', 'unchanged', 'merged']),
      receivedAt: z.string(),
      acknowledgedAt: z.string().nullable(),
      resolvedAt: z.string().nullable(),
      service: z.string(),
      severity: z.number(),
      summary: z.string(),
      person: z.string(),
      link: z.string().nullable(),
    }),
  ),
});
export type HistoryImportOutput = z.infer<typeof historyImportOutput>;
export type HistoryImportInput = z.input<typeof historyImportInput>;

export const historyOperations = {
  'history.preview': {
    input: historyImportInput,
    output: historyImportOutput,
    summary: 'Read a paging-history export and say what importing it would do; stores nothing.',
  },
  'history.apply': {
    input: historyImportInput,
    output: historyImportOutput,
    summary: 'Import a paging-history export: new pages, changed ones updated, nothing twice.',
  },
} as const;
