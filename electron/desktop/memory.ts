// What the desktop remembers between launches that is not data: which reminders fired on which
// local day, and the window's place per arrangement of displays. One small JSON file in the data
// folder (never synced), written whole through a temporary file; unreadable content is dropped.

import fs from 'node:fs';
import path from 'node:path';
import { readFired, type FiredToday } from '../../shared/domain/reminders/rules';
import { readWindowMemory, type WindowMemory } from '../../shared/domain/desktop/window-state';

export interface DesktopMemory {
  fired: FiredToday;
  windows: WindowMemory;
}

export const memoryFileName = 'desktop-state.json';

export function readMemory(dataDir: string): DesktopMemory {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, memoryFileName), 'utf8')) as Record<string, unknown>;
    return { fired: readFired(value.fired), windows: readWindowMemory(value.windows) };
  } catch {
    return { fired: {}, windows: {} };
  }
}

export function writeMemory(dataDir: string, memory: DesktopMemory): void {
  const file = path.join(dataDir, memoryFileName);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(memory, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
