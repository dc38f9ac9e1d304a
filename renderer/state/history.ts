// Importing paging history in the Import panel (docs/import.md): the files dropped or chosen (read
// as text here — the server and the desktop bridge take no local paths), each one's detected
// format, who the export's unknown people become, the preview, and the apply — sent in parts
// (shared/domain/history-parts.ts) so each request stays under the server's body limit and the
// panel can show progress between them.

import { create } from 'zustand';
import { detectHistoryFormat, headLength, isCsvHead, type HistoryFormat } from '../../shared/domain/history-format';
import { planImportParts, planPulledParts, type ImportPart } from '../../shared/domain/history-parts';
import type { HistoryImportInput, HistoryImportOutput } from '../../shared/history-contract';
import type { PullView } from '../../shared/history-pull-contract';
import { ApiError, call } from '../api';
import { useApp } from './app';

export interface ChosenFile {
  name: string;
  size: number;
  text: string;
  format: HistoryFormat | null;
}

export interface ImportProblem {
  message: string;
  field?: string;
}

interface ImportState {
  files: ChosenFile[];
  /** A live pull's saved pages (state/history-pull.ts), previewed and applied like files. */
  pulled: PullView | null;
  columns: string;
  /** The IANA zone of CSV times written without one ('' = none given: such times are refused or skipped). */
  zone: string;
  /** An unknown person's key (email or name) → the handle of someone here; absent = create them. */
  map: Record<string, string>;
  preview: HistoryImportOutput | null;
  result: HistoryImportOutput | null;
  busy: 'reading' | 'previewing' | 'applying' | null;
  progress: { done: number; total: number; pages: number } | null;
  problem: ImportProblem | null;
  addFiles: (files: File[]) => Promise<void>;
  removeFile: (name: string) => void;
  previewPulled: (pulled: PullView) => Promise<void>;
  setColumns: (columns: string) => void;
  setZone: (zone: string) => void;
  mapPerson: (key: string, handle: string | null) => void;
  runPreview: () => Promise<void>;
  apply: () => Promise<void>;
  reset: () => void;
}

const formatNames: Record<HistoryFormat, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'grafana-oncall': 'Grafana OnCall',
  csv: 'CSV',
};
export const formatName = (format: HistoryFormat | null): string => (format ? formatNames[format] : 'not recognised');

/** Whether a chosen file is a CSV (any CSV, or PagerDuty's incident CSV export): only those take a zone. */
export const hasCsvFile = (files: ChosenFile[]): boolean =>
  files.some((f) => (f.format === 'csv' || f.format === 'pagerduty') && isCsvHead(f.text.slice(0, headLength)));

/** The one format of all files, or a problem naming the file that is unknown or differs. */
export function formatOf(files: ChosenFile[]): { format: HistoryFormat } | { problem: ImportProblem } {
  const unknown = files.find((f) => f.format === null);
  if (unknown)
    return {
      problem: {
        message: `${unknown.name}: not a PagerDuty, Opsgenie or Grafana OnCall export, nor a CSV — see which exports are accepted below`,
        field: 'files',
      },
    };
  const first = files[0]?.format;
  if (!first) return { problem: { message: 'Choose or drop an export first.', field: 'files' } };
  const other = files.find((f) => f.format !== first);
  if (other)
    return {
      problem: {
        message: `${other.name} is ${formatName(other.format)} but ${files[0]?.name} is ${formatName(first)}: import one platform at a time`,
        field: 'files',
      },
    };
  return { format: first };
}

const empty = (source: HistoryFormat, applied: boolean): HistoryImportOutput => ({
  source,
  applied,
  new: 0,
  updated: 0,
  unchanged: 0,
  merged: 0,
  skipped: [],
  people: [],
  firstRows: [],
});

/** One part's answer added to the whole, its records numbered as in the files themselves. */
function addPart(total: HistoryImportOutput, part: HistoryImportOutput, offsets: ImportPart['offsets']): void {
  const at = (file: string, record: number): number => record + (offsets[file] ?? 0);
  total.new += part.new;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.merged += part.merged;
  total.skipped.push(...part.skipped.map((s) => ({ ...s, record: at(s.file, s.record) })));
  for (const person of part.people) {
    const known = total.people.find((p) => p.key === person.key);
    if (!known) total.people.push(person);
    else known.created ||= person.created;
  }
  for (const row of part.firstRows)
    if (total.firstRows.length < 10) total.firstRows.push({ ...row, record: at(row.file, row.record) });
}

function problemOf(error: unknown): ImportProblem {
  if (error instanceof ApiError) return { message: error.message, field: error.error.field };
  return { message: (error as Error).message };
}

export const useHistoryImport = create<ImportState>((set, get) => {
  /** Runs the import over every part; null (with the problem set) when a part was refused. */
  /** What to send: the files' parts, or the pull's; null (with the problem set) when they cannot go. */
  function partsToSend(): {
    format: HistoryFormat;
    parts: { files: HistoryImportInput['files']; offsets: ImportPart['offsets'] }[];
  } | null {
    const { files, columns, pulled } = get();
    if (pulled) {
      const parts = planPulledParts(pulled.id, pulled.files).map((part) => ({ files: part.files, offsets: {} }));
      return { format: pulled.platform, parts };
    }
    const chosen = formatOf(files);
    if ('problem' in chosen) {
      set({ problem: chosen.problem });
      return null;
    }
    const format = chosen.format;
    if (format === 'csv' && !columns.trim()) {
      set({
        problem: {
          message: 'columns: a CSV needs its column map, e.g. at=Created,summary=Title,service=Service,who=Assignee',
          field: 'columns',
        },
      });
      return null;
    }
    const plan = planImportParts(files, format);
    if (plan.tooBig.length > 0) {
      set({
        problem: {
          message: `${plan.tooBig.join(', ')}: too big to send from this window in one piece and cannot be cut into parts; import it from a terminal: oncall import ${format} FILE`,
          field: 'files',
        },
      });
      return null;
    }
    return { format, parts: plan.parts };
  }

  /** Runs the import over every part; null (with the problem set) when a part was refused. */
  async function run(apply: boolean): Promise<HistoryImportOutput | null> {
    const { files, columns, zone, map } = get();
    const plan = partsToSend();
    if (!plan) return null;
    const format = plan.format;
    const total = empty(format, apply);
    set({
      busy: apply ? 'applying' : 'previewing',
      problem: null,
      progress: { done: 0, total: plan.parts.length, pages: 0 },
    });
    try {
      for (const [i, part] of plan.parts.entries()) {
        const input = {
          format,
          files: part.files,
          map,
          firstRows: 10,
          ...(format === 'csv' ? { columns } : {}),
          ...(zone && hasCsvFile(files) ? { zone } : {}),
        };
        const answer = await call(apply ? 'history.apply' : 'history.preview', input);
        addPart(total, answer, part.offsets);
        const pages = total.new + total.updated + total.unchanged + total.merged;
        set({ progress: { done: i + 1, total: plan.parts.length, pages } });
      }
      return total;
    } catch (error) {
      const problem = problemOf(error);
      // Parts already applied stay (a re-import changes nothing twice): say how far it got.
      if (apply && (get().progress?.done ?? 0) > 0) {
        const { done = 0, total: parts = 0 } = get().progress ?? {};
        problem.message = `${problem.message} (${done} of ${parts} parts were imported before it; importing again updates them, never twice)`;
        useApp.getState().changed();
      }
      set({ problem });
      return null;
    } finally {
      set({ busy: null });
    }
  }

  return {
    files: [],
    pulled: null,
    columns: '',
    zone: '',
    map: {},
    preview: null,
    result: null,
    busy: null,
    progress: null,
    problem: null,
    addFiles: async (dropped) => {
      set({ busy: 'reading', problem: null, result: null });
      try {
        const read = await Promise.all(
          dropped.map(async (file) => {
            const text = await file.text();
            return { name: file.name, size: file.size, text, format: detectHistoryFormat(file.name, text) };
          }),
        );
        const names = new Set(read.map((f) => f.name));
        set({
          files: [...get().files.filter((f) => !names.has(f.name)), ...read],
          pulled: null,
          preview: null,
          progress: null,
        });
      } catch (error) {
        set({ problem: problemOf(error) });
      } finally {
        set({ busy: null });
      }
      if (get().files.length > 0) await get().runPreview();
    },
    previewPulled: async (pulled) => {
      set({ pulled, files: [], preview: null, result: null, problem: null, progress: null });
      await get().runPreview();
    },
    removeFile: (name) => {
      set({ files: get().files.filter((f) => f.name !== name), preview: null, problem: null, progress: null });
      if (get().files.length > 0) void get().runPreview();
    },
    setColumns: (columns) => set({ columns }),
    setZone: (zone) => {
      set({ zone });
      // A preview (or the refusal it ended in) is read again in the zone chosen.
      if (get().preview !== null || get().problem !== null) void get().runPreview();
    },
    mapPerson: (key, handle) => {
      const map = { ...get().map };
      if (handle) map[key] = handle;
      else delete map[key];
      set({ map });
      void get().runPreview();
    },
    runPreview: async () => {
      const preview = await run(false);
      set({ preview, progress: null });
    },
    apply: async () => {
      const result = await run(true);
      if (!result) return;
      // The map stays for this session: importing the next export of the same team needs it again.
      set({ result, preview: null, files: [], pulled: null });
      useApp.getState().changed();
    },
    reset: () =>
      set({ files: [], pulled: null, map: {}, zone: '', preview: null, result: null, problem: null, progress: null }),
  };
});
