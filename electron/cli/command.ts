// What a CLI command is: its words, its flags and arguments (each naming the input field it
// fills), its help, and how it runs. Most commands are one operation — `operationCommand`
// turns such a declaration into a command that checks its input against the contract, invokes
// the operation and prints the result as text or `--json`. The runner (runner.ts) derives
// parsing, usage, `--help`, error naming and exit codes from these declarations.

import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import { deepLink, type ItemKind } from '../../shared/domain/desktop/routes';
import type { Workstation } from '../workstation';
import type { Parsed } from './flags';

export interface CliIo {
  /** One line on stdout. */
  out: (line: string) => void;
  /** One line on stderr. */
  err: (line: string) => void;
  /** Text on stdout as it is (a file's contents). */
  write: (text: string) => void;
  /** The built renderer, for `serve`. */
  staticDir: string;
}

/** A bad command, flag or value: the runner prints `oncall: MESSAGE` and exits 2. */
export class UsageError extends Error {}

/** A flag as typed: `--severity N`. */
export interface Flag {
  /** Without the dashes. */
  name: string;
  /** Default: a string value. */
  type?: 'string' | 'boolean';
  multiple?: boolean;
  /** The value's placeholder in the usage (`N`, `ISO`, `DATE`). */
  value?: string;
  /** The input field(s) it fills, dotted when nested; null: read by the CLI itself (how it prints, a file, a switch). */
  field: string | readonly string[] | null;
  /** Shown without brackets in the usage. */
  required?: boolean;
  help: string;
}

/** A positional argument: `ID`, `NAME`, `FILE.md`. */
export interface Arg {
  name: string;
  /** The input field(s) it fills; null: read by the CLI itself. */
  field: string | readonly string[] | null;
  /** May be left out (the operation's default). */
  optional?: boolean;
  /** The rest of the words (a name with spaces). */
  many?: boolean;
  /** Why it is needed: the runner refuses the command without it (`NAME: MISSING`); without this, the operation's schema or the command says what is missing. */
  missing?: string;
  help: string;
}

/** What a command can do while it runs. */
export interface CommandContext {
  io: CliIo;
  /** Refuses input the operation would refuse, before the store is opened (exit 2 naming the flag); returns it as that input. */
  check: <N extends OperationName>(name: N, input: unknown) => OperationInput<N>;
  /** Runs an operation; a failure ends the command (exit 1, or 2 for invalid input) naming the flag. */
  invoke: <N extends OperationName>(name: N, input: OperationInput<N>) => OperationOutput<N>;
  /** The store, opened on first use. */
  workstation: () => Workstation;
  /** `output` as JSON with `--json`, else the text lines (made only when shown). */
  print: (output: unknown, text: () => string | readonly string[]) => void;
}

export interface Command {
  words: readonly string[];
  /** One line for the usage list and `--help`. */
  summary: string;
  flags: readonly Flag[];
  args: readonly Arg[];
  /** Flags that cannot go together: `--a and --b: choose one`. */
  exclusive: readonly (readonly [string, string])[];
  /** Fields that are neither flags nor arguments, as a person reads them (`timer`, `the description`). */
  names: Readonly<Record<string, string>>;
  /** The operations it runs: every flag's field is one of theirs. */
  operations: readonly OperationName[];
  /** After `unexpected argument "…"`, when a stray word is likely a slip. */
  hint?: string;
  run: (ctx: CommandContext, parsed: Parsed) => number | Promise<number>;
}

interface Declaration {
  words: readonly string[];
  summary: string;
  flags?: readonly Flag[];
  args?: readonly Arg[];
  exclusive?: readonly (readonly [string, string])[];
  names?: Readonly<Record<string, string>>;
  hint?: string;
}

/** A command that is one operation: input from the flags, output printed. */
export interface OperationDeclaration<N extends OperationName> extends Declaration {
  operation: N;
  /** The operation's input from what was typed; checked against the contract before anything opens. */
  /** The operation's input from the flags; `now` is the operations' clock (for defaults such as "from now"). */
  input: (parsed: Parsed, now: () => number) => unknown;
  /** The text shown without `--json`: a line or lines. */
  text: (output: OperationOutput<N>, parsed: Parsed) => string | readonly string[];
  /** What `--json` prints; the output itself by default. */
  json?: (output: OperationOutput<N>) => unknown;
  /** Default 0. */
  exitCode?: (output: OperationOutput<N>) => number;
}

export function operationCommand<N extends OperationName>(declaration: OperationDeclaration<N>): Command {
  const { operation, input, text, json, exitCode } = declaration;
  return {
    ...defaults(declaration),
    operations: [operation],
    run(ctx, parsed) {
      const output = ctx.invoke(
        operation,
        ctx.check(
          operation,
          input(parsed, () => ctx.workstation().ctx.now()),
        ),
      );
      ctx.print(json ? json(output) : output, () => text(output, parsed));
      return exitCode ? exitCode(output) : 0;
    },
  };
}

/** A command with its own steps (several operations, a file, a server) on the same flags and help. */
export interface CustomDeclaration extends Declaration {
  operations: readonly OperationName[];
  run: Command['run'];
}

export function customCommand(declaration: CustomDeclaration): Command {
  return { ...defaults(declaration), operations: declaration.operations, run: declaration.run };
}

function defaults(declaration: Declaration): Omit<Command, 'operations' | 'run'> {
  return {
    words: declaration.words,
    summary: declaration.summary,
    flags: declaration.flags ?? [],
    args: declaration.args ?? [],
    exclusive: declaration.exclusive ?? [],
    names: declaration.names ?? {},
    hint: declaration.hint,
  };
}

/** A list's text lines, or one line saying it is empty. */
export function listText<T>(items: readonly T[], empty: string, line: (item: T) => string): readonly string[] {
  return items.length === 0 ? [empty] : items.map(line);
}

/**
 * `--link`: each page, incident or postmortem a command prints is followed by its `oncall://`
 * link, which opens it in the desktop app (shared/domain/desktop/routes.ts). Text only; `--json`
 * prints the records as they are.
 */
export const linkFlag: Flag = {
  name: 'link',
  type: 'boolean',
  field: null,
  help: 'follow each one with its oncall:// link (opens it in the app)',
};

/** `line`, then a tab and the item's link when `--link` was given. */
export function withLink(parsed: Parsed, item: ItemKind, id: string, line: string): string {
  return parsed.has('link') ? `${line}\t${deepLink({ kind: 'item', item, id })}` : line;
}
