// Lints a whole postmortem (Markdown): blameful language everywhere, plus the structure the
// templates ask for — at least five causal statements about the system in the Why section,
// specific action items with an owner, a due date and the "because" they address, and a time on
// every timeline entry. Sections are found by heading synonyms (rules.ts `sectionHeadings`, a
// team adds its own), so real postmortems — "Root cause analysis", "What we're changing",
// "Corrective actions", "Next steps" — are read too. Gives a readiness checklist: "5 of 6".
// No NLP here: the blameful language comes from the coach passed in (postmortem-lint.ts gives
// the structure coach by default), so the editor can run these checks on every keystroke
// without loading the English model on its thread.

import { type Diagnostic } from './coach';
import {
  causalMarkers,
  defaultCoachConfig,
  ruleIds,
  ruleTexts,
  sectionHeadings,
  vagueActions,
  type CoachConfig,
  type RuleId,
  type SectionKind,
} from './rules';

export interface Check {
  rule: RuleId;
  title: string;
  passed: boolean;
  /** Diagnostics under this rule. */
  count: number;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  checks: Check[];
  passed: number;
  total: number;
  ready: boolean;
}

interface Section {
  title: string;
  from: number;
  to: number;
  headingTo: number;
  body: string;
  bodyFrom: number;
}

/**
 * Setext headings as real postmortems write them (Flutter's template: "Root causes" over a line of
 * dashes): one line of text after a blank line or the start, underlined with === or ---.
 */
const setextHeading = /(?<=^|\n[ \t]*\n) {0,3}([^\s#>|\-*+=][^\n]*)\n {0,3}(?:=+|-+)[ \t]*(?=\n|$)/g;

function sections(markdown: string): Section[] {
  const headings = [...markdown.matchAll(/^#{1,4}[ \t]+(.+)$/gm)];
  // Only where the text has a heading underline at all, so a keystroke pays nothing otherwise.
  if (/\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/.test(markdown)) {
    for (const m of markdown.matchAll(setextHeading)) if (!/^\d+[.)][ \t]/.test(m[1] ?? '')) headings.push(m);
    headings.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  }
  return headings.map((heading, i) => {
    const from = heading.index ?? 0;
    const headingTo = from + heading[0].length;
    const to = headings[i + 1]?.index ?? markdown.length;
    return {
      title: (heading[1] ?? '').trim(),
      from,
      to,
      headingTo,
      body: markdown.slice(headingTo, to),
      bodyFrom: headingTo,
    };
  });
}

const normalise = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^[\d.)\s]+/, '')
    .replace(/[:.]\s*$/, '')
    .trim();

const headingPatterns = new WeakMap<CoachConfig, [SectionKind, RegExp][]>();

/** The kind of section a heading stands for, or null. */
export function sectionKind(title: string, config: CoachConfig = defaultCoachConfig): SectionKind | null {
  let patterns = headingPatterns.get(config);
  if (!patterns) {
    const kinds: SectionKind[] = ['why', 'changes', 'timeline'];
    patterns = kinds.map((kind) => {
      const names = [...sectionHeadings[kind], ...(config.sections?.[kind] ?? [])];
      const alternatives = names.map((name) => escape(name.toLowerCase())).join('|');
      return [kind, new RegExp(`(?:^|\\W)(?:${alternatives})(?:$|\\W)`)];
    });
    headingPatterns.set(config, patterns);
  }
  const t = normalise(title);
  for (const [kind, pattern] of patterns) if (pattern.test(t)) return kind;
  return null;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Entry {
  text: string;
  from: number;
  /** Cells by column name, for table rows. */
  cells?: Map<string, string>;
}

/** List items of a section body, with offsets of their text. */
function listItems(section: Section): Entry[] {
  return [...section.body.matchAll(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(.*)$/gm)].map((m) => ({
    text: m[1] ?? '',
    from: section.bodyFrom + (m.index ?? 0) + m[0].length - (m[1] ?? '').length,
  }));
}

/** Data rows of the Markdown tables in a section, each cell named by its header. */
function tableRows(section: Section): Entry[] {
  const rows: Entry[] = [];
  const lines = [...section.body.matchAll(/^[ \t]*\|.*\|[ \t]*$/gm)];
  let header: string[] | null = null;
  let lastEnd = -1;
  for (const line of lines) {
    const start = line.index ?? 0;
    const text = line[0];
    const cells = text
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    const contiguous = lastEnd >= 0 && section.body.slice(lastEnd, start).trim() === '';
    lastEnd = start + text.length;
    if (!contiguous) {
      header = cells.map((c) => c.toLowerCase().replace(/[*_`]/g, ''));
      continue;
    }
    if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue;
    const named = new Map<string, string>();
    cells.forEach((cell, k) => named.set(header?.[k] ?? String(k), cell));
    const offset = text.indexOf(cells.find((c) => c.length > 0) ?? '');
    rows.push({
      text: cells.filter((c) => c.length > 0).join(' — '),
      from: section.bodyFrom + start + Math.max(0, offset),
      cells: named,
    });
  }
  return rows;
}

function diag(rule: RuleId, from: number, to: number, detail: string, title = ruleTexts[rule].title): Diagnostic {
  return { rule, from, to, message: `${title}: ${detail}`, hint: ruleTexts[rule].hint };
}

/** A time in an entry's first words: "03:12", "2026-11-19 03:12", "At 13:42 UTC", "13h42", "3:12pm". */
const timeInFirstWords = (text: string): boolean => {
  const firstWords = text.trim().split(/\s+/).slice(0, 6).join(' ');
  return (
    /(?:^|[^\d])\d{1,2}(?::\d{2}(?::\d{2})?|h\d{2})(?:\s?[ap]\.?m\.?)?(?![\d:])/i.test(firstWords) ||
    /\b\d{1,2}\s?[ap]\.?m\.?\b/i.test(firstWords)
  );
};
const ownerPattern = /\b(?:owners?|assignee|dri)\s*:\s*\S+|(?:^|[\s(])@[\w.-]+/i;
const duePattern = /\b(?:due|by|deadline)\s*:?\s*\d{4}-\d{2}-\d{2}\b/i;
const datePattern =
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\bq[1-4]\b/i;
const ticketPattern = /https?:\/\/\S+|\b[A-Z][A-Z0-9]+-\d+\b|(?:^|\s)#\d+\b/;
const becauseRefPattern = /\b(?:because|addresses|cause)\s*[:#]?\s*#?\d+\b|\bB\d+\b/i;
const emptyCell = (cell: string | undefined): boolean => !cell || /^(?:-+|—|tbd|n\/a|\?|none)$/i.test(cell.trim());

const column = (cells: Map<string, string>, names: RegExp): string | undefined => {
  for (const [name, value] of cells) if (names.test(name)) return value;
  return undefined;
};

interface ItemGaps {
  missing: string[];
  vague: string | undefined;
  /** Where the vague phrase starts in the item's text. */
  vagueAt: number;
}

// An action item's gaps depend on its text (and cells) alone: a list item's are remembered by its
// text, so a keystroke elsewhere does not re-test every item (a few hundred entries at most).
const listItemGaps = new Map<string, ItemGaps>();

function actionItemGaps(item: Entry): ItemGaps {
  const cells = item.cells;
  if (!cells) {
    const known = listItemGaps.get(item.text);
    if (known) return known;
  }
  const owner = cells ? column(cells, /owner|assignee|who|dri|responsible/) : undefined;
  const due = cells ? column(cells, /due|deadline|date|when|eta|target/) : undefined;
  const ticket = cells ? column(cells, /ticket|issue|link|jira|tracking|url|bug/) : undefined;
  const because = cells ? column(cells, /because|cause|addresses|why/) : undefined;
  const hasTicket = ticketPattern.test(ticket ?? '') || ticketPattern.test(item.text);
  const missing = [
    ownerPattern.test(item.text) || (owner !== undefined && !emptyCell(owner)) ? null : 'an owner (owner: @handle)',
    duePattern.test(item.text) || (due !== undefined && datePattern.test(due)) || hasTicket
      ? null
      : 'a due date (due: YYYY-MM-DD)',
    becauseRefPattern.test(item.text) || (because !== undefined && !emptyCell(because))
      ? null
      : 'the “because” it addresses (because: N)',
  ].filter((m): m is string => m !== null);
  const lower = item.text.toLowerCase();
  const vague = vagueActions.find((v) => lower.includes(v));
  const gaps = { missing, vague, vagueAt: vague ? lower.indexOf(vague) : -1 };
  if (!cells) {
    if (listItemGaps.size > 2000) listItemGaps.clear();
    listItemGaps.set(item.text, gaps);
  }
  return gaps;
}

/** "Why did X? Because Y." lines of a 5-Whys list: an answer after a question counts once. */
function whyAnswers(body: string): number {
  const lines = body.split('\n').map((l) => l.replace(/^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*(?:\*\*)?/, '').trim());
  let answers = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!/^why\b[^?]*\?/i.test(line)) continue;
    const rest = line.slice(line.indexOf('?') + 1).replace(/^[*\s:–—-]+/, '');
    const next = lines.slice(i + 1).find((l) => l.length > 0) ?? '';
    const answer = rest.length > 0 ? rest : /^why\b/i.test(next) ? '' : next;
    if (answer.length > 0 && !causalTest.test(answer)) answers += 1;
  }
  return answers;
}

const causalPattern = new RegExp(
  `\\b(?:${causalMarkers
    .map((m) => escape(m).replace(/ /g, '\\s+'))
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b`,
  'gi',
);

const causalTest = new RegExp(causalPattern.source, 'i');
const statementEnd = /[.!?](?:\s|$)|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s/g;

/** The names a document's template uses for its sections (the SRE-book style or the default). */
function sectionNames(all: Section[]): Record<SectionKind, string> {
  const sreBook = all.some((s) => /^(?:root causes?|action items|lessons learned|trigger)$/i.test(normalise(s.title)));
  return sreBook
    ? { why: 'Root Causes', changes: 'Action Items', timeline: 'Timeline' }
    : { why: 'Why It Happened', changes: 'What Teams Are Changing', timeline: 'What Happened' };
}

/** The structure checks and readiness over the diagnostics `coach` gives for the blameful language. */
export function lintPostmortemWith(
  markdown: string,
  config: CoachConfig,
  coach: (text: string, config: CoachConfig) => Diagnostic[],
): LintResult {
  const off = new Set(config.disabled);
  const diagnostics: Diagnostic[] = [...coach(markdown, config)];
  const all = sections(markdown);
  const find = (kind: SectionKind): Section | undefined => all.find((s) => sectionKind(s.title, config) === kind);
  const names = sectionNames(all);

  // 4. Why It Happened: at least five causal statements, none about a person's action.
  if (!off.has('because-statements')) {
    const why = find('why');
    const title = `“${why?.title ?? names.why}” needs at least five “because” statements about the system`;
    if (!why) diagnostics.push(diag('because-statements', 0, 0, `there is no “${names.why}” section.`, title));
    else {
      const causes = [...why.body.matchAll(causalPattern)];
      const count = causes.length + whyAnswers(why.body);
      if (count < 5) {
        diagnostics.push(
          diag(
            'because-statements',
            why.from,
            why.headingTo,
            `${count} of at least 5 “because” statements (or “due to”, “caused by”, “as a result of”, 5-Whys answers).`,
            title,
          ),
        );
      }
      for (const match of causes) {
        const from = why.bodyFrom + (match.index ?? 0);
        // Where the statement ends, searched from the match on (not over a copy of the rest of the
        // section for every match: a Why section of 150 "because"s was quadratic).
        statementEnd.lastIndex = match.index ?? 0;
        const end = statementEnd.exec(why.body);
        const to = end ? why.bodyFrom + end.index : why.to;
        const inside = diagnostics.filter((d) => d.rule !== 'because-statements' && d.from >= from && d.to <= to);
        if (inside.length > 0) {
          diagnostics.push(
            diag(
              'because-statements',
              from,
              to,
              `this “${match[0].toLowerCase()}” is about a person’s action, not a condition of the system.`,
              title,
            ),
          );
        }
      }
    }
  }

  // 5. What Teams Are Changing: owned, dated, linked to a "because", specific — in lists or tables.
  if (!off.has('action-items')) {
    const changing = find('changes');
    if (!changing) diagnostics.push(diag('action-items', 0, 0, `there is no “${names.changes}” section.`));
    else {
      const items = [...listItems(changing), ...tableRows(changing)];
      if (items.length === 0)
        diagnostics.push(diag('action-items', changing.from, changing.headingTo, 'no action items yet.'));
      for (const item of items) {
        const { missing, vague, vagueAt } = actionItemGaps(item);
        const to = item.from + (item.cells ? (item.text.split(' — ')[0] ?? '').length : item.text.length);
        if (missing.length > 0) diagnostics.push(diag('action-items', item.from, to, `missing ${missing.join(', ')}.`));
        if (vague && !item.cells) {
          const at = item.from + vagueAt;
          diagnostics.push(
            diag('action-items', at, at + vague.length, `“${vague}” is vague; name the change to the system.`),
          );
        } else if (vague) {
          diagnostics.push(diag('action-items', item.from, to, `“${vague}” is vague; name the change to the system.`));
        }
      }
    }
  }

  // 6. What Happened: every timeline entry (list item or table row) has a time in its first words.
  if (!off.has('timeline-times')) {
    const timeline = find('timeline');
    if (timeline) {
      for (const item of [...listItems(timeline), ...tableRows(timeline)]) {
        if (!timeInFirstWords(item.text)) {
          const to = item.from + (item.cells ? (item.text.split(' — ')[0] ?? '').length : item.text.length);
          diagnostics.push(diag('timeline-times', item.from, to, 'this entry has no time.'));
        }
      }
    }
  }

  diagnostics.sort((a, b) => a.from - b.from || a.to - b.to);
  const checks = ruleIds
    .filter((rule) => !off.has(rule))
    .map((rule) => {
      const count = diagnostics.filter((d) => d.rule === rule).length;
      return { rule, title: ruleTexts[rule].check, passed: count === 0, count };
    });
  const passed = checks.filter((c) => c.passed).length;
  return { diagnostics, checks, passed, total: checks.length, ready: passed === checks.length };
}
