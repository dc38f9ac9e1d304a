// Real parts for tests: temp data directories with real SQLite stores, the built CLI as a
// child process, and `oncall serve` started the way a user starts it.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { OperationInput, OperationName, OperationOutput } from '../shared/contract';
import type { Result } from '../shared/result';
import { openWorkstation, type Workstation, type WorkstationOptions } from '../electron/workstation';
import { clockStartingAt } from '../electron/clock';

export const root = path.resolve(__dirname, '..');

/**
 * "Now" for every test that does not choose its own: a Wednesday, 10:00 UTC — business hours in
 * UTC. In-process stores get a clock starting here (it advances with elapsed time); the CLI and
 * `oncall serve` get it as ONCALL_NOW, with TZ=UTC; Chromium gets it through Playwright's clock
 * (test/e2e/browser.ts). No test reads the real clock or depends on the machine's zone.
 */
export const testNowIso = '2026-11-25T10:00:00.000Z';
export const testNow = Date.parse(testNowIso);
/** The zone the test's processes run in, and a new device's first person's zone in-process. */
export const testZone = 'UTC';
/** What a child process of a test gets: the tests' now and zone, unless the test says otherwise. */
export function testEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ONCALL_NOW: testNowIso, TZ: testZone, ...env };
}
export const cliPath = path.join(root, 'bin', 'oncall.cjs');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

export function tempDir(prefix = 'oncall-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A data folder set up once per test file by `build` (through the built CLI, say) and copied
 * afresh for each call: the tests that start from the same store pay for its setup once, and none
 * sees another's writes. Call it at the top of a test file (it registers the template's removal).
 */
export function storeOnce(build: (dir: string) => void): () => string {
  let template: string | undefined;
  afterAll(() => {
    if (template !== undefined) fs.rmSync(template, { recursive: true, force: true });
  });
  return () => {
    if (template === undefined) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-test-template-'));
      build(dir);
      template = dir;
    }
    const dir = tempDir();
    fs.cpSync(template, dir, { recursive: true });
    return dir;
  };
}

export function tempWorkstation(options: WorkstationOptions = {}, dir = tempDir()): Workstation {
  const ws = openWorkstation(dir, {
    checkOutputs: true,
    now: clockStartingAt(testNow),
    timeZone: testZone,
    ...options,
  });
  cleanups.unshift(() => ws.close());
  return ws;
}

/** Calls an operation and returns its value, failing the test with the error otherwise. */
export function invokeOk<N extends OperationName>(
  ws: Workstation,
  name: N,
  input: OperationInput<N>,
): OperationOutput<N> {
  const result = ws.table.invoke(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.kind} ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

export function invoke(ws: Workstation, name: string, input: unknown): Result<unknown> {
  return ws.table.invoke(name, input);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    env: testEnv(env),
    timeout: 60_000,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The built CLI on a data folder: what it printed, or an error with what it said when it failed. */
export function cliOk(dataDir: string, ...args: string[]): string {
  const run = runCli([...args, '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`oncall ${args.join(' ')}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** Ann Berg (UTC) is this device, and has logged one page by hand, not triaged: "Index lag above
 * 5 min" on search-indexer, 2026-11-25 06:00Z (the Import panel's tests import beside it). */
export function annLoggedOnePage(dir: string): void {
  cliOk(dir, 'me', 'set', '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC');
  cliOk(
    dir,
    'page',
    'add',
    '--service',
    'search-indexer',
    '--severity',
    '3',
    '--summary',
    'Index lag above 5 min',
    '--at',
    '2026-11-25T06:00:00Z',
  );
}

export interface Served {
  url: string;
  origin: string;
  port: number;
  token: string;
  process: ChildProcessWithoutNullStreams;
  stop: () => Promise<void>;
}

/** `oncall serve --port 0 --data-dir DIR`, waiting for its first line. */
export function serve(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: testEnv(env),
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  cleanups.push(() => void stop());
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`oncall serve exited ${code}: ${err}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const first = out.split('\n')[0] ?? '';
      const match = /^Serving on (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)$/.exec(first);
      if (match && out.includes('\n')) {
        resolve({
          url: `${match[1]}/?token=${match[3]}`,
          origin: match[1] ?? '',
          port: Number(match[2]),
          token: match[3] ?? '',
          process: child,
          stop,
        });
      }
    });
  });
}
