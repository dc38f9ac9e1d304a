// `oncall serve`: the renderer and every operation over loopback HTTP, for browsers and e2e tests.
// Binds 127.0.0.1 only; every /api/ request needs the per-start bearer token; a foreign Host or
// Origin (DNS rebinding, other sites) is refused before anything else is read.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ErrorKind, Result } from '../../shared/result';
import { refusedFromPage } from '../operations/doors';
import type { OperationTable } from '../operations/table';
import type { AsyncOperations } from '../sync/background';
import { withImportWorker, type ImportWorkerOptions } from '../import/background';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const maxBodyBytes = 1024 * 1024;

const statusOf: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthorized: 401,
  unknown_operation: 404,
  not_found: 404,
  store_too_new: 409,
  store_busy: 503,
  internal: 500,
  stale: 409,
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ServeOptions {
  table: OperationTable;
  /** Operations that may take long (a sync), run without holding up the others. */
  operations?: AsyncOperations;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** The operations' clock (ctx.now): calendar imports read their window from it. */
  now?: () => number;
  /** Calendar imports run in a worker thread with a deadline and a memory ceiling. */
  imports?: ImportWorkerOptions;
}

export interface RunningServer {
  port: number;
  token: string;
  url: string;
  close: () => Promise<void>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': contentSecurityPolicy,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

/**
 * An operation's own failures (invalid input, not found, busy) are values: 200 with
 * `{ok: false, error}`, as over the Electron bridge, so a browser logs no failed request for a
 * typo in a form. HTTP errors are for the transport: token, Host/Origin, body, unknown route.
 */
function sendResult(res: http.ServerResponse, result: Result<unknown>): void {
  const transportError = !result.ok && result.error.kind === 'unknown_operation';
  send(res, transportError ? statusOf.unknown_operation : 200, JSON.stringify(result));
}

function refuse(res: http.ServerResponse, kind: ErrorKind, status: number, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { kind, message } }));
}

/**
 * The body, or undefined past maxBodyBytes: a body announced as too large is refused before it
 * is read, one that grows too large stops being kept (refuseTooLarge drops the rest).
 */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        chunks.length = 0;
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Past this much more of a refused body, the connection is cut after all. */
const maxDrainedBytes = 64 * 1024 * 1024;

/**
 * 413 with the reason as JSON. The client may still be sending: what arrives is read and
 * dropped (up to maxDrainedBytes), since closing a socket with unread data resets it and the
 * client would see ECONNRESET instead of the answer.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > maxDrainedBytes) req.destroy();
  });
  req.resume();
  refuse(
    res,
    'invalid_input',
    413,
    `The body is larger than ${maxBodyBytes / 1024 / 1024} MiB (${maxBodyBytes} bytes); nothing was done.`,
  );
}

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;

  // Host names are case-insensitive (RFC 9110): LOCALHOST:port is this server too.
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((host) => `http://${host}`);
  const table = options.table;
  const operations = withImportWorker(
    table,
    options.operations ?? { invoke: (name, input) => Promise.resolve(table.invoke(name, input)) },
    { now: options.now, ...options.imports },
  );

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, operation: string): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    if (!sameToken(given, token))
      return refuse(res, 'unauthorized', 401, 'A valid token is required (Authorization: Bearer <token>).');
    if (req.method !== 'POST') return refuse(res, 'invalid_input', 405, 'Operations are called with POST.');
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json'))
      return refuse(res, 'invalid_input', 415, 'The body must be JSON (Content-Type: application/json).');
    const body = await readBody(req);
    if (body === undefined) return refuseTooLarge(req, res);
    let input: unknown = {};
    if (body.trim().length > 0) {
      try {
        input = JSON.parse(body);
      } catch {
        return refuse(res, 'invalid_input', 400, 'The body is not valid JSON.');
      }
    }
    sendResult(res, refusedFromPage(operation, input) ?? (await operations.invoke(operation, input)));
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 'invalid_input', 405, 'Only GET is served here.');
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      return refuse(res, 'invalid_input', 400, 'Bad request URL.');
    }
    const file = path.resolve(staticRoot, relative);
    if (!file.startsWith(staticRoot + path.sep)) return refuse(res, 'not_found', 404, 'Not found.');
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      return refuse(res, 'not_found', 404, 'Not found.');
    }
    const type = mimeTypes[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': contentSecurityPolicy,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host.toLowerCase()))
      return refuse(res, 'unauthorized', 403, `Refused: foreign Host "${host}".`);
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin.toLowerCase()))
      return refuse(res, 'unauthorized', 403, `Refused: foreign Origin "${origin}".`);
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', `http://${host}`).pathname;
    } catch {
      return refuse(res, 'invalid_input', 400, 'Bad request URL.');
    }
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname.slice('/api/'.length)).catch(() => {
        if (!res.headersSent) refuse(res, 'internal', 500, 'The request could not be read.');
      });
      return;
    }
    handleStatic(req, res, pathname);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('The server has no port.'));
      port = address.port;
      resolve({
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
