// The one runner behind every command: it finds the command by its words, parses its flags,
// prints its usage on `--help`, refuses clashing flags, names the flag in every error and
// turns the outcome into the exit code — 0 done, 1 the operation failed, 2 bad flags or values
// (one line naming the flag; nothing is written).

import {
  describeIssue,
  operations,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from '../../shared/contract';
import { resolveDataDir } from '../data-dir';
import { OperationFailure } from '../operations/errors';
import { StoreTooNewError } from '../store/db';
import { version } from '../version';
import { ClockSettingError } from '../clock';
import { openWorkstation, type Workstation } from '../workstation';
import { UsageError, type CliIo, type Command, type CommandContext } from './command';
import { commands } from './commands';
import { commonFlags, fieldNames, nameOf, parseFlags, type Parsed } from './flags';

/** The command whose words start argv, the longest such. */
export function findCommand(argv: readonly string[]): Command | undefined {
  let found: Command | undefined;
  for (const command of commands)
    if (command.words.every((word, i) => argv[i] === word) && command.words.length > (found?.words.length ?? 0))
      found = command;
  return found;
}

function argText(command: Command): string {
  return command.args
    .map((arg) => {
      const name = arg.many ? `${arg.name}…` : arg.name;
      return arg.optional ? `[${name}]` : name;
    })
    .join(' ');
}

function flagText(command: Command): string {
  const paired = new Set(command.exclusive.flat());
  const shown = (name: string): string => {
    const flag = command.flags.find((f) => f.name === name);
    return flag && (flag.type ?? 'string') === 'string' ? `--${name} ${flag.value ?? 'VALUE'}` : `--${name}`;
  };
  const parts = command.flags
    .filter((flag) => !paired.has(flag.name))
    .map((flag) => {
      const text = `${shown(flag.name)}${flag.multiple ? '…' : ''}`;
      return flag.required ? text : `[${text}]`;
    });
  for (const [a, b] of command.exclusive) parts.push(`[${shown(a)} | ${shown(b)}]`);
  if (!paired.has('json')) parts.push('[--json]');
  return parts.join(' ');
}

export function usageLine(command: Command): string {
  return ['oncall', ...command.words, argText(command), flagText(command)].filter(Boolean).join(' ');
}

/** `oncall WORDS --help`: the usage line, what it does, every argument and flag. */
export function commandHelp(command: Command): string {
  const rows: [string, string][] = [
    ...command.args.map((arg): [string, string] => [arg.name, arg.help]),
    ...[...command.flags, ...commonFlags].map((flag): [string, string] => [
      (flag.type ?? 'string') === 'string' ? `--${flag.name} ${flag.value ?? 'VALUE'}` : `--${flag.name}`,
      flag.help,
    ]),
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary,
    '',
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`),
  ].join('\n');
}

/** `oncall --help`, or the commands of one group (`oncall rotation --help`). */
export function usage(group?: string): string {
  const listed = commands.filter((command) => group === undefined || command.words[0] === group);
  return [
    `On-call Workstation ${version}`,
    '',
    'Usage:',
    ...listed.flatMap((command) => [`  ${usageLine(command)}`, `      ${command.summary}`]),
    '',
    'Every command takes --data-dir DIR (or ONCALL_DATA_DIR); the default is the desktop app’s folder.',
    'oncall COMMAND --help shows one command. Exit codes: 0 done, 1 the operation failed, 2 bad flags or values.',
  ].join('\n');
}

function checkArgs(command: Command, parsed: Parsed): void {
  const { positionals } = parsed;
  const most = command.args.some((arg) => arg.many) ? Infinity : command.args.length;
  if (positionals.length > most) {
    const stray = positionals[most];
    throw new UsageError(`unexpected argument "${stray}"${command.hint ? ` (${command.hint})` : ''}`);
  }
  command.args.forEach((arg, i) => {
    if (arg.missing !== undefined && positionals[i] === undefined)
      throw new UsageError(`${arg.name}: ${arg.missing ?? 'is required'} (${usageLine(command)})`);
  });
  for (const [a, b] of command.exclusive)
    if (parsed.has(a) && parsed.has(b)) throw new UsageError(`--${a} and --${b}: choose one`);
}

function context(command: Command, parsed: Parsed, io: CliIo, opened: { workstation?: Workstation }): CommandContext {
  const names = fieldNames(command);
  const named = (field: string | undefined, message: string): string =>
    field ? message.replace(/^[^:]+:/, `${nameOf(names, field)}:`) : message;
  const workstation = (): Workstation => {
    opened.workstation ??= openWorkstation(resolveDataDir(parsed.str('data-dir')), {
      // Unexpected failures are bugs: say what happened so it can be reported.
      onInternalError: (error, operation) =>
        io.err(`oncall: internal error in ${operation}: ${(error as Error).stack ?? String(error)}`),
    });
    return opened.workstation;
  };
  function check<N extends OperationName>(name: N, input: unknown): OperationInput<N> {
    const checked = operations[name].input.safeParse(input);
    if (checked.success) return input as OperationInput<N>;
    const { field, message } = describeIssue(checked.error, input);
    throw new UsageError(field ? `${nameOf(names, field)}: ${message}` : message);
  }
  function invoke<N extends OperationName>(name: N, input: OperationInput<N>): OperationOutput<N> {
    const result = workstation().table.invoke(name, input);
    if (!result.ok) {
      const { kind, field, message } = result.error;
      throw new OperationFailure(kind, named(field, message), field);
    }
    // The table parsed the input with this operation's contract and ran its handler: the output is that contract's.
    return result.value as OperationOutput<N>;
  }
  function print(output: unknown, text: () => string | readonly string[]): void {
    if (parsed.json) return io.out(JSON.stringify(output));
    const shown = text();
    for (const line of typeof shown === 'string' ? [shown] : shown) io.out(line);
  }
  return { io, workstation, check, invoke, print };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.out(usage());
    return first ? 0 : 2;
  }
  if (first === '--version') {
    io.out(version);
    return 0;
  }
  const command = findCommand(argv);
  if (!command) {
    if (argv[1] === '--help' && commands.some((c) => c.words[0] === first)) {
      io.out(usage(first));
      return 0;
    }
    const words = argv.slice(0, 2).filter((word) => !word.startsWith('-'));
    io.err(`oncall: unknown command "${words.join(' ')}" (oncall --help lists them)`);
    return 2;
  }
  const opened: { workstation?: Workstation } = {};
  try {
    const rest = argv.slice(command.words.length);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(command));
      return 0;
    }
    const parsed = parseFlags(command, rest);
    checkArgs(command, parsed);
    return await command.run(context(command, parsed, io, opened), parsed);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ClockSettingError) {
      io.err(`oncall: ${error.message}`);
      return 2;
    }
    if (error instanceof OperationFailure) {
      io.err(
        `oncall: ${error.field === 'data-dir' ? '--data-dir: ' + error.message.replace(/^data-dir: /, '') : error.message}`,
      );
      return error.kind === 'invalid_input' ? 2 : 1;
    }
    if (error instanceof StoreTooNewError) {
      io.err(`oncall: ${error.message}`);
      return 1;
    }
    io.err(`oncall: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    opened.workstation?.close();
  }
}
