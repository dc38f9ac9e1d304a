// Real git for the sync tests: a bare repository on disk (the team's remote), and someone
// editing it by hand in their own clone and pushing.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './helpers';

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
