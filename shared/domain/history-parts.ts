// An import sent in parts (the Import panel): each request stays well under the loopback
// server's 1 MiB body limit, and the panel can show progress between parts. A saved API response
// too big for one part is cut into slices of its record list; the records' numbers in the
// answers are then moved back by the slice's offset, so errors still name the file's own record.

import { headLength, isReferenceFile, recordListKey, type HistoryFormat } from './history-format';

export interface TextFile {
  name: string;
  text: string;
}

export interface ImportPart {
  files: TextFile[];
  /** File name → how many records of that file come before this part's slice of it. */
  offsets: Record<string, number>;
}

export interface PartPlan {
  parts: ImportPart[];
  /** Files too big to send and impossible to cut (a CSV, or JSON that does not parse as a saved response). */
  tooBig: string[];
}

/** Characters of file text per part: JSON escaping can nearly double it, and the limit is 1 MiB. */
export const partChars = 400_000;
/** Records per slice of a cut response: small enough that progress moves. */
export const sliceRecords = 500;

/** Cuts one saved response into slices of its record list, or null when it cannot be cut. */
function slices(file: TextFile, format: HistoryFormat, maxChars: number): { file: TextFile; offset: number }[] | null {
  if (format === 'csv') return null;
  const key = recordListKey[format];
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.text);
  } catch {
    return null; // truncated or JSON Lines: sent whole, so the importer names the bad record
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { [key]: list, ...rest } = parsed as Record<string, unknown>;
  if (!Array.isArray(list)) return null;
  const out: { file: TextFile; offset: number }[] = [];
  let at = 0;
  while (at < list.length) {
    let size = Math.min(sliceRecords, list.length - at);
    let text = JSON.stringify({ ...rest, [key]: list.slice(at, at + size) });
    while (text.length > maxChars && size > 1) {
      size = Math.ceil(size / 2);
      text = JSON.stringify({ ...rest, [key]: list.slice(at, at + size) });
    }
    if (text.length > maxChars) return null; // one record bigger than a part
    out.push({ file: { name: file.name, text }, offset: at });
    at += size;
  }
  return out;
}

export function planImportParts(chosen: TextFile[], format: HistoryFormat, maxChars = partChars): PartPlan {
  // Only a name and text go out: the operation refuses any other field.
  const files = chosen.map(({ name, text }) => ({ name, text }));
  const references = files.filter((f) => isReferenceFile(format, f.text.slice(0, headLength)));
  const referenceChars = references.reduce((n, f) => n + f.text.length, 0);
  const room = maxChars - referenceChars;
  const tooBig: string[] = referenceChars > maxChars ? references.map((f) => f.name) : [];
  const parts: ImportPart[] = [];
  let current: ImportPart = { files: [...references], offsets: {} };
  let used = 0;
  const close = (): void => {
    if (current.files.length > references.length) parts.push(current);
    current = { files: [...references], offsets: {} };
    used = 0;
  };
  const add = (file: TextFile, offset: number): void => {
    if (used + file.text.length > room) close();
    current.files.push(file);
    current.offsets[file.name] = offset;
    used += file.text.length;
  };
  for (const file of files) {
    if (references.includes(file)) continue;
    if (file.text.length <= room) {
      add(file, 0);
      continue;
    }
    const cut = room > 0 ? slices(file, format, room) : null;
    if (!cut) {
      tooBig.push(file.name);
      continue;
    }
    // A file's slices go in parts of their own: one part never holds two slices of one file.
    close();
    for (const slice of cut) {
      add(slice.file, slice.offset);
      close();
    }
  }
  close();
  if (parts.length === 0 && references.length > 0 && tooBig.length === 0)
    parts.push({ files: references, offsets: {} });
  return { parts, tooBig };
}
