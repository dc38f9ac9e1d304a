// `oncall serve` and `oncall demo`: the app in a browser, and a store full of realistic data.

import { writeDemo } from '../../demo/demo';
import { writeDemoRecords } from '../../demo/demo-records';
import { withPulls } from '../../import/history/pull-door';
import { browserDoorSecrets } from '../../import/history/secret-store';
import { startServer } from '../../server/server';
import { withBackgroundSync } from '../../sync/background';
import { customCommand, UsageError, type Command } from '../command';

/** A whole number from `low` to `high`, or a usage error naming the flag. */
function wholeNumber(value: number | undefined, fallback: number, flag: string, low: number, high: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < low || n > high)
    throw new UsageError(`--${flag}: must be a whole number from ${low} to ${high}`);
  return n;
}

export const appCommands: readonly Command[] = [
  customCommand({
    words: ['serve'],
    summary: 'The app in a browser, on 127.0.0.1 with a token.',
    operations: [],
    flags: [{ name: 'port', value: 'N', field: null, help: 'the port (default: a free one)' }],
    async run(ctx, p) {
      const port = p.num('port') ?? 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError('--port: must be a port number from 0 to 65535');
      const ws = ctx.workstation();
      const server = await startServer({
        table: ws.table,
        // A live pull waits on the network beside the other requests; its token is kept for that pull only.
        operations: withPulls(ws.table, withBackgroundSync(ws.table, ws.ctx.dataDir), {
          dataDir: ws.ctx.dataDir,
          now: ws.ctx.now,
          secrets: browserDoorSecrets(),
        }),
        staticDir: ctx.io.staticDir,
        port,
        now: ws.ctx.now,
      });
      ctx.io.out(`Serving on ${server.url}`);
      ctx.io.out(`Data: ${ws.ctx.dataDir}  (Ctrl+C stops)`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    },
  }),
  customCommand({
    words: ['demo'],
    summary:
      'Write a realistic team’s pages, rotations, incidents, postmortems, action items, toil and holidays into the data directory.',
    operations: [],
    flags: [
      { name: 'people', value: '12', field: null, help: 'how many people' },
      { name: 'months', value: '24', field: null, help: 'how many months of history' },
      { name: 'seed', value: '1', field: null, help: 'the random seed' },
      { name: 'pages', value: 'N', field: null, help: 'how many pages (default: as many as the team would get)' },
      { name: 'until', value: 'ISO', field: null, help: 'the end of the history (default now)' },
    ],
    run(ctx, p) {
      const people = wholeNumber(p.num('people'), 12, 'people', 1, 200);
      const months = wholeNumber(p.num('months'), 24, 'months', 1, 120);
      const seed = p.num('seed') ?? 1;
      if (!Number.isInteger(seed)) throw new UsageError('--seed: must be a whole number');
      const pagesGiven = p.num('pages');
      const pages = pagesGiven === undefined ? undefined : wholeNumber(pagesGiven, 0, 'pages', 1, 10_000_000);
      const until = p.str('until');
      const ws = ctx.workstation();
      const untilMs = until === undefined ? ws.ctx.now() : Date.parse(until);
      if (Number.isNaN(untilMs)) throw new UsageError('--until: must be an ISO 8601 date or instant');
      const summary = writeDemo(ws.ctx, {
        people,
        months,
        seed,
        pages,
        untilMs,
        onProgress: (written, total) => {
          if (total >= 100_000) ctx.io.err(`  ${written} / ${total} pages`);
        },
      });
      const records = writeDemoRecords(ws.ctx, { untilMs });
      const pm = records.postmortems;
      ctx.print(
        { ...summary, ...records },
        () =>
          `Wrote ${summary.pages} pages for ${summary.people} people and ${summary.services} services into ${ws.ctx.dataDir}, ` +
          `${records.incidents} incidents with ${pm.published} published postmortem, ${pm.review} in review and ${pm.draft} draft, ` +
          `${records.actionItems} action items (${records.overdueActionItems} overdue), ${records.toilEntries} toil entries over 13 weeks, ` +
          `${records.holidays} holidays and ${records.slos} SLOs. This device now logs as @${summary.me} (the overloaded one).`,
      );
      return 0;
    },
  }),
];
