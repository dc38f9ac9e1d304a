// What an imported postmortem's text holds besides prose: its action items (list items — "-",
// "1.", "1)", "[ ]" — in the changes section, "Next steps" included, and rows of any table with an
// owner, due-date or ticket column) and its timeline (list items and table rows with a time in
// their first words, dated by the row, the section or the document).

import { DateTime } from 'luxon';
import { sectionKind } from '../../blameless/postmortem-checks';
import { splitSections } from '../document';

export interface ImportedAction {
  title: string;
  owner: string | null;
  due: string | null;
  link: string | null;
  /** The "because" it answers (because: N), when written. */
  because: number | null;
  status: 'open' | 'done';
  /** Where it was read: "list in Next steps", "table in Action Items, row 2". */
  from: string;
  /** What could not be used, e.g. a due date that is not a date. */
  note: string | null;
}

export interface ImportedTimelineEntry {
  /** ISO instant, or null when the entry has no time or no date could be found for it. */
  at: string | null;
  /** The time as written ("13:42", "2017-01-31 23:00 UTC"). */
  written: string;
  text: string;
}

interface Row {
  cells: Map<string, string>;
  text: string;
}

const splitRow = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** Data rows of the Markdown tables in a text, each cell named by its header (lower case). */
export function tables(body: string): { header: string[]; rows: Row[] }[] {
  const out: { header: string[]; rows: Row[] }[] = [];
  let current: { header: string[]; rows: Row[] } | null = null;
  for (const line of body.split('\n')) {
    if (!/^[ \t]*\|.*\|[ \t]*$/.test(line)) {
      current = null;
      continue;
    }
    const cells = splitRow(line);
    if (!current) {
      current = { header: cells.map((c) => c.toLowerCase().replace(/[*_`]/g, '').trim()), rows: [] };
      out.push(current);
      continue;
    }
    if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue;
    const named = new Map<string, string>();
    cells.forEach((cell, k) => named.set(current?.header[k] ?? String(k), cell));
    current.rows.push({ cells: named, text: cells.filter((c) => c.length > 0).join(' — ') });
  }
  return out;
}

const ownerColumn = /owner|assignee|who|dri|responsible|assigned/;
const dueColumn = /due|deadline|eta|target|when|date/;
const ticketColumn = /ticket|issue|link|jira|tracking|url|bug/;
const statusColumn = /status|state|done/;
const titleColumn = /action|item|task|title|description|what|summary|change|remediation|step/;

const column = (cells: Map<string, string>, names: RegExp): string | undefined => {
  for (const [name, value] of cells) if (names.test(name)) return value;
  return undefined;
};
const empty = (cell: string | undefined): boolean => !cell || /^(?:-+|—|tbd|n\/a|\?|none)$/i.test(cell.trim());

const months = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

/**
 * A calendar date written as 2026-11-03, 2026/11/03 (GitLab's 2017 postmortem: "2017/01/31 23:00
 * UTC"), 11/03/2026, Nov 3, 2026 or 3 November 2026.
 */
export function readDate(text: string, year?: number): string | null {
  const iso = /\b(\d{4})([-/])(\d{1,2})\2(\d{1,2})\b/.exec(text);
  if (iso) {
    const date = DateTime.fromObject({ year: +iso[1]!, month: +iso[3]!, day: +iso[4]! });
    return date.isValid ? date.toISODate() : null;
  }
  const us = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  if (us) return DateTime.fromObject({ year: +us[3]!, month: +us[1]!, day: +us[2]! }).toISODate();
  const named = new RegExp(
    `\\b(?:(\\d{1,2})\\s+)?(${months})[a-z]*\\.?\\s*(\\d{1,2})?(?:st|nd|rd|th)?,?\\s*(\\d{4})?\\b`,
    'i',
  ).exec(text);
  if (named && (named[1] || named[3]) && (named[4] || year)) {
    const month = months.split('|').indexOf((named[2] ?? '').toLowerCase().slice(0, 3)) + 1;
    const day = Number(named[1] ?? named[3]);
    const date = DateTime.fromObject({ year: Number(named[4] ?? year), month, day });
    return date.isValid ? date.toISODate() : null;
  }
  return null;
}

function linkOf(text: string): string | null {
  return /\((https?:\/\/[^)\s]+)\)/.exec(text)?.[1] ?? /<?(https?:\/\/[^\s>)|]+)>?/.exec(text)?.[1] ?? null;
}

const plain = (text: string): string =>
  text
    .replace(/\[([^\]]*)\]\((?:[^)]*)\)/g, '$1')
    // Bold markers only: underscores and backticks can be part of what was written (window.__x).
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function actionFromText(raw: string, from: string): ImportedAction {
  let text = raw.replace(/^\[( |x|X)\][ \t]+/, '');
  const done = /^\[(x|X)\]/.test(raw) || /—\s*done\s*$/i.test(text);
  const link = linkOf(text);
  const owner =
    /\b(?:owners?|assignee|dri)\s*:\s*@?([\w.-]+)/i.exec(text)?.[1] ??
    /(?:^|[\s(])@([\w.-]+)/.exec(text)?.[1] ??
    /\(([A-Z][a-z]+(?: [A-Z][a-z]+)?)\)\s*$/.exec(plain(text))?.[1] ??
    null;
  const because = /\bbecause\s*[:#]\s*#?(\d{1,3})\b/i.exec(text)?.[1];
  const dueText = /\b(?:due|by|deadline)\s*:?\s*([^,;—)]+)/i.exec(text)?.[1];
  const due = dueText ? readDate(dueText) : null;
  text = text
    .replace(/\s*—\s*done\s*$/i, '')
    .replace(/\s*—\s*(?:owners?:|due)[^—]*$/i, '')
    .replace(/\s*\((?:owners?|assignee|dri|due)\s*:[^)]*\)/gi, '')
    .replace(/\s+due\s*:?\s*\d{4}-\d{2}-\d{2}\b/i, '')
    .replace(/\s*—\s*$/, '');
  // An assignee mentioned last ("Add a login canary @ravi", a Confluence task) is the owner, not words of the title.
  if (owner) text = text.replace(/\s+@([\w.-]+)\s*$/, (mention, handle: string) => (handle === owner ? '' : mention));
  return {
    title: plain(text.replace(/<https?:\/\/[^>]+>/g, '')).slice(0, 500) || plain(raw).slice(0, 500),
    owner,
    due,
    link,
    because: because ? Number(because) : null,
    status: done ? 'done' : 'open',
    from,
    note: dueText && !due ? `due “${dueText.trim()}” is not a date; left empty` : null,
  };
}

function actionFromRow(row: Row, from: string): ImportedAction | null {
  const cells = row.cells;
  const otherCell = [...cells].find(
    ([name]) =>
      !ownerColumn.test(name) && !dueColumn.test(name) && !ticketColumn.test(name) && !statusColumn.test(name),
  )?.[1];
  // A table whose only wording column is named like a ticket ("Issue | Owner | Due date") holds
  // the action in it: its text is the title, its link the ticket.
  const ticketAsTitle = column(cells, titleColumn) === undefined && otherCell === undefined;
  const titleCell =
    column(cells, titleColumn) ?? otherCell ?? (ticketAsTitle ? column(cells, ticketColumn) : undefined);
  if (empty(titleCell)) return null;
  const owner = column(cells, ownerColumn);
  const dueCell = column(cells, dueColumn);
  const due = empty(dueCell) ? null : readDate(dueCell ?? '');
  const ticket = ticketAsTitle ? undefined : column(cells, ticketColumn);
  const status = column(cells, statusColumn);
  const link = linkOf(ticket ?? '') ?? linkOf(titleCell ?? '');
  const ticketName = !link && ticket && !empty(ticket) ? ` (${plain(ticket)})` : '';
  return {
    title: (plain(titleCell ?? '') + ticketName).slice(0, 500),
    owner: empty(owner)
      ? null
      : plain(owner ?? '')
          .replace(/^@/, '')
          .slice(0, 80),
    due,
    link,
    because: null,
    status: status && /done|closed|complete|fixed|resolved|✓|✔/i.test(status) ? 'done' : 'open',
    from,
    note: !empty(dueCell) && !due ? `due “${plain(dueCell ?? '')}” is not a date; left empty` : null,
  };
}

/** Top-level list items of a text, continuation lines joined. */
function listItems(body: string): string[] {
  const items: string[] = [];
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const item = /^ {0,1}(?:[-*+]|\d{1,3}[.)])[ \t]+(.*)$/.exec(line);
    if (item) items.push(item[1] ?? '');
    else if (items.length > 0 && /^[ \t]{2,}\S/.test(line) && !/^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]/.test(line)) {
      items[items.length - 1] += ` ${line.trim()}`;
    }
  }
  return items;
}

/** Action items of a body whose sections start with "## ". */
export function extractActions(body: string): ImportedAction[] {
  const actions: ImportedAction[] = [];
  for (const section of splitSections(body)) {
    const kind = section.heading ? sectionKind(section.title) : null;
    const name = section.title || 'the text before any section';
    if (kind === 'changes') {
      for (const item of listItems(section.body)) actions.push(actionFromText(item, `list in ${name}`));
    }
    if (kind === 'timeline') continue;
    for (const table of tables(section.body)) {
      const actionTable =
        kind === 'changes' || table.header.some((h) => ownerColumn.test(h) || /^(?:due|ticket|jira)/.test(h));
      if (!actionTable) continue;
      table.rows.forEach((row, i) => {
        const action = actionFromRow(row, `table in ${name}, row ${i + 1}`);
        if (action) actions.push(action);
      });
    }
  }
  return actions;
}

const timePattern =
  /(?:^|[^\d])(\d{1,2})(?::(\d{2})(?::\d{2})?|h(\d{2}))(?:\s?([ap])\.?m\.?)?(?![\d:])|\b(\d{1,2})\s?([ap])\.?m\.?\b/i;

/** Zones that real postmortems name by abbreviation. */
const zoneNames: [RegExp, string][] = [
  [/\b(?:UTC|GMT|Z)\b/, 'UTC'],
  [/\bP[SD]T\b|\bPacific\b/, 'America/Los_Angeles'],
  [/\bE[SD]T\b|\bEastern\b/, 'America/New_York'],
  [/\bC[SD]T\b|\bCentral\b/, 'America/Chicago'],
  [/\bCES?T\b/, 'Europe/Berlin'],
  [/\bBST\b/, 'Europe/London'],
];

export function zoneNamed(text: string): string | null {
  return zoneNames.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/**
 * Timeline entries of the timeline section: each list item or table row with a time in its first
 * words. A date in the entry wins, then the last date seen above it in the section, then `date`.
 */
export function extractTimeline(
  body: string,
  zone: string,
  date: string | null,
): { entries: ImportedTimelineEntry[]; zone: string; section: string | null } {
  const section = splitSections(body).find((s) => s.heading !== '' && sectionKind(s.title) === 'timeline');
  if (!section) return { entries: [], zone, section: null };
  const sectionZone = zoneNamed(section.body) ?? zone;
  const candidates: string[] = [...listItems(section.body)];
  for (const table of tables(section.body)) {
    for (const row of table.rows) {
      const time = column(row.cells, /time|when|date|utc/);
      const text = [...row.cells].filter(([n]) => !/time|when|date|utc/.test(n)).map(([, v]) => v);
      candidates.push(time ? `${time} ${text.join(' — ')}` : row.text);
    }
  }
  // Lines that are neither list items nor tables but start with a time ("13:42 — the alert fired").
  if (candidates.length === 0) {
    for (const line of section.body.split('\n'))
      if (timePattern.test(line.split(/\s+/).slice(0, 4).join(' '))) candidates.push(line.trim());
  }
  let lastDate = date ?? readDate(section.body);
  const entries = candidates.map((raw): ImportedTimelineEntry => {
    const text = plain(raw);
    const firstWords = text.split(/\s+/).slice(0, 6).join(' ');
    const time = timePattern.exec(firstWords);
    const entryDate = readDate(firstWords, lastDate ? Number(lastDate.slice(0, 4)) : undefined);
    if (entryDate) lastDate = entryDate;
    if (!time) return { at: null, written: '', text };
    let hour = Number(time[1] ?? time[5]);
    const minute = Number(time[2] ?? time[3] ?? 0);
    const meridiem = (time[4] ?? time[6] ?? '').toLowerCase();
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
    const entryZone = zoneNamed(firstWords) ?? sectionZone;
    const day = entryDate ?? lastDate;
    const at = day ? DateTime.fromISO(day, { zone: entryZone }).set({ hour, minute }) : null;
    const end = firstWords.indexOf(time[0]) + time[0].length;
    const written = firstWords.slice(0, end).trim();
    const rest = text
      .slice(text.indexOf(written) + written.length)
      .replace(/^\s*(?:UTC|GMT|P[SD]T|E[SD]T|C[SD]T|CES?T|BST)\b/, '')
      .replace(/^[\s:,–—-]+/, '');
    return { at: at?.isValid ? at.toUTC().toISO({ suppressMilliseconds: true }) : null, written, text: rest || text };
  });
  return { entries, zone: sectionZone, section: section.title };
}
