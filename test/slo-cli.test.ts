// `oncall slo …` and `oncall incident update --impact…` through the built CLI: an SLO added and
// imported (unknown OpenSLO fields kept), SLI data from Prometheus query_range responses and CSV,
// bad files refused by flag and field with nothing stored, and the status a person reads.
// The query_range responses are built in the HTTP API's documented shape
// (https://prometheus.io/docs/prometheus/latest/querying/api/, "Range queries": status, data.resultType
// "matrix", data.result[].metric and .values as [<unix_time>, "<sample_value>"]).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from './helpers';

const fixture = path.join(root, 'test/fixtures/openslo/checkout-availability.yaml');

/** A query_range response: one series per entry of `series`, samples every `stepS` seconds from `startS`. */
function queryRange(startS: number, stepS: number, series: (number | string)[][]): string {
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map((values, i) => ({
        metric: { __name__: 'http_requests', instance: `10.0.0.${i + 1}:8080` },
        values: values.map((v, j) => [startS + j * stepS, String(v)]),
      })),
    },
  });
}

describe('oncall slo', () => {
  it('adds, imports, lists, shows and removes SLOs; the import keeps fields this app does not use', () => {
    const dir = tempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    const added = cli(
      'slo',
      'add',
      'search-latency',
      '--service',
      'search',
      '--objective',
      '99.5%',
      '--window',
      '28d',
      '--owner',
      'discovery',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('Saved SLO search-latency\tsearch\t99.5%\trolling 28d\tdiscovery\n');
    expect(cli('slo', 'import', fixture).stdout).toBe(
      'Imported SLO checkout-availability\tcheckout\t99.9%\tcalendar 1M (UTC)\t—\n',
    );
    expect(cli('slo', 'list').stdout.trim().split('\n')).toEqual([
      'checkout-availability\tcheckout\t99.9%\tcalendar 1M (UTC)\t—',
      'search-latency\tsearch\t99.5%\trolling 28d\tdiscovery',
    ]);
    const shown = cli('slo', 'show', 'checkout-availability').stdout;
    for (const kept of [
      'organization: acme',
      'counter: true',
      'alertPolicyRef: checkout-fast-burn',
      'fooimplementation.com/key2: value2',
    ])
      expect(shown).toContain(kept);
    expect(JSON.parse(cli('slo', 'list', '--json').stdout)).toHaveLength(2);
    expect(cli('slo', 'rm', 'search-latency').stdout).toBe('Removed SLO search-latency.\n');
    expect(cli('slo', 'list').stdout.trim().split('\n')).toHaveLength(1);
  });

  it('refuses an objective of 100%, a window of zero and a broken document by flag or field (exit 2), storing nothing', () => {
    const dir = tempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    const full = cli('slo', 'add', 'x', '--service', 'x', '--objective', '100%', '--window', '28d');
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(/--objective: must be below 100%/);
    const zero = cli('slo', 'add', 'x', '--service', 'x', '--objective', '99%', '--window', '0d');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--window: .*window of zero/);
    const broken = path.join(tempDir(), 'broken.yaml');
    fs.writeFileSync(broken, fs.readFileSync(fixture, 'utf8').replace('duration: 1M', 'duration: 0M'));
    const bad = cli('slo', 'import', broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/spec\.timeWindow\[0\]\.duration \(line \d+\): .*window of zero/);
    expect(cli('slo', 'list').stdout).toMatch(/^No SLOs yet/);
  });

  it('imports SLI data from Prometheus query_range responses and CSV; budget status follows', () => {
    const dir = tempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    cli('slo', 'add', 'checkout', '--service', 'checkout', '--objective', '99.9%', '--window', '30d');
    const files = tempDir();
    // 2026-11-23 and 24, a sample every 6 hours (the step's events), from two instances.
    const start = Date.parse('2026-11-23T06:00:00Z') / 1000;
    const step = 6 * 3600;
    fs.writeFileSync(
      path.join(files, 'good.json'),
      queryRange(start, step, [
        [250_000, 250_000, 250_000, 250_000, 250_000, 250_000, 250_000, 249_700],
        [1, 1, 1, 1, 1, 1, 1, 1],
      ]),
    );
    fs.writeFileSync(
      path.join(files, 'total.json'),
      queryRange(start, step, [
        [250_000, 250_000, 250_000, 250_000, 250_000, 250_000, 250_000, 250_000],
        [1, 1, 1, 1, 1, 1, 1, 1],
      ]),
    );
    const imported = cli(
      'slo',
      'data',
      'import',
      'checkout',
      '--good',
      path.join(files, 'good.json'),
      '--total',
      path.join(files, 'total.json'),
    );
    expect(imported.stderr).toBe('');
    // Samples at 06:00, 12:00, 18:00 of the 23rd and 00:00 of the 24th close the 23rd.
    expect(imported.stdout).toBe('Stored 2 days of totals for checkout (2026-11-23 to 2026-11-24; 2 changed).\n');
    fs.writeFileSync(path.join(files, 'sli.csv'), 'time,good,total\n2026-11-24T12:00:00Z,999000,1000000\n');
    expect(cli('slo', 'data', 'import', 'checkout', '--csv', path.join(files, 'sli.csv')).stdout).toMatch(
      /^Stored 1 days/,
    );
    const [status] = JSON.parse(cli('slo', 'status', '--json').stdout) as {
      basis: string;
      consumed: number;
      state: string;
    }[];
    expect(status?.basis).toBe('events');
    // The CSV's 24th replaced the one from Prometheus: 1,000 bad of 1,000,000 on the 24th, none of 1,000,004 on the
    // 23rd. Days without data (and without incidents) count as good at the data's rate: 1,000 bad of
    // ~30,000,060 events in the 30-day window, whose budget is 0.1% of them.
    expect(status?.consumed).toBeCloseTo(1000 / (2_000_004 * 15 * 0.001), 6);
    expect(cli('slo', 'status').stdout).toMatch(
      /^checkout\/checkout: on track — 96\.7% of budget left \(\d[\d,]* bad events\), burn /,
    );
  });

  it('refuses mismatched series, NaN samples, good above total and broken CSV by flag and field; nothing is stored', () => {
    const dir = tempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    cli('slo', 'add', 'checkout', '--service', 'checkout', '--objective', '99.9%', '--window', '30d');
    const files = tempDir();
    const write = (name: string, text: string): string => {
      fs.writeFileSync(path.join(files, name), text);
      return path.join(files, name);
    };
    const start = Date.parse('2026-11-23T06:00:00Z') / 1000;
    const total = write('total.json', queryRange(start, 3600, [[10, 10, 10]]));
    const cases: [string[], RegExp][] = [
      [
        ['--good', write('short.json', queryRange(start, 3600, [[10, 10]])), '--total', total],
        /--good .*short\.json: no sample at 2026-11-23T08:00:00\.000Z, where total has one/,
      ],
      [
        ['--good', write('nan.json', queryRange(start, 3600, [[10, 'NaN', 10]])), '--total', total],
        /--good .*nan\.json: data\.result\[0\]\.values\[1\] is "NaN", not a number/,
      ],
      [
        ['--good', write('more.json', queryRange(start, 3600, [[10, 11, 10]])), '--total', total],
        /--good .*more\.json: 11 is more than total 10 at 2026-11-23T07:00:00\.000Z/,
      ],
      [
        [
          '--good',
          write('empty.json', JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } })),
          '--total',
          total,
        ],
        /the query returned no series/,
      ],
      [
        ['--csv', write('bad.csv', 'time,good,total\n2026-11-23T01:00:00Z,5,4\n')],
        /--csv .*bad\.csv: line 2: good 5 is more than total 4/,
      ],
      [
        ['--csv', write('nan.csv', 'time,good,total\n2026-11-23T01:00:00Z,NaN,4\n')],
        /--csv .*nan\.csv: line 2: good “NaN” is not a count/,
      ],
      [['--csv', write('header.csv', 'when,ok,all\n')], /line 1: the header must be time,good,total/],
    ];
    for (const [flags, message] of cases) {
      const run = cli('slo', 'data', 'import', 'checkout', ...flags);
      expect(run.code, flags.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const [status] = JSON.parse(cli('slo', 'status', '--json').stdout) as { basis: string }[];
    expect(status?.basis).toBe('minutes'); // no data stored
  });

  it('incident impact from the CLI costs the service’s budget: “--impact 30%” for 48 minutes of a 99.9% 30-day SLO', () => {
    const dir = tempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    cli('slo', 'add', 'checkout', '--service', 'checkout', '--objective', '99.9%', '--window', '30d');
    const page = JSON.parse(
      cli('page', 'add', '--service', 'checkout', '--severity', '1', '--summary', 'checkout 500s', '--json').stdout,
    ) as { id: string };
    const incident = JSON.parse(
      cli(
        'incident',
        'create',
        '--page',
        page.id,
        '--title',
        'Checkout errors',
        '--severity',
        '1',
        '--services',
        'checkout',
        '--json',
      ).stdout,
    ) as { id: string };
    const updated = cli(
      'incident',
      'update',
      incident.id,
      '--impact-start',
      '2026-11-25T08:00:00Z',
      '--impact-end',
      '2026-11-25T08:48:00Z',
      '--impact',
      '30%',
      '--json',
    );
    expect(updated.stderr).toBe('');
    expect((JSON.parse(updated.stdout) as { impact: unknown }).impact).toEqual({
      start: '2026-11-25T08:00:00.000Z',
      end: '2026-11-25T08:48:00.000Z',
      share: 0.3,
    });
    const [status] = JSON.parse(cli('slo', 'status', '--json').stdout) as {
      consumed: number;
      incidents: { cost: number }[];
    }[];
    // 48 min × 30% = 14.4 bad minutes of 43.2: a third of the budget.
    expect(status?.consumed).toBeCloseTo(1 / 3, 9);
    expect(status?.incidents[0]?.cost).toBeCloseTo(1 / 3, 9);
    const bad = cli('incident', 'update', incident.id, '--impact', '130%');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--impact: must be at most 100%/);
    const backwards = cli('incident', 'update', incident.id, '--impact-end', '2026-11-25T07:00:00Z');
    expect(backwards.stderr).toMatch(/--impact-end: must be after the impact start/);
  });
});
