// `oncall import pagerduty|opsgenie|grafana-oncall --api --since DATE`: the live pulls as the CLI
// runs them. The token is read from an environment variable only (never a flag, so it is not in
// the shell's history or `ps`), and is passed to the pull in memory. The pages go into
// DATA_DIR/pulls/<platform>-<range hash>/ with the pull's resume state; the token is in no file.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pullPagerDuty } from '../import/history/pull';
import { pullGrafanaOnCall, pullOpsgenie } from '../import/history/pull-cursor';
import { PullError } from '../import/history/pull-http';
import { OperationFailure } from '../operations/errors';
import { UsageError } from './command';

export type PullPlatform = 'pagerduty' | 'opsgenie' | 'grafana-oncall';

export const tokenVariables: Record<PullPlatform, string> = {
  pagerduty: 'PAGERDUTY_TOKEN',
  opsgenie: 'OPSGENIE_API_KEY',
  'grafana-oncall': 'GRAFANA_ONCALL_TOKEN',
};

export const defaultBaseUrls: Record<PullPlatform, string | null> = {
  pagerduty: 'https://api.pagerduty.com',
  opsgenie: 'https://api.opsgenie.com',
  'grafana-oncall': null, // each OnCall has its own API URL (Settings → API tokens shows it)
};

/** PagerDuty answers at most 6 months per `GET /incidents` range: longer ones go window by window. */
const pagerDutyWindowMs = 180 * 86_400_000;

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

function instant(value: string, flag: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value.trim();
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !Number.isFinite(Date.parse(text)))
    throw new UsageError(`${flag}: "${value}" is not a date (YYYY-MM-DD) or an instant with its zone`);
  return new Date(Date.parse(text)).toISOString();
}

interface RangeFile {
  until: string;
  complete: boolean;
}

/** Pulls the range into its folder (resuming an unfinished pull of the same range); returns the files. */
export async function pullForImport(request: PullRequest): Promise<{ name: string; path: string }[]> {
  const { platform } = request;
  const variable = request.tokenVariable ?? tokenVariables[platform];
  const token = request.env[variable];
  if (!token)
    throw new UsageError(
      `--token-env: the environment variable ${variable} is not set (put the API token there; it is read from the environment only)`,
    );
  const baseUrl = request.baseUrl ?? defaultBaseUrls[platform];
  if (!baseUrl) throw new UsageError('--base-url: give the Grafana OnCall API URL (OnCall → Settings → API tokens)');
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url: "${baseUrl}" is not a URL`);
  }
  if (base.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
    throw new UsageError('--base-url: the token is only sent over https (or to this machine)');
  const since = instant(request.since, '--since');
  const untilGiven = request.until === undefined ? undefined : instant(request.until, '--until');

  // One folder per (platform, address, range); "until now" keeps the instant its first run chose
  // until that pull is complete, so a resumed pull asks for the same range.
  const key = crypto
    .createHash('sha256')
    .update(`${platform}\n${base.href}\n${since}\n${untilGiven ?? 'now'}`)
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(request.dataDir, 'pulls', `${platform}-${key}`);
  const rangeFile = path.join(dir, 'range.json');
  let range: RangeFile | null = null;
  try {
    range = JSON.parse(fs.readFileSync(rangeFile, 'utf8')) as RangeFile;
  } catch {
    range = null;
  }
  if (range?.complete && untilGiven === undefined) {
    fs.rmSync(dir, { recursive: true, force: true }); // a new "until now": pull again from the start
    range = null;
  }
  // "Now" to the minute: a pull is a range of whole minutes.
  const until = untilGiven ?? range?.until ?? new Date(Math.floor(request.now / 60_000) * 60_000).toISOString();
  if (Date.parse(until) <= Date.parse(since)) throw new UsageError(`--until: must be after --since (${since})`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(rangeFile, JSON.stringify({ until, complete: false }));

  let records = 0;
  const onPage = (saved: { file: string; records: number }): void => {
    records += saved.records;
    request.progress(`  pulled ${records} records (${saved.file})`);
  };
  const options = { baseUrl: base.href, token, since, until };
  let files: string[];
  try {
    if (platform === 'pagerduty') {
      files = [];
      for (let from = Date.parse(since), n = 0; from < Date.parse(until); from += pagerDutyWindowMs, n += 1) {
        const to = Math.min(from + pagerDutyWindowMs, Date.parse(until));
        const pulled = await pullPagerDuty({
          ...options,
          since: new Date(from).toISOString(),
          until: new Date(to).toISOString(),
          dir: path.join(dir, `window-${String(n).padStart(3, '0')}`),
          onPage: (saved) => onPage({ file: saved.file, records: saved.incidents }),
        });
        files.push(...pulled.files);
      }
    } else if (platform === 'opsgenie') {
      files = (await pullOpsgenie({ ...options, dir, onPage })).files;
    } else {
      files = (await pullGrafanaOnCall({ ...options, dir, onPage })).files;
    }
  } catch (error) {
    if (error instanceof PullError)
      throw new OperationFailure(
        error.kind === 'unauthorized' ? 'unauthorized' : 'internal',
        `--api: ${error.message}`,
      );
    throw error;
  }
  fs.writeFileSync(rangeFile, JSON.stringify({ until, complete: true }));
  return files.map((file) => ({ name: path.relative(request.dataDir, file), path: file }));
}
