// A postmortem's text as a reader sees it: the timeline's list becomes a table (time, what
// happened) and the action-item list a table (action, owner, due, status, link). Everything else
// is the author's Markdown as written. Used by the rendered preview, the published view and print.

import { sectionKind } from '../blameless/postmortem-checks';
import { joinSections, parseActionLines, splitSections, type Section } from './document';

const listLine = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/;
const cell = (text: string): string => text.replace(/\|/g, '\\|').trim() || '—';

/** Splits a section body into its prose and its top-level list (the first run of list lines). */
function proseAndList(body: string): { before: string; list: string[]; after: string } | null {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => listLine.test(l));
  if (start < 0) return null;
  let end = start;
  while (end < lines.length && (listLine.test(lines[end] ?? '') || /^[ \t]{2,}\S/.test(lines[end] ?? ''))) end++;
  return {
    before: lines.slice(0, start).join('\n'),
    list: lines.slice(start, end),
    after: lines.slice(end).join('\n'),
  };
}

const timedEntry =
  /^[ \t]*[-*+][ \t]+(?:\*\*)?(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}|\d{1,2}:\d{2})(?:\*\*)?[ \t]*[-–—:]?[ \t]*(.*)$/;

function timelineTable(section: Section): Section {
  const parts = proseAndList(section.body);
  if (!parts) return section;
  const rows = parts.list.filter((l) => listLine.test(l)).map((l) => timedEntry.exec(l));
  if (rows.length === 0 || rows.some((r) => r === null)) return section;
  const table = [
    '| Time | What happened |',
    '| --- | --- |',
    ...rows.map((r) => `| ${cell(r?.[1] ?? '')} | ${cell(r?.[2] ?? '')} |`),
  ];
  return { ...section, body: `${parts.before.replace(/\s*$/, '\n\n')}${table.join('\n')}\n${parts.after}` };
}

function actionTable(section: Section): Section {
  const parts = proseAndList(section.body);
  if (!parts) return section;
  const items = parseActionLines(parts.list.filter((l) => listLine.test(l)).join('\n'));
  if (items.length === 0) return section;
  const status = { open: 'open', done: 'done', wont_do: 'won’t do' } as const;
  const table = [
    '| Action | Owner | Due | Status | Link |',
    '| --- | --- | --- | --- | --- |',
    ...items.map(
      (a) =>
        `| ${cell(a.title.replace(/\s*\((?:owners?|due|because)\s*:[^)]*\)/gi, ''))} | ${cell(a.owner ? `@${a.owner}` : '')} | ${cell(a.due ?? '')} | ${cell(
          status[a.status] + (a.reason ? `: ${a.reason}` : ''),
        )} | ${a.link ? `[${cell(a.link.replace(/^https?:\/\//, ''))}](${a.link})` : '—'} |`,
    ),
  ];
  return { ...section, body: `${parts.before.replace(/\s*$/, '\n\n')}${table.join('\n')}\n${parts.after}` };
}

export function documentForReading(markdown: string): string {
  return joinSections(
    splitSections(markdown).map((section) => {
      if (!section.heading) return section;
      const kind = sectionKind(section.title);
      if (kind === 'timeline') return timelineTable(section);
      if (kind === 'changes') return actionTable(section);
      return section;
    }),
  );
}
