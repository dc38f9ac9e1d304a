// What importing a document would store, worked out before anything is stored: its title, the
// front matter it brought (ours is checked; anyone else's — a blog's title, author, date, tags —
// is kept as "details" and shown), each block and the section it lands in, the action items
// and timeline entries read from it, and the Markdown body the postmortem will have.

import YAML from 'yaml';
import { readPostmortemFile, type FrontMatter } from '../file';
import {
  formatTimeline,
  isTimelineZoneLine,
  replaceSectionBody,
  sectionPatterns,
  type TimelineEntry,
} from '../document';
import { markdownBlocks, planSections, type BlockKind, type Mapping } from './blocks';
import {
  extractActions,
  extractTimeline,
  readDate,
  zoneNamed,
  type ImportedAction,
  type ImportedTimelineEntry,
} from './extract';

export type ImportFormat = 'markdown' | 'html' | 'docx';

export interface ImportPreview {
  format: ImportFormat;
  title: string;
  /** Front matter (or document properties) the app has no field for, kept as written. */
  details: { field: string; value: string }[];
  blocks: {
    index: number;
    kind: BlockKind;
    level: number | null;
    /** The first 240 characters of the block. */
    text: string;
    section: string | null;
    mapped: boolean;
    isTitle: boolean;
  }[];
  sections: { title: string; written: string | null; blocks: number }[];
  actionItems: ImportedAction[];
  timeline: ImportedTimelineEntry[];
  /** The zone the timeline's times were read in. */
  timeZone: string;
  /** The body the postmortem will have. */
  markdown: string;
  /** Things the author should know: nothing mapped, entries without a date, … */
  notes: string[];
  /** Our own front matter, when the file is a postmortem exported by the app. */
  meta: FrontMatter | null;
}

export class ImportError extends Error {}

/** Foreign front matter as field/value pairs; null when the file has none or it is ours. */
function foreignFrontMatter(text: string): { details: Record<string, unknown>; body: string } | null {
  const fence = /^---\n([\s\S]*?\n)?---\n/.exec(text);
  if (!fence) return null;
  let raw: unknown;
  try {
    raw = YAML.parse(fence[1] ?? '', { schema: 'core', maxAliasCount: 0 });
  } catch (error) {
    throw new ImportError(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { details: raw === null ? {} : { 'front matter': raw }, body: text.slice(fence[0].length) };
  }
  const ours = ['id', 'status', 'created'].every((k) => k in raw);
  return ours ? null : { details: raw as Record<string, unknown>, body: text.slice(fence[0].length) };
}

const show = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value instanceof Date
      ? value.toISOString()
      : Array.isArray(value) && value.every((v) => typeof v !== 'object')
        ? value.join(', ')
        : JSON.stringify(value);

export interface PreviewInput {
  markdown: string;
  format: ImportFormat;
  fileName?: string;
  /** A title the converter found (an HTML <title>, a .docx's first Title paragraph). */
  titleHint?: string | null;
  mapping?: readonly Mapping[];
  /** The importer's zone, for times written without one. */
  zone: string;
}

export function previewImport(input: PreviewInput): ImportPreview {
  const text = input.markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const foreign = foreignFrontMatter(text);
  const notes: string[] = [];
  let meta: FrontMatter | null = null;
  let source: string;
  let fileTitle: string | null = null;
  if (foreign) source = foreign.body;
  else {
    const file = readPostmortemFile(text);
    meta = file.meta;
    source = file.meta ? file.body : text;
  }
  const details = Object.entries(foreign?.details ?? {}).map(([field, value]) => ({ field, value: show(value) }));
  // HTML comments are invisible where the document came from; they are not brought along.
  const blocks = markdownBlocks(source.replace(/<!--[\s\S]*?-->\n?/g, ''));
  // A converter's title repeated as the first paragraph (Google Docs' "Title" style) is the title.
  const hint = input.titleHint?.trim();
  const firstText = blocks.find((b) => b.kind !== 'rule');
  if (hint && firstText && firstText.kind === 'paragraph' && firstText.text.replace(/[*_]/g, '').trim() === hint) {
    Object.assign(firstText, { kind: 'heading', level: 1, title: hint });
  }
  const plan = planSections(blocks, input.mapping ?? [], hint);
  const frontTitle = foreign ? foreign.details.title : undefined;
  fileTitle =
    meta?.title ??
    (typeof frontTitle === 'string' && frontTitle.trim() ? frontTitle.trim() : null) ??
    plan.title ??
    (hint || null) ??
    input.fileName?.replace(/\.(md|markdown|html?|docx)$/i, '') ??
    null;
  if (plan.sections.length === 0) {
    notes.push('No headings the app can use: map blocks to sections (“What Happened”, “Why It Happened”, …).');
  }
  const body = meta ? source : plan.body;
  const date =
    meta?.incident?.started.slice(0, 10) ??
    [foreign?.details.date, foreign?.details.incident_date, foreign?.details.published]
      .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? readDate(v) : null))
      .find((v) => v) ??
    readDate(fileTitle ?? '') ??
    // The first date in the document's prose (not a list's due dates).
    blocks
      .filter((b) => b.kind === 'paragraph' || b.kind === 'heading')
      .map((b) => readDate(b.text))
      .find((d) => d) ??
    null;
  const zone = meta?.timeZone ?? zoneNamed(source.slice(0, 2000)) ?? input.zone;
  const timeline = extractTimeline(body, zone, date);
  const undated = timeline.entries.filter((e) => e.written && !e.at).length;
  if (undated > 0)
    notes.push(
      undated === 1
        ? '1 timeline entry has a time but no date: it is kept as written.'
        : `${undated} timeline entries have a time but no date: they are kept as written.`,
    );
  const actionItems = meta
    ? meta.actionItems.map((a) => ({
        title: a.title,
        owner: a.owner,
        due: a.due,
        link: a.link,
        because: a.because,
        status: a.status === 'done' ? ('done' as const) : ('open' as const),
        from: 'front matter',
        note: null,
      }))
    : extractActions(body);
  // A timeline that was read whole (every entry timed and dated) is kept in the app's own form.
  let markdown = body;
  if (!meta && timeline.section && timeline.entries.length > 0 && timeline.entries.every((e) => e.at)) {
    const entries: TimelineEntry[] = timeline.entries.map((e) => ({ at: Date.parse(e.at ?? ''), text: e.text }));
    const pattern = new RegExp(`^${timeline.section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const written = sectionText(body, pattern);
    const tables = /^[ \t]*\|/m.test(written);
    const isEntry = (line: string): boolean => /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]|^[ \t]*\||^[ \t]{2,}\S/.test(line);
    // The zone line is written anew by formatTimeline (an export of this app has one already).
    const intro = written
      .split('\n')
      .filter((line) => line.trim() !== '' && !isEntry(line) && !isTimelineZoneLine(line));
    const list = formatTimeline(entries, timeline.zone);
    const hasEntries = written.split('\n').some(isEntry);
    if (hasEntries) markdown = replaceSectionBody(body, pattern, [...intro, list].join('\n\n'));
    if (hasEntries && tables)
      notes.push(`The timeline table in “${timeline.section}” became a list, one entry per row.`);
  } else if (!meta && !sectionPatterns.timeline.test(timeline.section ?? 'What Happened')) {
    notes.push(`“${timeline.section}” is read as the timeline.`);
  }
  // Front matter the app has no field for stays in the text, as a table before the first section.
  if (!meta && details.length > 0) {
    const cell = (v: string): string => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
    const table = [
      '| Detail | Value |',
      '| --- | --- |',
      ...details.map((d) => `| ${cell(d.field)} | ${cell(d.value)} |`),
    ];
    markdown = `${table.join('\n')}\n\n${markdown}`;
  }
  return {
    format: input.format,
    title: (fileTitle ?? 'Imported postmortem').slice(0, 200),
    details,
    blocks: plan.blocks.map((b) => ({
      index: b.index,
      kind: b.kind,
      level: b.level,
      text: b.text.slice(0, 240),
      section: b.section,
      mapped: b.mapped,
      isTitle: b.isTitle,
    })),
    sections: plan.sections,
    actionItems,
    timeline: timeline.entries,
    timeZone: timeline.zone,
    markdown,
    notes,
    meta,
  };
}

function sectionText(body: string, pattern: RegExp): string {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => /^## /.test(l) && pattern.test(l.slice(3).trim()));
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}
