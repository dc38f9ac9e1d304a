// The postmortem studio's state: incidents, postmortems, which one is open, and the pages
// marked in the pages list to become an incident.

import { create } from 'zustand';
import type { OperationOutput } from '../../../shared/contract';
import type { Incident } from '../../../shared/postmortem-contract';
import { call } from '../../api';
import { useApp } from '../../app/store';

type Summary = OperationOutput<'postmortems.list'>[number];
export type Focus = { kind: 'incident'; id: string } | { kind: 'postmortem'; id: string } | null;

interface StudioState {
  incidents: Incident[];
  postmortems: Summary[];
  loaded: boolean;
  focus: Focus;
  /** Pages marked in the pages list (Space or the checkbox) for "Create incident". */
  marked: string[];
  load: () => Promise<void>;
  open: (focus: Focus) => void;
  toggleMark: (id: string) => void;
  clearMarks: () => void;
}

export const useStudio = create<StudioState>((set) => ({
  incidents: [],
  postmortems: [],
  loaded: false,
  focus: null,
  marked: [],
  load: async () => {
    try {
      const [incidents, postmortems] = await Promise.all([call('incidents.list', {}), call('postmortems.list', {})]);
      set({ incidents, postmortems, loaded: true });
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    }
  },
  open: (focus) => {
    set({ focus });
    useApp.getState().setView('postmortems');
  },
  toggleMark: (id) =>
    set((state) => ({
      marked: state.marked.includes(id) ? state.marked.filter((m) => m !== id) : [...state.marked, id],
    })),
  clearMarks: () => set({ marked: [] }),
}));
