// Live pulls that follow the platform's "next page" link (docs/import.md, "Live pulls"):
// Opsgenie's `GET /v2/alerts` (`paging.next`, https://docs.opsgenie.com/docs/pagination) and
// Grafana OnCall's `GET /api/v1/alert_groups/` and `/api/v1/users/` (`next`,
// https://grafana.com/docs/oncall/latest/oncall-api-reference/alertgroups/). Each page is saved
// into a folder as it comes (then history.apply reads the folder's files like any saved export);
// a state file beside them says which link comes next, so a pull that stops resumes there. The
// state holds addresses only — the token is sent in a header and written nowhere.

import fs from 'node:fs';
import path from 'node:path';
import { fetchPage, pageObject, PullError, writeAtomically, type PullTiming } from './pull-http';

export interface CursorPull extends PullTiming {
  /** Named in errors: "Opsgenie", "Grafana OnCall". */
  platform: string;
  /** Where the pages and the state file go. */
  dir: string;
  /** The pull's saved files are `<prefix>-NNNNNN.json`; its state `<prefix>-state.json`. */
  prefix: string;
  /** What this pull asks for (its first address): a state for another first address starts over. */
  first: string;
  headers: Record<string, string>;
  /** The list every page holds (`data`, `results`). */
  list: string;
  /** The next page's address from a page, or null at the end. */
  next: (page: Record<string, unknown>) => unknown;
  onPage?: (saved: { file: string; records: number; page: number }) => void;
}

interface CursorState {
  first: string;
  next: string | null;
  files: string[];
  done: boolean;
}

function readState(file: string, first: string): CursorState {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as CursorState;
    if (state.first === first && Array.isArray(state.files)) return state;
  } catch {
    // No state yet (or for another range): start at the first page.
  }
  return { first, next: first, files: [], done: false };
}

/** Pulls every page from `first` on (or from where the last run stopped); returns the saved files. */
export async function pullByCursor(options: CursorPull): Promise<{ files: string[]; resumed: boolean }> {
  fs.mkdirSync(options.dir, { recursive: true });
  const stateFile = path.join(options.dir, `${options.prefix}-state.json`);
  const state = readState(stateFile, options.first);
  const resumed = state.files.length > 0 && !state.done;
  const origin = new URL(options.first).origin;
  while (!state.done && state.next) {
    const url = new URL(state.next);
    const number = state.files.length + 1;
    const where = `page ${number} (${url.pathname}${url.search})`;
    // The token goes only where the first page is: a next link to another host is not followed.
    if (url.origin !== origin)
      throw new PullError('bad_response', `${where}: the next page is on another host (${url.origin}); not followed`);
    const body = await fetchPage(url, options.headers, options.platform, where, options);
    const page = pageObject(body, where);
    const records = page[options.list];
    if (!Array.isArray(records))
      throw new PullError('bad_response', `${where}: the answer has no "${options.list}" list`);
    const name = `${options.prefix}-${String(number).padStart(6, '0')}.json`;
    writeAtomically(path.join(options.dir, name), body);
    state.files.push(name);
    options.onPage?.({ file: name, records: records.length, page: number });
    const next = options.next(page);
    state.next = typeof next === 'string' && next !== '' && records.length > 0 ? new URL(next, url).href : null;
    state.done = state.next === null;
    writeAtomically(stateFile, JSON.stringify(state));
  }
  return { files: state.files.map((file) => path.join(options.dir, file)), resumed };
}

export interface RangePull extends PullTiming {
  baseUrl: string;
  token: string;
  since: string;
  until: string;
  dir: string;
  onPage?: CursorPull['onPage'];
}

/**
 * Opsgenie alerts created in [since, until), oldest first, 100 a page. The range is a search
 * query on `createdAt` in Unix milliseconds (Opsgenie's alert search syntax); the auth header is
 * `GenieKey <key>`.
 */
export function pullOpsgenie(options: RangePull): Promise<{ files: string[]; resumed: boolean }> {
  const first = new URL('/v2/alerts', options.baseUrl);
  first.searchParams.set(
    'query',
    `createdAt >= ${Date.parse(options.since)} AND createdAt < ${Date.parse(options.until)}`,
  );
  first.searchParams.set('sort', 'createdAt');
  first.searchParams.set('order', 'asc');
  first.searchParams.set('limit', '100');
  first.searchParams.set('offset', '0');
  return pullByCursor({
    ...options,
    platform: 'Opsgenie',
    prefix: 'alerts',
    first: first.href,
    headers: { Authorization: `GenieKey ${options.token}`, Accept: 'application/json' },
    list: 'data',
    next: (page) => (typeof page.paging === 'object' && page.paging ? (page.paging as { next?: unknown }).next : null),
  });
}

/** `2026-01-01T00:00:00` as Grafana OnCall's `started_at` range wants it (UTC, no zone, no fraction). */
const oncallTime = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 19);

/**
 * Grafana OnCall alert groups started in [since, until) (`started_at={start}_{end}`), then every
 * user (names and emails for the people the groups name by id). The auth header is the token.
 */
export async function pullGrafanaOnCall(options: RangePull): Promise<{ files: string[]; resumed: boolean }> {
  const api = (pathname: string): URL =>
    new URL(pathname, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const groups = api('api/v1/alert_groups/');
  groups.searchParams.set('started_at', `${oncallTime(options.since)}_${oncallTime(options.until)}`);
  const common = {
    ...options,
    platform: 'Grafana OnCall',
    headers: { Authorization: options.token, Accept: 'application/json' },
    list: 'results',
    next: (page: Record<string, unknown>) => page.next,
  };
  const pulledGroups = await pullByCursor({ ...common, prefix: 'alert-groups', first: groups.href });
  const pulledUsers = await pullByCursor({ ...common, prefix: 'users', first: api('api/v1/users/').href });
  return {
    files: [...pulledUsers.files, ...pulledGroups.files],
    resumed: pulledGroups.resumed || pulledUsers.resumed,
  };
}
