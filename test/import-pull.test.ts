// `oncall import … --api`: the built CLI pulls from a replay server on 127.0.0.1 that answers with
// the platforms' documented list responses (the fixtures in test/fixtures/history name their
// sources), split into pages the way each API paginates — PagerDuty by offset while `more` is
// true, Opsgenie by `paging.next` (https://docs.opsgenie.com/docs/pagination), Grafana OnCall by
// `next` (https://grafana.com/docs/oncall/latest/oncall-api-reference/alertgroups/) — and with
// a 429 + Retry-After, a 5xx, a cut connection, a 401 and a stop half-way. The token is read
// from an environment variable and must appear in no file of the data directory and no output.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, tempDir, testEnv } from './helpers';
import { replay, type Step } from './replay';

const fixtures = path.join(__dirname, 'fixtures', 'history');
const read = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;
const token = 'tok-3f9a1c-do-not-leak';

/** The built CLI, run without blocking this process (the replay server answers meanwhile). */
function oncall(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: testEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every file under the data directory (the store, its WAL, the pulled pages, the resume state). */
function everyFile(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

function expectNoToken(dir: string, ...outputs: string[]): void {
  const files = everyFile(dir);
  expect(files.some((file) => file.endsWith('oncall.db'))).toBe(true);
  for (const file of files) expect(fs.readFileSync(file).includes(token), file).toBe(false);
  for (const output of outputs) expect(output).not.toContain(token);
}

const ok = (body: unknown): Step => ({ status: 200, body: JSON.stringify(body) });

describe('oncall import --api', () => {
  it('pulls PagerDuty page by page through a 429, a 5xx and a cut connection, then imports', async () => {
    const server = await replay();
    server.steps.set('/incidents', [
      { status: 200, body: fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-1.json'), 'utf8') },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 503 },
      'cut',
      { status: 200, body: fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8') },
    ]);
    const dir = tempDir();
    const args = ['import', 'pagerduty', '--api', '--since', '2026-06-01', '--base-url', server.url, '--data-dir', dir];
    const run = await oncall([...args, '--apply', '--progress', '--json'], { PAGERDUTY_TOKEN: token });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 'pagerduty', applied: true, new: 4, skipped: [] });
    expect(run.stderr).toContain('pulled 4 records');
    expect(server.requests.map((r) => new URL(r.path, server.url).searchParams.get('offset'))).toEqual([
      '0',
      '2',
      '2',
      '2',
      '2',
    ]);
    const first = new URL(server.requests[0]?.path ?? '', server.url).searchParams;
    // --since as midnight UTC; "until" is the workstation's now (ONCALL_NOW), not the machine's clock.
    expect([first.get('since'), first.get('until')]).toEqual(['2026-06-01T00:00:00.000Z', '2026-11-25T10:00:00.000Z']);
    expect(server.requests.every((r) => r.auth === `Token token=${token}`)).toBe(true);
    expectNoToken(dir, run.stdout, run.stderr);

    // Pulled again (a new "until now"): the same incidents change nothing.
    server.steps.set('/incidents', [
      { status: 200, body: fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-1.json'), 'utf8') },
      { status: 200, body: fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8') },
    ]);
    const again = await oncall([...args, '--apply', '--json'], { PAGERDUTY_TOKEN: token });
    expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
  });

  it('resumes a stopped pull where it stopped, and stops on a refused token with a clear error', async () => {
    const server = await replay();
    const dir = tempDir();
    const args = ['import', 'pagerduty', '--api', '--since', '2026-06-01', '--base-url', server.url, '--data-dir', dir];
    server.steps.set('/incidents', [
      { status: 200, body: fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-1.json'), 'utf8') },
      { status: 400, body: '{"error":{"message":"Invalid Input Provided","code":2001}}' },
    ]);
    const stopped = await oncall([...args, '--apply'], { PAGERDUTY_TOKEN: token });
    expect(stopped).toMatchObject({ code: 1, stdout: '' });
    expect(stopped.stderr).toBe('oncall: --api: PagerDuty answered HTTP 400 at offset 2\n');

    server.steps.set('/incidents', [
      { status: 200, body: fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8') },
    ]);
    const resumed = await oncall([...args, '--apply', '--json'], { PAGERDUTY_TOKEN: token });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ new: 4 });
    // The second run asked only for what the first did not get, for the same range.
    const asked = server.requests.slice(2).map((r) => new URL(r.path, server.url).searchParams);
    expect(asked.map((q) => [q.get('offset'), q.get('until')])).toEqual([['2', '2026-11-25T10:00:00.000Z']]);
    expectNoToken(dir, stopped.stderr, resumed.stdout, resumed.stderr);

    server.steps.set('/incidents', [{ status: 401, body: '{"error":{"message":"Unauthorized","code":2006}}' }]);
    const refusedDir = tempDir();
    const refused = await oncall(
      ['import', 'pagerduty', '--api', '--since', '2026-06-01', '--base-url', server.url, '--data-dir', refusedDir],
      { PAGERDUTY_TOKEN: token },
    );
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      'oncall: --api: PagerDuty refused the token (HTTP 401); check the key, its access and the address\n',
    );
    expectNoToken(refusedDir, refused.stderr);
  });

  it('pulls Opsgenie alerts by following paging.next, through a 429 and a 5xx', async () => {
    const server = await replay();
    const documented = read('opsgenie-alerts.json');
    const alerts = documented.data as unknown[];
    const pageAt = (offset: number, next: boolean): Step =>
      ok({
        data: alerts.slice(offset, offset + 1),
        paging: {
          ...(next
            ? { next: `${server.url}/v2/alerts?query=x&offset=${offset + 1}&limit=1&sort=createdAt&order=asc` }
            : {}),
          first: `${server.url}/v2/alerts?query=x&offset=0&limit=1&sort=createdAt&order=asc`,
          last: `${server.url}/v2/alerts?query=x&offset=1&limit=1&sort=createdAt&order=asc`,
        },
        took: documented.took,
        requestId: documented.requestId,
      });
    server.steps.set('/v2/alerts', [
      pageAt(0, true),
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 502 },
      pageAt(1, false),
    ]);
    const dir = tempDir();
    const run = await oncall(
      ['import', 'opsgenie', '--api', '--since', '2017-01-01', '--until', '2017-06-01', '--token-env', 'MY_GENIE'],
      {},
    );
    // Without the variable: a usage error naming it, before anything is asked.
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^oncall: --token-env: the environment variable MY_GENIE is not set/);
    expect(server.requests).toEqual([]);

    const pulled = await oncall(
      [
        'import',
        'opsgenie',
        '--api',
        '--since',
        '2017-01-01',
        '--until',
        '2017-06-01',
        '--token-env',
        'MY_GENIE',
        '--base-url',
        server.url,
        '--data-dir',
        dir,
        '--apply',
        '--json',
      ],
      { MY_GENIE: token },
    );
    expect(pulled.stderr).toBe('');
    expect(JSON.parse(pulled.stdout)).toMatchObject({ source: 'opsgenie', new: 2 });
    const first = new URL(server.requests[0]?.path ?? '', server.url).searchParams;
    expect(first.get('query')).toBe(
      `createdAt >= ${Date.parse('2017-01-01T00:00:00Z')} AND createdAt < ${Date.parse('2017-06-01T00:00:00Z')}`,
    );
    expect(server.requests.map((r) => new URL(r.path, server.url).searchParams.get('offset'))).toEqual([
      '0',
      '1',
      '1',
      '1',
    ]);
    expect(server.requests.every((r) => r.auth === `GenieKey ${token}`)).toBe(true);
    expectNoToken(dir, pulled.stdout, pulled.stderr);
  });

  it('pulls Grafana OnCall alert groups and users by following next, and refuses a next link to another host', async () => {
    const server = await replay();
    const groups = read('grafana-oncall-alert-groups.json');
    const results = groups.results as unknown[];
    const users = read('grafana-oncall-users.json');
    const groupPage = (n: number, next: string | null): Step =>
      ok({ ...groups, count: results.length, next, previous: null, results: results.slice(n, n + 1), page_size: 1 });
    server.steps.set('/api/v1/alert_groups/', [
      groupPage(0, `${server.url}/api/v1/alert_groups/?page=2&started_at=x`),
      'cut',
      groupPage(1, null),
    ]);
    server.steps.set('/api/v1/users/', [ok(users)]);
    const dir = tempDir();
    const base = ['import', 'grafana-oncall', '--api', '--since', '2020-05-01', '--until', '2020-06-01'];
    const missingUrl = await oncall([...base, '--data-dir', dir], { GRAFANA_ONCALL_TOKEN: token });
    expect(missingUrl.stderr).toBe(
      'oncall: --base-url: give the Grafana OnCall API URL (OnCall → Settings → API tokens)\n',
    );

    const run = await oncall([...base, '--base-url', server.url, '--data-dir', dir, '--apply', '--json'], {
      GRAFANA_ONCALL_TOKEN: token,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 'grafana-oncall', new: 2 });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v1/alert_groups/?started_at=2020-05-01T00%3A00%3A00_2020-06-01T00%3A00%3A00',
      '/api/v1/alert_groups/?page=2&started_at=x',
      '/api/v1/alert_groups/?page=2&started_at=x',
      '/api/v1/users/',
    ]);
    expect(server.requests.every((r) => r.auth === token)).toBe(true);
    expectNoToken(dir, run.stdout, run.stderr);

    // A next link elsewhere would take the token with it: not followed.
    server.steps.set('/api/v1/alert_groups/', [groupPage(0, 'https://elsewhere.example/api/v1/alert_groups/?page=2')]);
    const elsewhere = await oncall(
      ['import', 'grafana-oncall', '--api', '--since', '2021-01-01', '--base-url', server.url, '--data-dir', dir],
      { GRAFANA_ONCALL_TOKEN: token },
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/the next page is on another host \(https:\/\/elsewhere\.example\); not followed/);
  });
});
