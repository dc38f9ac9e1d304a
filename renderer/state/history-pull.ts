// The Import panel's live pull (docs/import.md, "Pulling from the app"): where this door keeps
// tokens (history.pullStatus), a pull under way with its counts (read every 400 ms while it
// runs, as the header reads a sync's progress), Cancel, stopped pulls to resume, a kept token
// forgotten. A completed pull goes to the same preview → people → apply flow as dropped files
// (state/history.ts). The token is passed once to history.pull and kept nowhere here.

import { create } from 'zustand';
import type { PullPlatform, PullStatusView, PullView } from '../../shared/history-pull-contract';
import { ApiError, call } from '../api';
import { useHistoryImport, type ImportProblem } from './history';

export interface PullRequest {
  platform: PullPlatform;
  baseUrl?: string;
  since: string;
  token?: string;
  remember: boolean;
}

interface PullState {
  status: PullStatusView | null;
  pulling: boolean;
  /** The pull under way, as the door last said. */
  running: PullStatusView['running'];
  /** A pull that was cancelled: what it saved stays, pulling the same range again resumes. */
  stopped: PullView | null;
  problem: ImportProblem | null;
  refresh: () => Promise<void>;
  pull: (request: PullRequest) => Promise<boolean>;
  cancel: () => Promise<void>;
  forget: (platform: PullPlatform, baseUrl: string) => Promise<void>;
}

export const usePull = create<PullState>((set, get) => ({
  status: null,
  pulling: false,
  running: null,
  stopped: null,
  problem: null,
  refresh: async () => {
    try {
      const status = await call('history.pullStatus', {});
      set({ status, running: status.running });
    } catch {
      // The panel shows its form without the keychain line until the next refresh.
    }
  },
  pull: async (request) => {
    if (get().pulling) return false;
    set({ pulling: true, problem: null, stopped: null, running: null });
    const poll = window.setInterval(() => void get().refresh(), 400);
    try {
      const pulled = await call('history.pull', request);
      if (!pulled.complete) {
        set({ stopped: pulled });
        return false;
      }
      await useHistoryImport.getState().previewPulled(pulled);
      return true;
    } catch (error) {
      set({
        problem:
          error instanceof ApiError
            ? { message: error.message, field: error.error.field }
            : { message: (error as Error).message },
      });
      return false;
    } finally {
      window.clearInterval(poll);
      set({ pulling: false, running: null });
      await get().refresh();
    }
  },
  cancel: async () => {
    await call('history.pullCancel', {});
  },
  forget: async (platform, baseUrl) => {
    await call('history.forgetToken', { platform, baseUrl });
    await get().refresh();
  },
}));
