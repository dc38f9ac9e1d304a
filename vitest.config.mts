import { defineConfig } from 'vitest/config';

// The clock guard (scripts/test.mjs sets ONCALL_CLOCK_GUARD=1) runs the unit tests again under a
// faked clock and another zone. It leaves out the tests that only drive the built CLI or
// `oncall serve` in child processes — those children run with ONCALL_NOW and TZ=UTC (testEnv), and
// lint forbids the real clock on the Node side — and the fault suite, which reads no dates.
const clockGuardSkips = [
  'test/fault/**',
  'test/cli*.test.ts',
  'test/*-cli.test.ts',
  'test/sync-background.test.ts',
  'test/packaging.test.ts',
  'test/slo-pull.test.ts',
];
const clockGuard = process.env.ONCALL_CLOCK_GUARD === '1';
// `npm test` runs the fault suite on its own first (scripts/test.mjs), then the other unit tests
// beside the e2e files with ONCALL_WITHOUT_FAULT=1.
const withoutFault = process.env.ONCALL_WITHOUT_FAULT === '1';

export default defineConfig({
  test: {
    // Two at a time on CI's 2 cores (vitest's default there is one): most tests wait on a child —
    // the built CLI, git, Chromium, \`oncall serve\` — so one file alone left a core idle (load ≈ 1.5
    // through a whole run). The e2e files still run one after another (fileParallelism below).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', ...(clockGuard ? clockGuardSkips : []), ...(withoutFault ? ['test/fault/**'] : [])],
          environment: 'node',
          testTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: false,
          // A busy 2-core CI machine: what a person would wait a few seconds for, a test waits too.
          expect: { poll: { timeout: 5000 } },
        },
      },
    ],
  },
});
