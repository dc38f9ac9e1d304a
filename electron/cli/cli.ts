// `oncall`: the same operations from a terminal, against the same data directory as the app.
// The commands are declared in commands/ and run by runner.ts; this is the entry point the
// bundle (dist/cli.cjs) starts from.

import path from 'node:path';
import type { CliIo } from './command';
import { main } from './runner';

export { main };
export type { CliIo };

export function runFromBin(): void {
  // Whoever reads our output may stop early (`oncall page list | head -1`): the rest is not
  // wanted, so stop writing and end quietly instead of with an EPIPE stack trace.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  const write = (text: string): void => {
    if (!stdoutClosed) process.stdout.write(text);
  };
  const io: CliIo = {
    out: (line) => write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    write,
    staticDir: path.join(__dirname, 'renderer'),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`oncall: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
