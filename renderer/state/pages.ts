// Pages: the list's filters and loaded window (keyset-paged, newest first), loading more; logging,
// editing and deleting a page (with undo).

import { create } from 'zustand';
import type { OperationInput, Page } from '../../shared/contract';
import { call } from '../api';
import { useApp } from './app';
import { browserZone, startOfLocalDay } from '../format';

export interface PageFilters {
  query: string;
  service: string;
  severity: string;
  triage: '' | 'actionable' | 'noise' | 'untriaged';
  sleepHour: boolean;
  from: string;
  to: string;
}

export const noFilters: PageFilters = {
  query: '',
  service: '',
  severity: '',
  triage: '',
  sleepHour: false,
  from: '',
  to: '',
};

const batch = 200;

/**
 * Pages deleted here and not restored. The list drops a page the moment Del is pressed, so a second
 * Del at once takes the row now under the selection; a list answer computed before the delete
 * landed must not bring the page back.
 */
const removed = new Set<string>();
const notRemoved = (pages: Page[]): Page[] => (removed.size === 0 ? pages : pages.filter((p) => !removed.has(p.id)));

interface PagesState {
  filters: PageFilters;
  pages: Page[];
  nextCursor: string | null;
  /** How many pages the filters match in all (pages.count), once counted; null while counting. */
  total: { total: number; more: boolean } | null;
  loading: boolean;
  error: string | null;
  /** Guards against an older request landing after a newer one. */
  generation: number;
  setFilters: (patch: Partial<PageFilters>) => void;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Takes a page out of the loaded list at once (deleted; the reload that follows agrees). */
  drop: (id: string) => void;
}

function listInput(filters: PageFilters, cursor?: string) {
  return { limit: batch, cursor, ...filterInput(filters) };
}

/** What pages.list and pages.count share: the filters. */
function filterInput(filters: PageFilters) {
  // Date filters are whole days in the zone chosen in Me.
  const zone = useApp.getState().info?.me.timeZone ?? browserZone();
  const startOfDay = (date: string): string | undefined => startOfLocalDay(date, zone);
  const endOfDay = (date: string): string | undefined => startOfLocalDay(date, zone, 1);
  return {
    query: filters.query.trim() || undefined,
    service: filters.service || undefined,
    severity: filters.severity ? Number(filters.severity) : undefined,
    triage: filters.triage || undefined,
    sleepHour: filters.sleepHour ? true : undefined,
    since: startOfDay(filters.from),
    until: endOfDay(filters.to),
  };
}

export const usePages = create<PagesState>((set, get) => ({
  filters: noFilters,
  pages: [],
  nextCursor: null,
  total: null,
  loading: false,
  error: null,
  generation: 0,
  setFilters: (patch) => {
    set((state) => ({ filters: { ...state.filters, ...patch } }));
    void get().reload();
  },
  reload: async () => {
    const generation = get().generation + 1;
    set({ generation, loading: true, error: null, total: null });
    // The exact total comes beside the first screen, not before it: the list never waits for the count.
    call('pages.count', filterInput(get().filters)).then(
      (total) => {
        if (get().generation === generation) set({ total });
      },
      () => undefined, // the list's own call reports a failure
    );
    try {
      const result = await call('pages.list', listInput(get().filters));
      if (get().generation !== generation) return;
      set({ pages: notRemoved(result.pages), nextCursor: result.nextCursor, loading: false });
    } catch (error) {
      if (get().generation === generation) set({ loading: false, error: (error as Error).message });
    }
  },
  loadMore: async () => {
    const { nextCursor, loading, generation } = get();
    if (!nextCursor || loading) return;
    set({ loading: true });
    try {
      const result = await call('pages.list', listInput(get().filters, nextCursor));
      if (get().generation !== generation) return;
      set((state) => ({
        pages: [...state.pages, ...notRemoved(result.pages)],
        nextCursor: result.nextCursor,
        loading: false,
      }));
    } catch (error) {
      set({ loading: false, error: (error as Error).message });
    }
  },
  drop: (id) =>
    set((state) => {
      if (!state.pages.some((p) => p.id === id)) return {};
      const total = state.total && { ...state.total, total: Math.max(0, state.total.total - 1) };
      return { pages: state.pages.filter((p) => p.id !== id), total };
    }),
}));

/**
 * Deletes a page, with a toast offering undo (also Ctrl/Cmd+Z). The row leaves the list at once,
 * so Del pressed again straight away deletes the next one; the same page is never deleted twice.
 */
export async function deletePage(page: Page): Promise<void> {
  const app = useApp.getState();
  if (removed.has(page.id)) return;
  removed.add(page.id);
  usePages.getState().drop(page.id);
  try {
    await call('pages.remove', { id: page.id });
  } catch (error) {
    removed.delete(page.id);
    app.toast((error as Error).message, 'error');
    void usePages.getState().reload();
    return;
  }
  const undo = async (): Promise<void> => {
    await call('pages.restore', { id: page.id });
    removed.delete(page.id);
  };
  const undoId = app.pushUndo(`delete “${page.summary}”`, undo);
  app.changed();
  app.toast(
    `Page deleted: ${page.summary}`,
    'info',
    { label: 'Undo', run: () => void useApp.getState().undo(undoId) },
    undoId,
  );
}

export const addPage = (input: OperationInput<'pages.add'>) => call('pages.add', input);
export const updatePage = (input: OperationInput<'pages.update'>) => call('pages.update', input);
export const getPage = (id: string) => call('pages.get', { id });
