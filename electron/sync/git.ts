// The system git, run with an argument array (never a shell string), no terminal prompts, and
// expected exit codes; anything else becomes a GitError with git's own words.

import { spawnSync } from 'node:child_process';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  input?: string;
  /** Exit codes that are answers rather than failures (default: only 0). */
  ok?: number[];
}

const env = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(args: string[], options: GitOptions): GitResult {
  const run = gitBytes(args, options);
  return { code: run.code, stdout: run.stdout.toString('utf8'), stderr: run.stderr };
}

/** `git` with its output as bytes (for `cat-file --batch`, whose sizes count bytes). */
export function gitBytes(args: string[], options: GitOptions): { code: number; stdout: Buffer; stderr: string } {
  const run = spawnSync('git', args, {
    cwd: options.cwd,
    input: options.input,
    env,
    maxBuffer: 1024 * 2 ** 20,
  });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new GitError(
      missing ? 'git is not installed (or not on PATH): install git and try again' : run.error.message,
      args,
      null,
      '',
    );
  }
  const result = { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
  if (!(options.ok ?? [0]).includes(result.code)) {
    const said = result.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ');
    throw new GitError(`git ${args[0]} failed: ${said || `exit ${result.code}`}`, args, result.code, result.stderr);
  }
  return result;
}

export function gitAvailable(): boolean {
  try {
    git(['--version'], { cwd: process.cwd() });
    return true;
  } catch {
    return false;
  }
}
