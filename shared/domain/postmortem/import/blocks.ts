// A Markdown document as people write it, cut into blocks (headings of any style, paragraphs,
// lists, tables, code, quotes) so an import can say what each block became — and so an author can
// map blocks to sections when the document has no headings the app can use.

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'code' | 'quote' | 'rule';

export interface Block {
  index: number;
  kind: BlockKind;
  /** 1–6 for headings (setext "===" is 1, "---" is 2), else null. */
  level: number | null;
  /** A heading's words, without markers. */
  title: string | null;
  /** The block's lines as written (for a heading: the heading's words only). */
  text: string;
}

const atx = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const fence = /^ {0,3}(```|~~~)/;
const listStart = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/;
const tableLine = /^[ \t]*\|.*\|[ \t]*$/;
const ruleLine = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** A paragraph that is only bold words — how documents without heading styles mark sections. */
const boldLine = /^\*\*([^*\n]{2,80}?)\*\*:?$/;

function push(
  blocks: Block[],
  kind: BlockKind,
  lines: string[],
  level: number | null = null,
  title: string | null = null,
) {
  const text = kind === 'heading' ? (title ?? '') : lines.join('\n').replace(/\s+$/, '');
  if (kind !== 'heading' && text.trim() === '') return;
  blocks.push({ index: blocks.length, kind, level, title, text });
}

/** Cuts Markdown into blocks. Text before a blank line or a change of kind is one block. */
export function markdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let current: { kind: BlockKind; lines: string[] } | null = null;
  const flush = (): void => {
    if (current) push(blocks, current.kind, current.lines);
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = fence.exec(line);
    if (open) {
      flush();
      const code = [line];
      for (i++; i < lines.length; i++) {
        code.push(lines[i] ?? '');
        if ((lines[i] ?? '').trimStart().startsWith(open[1] ?? '```')) break;
      }
      push(blocks, 'code', code);
      continue;
    }
    if (line.trim() === '') {
      // A blank line inside a list continues it when the next line is indented or another item.
      const next = lines[i + 1] ?? '';
      const inList = (current as { kind: BlockKind } | null)?.kind === 'list';
      if (!(inList && (listStart.test(next) || /^[ \t]{2,}\S/.test(next)))) flush();
      continue;
    }
    const heading = atx.exec(line);
    if (heading) {
      flush();
      push(blocks, 'heading', [], heading[1]?.length ?? 1, (heading[2] ?? '').trim());
      continue;
    }
    const kind = current as { kind: BlockKind; lines: string[] } | null;
    // Setext: a paragraph's last line underlined with === or ---.
    if (kind?.kind === 'paragraph' && /^ {0,3}(=+|-+)[ \t]*$/.test(line)) {
      const title = kind.lines.join(' ').trim();
      current = null;
      push(blocks, 'heading', [], line.trim().startsWith('=') ? 1 : 2, title);
      continue;
    }
    if (ruleLine.test(line)) {
      flush();
      push(blocks, 'rule', [line]);
      continue;
    }
    const lineKind: BlockKind = tableLine.test(line)
      ? 'table'
      : listStart.test(line)
        ? 'list'
        : /^ {0,3}>/.test(line)
          ? 'quote'
          : kind?.kind === 'list' && /^[ \t]+\S/.test(line)
            ? 'list'
            : 'paragraph';
    if (kind && (kind.kind === lineKind || (kind.kind === 'list' && lineKind === 'paragraph'))) kind.lines.push(line);
    else {
      flush();
      current = { kind: lineKind, lines: [line] };
    }
  }
  flush();
  // Bold-only paragraphs stand for headings when the document has no headings of its own.
  if (!blocks.some((b) => b.kind === 'heading')) {
    for (const block of blocks) {
      const bold = block.kind === 'paragraph' ? boldLine.exec(block.text.trim()) : null;
      if (bold) Object.assign(block, { kind: 'heading', level: 2, title: (bold[1] ?? '').trim(), text: bold[1] });
    }
  }
  return blocks;
}

export interface Mapping {
  /** A block's index. */
  block: number;
  /** The section it starts (a heading block is renamed). */
  section: string;
}

export interface PlannedBlock extends Block {
  /** The section the block lands in, or null for text before any section. */
  section: string | null;
  /** Whether the author's mapping put it there. */
  mapped: boolean;
  /** For the document's title heading. */
  isTitle: boolean;
}

export interface SectionPlan {
  /** The document's own title (a lone top-level heading first in the document), if any. */
  title: string | null;
  blocks: PlannedBlock[];
  /** The body as the app keeps it: "## " for each section, deeper headings shifted to match. */
  body: string;
  sections: { title: string; written: string | null; blocks: number }[];
}

/**
 * Which headings start sections: after a lone leading top heading (the title), the shallowest
 * level used. Mapped blocks start the section they are mapped to.
 */
export function planSections(blocks: Block[], mapping: readonly Mapping[] = [], title?: string | null): SectionPlan {
  const headings = blocks.filter((b) => b.kind === 'heading');
  const first = headings[0];
  const titleBlock =
    (title && first?.title === title ? first : null) ??
    (first &&
    blocks.slice(0, first.index).every((b) => b.kind === 'rule') &&
    headings.filter((h) => (h.level ?? 9) <= (first.level ?? 9)).length === 1 &&
    headings.length > 1
      ? first
      : null);
  const sectionLevel = Math.min(7, ...headings.filter((h) => h !== titleBlock).map((h) => h.level ?? 7));
  const mapped = new Map(mapping.map((m) => [m.block, m.section.trim()]));
  const planned: PlannedBlock[] = [];
  const out: string[] = [];
  const sections: SectionPlan['sections'] = [];
  let section: string | null = null;
  for (const block of blocks) {
    const isTitle = block === titleBlock;
    const to = mapped.get(block.index);
    const startsSection = to !== undefined || (!isTitle && block.kind === 'heading' && block.level === sectionLevel);
    if (startsSection) {
      section = to ?? block.title ?? '';
      sections.push({ title: section, written: block.kind === 'heading' ? block.title : null, blocks: 0 });
      out.push(`## ${section}`);
      if (block.kind !== 'heading') out.push(block.text);
    } else if (isTitle) {
      // The title becomes the postmortem's title, not part of its text.
    } else if (block.kind === 'heading') {
      const level = Math.min(6, Math.max(3, (block.level ?? 3) - sectionLevel + 2));
      out.push(`${'#'.repeat(level)} ${block.title ?? ''}`);
    } else out.push(block.text);
    const last = sections[sections.length - 1];
    if (last && !isTitle) last.blocks += 1;
    planned.push({ ...block, section: isTitle ? null : section, mapped: to !== undefined, isTitle });
  }
  return { title: titleBlock?.title ?? null, blocks: planned, body: `${out.join('\n\n')}\n`, sections };
}
