// Git sync: the repository's status, syncing now (its progress read while it runs), the status
// line the header and the settings show, conflicts, connecting this device.

import { create } from 'zustand';
import { progressShare, waitingText } from '../../shared/domain/repository/progress';
import type { RepoStatusView, SyncReportView } from '../../shared/sync-contract';
import { call } from '../api';
import { useApp } from './app';

export const autoSyncMs = 3 * 60_000;

interface SyncState {
  status: RepoStatusView | null;
  syncing: boolean;
  last: SyncReportView | null;
  refresh: () => Promise<void>;
  syncNow: () => Promise<void>;
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  syncing: false,
  last: null,
  refresh: async () => {
    try {
      set({ status: await call('repo.status', {}) });
    } catch {
      // The header simply shows nothing until the next refresh.
    }
  },
  syncNow: async () => {
    if (get().syncing || !get().status?.connected) return;
    set({ syncing: true });
    // The sync runs in the background: its progress comes with the status, read while it runs.
    const poll = window.setInterval(() => void get().refresh(), 500);
    try {
      const report = await call('repo.sync', {});
      set({ last: report });
      const received = Object.values(report.received).reduce((a, b) => a + b, 0);
      if (received > 0 || report.conflicts > 0) useApp.getState().changed();
      if (!report.ok) useApp.getState().toast(`Sync: ${report.message}`, 'error');
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    } finally {
      window.clearInterval(poll);
      set({ syncing: false });
      await get().refresh();
    }
  },
}));

function ago(iso: string, now: number): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export function syncLine(status: RepoStatusView, syncing: boolean, now: number): { text: string; tone: string } {
  if (status.syncing) {
    const share = Math.round(100 * progressShare(status.syncing));
    return { text: share > 0 ? `Syncing… ${share}%` : 'Syncing…', tone: 'busy' };
  }
  if (syncing) return { text: 'Syncing…', tone: 'busy' };
  if (status.conflicts > 0)
    return {
      text: `${status.conflicts} ${status.conflicts === 1 ? 'conflict' : 'conflicts'} to review`,
      tone: 'warn',
    };
  if (status.lastError?.startsWith('offline')) return { text: 'Offline', tone: 'warn' };
  if (status.lastError) return { text: 'Sync failed', tone: 'warn' };
  if (status.waiting > 0) return { text: waitingText(status.waiting), tone: 'idle' };
  return { text: status.lastSyncAt ? `Synced ${ago(status.lastSyncAt, now)}` : 'Not synced yet', tone: 'ok' };
}

export const listConflicts = () => call('repo.conflicts', {});
export const resolveConflict = (id: number, action: 'restore' | 'dismiss') =>
  call('repo.resolveConflict', { id, action });
/** A remote URL or path; null starts a new local repository. */
export const connectRepository = (url: string | null) => call('repo.connect', { url });
