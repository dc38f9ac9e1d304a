// A postmortem's Markdown document: its sections (split and joined back byte for byte), the
// timeline in What Happened, and the action-item list in What Teams Are Changing.

import { DateTime } from 'luxon';

export interface Section {
  /** The heading line as written, e.g. "## What Happened" (empty for the text before any). */
  heading: string;
  title: string;
  /** Everything after the heading line up to the next section heading, newlines included. */
  body: string;
}

const headingPattern = /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/;

/** Splits at level-2 headings. `joinSections(splitSections(md)) === md` for any text. */
export function splitSections(markdown: string): Section[] {
  const lines = markdown.split(/(?<=\n)/);
  const sections: Section[] = [{ heading: '', title: '', body: '' }];
  let inFence = false;
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : headingPattern.exec(line.replace(/\r?\n$/, ''));
    if (match) sections.push({ heading: line, title: (match[1] ?? '').trim(), body: '' });
    else {
      const last = sections[sections.length - 1];
      if (last) last.body += line;
    }
  }
  return sections;
}

export function joinSections(sections: Section[]): string {
  return sections.map((s) => s.heading + s.body).join('');
}

export const sectionPatterns = {
  timeline: /^(what happened|timeline)\b/i,
  why: /^(why it happened|root causes?|contributing factors?)\b/i,
  actions: /^(what teams are changing|action items|follow[- ]?ups?)\b/i,
};

export function findSection(sections: Section[], pattern: RegExp): number {
  return sections.findIndex((s) => s.heading !== '' && pattern.test(s.title));
}

/** Replaces one section's body, keeping the blank line before the next heading. */
export function replaceSectionBody(markdown: string, pattern: RegExp, body: string): string {
  const sections = splitSections(markdown);
  const index = findSection(sections, pattern);
  const section = sections[index];
  if (!section) return markdown;
  const next = index < sections.length - 1;
  let text = body.trim() === '' ? '\n' : `\n${body.replace(/\s+$/, '')}\n`;
  if (next) text += '\n';
  sections[index] = { ...section, body: text };
  return joinSections(sections);
}

// ---------------------------------------------------------------- timeline

export interface TimelineEntry {
  /** Epoch ms, or null for an entry written without a time. */
  at: number | null;
  text: string;
}

const entryPattern = /^[ \t]*[-*+][ \t]+(?:\*\*)?(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})(?::\d{2})?(?:\*\*)?[ \t]*(.*)$/;
const listItemPattern = /^[ \t]*[-*+][ \t]+(.*)$/;
const zoneLinePattern = /^_?Times are in ([A-Za-z0-9_+\-/]+)[^\n]*$/m;

/** Whether a line is the timeline's own "_Times are in …_" line (written again by formatTimeline). */
export const isTimelineZoneLine = (line: string): boolean => zoneLinePattern.test(line);

export function timelineZone(body: string): string | null {
  return zoneLinePattern.exec(body)?.[1] ?? null;
}

/** Reads the entries of a timeline section body, in the zone the times were written in. */
export function parseTimeline(body: string, zone: string): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const line of body.split('\n')) {
    const timed = entryPattern.exec(line);
    if (timed) {
      const local = DateTime.fromISO(`${timed[1]}T${(timed[2] ?? '').padStart(5, '0')}`, { zone });
      entries.push({ at: local.isValid ? local.toMillis() : null, text: (timed[3] ?? '').trim() });
      continue;
    }
    const item = listItemPattern.exec(line);
    if (item) entries.push({ at: null, text: (item[1] ?? '').trim() });
  }
  return entries;
}

/** Sorts by time; entries without a time keep their place after the timed entry before them. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  const groups: { at: number; order: number; items: TimelineEntry[] }[] = [];
  let current = { at: -Infinity, order: -1, items: [] as TimelineEntry[] };
  groups.push(current);
  entries.forEach((entry, order) => {
    if (entry.at === null) current.items.push(entry);
    else {
      current = { at: entry.at, order, items: [entry] };
      groups.push(current);
    }
  });
  groups.sort((a, b) => a.at - b.at || a.order - b.order);
  return groups.flatMap((g) => g.items);
}

export function zoneLabel(zone: string, at: number): string {
  const offset = DateTime.fromMillis(at, { zone }).toFormat('ZZ');
  return `${zone} (UTC${offset})`;
}

/** `at` names the zone's offset when no entry has a time yet (the offset differs across DST). */
export function formatTimeline(entries: TimelineEntry[], zone: string, at?: number): string {
  const sorted = sortTimeline(entries);
  const first = sorted.find((e) => e.at !== null)?.at ?? at ?? 0;
  const lines = sorted.map((e) =>
    e.at === null
      ? `- ${e.text}`
      : `- ${DateTime.fromMillis(e.at, { zone }).toFormat('yyyy-MM-dd HH:mm')} ${e.text}`.trimEnd(),
  );
  return [`_Times are in ${zoneLabel(zone, first)}._`, '', ...lines].join('\n');
}

/** Rewrites a timeline section body sorted, in `toZone` (its times were written in `fromZone`). */
export function retimeTimeline(body: string, fromZone: string, toZone: string): string {
  const intro = body
    .split('\n')
    .filter((line) => line.trim() !== '' && !listItemPattern.test(line) && !zoneLinePattern.test(line));
  const timeline = formatTimeline(parseTimeline(body, timelineZone(body) ?? fromZone), toZone);
  return intro.length > 0 ? `${intro.join('\n')}\n\n${timeline}` : timeline;
}

/** Adds one entry to a timeline section body, which comes back sorted. */
export function addTimelineEntry(body: string, zone: string, entry: { at: number; text: string }): string {
  const line = `- ${DateTime.fromMillis(entry.at, { zone }).toFormat('yyyy-MM-dd HH:mm')} ${entry.text.trim()}`;
  return retimeTimeline(`${body.replace(/\s*$/, '')}\n${line}\n`, zone, zone);
}

/** Whether the timed entries are already in time order. */
export function timelineSorted(body: string, zone: string): boolean {
  const times = parseTimeline(body, timelineZone(body) ?? zone)
    .map((e) => e.at)
    .filter((at): at is number => at !== null);
  return times.every((at, i) => i === 0 || at >= (times[i - 1] ?? at));
}

// ---------------------------------------------------------------- action items

export type ActionStatus = 'open' | 'done' | 'wont_do';

export interface ActionLine {
  title: string;
  owner: string | null;
  due: string | null;
  because: number | null;
  status: ActionStatus;
  reason: string;
  link: string | null;
}

/** One action item as a list line the coach can check and a reader can follow. */
export function formatActionLine(item: ActionLine): string {
  const fields = [
    item.owner ? `owner: @${item.owner.replace(/^@/, '')}` : null,
    item.due ? `due: ${item.due}` : null,
    item.because !== null ? `because: ${item.because}` : null,
  ].filter(Boolean);
  let line = `- ${item.title.trim()}`;
  if (fields.length > 0) line += ` — ${fields.join(', ')}`;
  if (item.status === 'done') line += ' — done';
  if (item.status === 'wont_do') line += ` — won’t do${item.reason ? `: ${item.reason}` : ''}`;
  if (item.link) line += ` — <${item.link}>`;
  return line;
}

export function formatActionList(items: ActionLine[]): string {
  return items.map(formatActionLine).join('\n');
}

/** Reads action items back from list lines written by hand or by `formatActionLine`. */
export function parseActionLines(body: string): ActionLine[] {
  const items: ActionLine[] = [];
  for (const line of body.split('\n')) {
    const match = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[( |x|X)\][ \t]+)?(.+)$/.exec(line);
    if (!match) continue;
    let text = match[2] ?? '';
    const link = /<(https?:\/\/[^>\s]+)>/.exec(text)?.[1] ?? null;
    if (link) text = text.replace(/\s*—?\s*<https?:\/\/[^>\s]+>/, '');
    const owner = /\bowners?\s*:\s*@?([\w.-]+)/i.exec(text)?.[1] ?? /(?:^|\s)@([\w.-]+)/.exec(text)?.[1] ?? null;
    const due = /\bdue\s*:?\s*(\d{4}-\d{2}-\d{2})\b/i.exec(text)?.[1] ?? null;
    const becauseText = /\bbecause\s*[:#]?\s*#?(\d+)\b/i.exec(text)?.[1];
    const wont = /—\s*won[’']t do(?::\s*(.*))?$/i.exec(text);
    const done = match[1]?.toLowerCase() === 'x' || /—\s*done\s*$/i.test(text);
    const title = text
      .replace(/\s*—\s*won[’']t do(?::.*)?$/i, '')
      .replace(/\s*—\s*done\s*$/i, '')
      .replace(/\s*—\s*(?:owners?:|due|because)[^—]*$/i, '')
      .trim();
    items.push({
      title: title || text.trim(),
      owner,
      due,
      because: becauseText ? Number(becauseText) : null,
      status: wont ? 'wont_do' : done ? 'done' : 'open',
      reason: wont?.[1]?.trim() ?? '',
      link,
    });
  }
  return items;
}

/** The "because" statements of Why It Happened, numbered from 1 in order. */
export function becauseStatements(markdown: string): string[] {
  const sections = splitSections(markdown);
  const why = sections[findSection(sections, sectionPatterns.why)];
  if (!why) return [];
  const out: string[] = [];
  for (const match of why.body.matchAll(/\bbecause\b[^.!?\n]*/gi)) out.push(match[0].trim());
  return out;
}

export interface BecauseStatement {
  /** The number the author gave it ("3." in a numbered list), else the next free number. */
  number: number;
  text: string;
  /** Offsets in the whole document. */
  from: number;
  to: number;
}

const causal = /\b(?:because|due to|caused by|as a result of)\b/i;

/**
 * The causal statements an action item can answer, numbered as the author numbered them: a
 * numbered list item keeps its number; an unnumbered "because" takes the next free number.
 * Statements `blameful(from, to)` says are about a person's action are left out (an action item
 * does not answer blame), without renumbering the others.
 */
export function numberedBecauses(
  markdown: string,
  blameful: (from: number, to: number) => boolean = () => false,
): BecauseStatement[] {
  const sections = splitSections(markdown);
  const index = findSection(sections, sectionPatterns.why);
  const why = sections[index];
  if (!why) return [];
  let offset = sections.slice(0, index).reduce((n, s) => n + s.heading.length + s.body.length, 0) + why.heading.length;
  const found: (BecauseStatement & { numbered: boolean })[] = [];
  for (const line of why.body.split('\n')) {
    const item = /^([ \t]*)(\d{1,3})[.)][ \t]+(.*)$/.exec(line);
    if (item && causal.test(item[3] ?? '')) {
      const from = offset + line.length - (item[3] ?? '').length;
      found.push({
        number: Number(item[2]),
        text: (item[3] ?? '').trim(),
        from,
        to: offset + line.length,
        numbered: true,
      });
    } else if (!item) {
      for (const match of line.matchAll(/\bbecause\b[^.!?\n]*/gi)) {
        const from = offset + (match.index ?? 0);
        found.push({ number: 0, text: match[0].trim(), from, to: from + match[0].length, numbered: false });
      }
    }
    offset += line.length + 1;
  }
  const used = new Set(found.filter((f) => f.numbered).map((f) => f.number));
  let next = 1;
  for (const f of found) {
    if (f.numbered) continue;
    while (used.has(next)) next++;
    f.number = next;
    used.add(next);
  }
  return found
    .filter((f) => !blameful(f.from, f.to))
    .map(({ number, text, from, to }) => ({ number, text, from, to }))
    .sort((a, b) => a.number - b.number);
}
