// The toil timer (shown in the header), the categories, and the quick-entry dialog's state.

import { create } from 'zustand';
import type { ToilTimer } from '../../../shared/toil-contract';
import { call } from '../../api';
import { useApp } from '../../app/store';

interface ToilState {
  timer: ToilTimer | null;
  /** When the timer was last read, to tick it locally between reads. */
  readAt: number;
  categories: string[];
  quickOpen: boolean;
  loadTimer: () => Promise<void>;
  loadCategories: () => Promise<void>;
  setQuickOpen: (open: boolean) => void;
}

export const useToil = create<ToilState>((set) => ({
  timer: null,
  readAt: 0,
  categories: [],
  quickOpen: false,
  loadTimer: async () => {
    try {
      set({ timer: await call('toil.timer.get', {}), readAt: Date.now() });
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    }
  },
  loadCategories: async () => {
    try {
      set({ categories: await call('toil.categories', {}) });
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    }
  },
  setQuickOpen: (quickOpen) => set({ quickOpen }),
}));

/** Minutes the running timer has run, counting on from the last read. */
export function timerMinutes(timer: ToilTimer, readAt: number, now: number): number {
  return timer.minutes + Math.floor((now - readAt) / 60_000);
}
