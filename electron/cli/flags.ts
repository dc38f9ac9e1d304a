// Flags as a command declares them, turned into what node:util parseArgs takes, into what was
// typed (`Parsed`), and back into the names a person typed for the contract's fields, so that
// an error names `--severity`, not `severity`.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration } from '../../shared/domain/duration';
import { UsageError, type Command, type Flag } from './command';

/** Flags every command takes. */
export const commonFlags: readonly Flag[] = [
  {
    name: 'data-dir',
    value: 'DIR',
    field: null,
    help: "the data directory (else ONCALL_DATA_DIR, else the desktop app's folder)",
  },
  { name: 'json', type: 'boolean', field: null, help: 'print JSON (the shapes in docs/cli.md)' },
  { name: 'help', type: 'boolean', field: null, help: 'this help' },
];

/** What was typed, after parseArgs. */
export class Parsed {
  constructor(
    private readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>,
    readonly positionals: readonly string[],
  ) {}

  get json(): boolean {
    return this.values.json === true;
  }

  /** A string flag's value. */
  str(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** A boolean flag: given or not. */
  has(name: string): boolean {
    return this.values[name] === true;
  }

  /** A string flag's value as a number; NaN when it is not one (the schema names the flag). */
  num(name: string): number | undefined {
    return numberValue(this.str(name));
  }

  /** A repeated flag's values. */
  all(name: string): string[] {
    const value = this.values[name];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  /** A comma-separated flag's items (`--members ann,@bo`), without `@`; undefined when not given. */
  items(name: string): string[] | undefined {
    const value = this.str(name);
    return value === undefined ? undefined : splitList(value);
  }
}

export function numberValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim().replace(/^@/, ''))
    .filter(Boolean);
}

/** A date (YYYY-MM-DD, midnight UTC) or an instant, as the contract's instant; anything else as typed. */
export function instantValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value;
}

/** `45m`, `1h30`, `1.5h` as minutes, or a usage error naming `name`. */
export function durationValue(text: string | undefined, name: string): number {
  if (text === undefined) throw new UsageError(`${name}: give how long it took, e.g. 45m, 1h30 or 1.5h`);
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new UsageError(`${name}: ${parsed.message}`);
  return parsed.minutes;
}

export function parseOptions(command: Command): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const flag of [...command.flags, ...commonFlags])
    options[flag.name] = { type: flag.type ?? 'string', ...(flag.multiple ? { multiple: true } : {}) };
  return options;
}

/** parseArgs over a command's flags; its complaint (an unknown option, a missing value) exits 2. */
export function parseFlags(command: Command, args: string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: parseOptions(command),
      allowPositionals: true,
      strict: true,
    });
    return new Parsed(values, positionals);
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}

const fieldsOf = (field: string | readonly string[] | null): readonly string[] =>
  field === null ? [] : typeof field === 'string' ? [field] : field;

/** Contract field → what the person typed for it on this command (`--at`, `ID`, `the description`). */
export function fieldNames(command: Command): Map<string, string> {
  const names = new Map<string, string>(Object.entries(command.names));
  for (const arg of command.args) for (const field of fieldsOf(arg.field)) names.set(field, arg.name);
  for (const flag of command.flags) for (const field of fieldsOf(flag.field)) names.set(field, `--${flag.name}`);
  return names;
}

/** The name for a field path (`restriction.start` → `--only`), trying the whole path, then shorter ones. */
export function nameOf(names: Map<string, string>, field: string): string {
  const parts = field.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const name = names.get(parts.slice(0, length).join('.'));
    if (name !== undefined) return name;
  }
  return field;
}

export function flagFields(flag: Flag): readonly string[] {
  return fieldsOf(flag.field);
}
