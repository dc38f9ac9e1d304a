import { progressLabel, progressShare } from '../../../shared/domain/repository/progress';
import type { SyncProgressView } from '../../../shared/sync-contract';

/** A long sync (a first import): the phase, the count and a bar, so nobody wonders if it hangs. */
export function SyncProgress({ progress, now }: { progress: SyncProgressView; now: number }): React.JSX.Element {
  const share = progressShare(progress);
  const seconds = Math.max(0, Math.round((now - Date.parse(progress.startedAt)) / 1000));
  return (
    <div className="sync-progress">
      <progress max={1} value={share} aria-label="Sync progress">
        {Math.round(share * 100)}%
      </progress>
      <p className="small muted" aria-live="polite">
        {progressLabel(progress)}
        {seconds >= 2 ? ` · ${seconds} s so far` : ''}
      </p>
    </div>
  );
}
