// Where the store lives. The default is the folder Electron's app.getPath('userData') gives the
// desktop app, computed here without Electron so the CLI and the server find the same store.

import os from 'node:os';
import path from 'node:path';

export const productName = 'On-call Workstation';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}

/** `--data-dir` wins, then ONCALL_DATA_DIR, then the desktop app's folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.ONCALL_DATA_DIR;
  return chosen && chosen.length > 0 ? path.resolve(chosen) : defaultDataDir(process.platform, env);
}
