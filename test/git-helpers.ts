// Real git for the sync tests: a bare repository on disk (the team's remote), a teammate's device
// connected to it, a file as the remote has it, and someone editing it by hand in their own clone
// and pushing.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Workstation } from '../electron/workstation';
import { cliOk, invokeOk, tempDir, tempWorkstation } from './helpers';

export function bareRepository(): string {
  const dir = path.join(tempDir('oncall-bare-'), 'reliability.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', dir]);
  return dir;
}

/** Someone clones the repository, edits files by hand in `edit(dir)`, commits and pushes. */
export function pushByHand(remote: string, edit: (dir: string) => void, message = 'by hand'): void {
  const hand = path.join(tempDir(), 'hand');
  execFileSync('git', ['clone', '--quiet', remote, hand]);
  edit(hand);
  execFileSync('git', ['-C', hand, 'add', '-A']);
  execFileSync('git', ['-C', hand, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '--quiet', '-m', message]);
  execFileSync('git', ['-C', hand, 'push', '--quiet', 'origin', 'main']);
}

/** A teammate's device on `clock`: a new data folder whose person (in `timeZone`) is who this device is, connected to `remote`. */
export function teammateDevice(
  remote: string,
  name: string,
  handle: string,
  clock: () => number,
  timeZone = 'UTC',
): Workstation {
  const ws = tempWorkstation({ now: clock });
  invokeOk(ws, 'me.set', { id: invokeOk(ws, 'people.save', { name, handle, timeZone }).id });
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

/** A file as the remote's main branch has it. */
export const showOnMain = (remote: string, file: string): string =>
  execFileSync('git', ['-C', remote, 'show', `main:${file}`], { encoding: 'utf8' });

/** A remote a teammate filled with `oncall demo` (pages until 2026-11-20) and synced: what a first import reads. */
export function demoRepository({ people, months, pages }: { people: number; months: number; pages: number }): string {
  const remote = bareRepository();
  const teammate = tempDir();
  cliOk(
    teammate,
    'demo',
    '--people',
    String(people),
    '--months',
    String(months),
    '--pages',
    String(pages),
    '--until',
    '2026-11-20T00:00:00Z',
  );
  cliOk(teammate, 'repo', 'connect', remote);
  cliOk(teammate, 'sync');
  return remote;
}
