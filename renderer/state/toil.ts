// Toil: the timer (shown in the header), the categories, the quick-entry dialog's state, and the
// calls behind the toil view — the quarter's report, entries, capacity and leave, recurring chores.

import { create } from 'zustand';
import type { OperationInput } from '../../shared/contract';
import type { ToilEntry, ToilTimer } from '../../shared/toil-contract';
import { call } from '../api';
import { useApp } from './app';

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

export const quickAddToil = (line: string) => call('toil.quickAdd', { line });
export const startToilTimer = (input: OperationInput<'toil.timer.start'>) => call('toil.timer.start', input);
export const stopToilTimer = (input: OperationInput<'toil.timer.stop'>) => call('toil.timer.stop', input);

export type Suggestion = { title: string; entryIds: string[]; minutes: number };

/** The quarter's report, its entries, and (for me) the chores that look like one recurring task. */
export async function loadToilQuarter(scope: 'me' | 'team', quarter: string | null) {
  const report = await call('toil.report', { scope, ...(quarter ? { quarter } : {}) });
  const entries = await call('toil.list', { scope, from: report.first, to: report.last, limit: 200 });
  const suggestions: Suggestion[] =
    scope === 'me' ? await call('toil.recurring.suggest', { quarter: report.quarter }) : [];
  return { report, entries, suggestions };
}

export const updateToilEntry = (id: string, patch: OperationInput<'toil.update'>['patch']) =>
  call('toil.update', { id, patch });
export const groupRecurringToil = (suggestion: { title: string; entryIds: string[] }) =>
  call('toil.recurring.confirm', { title: suggestion.title, entryIds: suggestion.entryIds });
export const setCountPageTime = (countPageTime: boolean) => call('toil.settings', { countPageTime });
export const listLeave = () => call('toil.capacity.list', {});
export const setCapacity = (input: OperationInput<'toil.capacity.set'>) => call('toil.capacity.set', input);

/** Deletes a toil entry, with a toast offering undo. */
export async function deleteToilEntry(entry: ToilEntry): Promise<void> {
  const app = useApp.getState();
  try {
    await call('toil.remove', { id: entry.id });
    const undoId = app.pushUndo(`delete toil “${entry.description}”`, async () => {
      await call('toil.restore', { id: entry.id });
    });
    app.changed();
    app.toast(
      `Toil entry deleted: ${entry.description}`,
      'info',
      { label: 'Undo', run: () => void useApp.getState().undo(undoId) },
      undoId,
    );
  } catch (error) {
    app.toast((error as Error).message, 'error');
  }
}
