// A live pull of one platform over a range of time, as every door runs it (the CLI's
// `oncall import … --api`, the Import panel through pull-door.ts): the address and range checked,
// the pages saved into DATA_DIR/pulls/<platform>-<hash of address and range>/ with the resume
// state, progress after every page. The token is passed in memory and sent in a header only; it
// is in no file here, no error and no progress line.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultPullBaseUrls,
  pullPlatformNames,
  type PullPlatform,
  type PullStatusView,
} from '../../../shared/history-pull-contract';
import { OperationFailure } from '../../operations/errors';
import { pullPagerDuty } from './pull';
import { pullGrafanaOnCall, pullOpsgenie } from './pull-cursor';
import { PullError, writeAtomically, type PullTiming } from './pull-http';

/** PagerDuty answers at most 6 months per `GET /incidents` range: longer ones go window by window. */
const pagerDutyWindowMs = 180 * 86_400_000;

export interface RangeRequest {
  platform: PullPlatform;
  since: string;
  until: string | undefined;
  token: string;
  baseUrl: string | undefined;
  dataDir: string;
  now: number;
  timing?: PullTiming;
  /** After every saved page: records and pages so far (a resumed pull counts what it had). */
  onProgress?: (progress: { records: number; pages: number; file: string }) => void;
  /** Once the range is known, before the first request. */
  onStart?: (range: PulledRange) => void;
}

/** What range.json keeps beside a pull's pages (never the token). */
interface RangeFile {
  platform?: PullPlatform;
  baseUrl?: string;
  since?: string;
  /** The instant asked up to; for "until now", the one its first run chose. */
  until: string;
  untilNow?: boolean;
  complete: boolean;
  records?: number;
  pages?: number;
}

export interface PulledRange {
  id: string;
  platform: PullPlatform;
  baseUrl: string;
  since: string;
  until: string | null;
  records: number;
  pages: number;
}

export interface PulledFile {
  /** Relative to the pull's folder (`incidents-00000000.json`, `window-001/…`). */
  name: string;
  path: string;
  bytes: number;
  reference: boolean;
}

export interface RangePullResult extends PulledRange {
  dir: string;
  files: PulledFile[];
  resumed: boolean;
  complete: boolean;
}

const bad = (field: string, message: string): OperationFailure =>
  new OperationFailure('invalid_input', `${field}: ${message}`, field);

function instant(value: string, field: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value.trim();
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !Number.isFinite(Date.parse(text)))
    throw bad(field, `"${value}" is not a date (YYYY-MM-DD) or an instant with its zone`);
  return new Date(Date.parse(text)).toISOString();
}

/** The address a token may be sent to: https, or this machine (a replay server in tests). */
export function pullAddress(platform: PullPlatform, given: string | undefined): string {
  const baseUrl = given ?? defaultPullBaseUrls[platform];
  if (!baseUrl) throw bad('baseUrl', 'give the Grafana OnCall API URL (OnCall → Settings → API tokens)');
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw bad('baseUrl', `"${baseUrl}" is not a URL`);
  }
  if (base.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
    throw bad('baseUrl', 'the token is only sent over https (or to this machine)');
  return base.href;
}

export const pullsDir = (dataDir: string): string => path.join(dataDir, 'pulls');

function readRange(dir: string): RangeFile | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'range.json'), 'utf8')) as RangeFile;
  } catch {
    return null;
  }
}

function listed(file: string, dir: string, platform: PullPlatform): PulledFile {
  const name = path.relative(dir, file).split(path.sep).join('/');
  return {
    name,
    path: file,
    bytes: fs.statSync(file).size,
    reference: platform === 'grafana-oncall' && name.startsWith('users-'),
  };
}

/** Pulls the range into its folder (resuming an unfinished pull of the same range). */
export async function pullRange(request: RangeRequest): Promise<RangePullResult> {
  const { platform } = request;
  const baseUrl = pullAddress(platform, request.baseUrl);
  const since = instant(request.since, 'since');
  const untilGiven = request.until === undefined ? undefined : instant(request.until, 'until');

  // One folder per (platform, address, range); "until now" keeps the instant its first run chose
  // until that pull is complete, so a resumed pull asks for the same range.
  const key = crypto
    .createHash('sha256')
    .update(`${platform}\n${baseUrl}\n${since}\n${untilGiven ?? 'now'}`)
    .digest('hex')
    .slice(0, 16);
  const id = `${platform}-${key}`;
  const dir = path.join(pullsDir(request.dataDir), id);
  let range = readRange(dir);
  if (range?.complete && untilGiven === undefined) {
    fs.rmSync(dir, { recursive: true, force: true }); // a new "until now": pull again from the start
    range = null;
  }
  // "Now" to the minute: a pull is a range of whole minutes.
  const until = untilGiven ?? range?.until ?? new Date(Math.floor(request.now / 60_000) * 60_000).toISOString();
  if (Date.parse(until) <= Date.parse(since)) throw bad('until', `must be after since (${since})`);
  fs.mkdirSync(dir, { recursive: true });
  const state: RangeFile = {
    platform,
    baseUrl,
    since,
    until,
    untilNow: untilGiven === undefined,
    complete: range?.complete === true && untilGiven !== undefined,
    records: range?.records ?? 0,
    pages: range?.pages ?? 0,
  };
  const resumed = state.pages !== undefined && state.pages > 0 && !state.complete;
  writeAtomically(path.join(dir, 'range.json'), JSON.stringify(state));
  const summary = (): PulledRange => ({
    id,
    platform,
    baseUrl,
    since,
    until: state.untilNow ? null : until,
    records: state.records ?? 0,
    pages: state.pages ?? 0,
  });
  request.onStart?.(summary());

  const onPage = (saved: { file: string; records: number }): void => {
    state.records = (state.records ?? 0) + saved.records;
    state.pages = (state.pages ?? 0) + 1;
    writeAtomically(path.join(dir, 'range.json'), JSON.stringify(state));
    request.onProgress?.({ records: state.records, pages: state.pages, file: saved.file });
  };
  const options = { ...request.timing, baseUrl, token: request.token, since, until };
  let files: string[];
  let complete = true;
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
    if (error instanceof PullError && error.kind === 'cancelled') {
      files = [];
      complete = false;
    } else if (error instanceof PullError)
      throw new OperationFailure(error.kind === 'unauthorized' ? 'unauthorized' : 'internal', error.message);
    else throw error;
  }
  if (complete) {
    state.complete = true;
    writeAtomically(path.join(dir, 'range.json'), JSON.stringify(state));
  }
  return {
    ...summary(),
    dir,
    files: files.map((file) => listed(file, dir, platform)),
    resumed,
    complete,
  };
}

/** Pulls in this data directory that stopped before the end (pulling the same range resumes them). */
export function stoppedPulls(dataDir: string): PullStatusView['stopped'] {
  let names: string[];
  try {
    names = fs.readdirSync(pullsDir(dataDir));
  } catch {
    return [];
  }
  const out: PullStatusView['stopped'] = [];
  for (const id of names.sort()) {
    const range = readRange(path.join(pullsDir(dataDir), id));
    if (!range || range.complete || !range.platform || !range.baseUrl || !range.since) continue;
    if (!(range.platform in pullPlatformNames)) continue;
    out.push({
      id,
      platform: range.platform,
      baseUrl: range.baseUrl,
      since: range.since,
      until: range.untilNow ? null : range.until,
      records: range.records ?? 0,
      pages: range.pages ?? 0,
    });
  }
  return out;
}

/** A file a pull saved, by its pull and name (both checked by the contract), as a path to read. */
export function pulledFilePath(dataDir: string, pull: string, name: string): string {
  const file = path.resolve(pullsDir(dataDir), pull, ...name.split('/'));
  if (!file.startsWith(path.resolve(pullsDir(dataDir)) + path.sep))
    throw new OperationFailure('invalid_input', `files: ${name} is not a pulled file`, 'files');
  return file;
}
