// The command table: every `oncall` command, in the order `oncall --help` lists them. A new
// command is one declaration in one of these files.

import type { Command } from '../command';
import { appCommands } from './app';
import { holidayCommands } from './holidays';
import { importCommands } from './import';
import { pageCommands } from './pages';
import { peopleCommands } from './people';
import { postmortemCommands } from './postmortems';
import { reportCommands } from './reports';
import { rotationCommands } from './rotations';
import { sloCommands } from './slos';
import { syncCommands } from './sync';
import { toilCommands } from './toil';

export const commands: readonly Command[] = [
  ...pageCommands,
  ...importCommands,
  ...peopleCommands,
  ...toilCommands,
  ...reportCommands,
  ...holidayCommands,
  ...sloCommands,
  ...postmortemCommands,
  ...rotationCommands,
  ...syncCommands,
  ...appCommands,
];
