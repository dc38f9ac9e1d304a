// A replay server on 127.0.0.1 for the live pulls: each request to a path is answered with that
// path's next step — a documented response (test/fixtures/history), an HTTP error with headers
// (429 + Retry-After, 401, 5xx), a cut connection, or a response held until the test lets it go
// (to see a pull's progress, or cancel it). An empty queue answers 500. It records what was asked.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type Step =
  | { status: number; body?: string; headers?: Record<string, string> }
  | 'cut'
  | { held: Promise<void>; then: Exclude<Step, { held: Promise<void> }> };

export interface Replay {
  url: string;
  requests: { path: string; auth: string }[];
  /** Steps by path (`/incidents`, `/v2/alerts`…), answered in order. */
  steps: Map<string, Step[]>;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

function answer(response: http.ServerResponse, request: http.IncomingMessage, step: Step): void {
  if (step === 'cut') {
    request.socket.destroy();
    return;
  }
  if ('held' in step) {
    void step.held.then(() => {
      if (!request.socket.destroyed) answer(response, request, step.then);
    });
    return;
  }
  response.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
  response.end(step.body ?? '{}');
}

export async function replay(): Promise<Replay> {
  const state: Replay = { url: '', requests: [], steps: new Map() };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', state.url);
    state.requests.push({ path: `${url.pathname}${url.search}`, auth: request.headers.authorization ?? '' });
    answer(response, request, state.steps.get(url.pathname)?.shift() ?? { status: 500 });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
