// The sync status in the header ("synced 2 min ago", "4 changes waiting", "offline",
// "conflicts to review"), with a sync every few minutes while connected; click to sync now.

import { useEffect, useState } from 'react';
import { progressLabel } from '../../shared/domain/repository/progress';
import { useApp } from '../state/app';
import { autoSyncMs, syncLine, useSync } from '../state/sync';

/** In the header: always visible while connected; click to sync now. */
export function SyncStatus(): React.JSX.Element | null {
  const { status, syncing, refresh, syncNow } = useSync();
  const revision = useApp((s) => s.revision);
  const setView = useApp((s) => s.setView);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void refresh();
  }, [refresh, revision]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
      void syncNow();
    }, autoSyncMs);
    const tick = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      window.clearInterval(timer);
      window.clearInterval(tick);
    };
  }, [syncNow]);
  if (!status?.connected) return null;
  const line = syncLine(status, syncing, now);
  return (
    <button
      type="button"
      className={`sync-status ${line.tone}`}
      title={
        status.syncing
          ? progressLabel(status.syncing)
          : (status.lastError ?? `Repository: ${status.url ?? status.path}. Click to sync now.`)
      }
      onClick={() => (status.conflicts > 0 ? setView('settings') : void syncNow())}
    >
      <span aria-hidden="true">⟳</span> {line.text}
    </button>
  );
}
