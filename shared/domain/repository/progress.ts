// How far a sync has got, in words: the header, the settings screen and `oncall sync --progress`.

import type { SyncProgressView } from '../../sync-contract';

const phases: Record<SyncProgressView['phase'], string> = {
  fetching: 'Fetching from the repository',
  reading: 'Reading changed files',
  merging: 'Merging with this device’s changes',
  importing: 'Importing records',
  writing: 'Writing files',
  pushing: 'Pushing to the repository',
};

/** "Importing records: 120,000 of 1,000,000"; the count only where there is one. */
export function progressLabel(progress: Pick<SyncProgressView, 'phase' | 'done' | 'total'>): string {
  const words = phases[progress.phase];
  if (progress.total <= 1) return words;
  return `${words}: ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')}`;
}

/** The share done, 0 to 1, across the phases (importing is most of a long sync). */
export function progressShare(progress: Pick<SyncProgressView, 'phase' | 'done' | 'total'>): number {
  const order: SyncProgressView['phase'][] = ['fetching', 'reading', 'merging', 'importing', 'writing', 'pushing'];
  const weights = [0.05, 0.15, 0.1, 0.6, 0.05, 0.05];
  const index = order.indexOf(progress.phase);
  const before = weights.slice(0, index).reduce((a, b) => a + b, 0);
  const within = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.min(1, before + (weights[index] ?? 0) * within);
}

/**
 * How far repo.status counts the records waiting: past it the count reads "10,000+". Counting
 * every one of a million waiting records (a first import, never synced) took ~4 s a status.
 */
export const waitingCountedTo = 10_000;

/** "1 change waiting", "12 changes waiting", "10,000+ changes waiting". */
export function waitingText(waiting: number): string {
  if (waiting > waitingCountedTo) return `${waitingCountedTo.toLocaleString('en-US')}+ changes waiting`;
  return `${waiting.toLocaleString('en-US')} ${waiting === 1 ? 'change' : 'changes'} waiting`;
}
