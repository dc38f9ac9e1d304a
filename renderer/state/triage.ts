// The triage queue (docs/import.md "The Import panel and the triage queue"): untriaged pages one
// at a time — a actionable, n noise, s skip — each step undoable (u or Ctrl/Cmd+Z, through the
// app's undo stack), and bulk rules by alert title or service, previewed with their count.

import { create } from 'zustand';
import type { QueuedPage, TriageRule } from '../../shared/triage-contract';
import { call } from '../api';
import { useApp } from './app';

export type Verdict = 'actionable' | 'noise';

interface TriageState {
  pages: QueuedPage[];
  /** The position of the page shown in `pages`. */
  at: number;
  remaining: number | null;
  nextCursor: string | null;
  loading: boolean;
  load: () => Promise<void>;
  mark: (verdict: Verdict | 'skip') => Promise<void>;
}

/** Sets triage on many pages, 5,000 at a time (the operation's limit). */
async function setTriage(ids: string[], triage: Verdict | null): Promise<void> {
  for (let at = 0; at < ids.length; at += 5000) await call('triage.set', { ids: ids.slice(at, at + 5000), triage });
}

export const useTriage = create<TriageState>((set, get) => ({
  pages: [],
  at: 0,
  remaining: null,
  nextCursor: null,
  loading: false,
  load: async () => {
    set({ loading: true });
    try {
      const queue = await call('triage.queue', { limit: 50 });
      set({ pages: queue.pages, remaining: queue.remaining, nextCursor: queue.nextCursor, at: 0 });
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    } finally {
      set({ loading: false });
    }
  },
  mark: async (verdict) => {
    const { pages, at } = get();
    const page = pages[at];
    if (!page) return;
    const app = useApp.getState();
    // The next page shows at once, so keys typed quickly each judge the page they were typed at.
    set((s) => ({
      at: s.at + 1,
      remaining: verdict === 'skip' || s.remaining === null ? s.remaining : s.remaining - 1,
    }));
    // The undo goes on the stack at once, with the verdict: a `u` typed before the server has
    // answered undoes this page, not the one before (it waits for the verdict to be stored first).
    const stored: Promise<boolean> =
      verdict === 'skip'
        ? Promise.resolve(true)
        : call('triage.set', { ids: [page.id], triage: verdict }).then(
            () => true,
            (error: unknown) => {
              set((s) => ({ at: Math.min(s.at, at), remaining: s.remaining === null ? null : s.remaining + 1 }));
              useApp.setState((state) => ({ undoStack: state.undoStack.filter((entry) => entry.id !== undoId) }));
              app.toast((error as Error).message, 'error');
              return false;
            },
          );
    const undoId = app.pushUndo(
      verdict === 'skip' ? `skip of “${page.summary}”` : `${verdict} on “${page.summary}”`,
      async () => {
        if (!(await stored)) return;
        if (verdict !== 'skip') await setTriage([page.id], null);
        set((s) => {
          const index = s.pages.findIndex((p) => p.id === page.id);
          return {
            at: index === -1 ? s.at : Math.min(s.at, index),
            remaining: verdict === 'skip' || s.remaining === null ? s.remaining : s.remaining + 1,
          };
        });
      },
    );
    if (!(await stored)) return;
    if (verdict !== 'skip') app.changed();
    // Near the end of what is loaded: the next pages after the last one shown.
    const state = get();
    if (state.at >= state.pages.length - 5 && state.nextCursor) {
      try {
        const more = await call('triage.queue', { limit: 50, cursor: state.nextCursor });
        set((s) => ({ pages: [...s.pages, ...more.pages], nextCursor: more.nextCursor }));
      } catch {
        // The queue simply ends here; reloading the view starts again from the newest.
      }
    }
  },
}));

export const previewRule = (rule: TriageRule) => call('triage.rulePreview', { rule });

/** Applies a bulk rule; the app's undo (u, Ctrl/Cmd+Z) puts every page it marked back. */
export async function applyRule(rule: TriageRule, triage: Verdict, label: string): Promise<number> {
  const { changed, ids } = await call('triage.ruleApply', { rule, triage });
  const app = useApp.getState();
  const undoId = app.pushUndo(`${label} (${changed} pages)`, async () => {
    await setTriage(ids, null);
    await useTriage.getState().load();
  });
  app.toast(
    `Marked ${changed} ${changed === 1 ? 'page' : 'pages'} ${triage}.`,
    'info',
    { label: 'Undo', run: () => void app.undo(undoId) },
    undoId,
  );
  app.changed();
  await useTriage.getState().load();
  return changed;
}
