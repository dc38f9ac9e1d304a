// `oncall repo …`, `oncall sync` and `oncall conflicts …`: the team's reliability repository.

import fs from 'node:fs';
import path from 'node:path';
import { progressLabel, waitingText } from '../../../shared/domain/repository/progress';
import type { RepoStatusView, SyncReportView } from '../../../shared/sync-contract';
import { customCommand, listText, operationCommand, UsageError, type Command } from '../command';
import { numberValue } from '../flags';

function statusLines(status: RepoStatusView): string[] {
  if (!status.connected)
    return ['Not connected. Connect: oncall repo connect URL|PATH  (or --init for a new local one)'];
  const ago = status.lastSyncAt ? `last synced ${status.lastSyncAt}` : 'never synced';
  const lines = [
    `Connected to ${status.url ?? 'a local repository'} (${status.path})`,
    `${ago} · ${waitingText(status.waiting)} · ${status.conflicts} conflicts to review`,
  ];
  if (status.syncing) lines.push(`Syncing now (since ${status.syncing.startedAt}): ${progressLabel(status.syncing)}`);
  if (status.lastError) lines.push(`Last sync: ${status.lastError}`);
  for (const p of status.problems) lines.push(`skipped ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  return lines;
}

function syncLines(result: SyncReportView): string[] {
  const n = (c: SyncReportView['sent']): string =>
    `${c.pages} pages, ${c.toil} toil entries, ${c.postmortems} postmortems, ${c.templates} templates, ${c.people} people, ${c.teams} teams, ${c.rotations} rotations, ${c.holidays} holiday calendars`;
  return [
    `${result.ok ? 'Synced' : 'Not synced'}: ${result.message}`,
    `  sent ${n(result.sent)} · received ${n(result.received)} · ${result.conflicts} conflicts`,
    ...result.problems.map((p) => `  skipped ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
  ];
}

const conflictCommand = (action: 'restore' | 'dismiss'): Command =>
  operationCommand({
    words: ['conflicts', action],
    summary:
      action === 'restore'
        ? 'Bring a set-aside value back (it syncs as a new edit).'
        : 'Keep what won and drop the conflict from the list.',
    operation: 'repo.resolveConflict',
    args: [{ name: 'ID', field: 'id', missing: 'give one conflict number', help: 'the conflict' }],
    input: (p) => {
      const id = numberValue(p.positionals[0]);
      if (id === undefined || !Number.isInteger(id))
        throw new UsageError(`ID: give one conflict number (oncall conflicts ${action} ID)`);
      return { id, action };
    },
    text: ({ id }) =>
      action === 'restore'
        ? `Restored conflict ${id}: the set-aside value is back and syncs as a new edit.`
        : `Dismissed conflict ${id}.`,
  });

export const syncCommands: readonly Command[] = [
  operationCommand({
    words: ['repo', 'connect'],
    summary: "Connect the team's reliability repository (git): a URL, a path, or --init for a new local one.",
    operation: 'repo.connect',
    args: [{ name: 'URL', field: 'url', optional: true, help: 'the repository to clone, or a path' }],
    flags: [{ name: 'init', type: 'boolean', field: 'url', help: 'a new local repository' }],
    input: (p) => {
      const given = p.positionals[0];
      if (p.has('init') ? given !== undefined : given === undefined)
        throw new UsageError(
          'URL: give the repository to clone (oncall repo connect URL|PATH), or --init for a new one',
        );
      // A path on this machine is taken from where the command runs (git would read it from
      // the data directory otherwise).
      const url =
        given && !/^[\w+.-]+:\/\/|^[^/]+@[^/]+:/.test(given) && fs.existsSync(given) ? path.resolve(given) : given;
      return { url: url ?? null };
    },
    text: (status) =>
      `Connected: ${status.path}. Run oncall sync to send this device's records and bring in the team's.`,
  }),
  operationCommand({
    words: ['repo', 'status'],
    summary: 'The repository: last sync, changes waiting, conflicts, skipped files.',
    operation: 'repo.status',
    input: () => ({}),
    text: statusLines,
  }),
  customCommand({
    words: ['sync'],
    summary: "Send this device's changes, bring in the team's (exit 1 when it could not).",
    operations: ['repo.sync'],
    flags: [
      {
        name: 'progress',
        type: 'boolean',
        field: null,
        help: 'how far it has got, on stderr (shown anyway at a terminal)',
      },
    ],
    run(ctx, p) {
      const ws = ctx.workstation();
      // How far it has got, on stderr (stdout stays the report): asked for, or at a terminal.
      if (p.has('progress') || process.stderr.isTTY)
        ws.ctx.onProgress = (step) => ctx.io.err(`  ${progressLabel(step)}`);
      const result = ctx.invoke('repo.sync', {});
      ctx.print(result, () => syncLines(result));
      return result.ok ? 0 : 1;
    },
  }),
  operationCommand({
    words: ['conflicts'],
    summary: 'Values set aside by merges, to review.',
    operation: 'repo.conflicts',
    input: () => ({}),
    text: (list) =>
      listText(
        list,
        'No conflicts to review.',
        (c) =>
          `${c.id}\t${c.at}\t${c.kind} ${c.key}\t${c.field}\tkept ${JSON.stringify(c.kept)?.slice(0, 60)}\tset aside (${c.lostSide}) ${JSON.stringify(c.lost)?.slice(0, 60)}`,
      ),
  }),
  conflictCommand('restore'),
  conflictCommand('dismiss'),
];
