// The live pull against a replay server on 127.0.0.1 that answers with documented PagerDuty list
// pages (test/fixtures/history), a 429 with Retry-After, a 5xx, a cut connection and a 401.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pullPagerDuty, PullError, retryAfterMs } from '../electron/import/history/pull';
import { invokeOk, tempDir, tempWorkstation } from './helpers';
import { replay as replayByPath } from './replay';

const fixtures = path.join(__dirname, 'fixtures', 'history');
const page1 = fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-1.json'), 'utf8');
const page2 = fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8');

type Step = { status: number; body?: string; headers?: Record<string, string> } | 'cut';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Answers each request with the next step; records what was asked. */
async function replay(steps: Step[]): Promise<{ url: string; requests: { url: string; auth: string }[] }> {
  const requests: { url: string; auth: string }[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ url: request.url ?? '', auth: request.headers.authorization ?? '' });
    const step = steps.shift() ?? { status: 500 };
    if (step === 'cut') {
      request.socket.destroy();
      return;
    }
    response.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    response.end(step.body ?? '{}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const range = { since: '2026-01-01T00:00:00Z', until: '2026-06-30T00:00:00Z' };

describe('the PagerDuty pull', () => {
  it('pages through, waits out a 429, retries a 5xx and a cut connection, then imports', async () => {
    const server = await replay([
      { status: 200, body: page1 },
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 503 },
      'cut',
      { status: 200, body: page2 },
    ]);
    const waits: number[] = [];
    const dir = tempDir();
    const pulled = await pullPagerDuty({
      baseUrl: server.url,
      token: 'secret-token',
      ...range,
      dir,
      limit: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(waits).toEqual([7000, 1000, 2000]);
    expect(server.requests.map((r) => new URL(r.url, server.url).searchParams.get('offset'))).toEqual([
      '0',
      '2',
      '2',
      '2',
      '2',
    ]);
    expect(server.requests.every((r) => r.auth === 'Token token=secret-token')).toBe(true);
    expect(pulled.files.map((f) => path.basename(f))).toEqual(['incidents-00000000.json', 'incidents-00000002.json']);
    // The token is in no file the pull wrote.
    for (const file of fs.readdirSync(dir))
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toContain('secret-token');

    const ws = tempWorkstation();
    const files = pulled.files.map((file) => ({ name: path.basename(file), path: file }));
    expect(invokeOk(ws, 'history.apply', { files })).toMatchObject({ new: 4 });
  });

  it('resumes where it stopped, and stops on a refused token', async () => {
    const dir = tempDir();
    const first = await replay([{ status: 200, body: page1 }, { status: 502 }, { status: 502 }]);
    await expect(
      pullPagerDuty({
        baseUrl: first.url,
        token: 't',
        ...range,
        dir,
        limit: 2,
        maxRetries: 1,
        sleep: async () => undefined,
      }),
    ).rejects.toThrow(
      'PagerDuty is failing (HTTP 502 at offset 2, 2 tries); nothing saved is lost — pull again later and it resumes where it stopped',
    );

    const second = await replay([{ status: 200, body: page2 }]);
    const resumed = await pullPagerDuty({
      baseUrl: second.url,
      token: 't',
      ...range,
      dir,
      limit: 2,
      sleep: async () => undefined,
    });
    expect(resumed.resumed).toBe(true);
    expect(second.requests.map((r) => new URL(r.url, second.url).searchParams.get('offset'))).toEqual(['2']);
    expect(resumed.files).toHaveLength(2);

    const refused = await replay([{ status: 401, body: '{"error":{"message":"Unauthorized"}}' }]);
    const error = await pullPagerDuty({
      baseUrl: refused.url,
      token: 'bad',
      ...range,
      dir: tempDir(),
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullError);
    expect(error).toMatchObject({ kind: 'unauthorized' });
    expect((error as Error).message).not.toContain('bad');
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 25 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs(null, now)).toBe(1000);
  });
});

describe('a pull that cannot finish', () => {
  it('names the platform and what to do when the connection is cut, an answer never comes, or it is cancelled', async () => {
    const server = await replayByPath();
    const options = { baseUrl: server.url, token: 'secret-token', ...range, limit: 2, maxRetries: 1 };
    server.steps.set('/incidents', ['cut', 'cut']);
    await expect(pullPagerDuty({ ...options, dir: tempDir(), sleep: async () => undefined })).rejects.toThrow(
      'the connection to PagerDuty was lost (at offset 0, 2 tries); check the network and the address, then pull again: it resumes where it stopped',
    );

    const never = new Promise<void>(() => undefined);
    const hold = { held: never, then: { status: 200 } } as const;
    server.steps.set('/incidents', [hold, hold]);
    await expect(
      pullPagerDuty({ ...options, dir: tempDir(), timeoutMs: 200, sleep: async () => undefined }),
    ).rejects.toThrow(
      'PagerDuty did not answer within 0.2 s (at offset 0, 2 tries); check the network and the address, then pull again: it resumes where it stopped',
    );

    const abort = new AbortController();
    server.steps.set('/incidents', [{ status: 200, body: page1 }, hold]);
    const dir = tempDir();
    const stopped = pullPagerDuty({
      ...options,
      dir,
      signal: abort.signal,
      onPage: () => setTimeout(() => abort.abort(), 50),
    }).catch((e: unknown) => e);
    expect(await stopped).toMatchObject({ kind: 'cancelled' });
    // The page saved before the cancel stays for the resume.
    expect(fs.readdirSync(dir).sort()).toEqual(['incidents-00000000.json', 'pull-state.json']);
  });
});
