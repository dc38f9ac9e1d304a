// App-wide state: who I am, which view is open, the page dialog, toasts and the undo stack.

import { create } from 'zustand';
import type { AppInfo, Page, Triage } from '../../shared/contract';
import { call } from '../api';

export type View =
  | 'pages'
  | 'week'
  | 'toil'
  | 'dashboard'
  | 'budgets'
  | 'rotations'
  | 'postmortems'
  | 'actions'
  | 'settings'
  | 'import'
  | 'triage';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** The undo entry this toast offers; it goes away once that entry is undone. */
  undoId?: number;
}

type Dialog = { mode: 'add' } | { mode: 'edit'; page: Page } | null;

/** A new page typed half-way and put aside with Esc or Cancel; the next "Log a page" restores it. */
export interface PageDraft {
  summary: string;
  service: string;
  severity: string;
  receivedAt: string;
  triage: Triage;
  serviceChosen: boolean;
}

const draftKey = 'oncall.pageDraft';

function readDraft(): PageDraft | null {
  try {
    const text = window.localStorage.getItem(draftKey);
    return text ? (JSON.parse(text) as PageDraft) : null;
  } catch {
    return null;
  }
}

interface AppState {
  info: AppInfo | null;
  view: View;
  dialog: Dialog;
  /** Kept in this browser's storage too, so a reload does not lose it. */
  pageDraft: PageDraft | null;
  keepPageDraft: (draft: PageDraft | null) => void;
  /** The service and severity just used, at once (the next "Log a page" defaults to them before app.info reloads). */
  rememberLast: (service: string, severity: number) => void;
  toasts: Toast[];
  /** Bumped after every change so views reload what they show. */
  revision: number;
  undoStack: { id: number; label: string; undo: () => Promise<void> }[];
  loadInfo: () => Promise<void>;
  setView: (view: View) => void;
  openDialog: (dialog: Dialog) => void;
  changed: () => void;
  toast: (message: string, tone?: Toast['tone'], action?: Toast['action'], undoId?: number) => void;
  dismissToast: (id: number) => void;
  pushUndo: (label: string, undo: () => Promise<void>) => number;
  /** Undoes the given entry, or the latest one. */
  undo: (id?: number) => Promise<void>;
}

let nextToastId = 1;
/** Toasts waiting beyond this many drop the oldest. */
const toastQueueLimit = 8;
/** How many toasts show at once; the rest wait their turn. */
export const toastsShown = 2;
let nextUndoId = 1;

export const useApp = create<AppState>((set, get) => ({
  info: null,
  view: 'pages',
  dialog: null,
  pageDraft: readDraft(),
  keepPageDraft: (draft) => {
    try {
      if (draft) window.localStorage.setItem(draftKey, JSON.stringify(draft));
      else window.localStorage.removeItem(draftKey);
    } catch {
      // Storage may be unavailable; the draft still lives for this session.
    }
    set({ pageDraft: draft });
  },
  rememberLast: (service, severity) =>
    set((state) => (state.info ? { info: { ...state.info, lastService: service, lastSeverity: severity } } : {})),
  toasts: [],
  revision: 0,
  undoStack: [],
  loadInfo: async () => {
    try {
      set({ info: await call('app.info', {}) });
    } catch (error) {
      get().toast((error as Error).message, 'error');
    }
  },
  setView: (view) => set({ view }),
  openDialog: (dialog) => set({ dialog }),
  changed: () => {
    set((state) => ({ revision: state.revision + 1 }));
    void get().loadInfo();
  },
  toast: (message, tone = 'info', action, undoId) => {
    const id = nextToastId++;
    const toast: Toast = { id, message, tone, ...(action ? { action } : {}), ...(undoId ? { undoId } : {}) };
    // A queue: Toasts shows the first few and each one's time starts when it is shown.
    set((state) => ({ toasts: [...state.toasts.slice(-(toastQueueLimit - 1)), toast] }));
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  pushUndo: (label, undo) => {
    const id = nextUndoId++;
    set((state) => ({ undoStack: [...state.undoStack.slice(-19), { id, label, undo }] }));
    return id;
  },
  undo: async (id) => {
    const stack = get().undoStack;
    const last = id === undefined ? stack[stack.length - 1] : stack.find((entry) => entry.id === id);
    if (!last) {
      get().toast('Nothing to undo.');
      return;
    }
    set((state) => ({
      undoStack: state.undoStack.filter((entry) => entry.id !== last.id),
      toasts: state.toasts.filter((t) => t.undoId !== last.id),
    }));
    try {
      await last.undo();
      get().toast(`Undone: ${last.label}`);
      get().changed();
    } catch (error) {
      get().toast((error as Error).message, 'error');
    }
  },
}));
