// The reliability repository's operations: connect, status, sync, conflicts (merged into contract.ts).

import { z } from 'zod';

const problem = z.object({ file: z.string(), line: z.number(), message: z.string() });
/**
 * Every kind of record that syncs: its name in the outbox and the conflict log → its name in a
 * sync's counts (sent, received). The sync's table of kinds (electron/sync/kinds) has a module
 * for each.
 */
export const recordKinds = {
  person: 'people',
  team: 'teams',
  rotation: 'rotations',
  holidays: 'holidays',
  page: 'pages',
  toil: 'toil',
  postmortem: 'postmortems',
  template: 'templates',
  slo: 'slos',
  sli: 'sliMonths',
} as const;
export type RecordKind = keyof typeof recordKinds;
export type CountName = (typeof recordKinds)[RecordKind];

const counts = z.object(
  Object.fromEntries(Object.values(recordKinds).map((name) => [name, z.number()])) as Record<CountName, z.ZodNumber>,
);

/** A sync under way: its phase and how far it has got (done of total files or records). */
export const syncProgress = z.object({
  phase: z.enum(['fetching', 'reading', 'merging', 'importing', 'writing', 'pushing']),
  done: z.number(),
  total: z.number(),
  startedAt: z.string(),
});
export type SyncProgressView = z.infer<typeof syncProgress>;

export const repoStatus = z.object({
  connected: z.boolean(),
  url: z.string().nullable(),
  path: z.string(),
  lastSyncAt: z.string().nullable(),
  lastCommit: z.string().nullable(),
  /** Records changed here and not yet in the repository, counted up to `waitingCountedTo` + 1 (domain/repository/progress.ts). */
  waiting: z.number(),
  conflicts: z.number(),
  problems: z.array(problem),
  lastError: z.string().nullable(),
  /** A sync running in the background of this app (null when none is, or in the CLI). */
  syncing: syncProgress.nullable(),
});
export type RepoStatusView = z.infer<typeof repoStatus>;

export const syncReport = z.object({
  ok: z.boolean(),
  message: z.string(),
  commit: z.string().nullable(),
  sent: counts,
  received: counts,
  conflicts: z.number(),
  problems: z.array(problem),
  attempts: z.number(),
});
export type SyncReportView = z.infer<typeof syncReport>;

export const conflict = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  key: z.string(),
  field: z.string(),
  kept: z.unknown(),
  lost: z.unknown(),
  lostSide: z.string(),
  restoredRecord: z.boolean(),
});
export type ConflictView = z.infer<typeof conflict>;

export const syncOperations = {
  'repo.connect': {
    input: z.strictObject({
      /** A remote git can reach (SSH, HTTPS with the user's credential helper, a path); none = a new local repository. */
      url: z
        .string()
        .trim()
        .min(1, { message: 'must be a repository URL or path' })
        .max(2000)
        .refine((u) => !u.startsWith('-'), { message: 'must not start with “-”' })
        .nullable()
        .default(null),
    }),
    output: repoStatus,
    summary: 'Clone the team’s reliability repository (or start a new local one) for this device.',
  },
  'repo.status': {
    input: z.strictObject({}),
    output: repoStatus,
    summary: 'Connected? Last sync, changes waiting, conflicts, problems.',
  },
  'repo.sync': {
    input: z.strictObject({}),
    output: syncReport,
    summary: 'Send this device’s changes and bring in everyone else’s.',
  },
  'repo.conflicts': {
    input: z.strictObject({}),
    output: z.array(conflict),
    summary: 'Values set aside by merges, newest first.',
  },
  'repo.resolveConflict': {
    input: z.strictObject({
      id: z.number().int().min(1),
      /** restore: bring the set-aside value back (it syncs as a new edit); dismiss: keep what won. */
      action: z.enum(['restore', 'dismiss'], { message: 'must be restore or dismiss' }),
    }),
    output: z.object({ id: z.number(), action: z.string() }),
    summary: 'Restore a set-aside value, or dismiss the conflict.',
  },
} as const;
