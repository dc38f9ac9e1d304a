// A calendar URL that never stops sending: the download is read as it arrives and cut at the
// 5 MB cap, in the importer and in the built CLI, from a local server on 127.0.0.1.

import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchCalendar } from '../../electron/import/fetch-feed';
import { maxFeedBytes } from '../../electron/import/ical';
import { cliPath, invokeOk, tempDir, tempWorkstation } from '../helpers';
import { withinBounds } from './measure';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** /endless.ics sends forever (chunked); /announced.ics says it is 6 GB; the bytes sent are counted. */
async function hostileServer(): Promise<{ base: string; sent: () => number }> {
  let sent = 0;
  server = http.createServer((req, res) => {
    if (req.url === '/announced.ics') {
      res.writeHead(200, { 'Content-Type': 'text/calendar', 'Content-Length': String(6 * 1024 ** 3) });
      res.write('BEGIN:VCALENDAR\r\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/calendar' });
    const line = Buffer.from(`X-PADDING:${'x'.repeat(1000)}\r\n`);
    res.write('BEGIN:VCALENDAR\r\n');
    const pump = (): void => {
      while (!res.destroyed && res.write(line)) sent += line.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent };
}

describe('a calendar URL is read up to the size cap as it arrives', () => {
  it('an endless body is stopped at 5 MB, naming the URL and the limit', async () => {
    const { base, sent } = await hostileServer();
    const { value: message } = await withinBounds(() =>
      fetchCalendar(`${base}/endless.ics`, { maxBytes: maxFeedBytes, timeoutMs: 20_000 }).then(
        () => 'read',
        (error: Error) => error.message,
      ),
    );
    expect(message).toBe(
      `${base}/endless.ics sends more than 5 MB; a calendar is read up to 5 MB (the download was stopped there)`,
    );
    // The server was stopped soon after the cap, not after gigabytes.
    expect(sent()).toBeLessThan(64 * 1024 * 1024);
  });

  it('a body announced as larger than the cap is not read at all', async () => {
    const { base } = await hostileServer();
    const { value: message } = await withinBounds(() =>
      fetchCalendar(`${base}/announced.ics`, { maxBytes: maxFeedBytes, timeoutMs: 20_000 }).then(
        () => 'read',
        (error: Error) => error.message,
      ),
    );
    expect(message).toBe(`${base}/announced.ics sends 6144 MB; a calendar is read up to 5 MB`);
  });

  it('the built CLI refuses the endless URL (exit 2) and stores nothing', async () => {
    const { base } = await hostileServer();
    const dataDir = tempDir();
    const { value: run } = await withinBounds(
      () =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [
            cliPath,
            'rotation',
            'import',
            'Search',
            `${base}/endless.ics`,
            '--apply',
            '--data-dir',
            dataDir,
          ]);
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('exit', (code) => resolve({ code, stderr }));
        }),
    );
    expect(run.stderr).toMatch(/^oncall: URL: http:\/\/127\.0\.0\.1:\d+\/endless\.ics sends more than 5 MB/);
    // A bad value (the URL's content), as for a 404.
    expect(run.code).toBe(2);
    expect(invokeOk(tempWorkstation({}, dataDir), 'rotations.list', {})).toEqual([]);
  });
});
