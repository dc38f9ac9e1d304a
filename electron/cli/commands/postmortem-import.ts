// `oncall postmortem import FILE [--apply] [--json] [--map N=SECTION]…`: what a Markdown, HTML
// (Confluence, Google Docs) or .docx postmortem would become — sections, action items, timeline,
// kept details — and, with --apply, the postmortem stored from it.

import fs from 'node:fs';
import path from 'node:path';
import type { ImportPreview } from '../../../shared/postmortem-contract';
import { customCommand, UsageError } from '../command';
import { readTextFile } from '../files';

const maxDocx = 20 * 2 ** 20;

async function documentInput(
  file: string,
): Promise<{ markdown?: string; html?: string; format: 'markdown' | 'html' | 'docx' }> {
  if (/\.docx$/i.test(file)) {
    let bytes: Buffer;
    try {
      if (fs.statSync(file).size > maxDocx) throw new UsageError(`FILE: ${file} is larger than 20 MB`);
      bytes = fs.readFileSync(file);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`FILE: cannot read ${file}`);
    }
    try {
      // mammoth loads only for a .docx: every other command starts without it.
      const { docxToHtml } = await import('../../import/postmortem-docx');
      return { html: await docxToHtml(bytes), format: 'docx' };
    } catch (error) {
      throw new UsageError(`FILE: ${file} is not a readable .docx (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (/\.html?$/i.test(file)) return { html: readTextFile(file, 'FILE', 20 * 2 ** 20), format: 'html' };
  return { markdown: readTextFile(file, 'FILE'), format: 'markdown' };
}

function mappingOf(values: string[]): { block: number; section: string }[] {
  return values.map((value) => {
    const match = /^(\d+)\s*=\s*(.+)$/.exec(value);
    if (!match) throw new UsageError(`--map: “${value}” must be BLOCK=SECTION, e.g. 3="What Happened"`);
    return { block: Number(match[1]), section: (match[2] ?? '').trim() };
  });
}

export function previewText(preview: ImportPreview): string[] {
  const lines = [`Title: ${preview.title} (${preview.format})`];
  for (const d of preview.details) lines.push(`Detail kept: ${d.field}: ${d.value}`);
  lines.push('', 'Blocks:');
  for (const b of preview.blocks) {
    const where = b.isTitle ? 'title' : (b.section ?? 'before any section');
    const text = b.text.replace(/\s+/g, ' ').slice(0, 60);
    lines.push(`  ${b.index}\t${b.kind}\t→ ${where}${b.mapped ? ' (mapped)' : ''}\t${text}`);
  }
  lines.push('', `Action items (${preview.actionItems.length}):`);
  for (const a of preview.actionItems) {
    const fields = [a.owner ? `@${a.owner}` : 'no owner', a.due ?? 'no due date', a.status, a.link ?? ''].filter(
      Boolean,
    );
    lines.push(`  ${a.title}\t${fields.join('\t')}\t(${a.from})${a.note ? `\t${a.note}` : ''}`);
  }
  lines.push('', `Timeline (${preview.timeline.length}, ${preview.timeZone}):`);
  for (const t of preview.timeline) lines.push(`  ${t.at ?? `${t.written || 'no time'} (kept as written)`}\t${t.text}`);
  for (const note of preview.notes) lines.push('', `Note: ${note}`);
  return lines;
}

export const postmortemImport = customCommand({
  words: ['postmortem', 'import'],
  summary: 'What a Markdown, HTML or .docx postmortem would become; --apply stores it.',
  operations: ['postmortems.previewImport', 'postmortems.import'],
  args: [
    {
      name: 'FILE',
      field: ['markdown', 'html', 'fileName', 'format'],
      missing: 'give one file',
      help: 'FILE.md, FILE.html or FILE.docx',
    },
  ],
  flags: [
    { name: 'apply', type: 'boolean', field: null, help: 'store it (without: only show what it would become)' },
    {
      name: 'map',
      value: 'N=SECTION',
      multiple: true,
      field: 'mapping',
      help: 'put block N (and what follows) in SECTION',
    },
  ],
  async run(ctx, p) {
    const file = p.positionals[0];
    if (!file) throw new UsageError('FILE: give one file');
    const mapping = mappingOf(p.all('map'));
    const input = {
      ...(await documentInput(file)),
      fileName: path.basename(file),
      ...(mapping.length ? { mapping } : {}),
    };
    const out = ctx.io.out;
    if (!p.has('apply')) {
      const preview = ctx.invoke('postmortems.previewImport', input);
      if (p.json) out(JSON.stringify(preview));
      else {
        for (const line of previewText(preview)) out(line);
        out('');
        out('Nothing stored yet: run again with --apply to import it.');
      }
      return 0;
    }
    const result = ctx.invoke('postmortems.import', input);
    if (p.json) out(JSON.stringify(result));
    else {
      out(
        `${result.created ? 'Imported' : 'Updated'} postmortem ${result.postmortem.id}: ${result.postmortem.title} (${result.postmortem.actionItems.length} action item${result.postmortem.actionItems.length === 1 ? '' : 's'})`,
      );
    }
    return 0;
  },
});
