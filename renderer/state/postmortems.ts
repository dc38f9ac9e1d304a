// The postmortem studio's state: incidents, postmortems, which one is open, and the pages
// marked in the pages list to become an incident; the calls on incidents, postmortems, templates
// and action items.

import { create } from 'zustand';
import type { OperationInput, OperationOutput } from '../../shared/contract';
import type { Incident } from '../../shared/postmortem-contract';
import { call } from '../api';
import { useApp } from './app';

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

export const createIncident = (input: OperationInput<'incidents.create'>) => call('incidents.create', input);
export const listIncidents = () => call('incidents.list', {});
export const updateIncident = (input: OperationInput<'incidents.update'>) => call('incidents.update', input);
export const listTemplates = () => call('templates.list', {});
export const createPostmortem = (input: OperationInput<'postmortems.create'>) => call('postmortems.create', input);
/** A file to import, read as the operations take it: Markdown, HTML, or a .docx as HTML. */
export interface ImportDocument {
  markdown?: string;
  html?: string;
  format: 'markdown' | 'html' | 'docx';
  fileName: string;
}
export type ImportMapping = NonNullable<OperationInput<'postmortems.import'>['mapping']>;

export async function readImportDocument(file: File): Promise<ImportDocument> {
  if (/\.docx$/i.test(file.name)) {
    // mammoth (and its zip reader) load only when a .docx is chosen.
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.convertToHtml(
      { arrayBuffer: await file.arrayBuffer() },
      { styleMap: ["p[style-name='Title'] => p.title:fresh"] },
    );
    return { html: `<html><body>${result.value}</body></html>`, format: 'docx', fileName: file.name };
  }
  if (/\.html?$/i.test(file.name) || file.type === 'text/html') {
    return { html: await file.text(), format: 'html', fileName: file.name };
  }
  return { markdown: await file.text(), format: 'markdown', fileName: file.name };
}
export const previewImport = (doc: ImportDocument, mapping: ImportMapping) =>
  call('postmortems.previewImport', { ...doc, mapping });
export const importPostmortem = (doc: ImportDocument, mapping: ImportMapping) =>
  call('postmortems.import', { ...doc, mapping });
export const getPostmortem = (id: string) => call('postmortems.get', { id });
export const savePostmortemBody = (id: string, body: string) => call('postmortems.save', { id, body });
export const updatePostmortem = (input: OperationInput<'postmortems.update'>) => call('postmortems.update', input);
export const listRevisions = (id: string) => call('postmortems.revisions', { id });
export const restoreRevision = (id: string, revision: number) => call('postmortems.restore', { id, revision });
export const exportPostmortem = (id: string) => call('postmortems.export', { id });

/** Every action item, with the postmortem quality figures a team reviews. */
export async function loadActionItems() {
  const [items, quality] = await Promise.all([call('actions.list', {}), call('postmortems.quality', {})]);
  return { items, quality };
}
export const saveActionItem = (input: OperationInput<'actions.save'>) => call('actions.save', input);
export const removeActionItem = (id: string) => call('actions.remove', { id });
export const setActionStatus = (input: OperationInput<'actions.setStatus'>) => call('actions.setStatus', input);
