// `oncall slo pull` against a real Prometheus (Debian's `prometheus` package): the test writes
// good/total counters as OpenMetrics (three days and ten hours of 1-minute samples before the
// tests' now, with a counter reset), backfills them with `promtool tsdb create-blocks-from
// openmetrics`, starts Prometheus on a free loopback port and pulls through the built CLI. Then:
// the daily totals stored, the budget `slo status` shows, and the errors a person meets
// (unreachable server, a query with no series, a refused query, a deadline, NaN, good above
// total, mismatched series) with nothing stored.
//
// Formats followed: OpenMetrics text (https://github.com/OpenObservability/OpenMetrics, "Counter":
// a `# TYPE name counter` family whose samples are `name_total{labels} value timestamp`, the file
// ending with `# EOF`); promtool's backfill ("Backfilling from OpenMetrics format",
// https://prometheus.io/docs/prometheus/latest/storage/); the SLO as OpenSLO v1's ratio metric with
// `counter: true` (https://github.com/OpenSLO/OpenSLO, README "Ratio Metric").

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, storePath } from '../electron/store/db';
import { pullSlo, PrometheusPullError } from '../electron/import/prometheus-pull';
import { planPull } from '../shared/domain/slo/prometheus-pull';
import { runCli, tempDir, testNow } from './helpers';

const prometheus = '/usr/bin/prometheus';
const promtool = '/usr/bin/promtool';
const hasPrometheus = fs.existsSync(prometheus) && fs.existsSync(promtool);

const minute = 60_000;
const first = Date.parse('2026-11-22T00:00:00Z');
const reset = Date.parse('2026-11-23T06:00:00Z');
const outageFrom = Date.parse('2026-11-24T12:00:00Z');
const outageTo = Date.parse('2026-11-24T13:00:00Z');

/** Errors per minute ending at `t`: 1 all of 23 November, 50 in the outage hour of the 24th. */
function errorsIn(t: number): number {
  if (t > outageFrom && t <= outageTo) return 50;
  if (t > Date.parse('2026-11-23T00:00:00Z') && t <= Date.parse('2026-11-24T00:00:00Z')) return 1;
  return 0;
}

/** 100 requests a minute; the process restarts just before `reset` (both counters start again from 0). */
function openMetrics(): string {
  const ok: string[] = [];
  const errors: string[] = [];
  const partial: string[] = [];
  let okCount = 0;
  let errorCount = 0;
  for (let t = first; t <= testNow; t += minute) {
    if (t > first) {
      const bad = errorsIn(t);
      okCount += 100 - bad;
      errorCount += bad;
    }
    if (t === reset) {
      // Restarted after the previous sample: the counters hold only this minute's requests.
      okCount = 100 - errorsIn(t);
      errorCount = errorsIn(t);
    }
    const s = t / 1000;
    ok.push(`demo_requests_total{code="ok"} ${okCount} ${s}`);
    errors.push(`demo_requests_total{code="error"} ${errorCount} ${s}`);
    if (t >= Date.parse('2026-11-23T00:00:00Z') && t < Date.parse('2026-11-24T00:00:00Z'))
      partial.push(`demo_partial_total ${okCount} ${s}`);
  }
  return [
    '# HELP demo_requests Requests served.',
    '# TYPE demo_requests counter',
    ...ok,
    ...errors,
    '# HELP demo_partial Requests counted on one day only.',
    '# TYPE demo_partial counter',
    ...partial,
    '# EOF',
    '',
  ].join('\n');
}

/** The daily totals worked out by hand: 144,000 requests a day, 1,440 bad on the 23rd, 3,000 in the outage. */
const expectedDays = [
  { day: '2026-11-22', good: 144_000, total: 144_000 },
  { day: '2026-11-23', good: 142_560, total: 144_000 },
  { day: '2026-11-24', good: 141_000, total: 144_000 },
  { day: '2026-11-25', good: 60_000, total: 60_000 }, // to 10:00, the tests' now
];

/** The same at 5-minute steps: the restart hides the 4 minutes before it on the 23rd. */
const fiveMinuteDays = expectedDays.map((d) =>
  d.day === '2026-11-23' ? { ...d, good: d.good - 396, total: d.total - 400 } : d,
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function storedDays(dataDir: string, slo: string) {
  const db = openStore(storePath(dataDir));
  try {
    return db.prepare('SELECT day, good, total FROM sli_days WHERE slo = ? ORDER BY day').all(slo);
  } finally {
    db.close();
  }
}

const sloDocument = (name: string, good: string, total: string, counter = true) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: demo
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: ${counter}
        good:
          metricSource:
            type: Prometheus
            spec:
              query: '${good}'
        total:
          metricSource:
            type: Prometheus
            spec:
              query: '${total}'
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

const title = hasPrometheus
  ? 'oncall slo pull against a real Prometheus'
  : 'oncall slo pull against a real Prometheus — skipped: /usr/bin/prometheus or /usr/bin/promtool is not installed (apt-get install -y prometheus)';

describe.skipIf(!hasPrometheus)(title, () => {
  let server: ChildProcess | undefined;
  let url = '';
  let log = '';
  const work = tempDir('oncall-prometheus-');

  beforeAll(async () => {
    const file = path.join(work, 'demo.om');
    const data = path.join(work, 'data');
    fs.writeFileSync(file, openMetrics());
    const backfill = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', file, data], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (backfill.status !== 0) throw new Error(`promtool failed: ${backfill.stderr}`);
    const config = path.join(work, 'prometheus.yml');
    fs.writeFileSync(config, 'global:\n  scrape_interval: 1h\n'); // no scrape targets: only the backfilled data
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(
      prometheus,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Time retention is measured back from the newest block: keep every backfilled block.
        '--storage.tsdb.retention.time=3650d',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = performance.now() + 15_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
      const ready = await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (performance.now() > deadline) throw new Error(`prometheus was not ready within 15 s: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 30_000);

  afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('pulls an SLO’s window as daily totals (counter reset included) and slo status shows its budget', () => {
    const dir = tempDir();
    const yaml = path.join(dir, 'demo.yaml');
    fs.writeFileSync(yaml, sloDocument('demo-availability', 'demo_requests_total{code="ok"}', 'demo_requests_total'));
    expect(runCli(['slo', 'import', yaml, '--data-dir', dir]).code).toBe(0);

    const pulled = runCli(['slo', 'pull', '--prometheus', url, '--json', '--data-dir', dir]);
    expect(pulled.stderr).toContain('demo-availability: good query, request 1/1');
    expect(pulled.stderr).toContain('demo-availability: total query, request 1/1');
    expect(pulled.code).toBe(0);
    // A 28-day window from the tests' now: from midnight 28 October, in 5-minute steps (8,328 points,
    // one request per query). The restart at 06:00 on the 23rd left only its own minute in the
    // counters: at this step the 4 minutes before it (400 requests, 4 of them bad) are not seen, as
    // Prometheus' increase() would not see them either.
    expect(JSON.parse(pulled.stdout)).toEqual({
      prometheus: `${url}/`,
      slos: [
        {
          name: 'demo-availability',
          from: '2026-11-22',
          to: '2026-11-25',
          days: 4,
          changed: 4,
          step: '5m',
          requests: 2,
          good: 487_164,
          total: 491_600,
        },
      ],
    });
    expect(storedDays(dir, 'demo-availability')).toEqual(fiveMinuteDays);

    // From a later day on the range is short enough for 1-minute steps: exact, and the 23rd is corrected.
    const again = runCli([
      'slo',
      'pull',
      'demo-availability',
      '--since',
      '2026-11-22',
      '--prometheus',
      url,
      '--data-dir',
      dir,
    ]);
    expect(again.stdout).toBe(
      `Pulled demo-availability from ${url}/: 4 days (2026-11-22 to 2026-11-25; 1 changed), 487,560 good of 492,000 events; step 1m, 2 requests.\n`,
    );
    expect(storedDays(dir, 'demo-availability')).toEqual(expectedDays);

    // Hand-worked: 4,440 bad of 457,000 events in the 82 hours covered (the 25th counts 10 of its 24 hours),
    // at that rate over 28 days: bad share 4,440 ÷ (457,000 × 672 ÷ 82) = 0.1186%, 11.9% of a 1% budget.
    const status = runCli(['slo', 'status', 'demo-availability', '--data-dir', dir]);
    expect(status.stdout).toMatch(/^demo\/demo-availability: on track — 88\.1% of budget left/);
    const [json] = JSON.parse(runCli(['slo', 'status', '--json', '--data-dir', dir]).stdout) as {
      consumed: number;
    }[];
    expect(json?.consumed).toBeCloseTo(4440 / ((457_000 * 672) / 82) / 0.01, 6);
  });

  it('asks for a long range in chunks whose shared edges count once', async () => {
    const plan = planPull(Date.parse('2026-11-22T00:00:00Z'), testNow, 300);
    expect(plan.step).toBe(300_000); // 1-minute steps would need 17 requests of 300 points
    expect(plan.chunks.length).toBe(4);
    const small = await pullSlo(
      { name: 'demo', good: 'demo_requests_total{code="ok"}', total: 'demo_requests_total', start: first },
      { server: new URL(url), now: testNow, timeoutMs: 10_000, progress: () => {}, maxPoints: 300 },
    );
    expect(small.requests).toBe(8);
    expect(small.days).toEqual(fiveMinuteDays);
  });

  it('refuses NaN, good above total, mismatched series and a broken query, naming the SLO and query', async () => {
    const pull = (good: string, total = 'demo_requests_total') =>
      pullSlo(
        { name: 'demo', good, total, start: first },
        { server: new URL(url), now: testNow, timeoutMs: 10_000, progress: () => {} },
      );
    await expect(pull('demo_requests_total{code="ok"} + NaN')).rejects.toThrow(
      /^the good query "demo_requests_total\{code=\\"ok\\"\} \+ NaN" for SLO demo: the sample at 2026-11-22T00:00:00\.000Z is "NaN", not a number/,
    );
    await expect(pull('sum(demo_requests_total) * 2', 'sum(demo_requests_total)')).rejects.toThrow(
      'SLO demo: on 2026-11-22 the good query counts 288000 events, more than the total query’s 144000',
    );
    await expect(pull('demo_partial_total')).rejects.toThrow(
      'SLO demo: the total query has a sample at 2026-11-22T00:00:00.000Z where the good query has none (mismatched series)',
    );
    const broken = pull('sum(demo_requests_total');
    await expect(broken).rejects.toBeInstanceOf(PrometheusPullError);
    await expect(broken).rejects.toThrow(
      new RegExp(
        `^Prometheus at ${url}/ refused the good query "sum\\(demo_requests_total" for SLO demo \\(HTTP 400\\): bad_data: .*parse error`,
      ),
    );
  });

  it('names an unreachable server, a query that returns nothing and a missed deadline, and stores nothing', async () => {
    const dir = tempDir();
    const add = (name: string, good: string) =>
      runCli([
        'slo',
        'add',
        name,
        '--service',
        'demo',
        '--objective',
        '99%',
        '--window',
        '7d',
        '--good',
        good,
        '--total',
        'demo_requests_total',
        '--data-dir',
        dir,
      ]);
    expect(add('demo-ok', 'demo_requests_total{code="ok"}').code).toBe(0);
    expect(add('demo-empty', 'demo_requests_total{code="teapot"}').code).toBe(0);

    const closed = await freePort();
    const unreachable = runCli(['slo', 'pull', '--prometheus', `http://127.0.0.1:${closed}`, '--data-dir', dir]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(
      `oncall: cannot reach Prometheus at http://127.0.0.1:${closed}/ (ECONNREFUSED); check the URL and that the server is running`,
    );

    // demo-ok pulls fine, demo-empty has no series: neither is stored.
    const empty = runCli(['slo', 'pull', '--prometheus', url, '--data-dir', dir]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(
      'oncall: good query "demo_requests_total{code=\\"teapot\\"}" for SLO demo-empty returned nothing between 2026-11-18T00:00:00Z and 2026-11-25T10:00:00Z',
    );
    expect(storedDays(dir, 'demo-ok')).toEqual([]);

    const refused = runCli(['slo', 'pull', 'demo-ok', '--prometheus', 'file:///etc/passwd', '--data-dir', dir]);
    expect(refused).toMatchObject({
      code: 2,
      stderr: 'oncall: --prometheus: must be an http:// or https:// URL, e.g. http://localhost:9090\n',
    });

    // A server that takes the connection and never answers: the deadline ends the pull.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await expect(
        pullSlo(
          { name: 'demo-ok', good: 'up', total: 'up', start: first },
          { server: new URL(`http://127.0.0.1:${port}`), now: testNow, timeoutMs: 500, progress: () => {} },
        ),
      ).rejects.toThrow(
        `Prometheus at http://127.0.0.1:${port}/ did not answer the good query "up" for SLO demo-ok within 0.5 s (the deadline; give --timeout SECONDS for a slower server)`,
      );
    } finally {
      silent.close();
    }
    expect(storedDays(dir, 'demo-ok')).toEqual([]);
  });
});
