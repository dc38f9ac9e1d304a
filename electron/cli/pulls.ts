// `oncall import pagerduty|opsgenie|grafana-oncall --api --since DATE`: the live pulls as the CLI
// runs them (electron/import/history/pull-range.ts does the pulling for every door). The token is
// read from an environment variable only (never a flag, so it is not in the shell's history or
// `ps`), and is passed to the pull in memory; the token is in no file.

import type { PullPlatform } from '../../shared/history-pull-contract';
import { pullRange } from '../import/history/pull-range';
import { OperationFailure } from '../operations/errors';
import { UsageError } from './command';

export type { PullPlatform };

export const tokenVariables: Record<PullPlatform, string> = {
  pagerduty: 'PAGERDUTY_TOKEN',
  opsgenie: 'OPSGENIE_API_KEY',
  'grafana-oncall': 'GRAFANA_ONCALL_TOKEN',
};

export interface PullRequest {
  platform: PullPlatform;
  since: string;
  until: string | undefined;
  tokenVariable: string | undefined;
  baseUrl: string | undefined;
  dataDir: string;
  now: number;
  env: NodeJS.ProcessEnv;
  progress: (line: string) => void;
}

/** The pull's own field names as this command's flags. */
const flags: Record<string, string> = { since: '--since', until: '--until', baseUrl: '--base-url' };

/** Pulls the range into its folder (resuming an unfinished pull of the same range); returns the files. */
export async function pullForImport(request: PullRequest): Promise<{ name: string; path: string }[]> {
  const variable = request.tokenVariable ?? tokenVariables[request.platform];
  const token = request.env[variable];
  if (!token)
    throw new UsageError(
      `--token-env: the environment variable ${variable} is not set (put the API token there; it is read from the environment only)`,
    );
  try {
    const pulled = await pullRange({
      platform: request.platform,
      since: request.since,
      until: request.until,
      token,
      baseUrl: request.baseUrl,
      dataDir: request.dataDir,
      now: request.now,
      onProgress: ({ records, file }) => request.progress(`  pulled ${records} records (${file})`),
    });
    return pulled.files.map((file) => ({ name: `pulls/${pulled.id}/${file.name}`, path: file.path }));
  } catch (error) {
    if (error instanceof OperationFailure && error.field && flags[error.field])
      throw new UsageError(`${flags[error.field]}${error.message.slice(error.field.length)}`);
    if (error instanceof OperationFailure) throw new OperationFailure(error.kind, `--api: ${error.message}`);
    throw error;
  }
}
