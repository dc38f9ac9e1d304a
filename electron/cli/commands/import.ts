// `oncall import pagerduty|opsgenie|grafana-oncall|csv FILE…`: paging history from an export
// (or, with --api, pulled live from the platform) — a preview by default, stored with --apply.
// docs/import.md.

import fs from 'node:fs';
import { historyFormats, type HistoryImportOutput } from '../../../shared/history-contract';
import { progressLabel } from '../../../shared/domain/repository/progress';
import { customCommand, UsageError, type Command, type Flag } from '../command';
import type { Parsed } from '../flags';
import { pullForImport, tokenVariables, type PullPlatform } from '../pulls';

type Format = (typeof historyFormats)[number];

const platformNames: Record<Format, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'grafana-oncall': 'Grafana OnCall',
  csv: 'CSV',
};

/** `"KEY=VALUE"` flags as an object (split at the last `=`: names may hold one, handles never do). */
function pairs(values: string[], flag: string, example: string): Record<string, string> | undefined {
  if (values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const key = value.slice(0, at).trim();
    const right = value.slice(at + 1).trim();
    if (at < 1 || !key || !right) throw new UsageError(`--${flag}: "${value}" is not ${example}`);
    out[key] = right;
  }
  return out;
}

function severityMap(values: string[]): Record<string, number> | undefined {
  const given = pairs(values, 'severity', 'VALUE=N, e.g. "sev-a=1"');
  if (!given) return undefined;
  return Object.fromEntries(Object.entries(given).map(([key, value]) => [key, Number(value)]));
}

/** The export files as typed: each must be a readable file (named as typed in every error). */
function filesFrom(parsed: Parsed): { name: string; path: string }[] {
  return parsed.positionals.map((file) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new UsageError(`FILE: cannot read ${file}`);
    }
    if (!stat.isFile()) throw new UsageError(`FILE: ${file} is not a file`);
    return { name: file, path: file };
  });
}

/** What `--json` prints: the issue's shape (plus `merged`, pages that were already logged by hand). */
export function importJson(output: HistoryImportOutput): unknown {
  const { source, applied, updated, unchanged, merged, skipped, people } = output;
  return { source, applied, new: output.new, updated, unchanged, skipped, people, merged };
}

function importLines(output: HistoryImportOutput): string[] {
  const name = platformNames[output.source];
  const counts = `${output.new} new, ${output.updated} updated, ${output.unchanged} unchanged, ${output.merged} already logged by hand, ${output.skipped.length} skipped`;
  const lines = [
    output.applied
      ? `Imported from ${name}: ${counts}.`
      : `Preview of a ${name} import (nothing stored; add --apply to import): ${counts}.`,
  ];
  if (output.people.length > 0) {
    lines.push('People:');
    for (const person of output.people)
      lines.push(
        `  ${person.key} → ${person.handle}${person.created ? (output.applied ? ' (created)' : ' (will be created; --map KEY=HANDLE for someone here)') : ''}`,
      );
  }
  if (output.skipped.length > 0) {
    lines.push('Skipped:');
    for (const skip of output.skipped) lines.push(`  ${skip.file} record ${skip.record}: ${skip.reason}`);
  }
  if (!output.applied && output.firstRows.length > 0) {
    lines.push('First pages:');
    for (const row of output.firstRows)
      lines.push(
        `  ${row.receivedAt}\t${row.status}\tsev${row.severity}\t${row.service}\t${row.person}\t${row.summary}`,
      );
  }
  return lines;
}

const apiFlags: readonly Flag[] = [
  { name: 'api', type: 'boolean', field: null, help: 'pull from the platform’s API instead of files' },
  { name: 'since', value: 'DATE', field: null, help: 'with --api: from this day (YYYY-MM-DD, UTC) or instant' },
  { name: 'until', value: 'DATE', field: null, help: 'with --api: up to this day or instant (default now)' },
  {
    name: 'token-env',
    value: 'VAR',
    field: null,
    help: 'with --api: the environment variable holding the API token',
  },
  { name: 'base-url', value: 'URL', field: null, help: 'with --api: the API’s address' },
];

const columnFlags: readonly Flag[] = [
  {
    name: 'columns',
    value: 'MAP',
    field: 'columns',
    help: 'which column is which: at=Created,summary=Title,service=Service,who=Assignee,ack=…,resolved=…,severity=…,id=…,link=…,tags=…',
  },
  {
    name: 'columns-name',
    value: 'NAME',
    field: 'columnsName',
    help: 'with --columns: keep the map under NAME once applied; alone: use the map kept under NAME',
  },
];

const zoneFlag: Flag = {
  name: 'zone',
  value: 'ZONE',
  field: 'zone',
  help: 'the IANA zone of times the CSV writes without one (PagerDuty: the account’s zone), e.g. Europe/Berlin',
};

function importCommand(format: Format): Command {
  const pulls = format !== 'csv';
  return customCommand({
    words: ['import', format],
    summary:
      format === 'csv'
        ? 'Import pages from any CSV with a column map: a preview, stored with --apply.'
        : format === 'pagerduty'
          ? `Import pages from ${platformNames[format]} (saved API responses, its incident CSV export, or --api): a preview, stored with --apply.`
          : `Import pages from ${platformNames[format]} (saved API responses, or --api): a preview, stored with --apply.`,
    operations: ['history.preview', 'history.apply'],
    args: [
      {
        name: 'FILE',
        field: 'files',
        many: true,
        optional: true,
        help:
          format === 'csv'
            ? 'CSV files'
            : format === 'pagerduty'
              ? 'saved API responses (JSON) or PagerDuty’s incident CSV export'
              : 'saved API responses (JSON)',
      },
    ],
    flags: [
      {
        name: 'map',
        multiple: true,
        value: '"KEY=HANDLE"',
        field: 'map',
        help: 'a person as the export names them (email or name) is this handle here; repeat',
      },
      {
        name: 'severity',
        multiple: true,
        value: '"VALUE=N"',
        field: 'severityMap',
        help: 'an urgency or priority is severity N (1–5), beside the defaults; repeat',
      },
      { name: 'apply', type: 'boolean', field: null, help: 'store the pages (without it, only a preview)' },
      {
        name: 'progress',
        type: 'boolean',
        field: null,
        help: 'how far it has got, on stderr (shown anyway at a terminal)',
      },
      ...(pulls ? apiFlags : columnFlags),
      ...(format === 'csv' || format === 'pagerduty' ? [zoneFlag] : []),
    ],
    names: { format: 'the format', firstRows: 'the first rows' },
    async run(ctx, p) {
      const apply = p.has('apply');
      const shown = p.has('progress') || process.stderr.isTTY === true;
      const given = {
        format,
        map: pairs(p.all('map'), 'map', 'KEY=HANDLE, e.g. "ann.berg@example.com=ann"'),
        columns: p.str('columns'),
        columnsName: p.str('columns-name'),
        zone: p.str('zone'),
        severityMap: severityMap(p.all('severity')),
        firstRows: apply ? 0 : 10,
      };
      let files: { name: string; path: string }[];
      if (pulls && p.has('api')) {
        if (p.positionals.length > 0) throw new UsageError('FILE: give files or --api, not both');
        const since = p.str('since');
        if (since === undefined) throw new UsageError('--since: give the first day to pull (YYYY-MM-DD)');
        // The input without files is checked before anything is pulled.
        ctx.check('history.preview', { ...given, files: [{ name: 'api', text: '' }] });
        const ws = ctx.workstation();
        files = await pullForImport({
          platform: format as PullPlatform,
          since,
          until: p.str('until'),
          tokenVariable: p.str('token-env'),
          baseUrl: p.str('base-url'),
          dataDir: ws.ctx.dataDir,
          now: ws.ctx.now(),
          env: process.env,
          progress: (line) => {
            if (shown) ctx.io.err(line);
          },
        });
        if (files.length === 0) throw new UsageError(`--since: ${platformNames[format]} has nothing in that range`);
      } else {
        for (const flag of ['since', 'until', 'token-env', 'base-url'])
          if (p.str(flag) !== undefined) throw new UsageError(`--${flag}: goes with --api`);
        files = filesFrom(p);
        if (files.length === 0)
          throw new UsageError(
            `FILE: give one or more export files${pulls ? ` (or --api --since DATE with the token in ${tokenVariables[format as PullPlatform]})` : ''}`,
          );
      }
      const operation = apply ? 'history.apply' : 'history.preview';
      const input = ctx.check(operation, { ...given, files });
      if (apply && shown) ctx.workstation().ctx.onProgress = (step) => ctx.io.err(`  ${progressLabel(step)}`);
      const output = ctx.invoke(operation, input);
      ctx.print(importJson(output), () => importLines(output));
      return 0;
    },
  });
}

export const importCommands: readonly Command[] = historyFormats.map(importCommand);
