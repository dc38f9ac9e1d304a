import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { serve, tempDir } from './helpers';

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };

describe('oncall serve', () => {
  it('prints its address and token first, serves the app, and answers operations with the token', async () => {
    const server = await serve(tempDir());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const index = await request(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="root"></div>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe-inline');

    const auth = { ...json, Authorization: `Bearer ${server.token}` };
    const added = await request(server.port, '/api/pages.add', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ service: 'db', severity: 2, summary: 'from the browser' }),
    });
    expect(added.status).toBe(200);
    expect(JSON.parse(added.body)).toMatchObject({ ok: true, value: { summary: 'from the browser' } });

    const bad = await request(server.port, '/api/pages.add', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ service: 'db', severity: 0, summary: 'x' }),
    });
    // The operation's own failures are values (as over the Electron bridge), not HTTP errors.
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'severity' } });
    // A page sends a file's text; it cannot make the app read a local path.
    const byPath = await request(server.port, '/api/history.preview', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ format: 'csv', files: [{ name: 'passwd', path: '/etc/passwd' }] }),
    });
    expect(JSON.parse(byPath.body)).toEqual({
      ok: false,
      error: {
        kind: 'invalid_input',
        message: "files.0.path: a page sends the file's text; only the CLI reads a path",
        field: 'files.0.path',
      },
    });
    const notJson = await request(server.port, '/api/pages.list', { method: 'POST', headers: auth, body: '{oops' });
    expect(notJson.status).toBe(400);
    const unknown = await request(server.port, '/api/pages.drop', { method: 'POST', headers: auth, body: '{}' });
    expect(unknown.status).toBe(404);
    const traversal = await request(server.port, '/../../package.json');
    expect(traversal.status).toBe(404);
    const encodedTraversal = await request(server.port, '/%2e%2e/%2e%2e/package.json');
    expect(encodedTraversal.status).toBe(404);
    // A malformed escape is a bad request, not a crash: the server still answers afterwards.
    expect((await request(server.port, '/%E0')).status).toBe(400);
    expect((await request(server.port, '/')).status).toBe(200);
  });

  it('refuses /api/ requests without the right token (401)', async () => {
    const server = await serve(tempDir());
    const body = JSON.stringify({});
    const none = await request(server.port, '/api/pages.list', { method: 'POST', headers: json, body });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    const wrong = await request(server.port, '/api/pages.list', {
      method: 'POST',
      headers: { ...json, Authorization: 'Bearer nope' },
      body,
    });
    expect(wrong.status).toBe(401);
    const query = await request(server.port, `/api/pages.list?token=${server.token}`, {
      method: 'POST',
      headers: json,
      body,
    });
    expect(query.status).toBe(401);
  });

  it('refuses a foreign Host or Origin even with the token', async () => {
    const server = await serve(tempDir());
    const auth = { ...json, Authorization: `Bearer ${server.token}` };
    const host = await request(server.port, '/api/pages.list', {
      method: 'POST',
      headers: { ...auth, Host: `evil.example:${server.port}` },
      body: '{}',
    });
    expect(host.status).toBe(403);
    const page = await request(server.port, '/', { headers: { Host: 'attacker.test' } });
    expect(page.status).toBe(403);
    const origin = await request(server.port, '/api/pages.list', {
      method: 'POST',
      headers: { ...auth, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(origin.status).toBe(403);
    const ownOrigin = await request(server.port, '/api/pages.list', {
      method: 'POST',
      headers: { ...auth, Origin: server.origin },
      body: '{}',
    });
    expect(ownOrigin.status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const server = await serve(tempDir());
    // The kernel's own table of listening sockets: ours is bound to 127.0.0.1 (0100007F), not 0.0.0.0.
    const table =
      fs.readFileSync('/proc/net/tcp', 'utf8') +
      (fs.existsSync('/proc/net/tcp6') ? fs.readFileSync('/proc/net/tcp6', 'utf8') : '');
    const portHex = server.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = table
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${portHex}`) && cols[3] === '0A')
      .map((cols) => cols[1]);
    expect(listening).toEqual([`0100007F:${portHex}`]);
    // And from any other address of this machine, nobody answers.
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a?.address ?? '');
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect({ address, refused }).toEqual({ address, refused: true });
    }
  });
});
