// `npm test`: everything the tests need, then all of them (unit, CLI, server, e2e in Chromium).
// On a fresh Debian machine it installs Debian's chromium when /usr/bin/chromium is missing and
// apt is usable; otherwise it says in one line what to run. Debian's prometheus (with promtool) is
// installed the same way for `oncall slo pull`'s test; without apt that test says it is skipped.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status ?? 1;
}

if (!fs.existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log(`Chromium is missing at ${chromium}: installing Debian's chromium package…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) !== 0 ||
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0
    ) {
      console.error('Could not install chromium with apt-get. Run: sudo apt-get install -y chromium');
      process.exit(1);
    }
  } else {
    console.error(
      `The browser tests need Chromium at ${chromium}. Run: sudo apt-get install -y chromium  (or set CHROMIUM_PATH)`,
    );
    process.exit(1);
  }
}

// `oncall slo pull` is tested against a real Prometheus (test/slo-pull.test.ts), backfilled with promtool.
if (!fs.existsSync('/usr/bin/prometheus') || !fs.existsSync('/usr/bin/promtool')) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log("Prometheus is missing: installing Debian's prometheus package…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Only the server and promtool: its recommended exporters are not needed.
    const install = ['install', '-y', '-qq', '--no-install-recommends', 'prometheus'];
    if (
      run('apt-get', install, { env }) !== 0 &&
      (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', install, { env }) !== 0)
    )
      console.error(
        'Could not install prometheus with apt-get: the slo pull test will be skipped (sudo apt-get install -y prometheus).',
      );
  } else {
    console.log('Prometheus is not installed: the slo pull test will be skipped (sudo apt-get install -y prometheus).');
  }
}

// The CLI and `oncall serve` that the tests start are the built ones: build from the sources first.
if (run(process.execPath, [path.join(root, 'scripts/build.mjs')]) !== 0) process.exit(1);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2).filter((arg) => arg !== '--clock-guard');

/**
 * One vitest run; its counts come back from the JSON report. `quiet`: its output goes to a file
 * and is printed in one piece when it ends (another run is writing to the terminal meanwhile).
 */
function vitestRun(label, vitestArgs, { env, faketime, quiet = false } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-test-report-'));
  const report = path.join(work, 'report.json');
  const command = [
    process.execPath,
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...vitestArgs,
  ];
  // faketime runs the command with libfaketime preloaded: every process below it sees that clock.
  const [file, ...rest] = faketime ? [faketime.tool, '-f', `@${faketime.at}`, ...command] : command;
  const log = path.join(work, 'output.txt');
  const out = quiet ? fs.openSync(log, 'w') : 'inherit';
  const child = spawn(file, rest, { stdio: ['ignore', out, out], cwd: root, env: env ?? process.env });
  return new Promise((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  }).then((code) => {
    if (quiet) {
      fs.closeSync(out);
      process.stdout.write(`\n──── ${label} ────\n${fs.readFileSync(log, 'utf8')}`);
    }
    const summary = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : {};
    const counts = {
      passed: summary.numPassedTests ?? 0,
      failed: summary.numFailedTests ?? (code === 0 ? 0 : 1),
      skipped: (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0),
    };
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // a run that failed outside any test
    console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    return counts;
  });
}

// The clock guard (in CI, or with --clock-guard): the unit tests again in another zone with the
// clock faked by libfaketime — 23:30 local on the evening before a DST change, in a zone with a
// half-hour offset. A test that reads the real clock or the machine's zone fails here by day,
// instead of in CI at night.
const guard = process.env.CI === 'true' || process.argv.includes('--clock-guard');

/** The clock guard's runs, one after another (`workers`: vitest's maxWorkers for each). */
async function clockGuard(workers) {
  const faketime = ['/usr/bin/faketime', '/usr/local/bin/faketime'].find((file) => fs.existsSync(file));
  const canInstall =
    typeof process.getuid === 'function' && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
  let tool = faketime;
  if (!tool && canInstall) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['install', '-y', '-qq', 'faketime'], { env }) !== 0) {
      run('apt-get', ['update', '-qq'], { env });
      run('apt-get', ['install', '-y', '-qq', 'faketime'], { env });
    }
    tool = fs.existsSync('/usr/bin/faketime') ? '/usr/bin/faketime' : undefined;
  }
  // One setting that catches both kinds of slip: 23:30 local on the evening before a DST change, in
  // a zone with a half-hour offset — the local date is not the UTC date (02:00 UTC the next day),
  // the offset is not whole hours, and the clocks go forward two and a half hours later.
  const settings = [{ zone: 'America/St_Johns', at: '2026-03-07 23:30:00' }];
  // vitest.config.mts leaves out, under ONCALL_CLOCK_GUARD, the tests that read no dates of their
  // own (the fault suite) and those that only drive the built CLI in children pinned by testEnv.
  const guardArgs = ['--project', 'unit', `--maxWorkers=${workers}`];
  const counts = [];
  for (const { zone, at } of settings) {
    const env = { ...process.env, TZ: zone, ONCALL_CLOCK_GUARD: '1' };
    if (tool) {
      counts.push(await vitestRun(`clock ${zone} ${at}`, guardArgs, { env, faketime: { tool, at }, quiet: true }));
    } else {
      console.log(`clock guard: faketime is missing (apt-get install -y faketime); running in ${zone} only`);
      counts.push(await vitestRun(`zone ${zone}`, guardArgs, { env, quiet: true }));
    }
  }
  return counts;
}

const runs = [];
if (args.length > 0) {
  // Files or flags named: one run of just those, as vitest takes them.
  runs.push(await vitestRun('all', args));
} else {
  // Everything, in two steps. The e2e files run one after another (vitest.config.mts), ≈ 9 of a
  // whole run's ≈ 11 minutes on a 2-core machine; as one vitest run orders them — after the unit
  // tests — a core sat idle through that chain. So:
  // 1. The fault suite alone, two files at a time as before: its cases are held to a time bound
  //    (test/fault/measure.ts), measured beside another unit file, never beside Chromium.
  // 2. The e2e chain beside the other unit tests, one file at a time, then the clock guard, also
  //    one file at a time: two test files at once throughout, as two unit files were before.
  // The e2e run writes to the terminal as it goes; the unit and guard runs print when each ends.
  runs.push(await vitestRun('fault suite', ['--project', 'unit', 'test/fault/']));
  let e2eDone = false;
  const e2e = vitestRun('e2e', ['--project', 'e2e']).finally(() => (e2eDone = true));
  const env = { ...process.env, ONCALL_WITHOUT_FAULT: '1' };
  // The guard takes both cores if the e2e chain has ended by the time it starts.
  const unitThenGuard = vitestRun('unit', ['--project', 'unit', '--maxWorkers=1'], { env, quiet: true }).then(
    async (unit) => [unit, ...(guard ? await clockGuard(e2eDone ? 2 : 1) : [])],
  );
  runs.push(await e2e, ...(await unitThenGuard));
}

// One plain closing line that any CI reads: "N passed, N failed, N skipped", over every run.
const total = runs.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
