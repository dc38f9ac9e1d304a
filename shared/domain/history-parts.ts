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

/** Bytes of file text per part, as sent (JSON-escaped, UTF-8): the server's limit is 1 MiB per request. */
export const partBytes = 700_000;

const encoder = new TextEncoder();
/** What a file's text weighs in a request body: escaped as a JSON string, in UTF-8. */
export const sentBytes = (text: string): number => encoder.encode(JSON.stringify(text)).length;
/** Records per slice of a cut response: small enough that progress moves. */
export const sliceRecords = 500;

/** Cuts one saved response into slices of its record list, or null when it cannot be cut. */
function slices(file: TextFile, format: HistoryFormat, maxBytes: number): { file: TextFile; offset: number }[] | null {
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
    while (sentBytes(text) > maxBytes && size > 1) {
      size = Math.ceil(size / 2);
      text = JSON.stringify({ ...rest, [key]: list.slice(at, at + size) });
    }
    if (sentBytes(text) > maxBytes) return null; // one record bigger than a part
    out.push({ file: { name: file.name, text }, offset: at });
    at += size;
  }
  return out;
}

export function planImportParts(chosen: TextFile[], format: HistoryFormat, maxBytes = partBytes): PartPlan {
  // Only a name and text go out: the operation refuses any other field.
  const files = chosen.map(({ name, text }) => ({ name, text, bytes: sentBytes(text) }));
  const references = files.filter((f) => isReferenceFile(format, f.text.slice(0, headLength)));
  const referenceBytes = references.reduce((n, f) => n + f.bytes, 0);
  const room = maxBytes - referenceBytes;
  const tooBig: string[] = referenceBytes > maxBytes ? references.map((f) => f.name) : [];
  const sent = references.map(({ name, text }) => ({ name, text }));
  const parts: ImportPart[] = [];
  let current: ImportPart = { files: [...sent], offsets: {} };
  let used = 0;
  const close = (): void => {
    if (current.files.length > references.length) parts.push(current);
    current = { files: [...sent], offsets: {} };
    used = 0;
  };
  const add = (file: TextFile, bytes: number, offset: number): void => {
    if (used + bytes > room) close();
    current.files.push({ name: file.name, text: file.text });
    current.offsets[file.name] = offset;
    used += bytes;
  };
  for (const file of files) {
    if (references.includes(file)) continue;
    if (file.bytes <= room) {
      add(file, file.bytes, 0);
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
      add(slice.file, sentBytes(slice.file.text), slice.offset);
      close();
    }
  }
  close();
  if (parts.length === 0 && references.length > 0 && tooBig.length === 0)
    parts.push({ files: references, offsets: {} });
  return { parts, tooBig };
}

/** A file a live pull saved: the door reads it from the data directory, so only its name is sent. */
export interface PulledPart {
  files: { pull: string; name: string }[];
}

/**
 * A pull's files in parts of about `maxBytes` of saved JSON each (the door reads them; a part is
 * one synchronous history.preview/apply, so the door answers between parts and the bar moves);
 * reference files (Grafana OnCall's users) go with every part.
 */
export function planPulledParts(
  pull: string,
  files: { name: string; bytes: number; reference: boolean }[],
  maxBytes = partBytes,
): PulledPart[] {
  const references = files.filter((f) => f.reference).map((f) => ({ pull, name: f.name }));
  const parts: PulledPart[] = [];
  let current: { pull: string; name: string }[] = [];
  let used = 0;
  for (const file of files) {
    if (file.reference) continue;
    if (current.length > 0 && used + file.bytes > maxBytes) {
      parts.push({ files: [...references, ...current] });
      current = [];
      used = 0;
    }
    current.push({ pull, name: file.name });
    used += file.bytes;
  }
  if (current.length > 0 || parts.length === 0) parts.push({ files: [...references, ...current] });
  return parts;
}
