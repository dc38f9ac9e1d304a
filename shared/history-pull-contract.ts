// Live pulls from the Import panel (issue #14, docs/import.md "Pulling from the app"): start a
// pull of a platform's public API into the data directory, watch it, stop it, forget a kept
// token. The pull runs in the door's process (the app or `oncall serve`), outside the synchronous
// operation table, as a sync does (electron/import/history/pull-door.ts); what it got is then
// previewed and applied by history.preview / history.apply with `{pull, name}` files.
// The token is an input field here and nothing else: no output, error or file ever holds it.

import { z } from 'zod';

export const pullPlatforms = ['pagerduty', 'opsgenie', 'grafana-oncall'] as const;
export type PullPlatform = (typeof pullPlatforms)[number];

export const pullPlatformNames: Record<PullPlatform, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'grafana-oncall': 'Grafana OnCall',
};

/** The platform's public API; Grafana OnCall has none (each instance has its own address). */
export const defaultPullBaseUrls: Record<PullPlatform, string | null> = {
  pagerduty: 'https://api.pagerduty.com',
  opsgenie: 'https://api.opsgenie.com',
  'grafana-oncall': null,
};

const platform = z.enum(pullPlatforms, { message: 'must be pagerduty, opsgenie or grafana-oncall' });
const baseUrl = z.string().trim().min(1, { message: 'must be the API’s address' }).max(2000);
/** A day (YYYY-MM-DD, UTC midnight) or an instant with its zone. */
const when = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i.test(value) &&
      Number.isFinite(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)),
    { message: 'must be a date (YYYY-MM-DD) or an instant with its zone' },
  );
/**
 * Visible ASCII only: a token with a space or a line break would be refused by the HTTP client
 * with an error that quotes the header — the token would then be in a message.
 */
const token = z
  .string()
  .min(1, { message: 'must be the API token (or leave it empty to use the one kept in the keychain)' })
  .max(2000, { message: 'is longer than any platform’s token' })
  .regex(/^[\x21-\x7e]+$/, { message: 'must be the token as the platform shows it: no spaces or line breaks' });

/** Where a pull's files are: `DATA_DIR/pulls/<id>/`. */
export const pullId = z
  .string()
  .regex(/^(pagerduty|opsgenie|grafana-oncall)-[0-9a-f]{16}$/, { message: 'must be a pull’s id' });
/** A file a pull saved (`incidents-00000100.json`, `window-001/…`, `alert-groups-000002.json`, `users-000001.json`). */
export const pulledFileName = z
  .string()
  .regex(/^(window-\d{3}\/)?[a-z]+(-[a-z]+)*-\d{6,8}\.json$/, { message: 'must be a file the pull saved' });

const pulledFile = z.object({
  name: z.string(),
  bytes: z.number(),
  /** Sent with every part (Grafana OnCall's users: names and emails for the groups). */
  reference: z.boolean(),
});

const pullRange = {
  id: z.string(),
  platform,
  baseUrl: z.string(),
  since: z.string(),
  /** null: "until now" (the instant its first run chose is kept until the pull completes). */
  until: z.string().nullable(),
  records: z.number(),
  pages: z.number(),
};

export const pullStatusOutput = z.object({
  /** What this door does with a token asked to be remembered. */
  keychain: z.object({ available: z.boolean(), note: z.string() }),
  /** Platforms and addresses with a token kept in the keychain (never the token). */
  remembered: z.array(z.object({ platform, baseUrl: z.string() })),
  running: z.object({ ...pullRange, startedAt: z.string() }).nullable(),
  /** Pulls that stopped before the end: pulling the same range again resumes them. */
  stopped: z.array(z.object(pullRange)),
});
export type PullStatusView = z.infer<typeof pullStatusOutput>;

export const pullOutput = z.object({
  ...pullRange,
  /** false: cancelled; what was saved stays, and pulling again resumes there. */
  complete: z.boolean(),
  resumed: z.boolean(),
  /** Whether the token is now kept in the keychain. */
  remembered: z.boolean(),
  files: z.array(pulledFile),
});
export type PullView = z.infer<typeof pullOutput>;

export const historyPullOperations = {
  'history.pull': {
    input: z.strictObject({
      platform,
      /** Default: the platform's public API (Grafana OnCall: required). */
      baseUrl: baseUrl.optional(),
      since: when,
      /** Default: now (to the minute). */
      until: when.optional(),
      /** Absent: the token kept in the keychain for this platform and address. */
      token: token.optional(),
      /** Keep the token in the OS keychain (the desktop app only). */
      remember: z.boolean().default(false),
    }),
    output: pullOutput,
    summary: 'Pull a paging platform’s history through its API into this device (then preview and apply it).',
  },
  'history.pullStatus': {
    input: z.strictObject({}),
    output: pullStatusOutput,
    summary: 'The pull under way and how far it got, stopped pulls, and where tokens are kept.',
  },
  'history.pullCancel': {
    input: z.strictObject({}),
    output: z.object({ cancelled: z.boolean() }),
    summary: 'Stop the pull under way (what it saved stays; pulling again resumes).',
  },
  'history.forgetToken': {
    input: z.strictObject({ platform, baseUrl }),
    output: z.object({ forgotten: z.boolean() }),
    summary: 'Remove a token kept in the keychain.',
  },
} as const;
