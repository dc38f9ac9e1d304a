// The CLI's command table against the contract: every operation meant for people has a
// command, and every flag fills a field its operation takes. No process is spawned.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { operationNames, operations, type OperationName } from '../shared/contract';
import { commands } from '../electron/cli/commands';
import { flagFields, parseOptions } from '../electron/cli/flags';
import { commandHelp, findCommand, main } from '../electron/cli/runner';
import type { CliIo } from '../electron/cli/command';
import { tempDir } from './helpers';

/** `main` in this process, with what it printed; for commands that stop before opening a store. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (line) => (out += `${line}\n`),
    err: (line) => (err += `${line}\n`),
    write: (text) => (out += text),
    staticDir: '',
  };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Operations that are deliberately not CLI commands, and why. */
const notCommands: Record<string, string> = {
  // Reads for the app's views: the CLI's lists and reports already print what a person asks for.
  'pages.count': 'the Pages view’s total; `page list --json` prints the pages themselves',
  'pages.get': 'one page by id: the views open a page; `page list` finds it',
  'postmortems.get': 'one postmortem as a record: `postmortem export ID` prints it as a file',
  'dashboard.get': 'the charts’ data: `report weekly|monthly|quarterly --json` carries a dashboard',
  'postmortems.quality': 'a dashboard panel of the postmortem studio',
  'toil.capacity.list': 'the week list in the toil view; `toil capacity` sets a week',
  'toil.timer.get': 'the timer in the header; `toil start`/`toil stop` print it',
  // Editing field by field is the app's job (forms with undo); the CLI logs, deletes and imports.
  'pages.update': 'editing a page is a form in the app; `page rm` + `page add` from a terminal',
  'postmortems.save': 'the section editor’s autosave',
  'postmortems.version': 'the section editor’s check for a newer text',
  // This device's desktop preferences: set in Me; the shortcut and notifications belong to the app.
  'desktop.preferences': 'the desktop and browser preferences in Me (reminders, shortcut, theme)',
  'desktop.setPreferences': 'the desktop and browser preferences in Me (reminders, shortcut, theme)',
  'postmortems.update': 'the editor’s title, status and authors; `postmortem import` changes a whole file',
  'postmortems.revisions': 'the editor’s history',
  'postmortems.restore': 'the editor’s history',
  'toil.update': 'editing a toil entry is a form in the app',
  'toil.remove': 'deleting a toil entry is the toil view’s (with undo)',
  'toil.restore': 'the toil view’s undo',
  'actions.remove': 'the action items view; `actions wont-do ID --reason` keeps the record',
  'toil.recurring.suggest': 'a suggestion the toil view shows for a person to confirm',
  'toil.recurring.confirm': 'a person confirms the toil view’s suggestion',
  'toil.settings': 'a switch in the toil view',
  // The triage queue is a keyboard view; from a terminal `page add --actionable|--noise` marks a page.
  'triage.queue': 'the triage view’s queue; `page list` shows each page’s triage',
  'triage.set': 'the triage view’s keys (a, n, and undo)',
  'triage.rulePreview': 'the triage view’s bulk rule, previewed before it is applied',
  'triage.ruleApply': 'the triage view’s bulk rule (with undo)',
  // The Import panel's live pull: a terminal pulls with `import PLATFORM --api` (token from the environment).
  'history.pull': 'the Import panel’s pull; `import pagerduty|opsgenie|grafana-oncall --api` from a terminal',
  'history.pullStatus': 'the Import panel’s progress bar while a pull runs',
  'history.pullCancel': 'the Import panel’s Cancel; Ctrl-C stops `import … --api`',
  'history.forgetToken': 'the Import panel’s keychain; the CLI keeps no token',
};

/** The object schema under optional/nullable/default/pipe wrappers, or undefined. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let current: z.ZodType = schema;
  for (;;) {
    const def = current.def as {
      type: string;
      innerType?: z.ZodType;
      in?: z.ZodType;
      shape?: Record<string, z.ZodType>;
    };
    if (def.type === 'object') return def.shape;
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) return undefined;
    current = next;
  }
}

/** Whether a dotted field (`restriction.days`) is in the schema. */
function hasField(schema: z.ZodType, field: string): boolean {
  let current: z.ZodType | undefined = schema;
  for (const key of field.split('.')) {
    const shape: Record<string, z.ZodType> | undefined = current ? objectShape(current) : undefined;
    current = shape?.[key];
    if (!current) return false;
  }
  return true;
}

describe('the CLI command table', () => {
  it('has a command for every operation meant for people (the rest are listed, with why)', () => {
    const covered = new Set<OperationName>(commands.flatMap((command) => command.operations));
    const missing = operationNames.filter((name) => !covered.has(name) && !(name in notCommands));
    expect(missing).toEqual([]);
    // The list stays true: an operation that gets a command leaves it; a removed one is not named.
    expect(Object.keys(notCommands).filter((name) => covered.has(name as OperationName))).toEqual([]);
    expect(Object.keys(notCommands).filter((name) => !(name in operations))).toEqual([]);
  });

  it("maps every flag and argument to a field of its operations' input", () => {
    // The walk itself: it finds nested fields and refuses made-up ones.
    expect(hasField(operations['rotations.save'].input, 'restriction.days')).toBe(true);
    expect(hasField(operations['targets.set'].input, 'targets.topShareMax')).toBe(true);
    expect(hasField(operations['pages.add'].input, 'receivedAt')).toBe(true);
    expect(hasField(operations['pages.add'].input, 'at')).toBe(false);
    const wrong: string[] = [];
    for (const command of commands) {
      const schemas = command.operations.map((name) => operations[name].input as z.ZodType);
      for (const item of [...command.flags, ...command.args])
        for (const field of flagFields(item))
          if (!schemas.some((schema) => hasField(schema, field)))
            wrong.push(`${command.words.join(' ')} ${item.name} → ${field}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every command its own words, parse options and help', () => {
    const words = commands.map((command) => command.words.join(' '));
    expect(new Set(words).size).toBe(words.length);
    for (const command of commands) {
      expect(findCommand([...command.words, '--json'])).toBe(command);
      expect(Object.keys(parseOptions(command))).toEqual(
        expect.arrayContaining([...command.flags.map((flag) => flag.name), 'data-dir', 'json', 'help']),
      );
      expect(commandHelp(command)).toMatch(new RegExp(`^Usage: oncall ${command.words.join(' ')}`));
    }
  });

  it('prints any command’s usage on --help, and a group’s commands', async () => {
    const shifts = await run(['rotation', 'shifts', '--help']);
    expect(shifts).toMatchObject({ code: 0, err: '' });
    expect(shifts.out).toMatch(/^Usage: oncall rotation shifts \[NAME…\] \[--from ISO\] \[--to ISO\] \[--json\]\n/);
    expect(shifts.out).toContain('--data-dir DIR');
    const toil = await run(['toil', '--help']);
    expect(toil.code).toBe(0);
    expect(toil.out).toContain('oncall toil stop [--minutes DURATION] [--confirm | --discard] [--json]');
    expect(toil.out).not.toContain('oncall page add');
    const all = await run(['--help']);
    for (const command of commands) expect(all.out).toContain(`oncall ${command.words.join(' ')}`);
  });

  it('names the flag, not the field, and writes nothing (exit 2)', async () => {
    const dir = tempDir();
    const cases: [string[], string][] = [
      [['page', 'add', '--service', 'db', '--severity', '9', '--summary', 'x'], '--severity'],
      [['page', 'list', '--search', 'x', '--limit', '0'], '--limit'],
      [['rotation', 'add', 'R', '--start', '2026-02-30T09:00', '--every', '1w', '--members', 'ann'], '--start'],
      [['report', 'targets', '--top-share', '150%'], '--top-share'],
      [['toil', 'stop', '--discard', '--confirm'], '--confirm and --discard'],
      [['page', 'rm'], 'ID'],
    ];
    for (const [argv, flag] of cases) {
      const result = await run([...argv, '--data-dir', dir]);
      expect({ argv, code: result.code, out: result.out }).toEqual({ argv, code: 2, out: '' });
      expect(result.err.startsWith(`oncall: ${flag}: `) || result.err.startsWith(`oncall: ${flag}:`)).toBe(true);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
