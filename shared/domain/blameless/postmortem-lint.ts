// Lints a whole postmortem (Markdown): blameful language everywhere, plus the structure the
// default template asks for — at least five "because" statements about the system in Why It
// Happened, specific action items with an owner, a due date and the "because" they address,
// and a time on every timeline entry. Gives a readiness checklist: "ready to publish: 5 of 6".

import { coachText, type Diagnostic } from './coach';
import { defaultCoachConfig, ruleIds, ruleTexts, vagueActions, type CoachConfig, type RuleId } from './rules';

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

function sections(markdown: string): Section[] {
  const headings = [...markdown.matchAll(/^#{1,3}[ \t]+(.+)$/gm)];
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

const find = (all: Section[], pattern: RegExp): Section | undefined => all.find((s) => pattern.test(s.title));

/** List items of a section body, with offsets of their text. */
function listItems(section: Section): { text: string; from: number }[] {
  return [...section.body.matchAll(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(.*)$/gm)].map((m) => ({
    text: m[1] ?? '',
    from: section.bodyFrom + (m.index ?? 0) + m[0].length - (m[1] ?? '').length,
  }));
}

function diag(rule: RuleId, from: number, to: number, detail: string): Diagnostic {
  return { rule, from, to, message: `${ruleTexts[rule].title}: ${detail}`, hint: ruleTexts[rule].hint };
}

const timePattern = /^(?:\*\*)?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\b/;
const ownerPattern = /\bowners?\s*:\s*\S+|(?:^|\s)@[\w.-]+/i;
const duePattern = /\bdue\s*:?\s*\d{4}-\d{2}-\d{2}\b/i;
const becauseRefPattern = /\b(?:because|addresses|cause)\s*[:#]?\s*#?\d+\b|\bB\d+\b/i;

/**
 * `coach` finds the blameful language (default: `coachText` over the whole text); the editor
 * passes one that remembers each section's answer, so a keystroke re-reads one section only.
 */
export function lintPostmortem(
  markdown: string,
  config: CoachConfig = defaultCoachConfig,
  coach: (text: string, config: CoachConfig) => Diagnostic[] = coachText,
): LintResult {
  const off = new Set(config.disabled);
  const diagnostics: Diagnostic[] = [...coach(markdown, config)];
  const all = sections(markdown);

  // 4. Why It Happened: at least five "because", none about a person's action.
  if (!off.has('because-statements')) {
    const why = find(all, /why it happened|root causes?|contributing/i);
    if (!why) diagnostics.push(diag('because-statements', 0, 0, 'there is no “Why It Happened” section.'));
    else {
      const becauses = [...why.body.matchAll(/\bbecause\b/gi)];
      if (becauses.length < 5) {
        diagnostics.push(
          diag('because-statements', why.from, why.headingTo, `${becauses.length} of at least 5 “because” statements.`),
        );
      }
      for (const match of becauses) {
        const from = why.bodyFrom + (match.index ?? 0);
        const end = why.body.slice(match.index ?? 0).search(/[.!?\n]/);
        const to = end < 0 ? why.to : from + end;
        const inside = diagnostics.filter((d) => d.rule !== 'because-statements' && d.from >= from && d.to <= to);
        if (inside.length > 0) {
          diagnostics.push(
            diag(
              'because-statements',
              from,
              to,
              'this “because” is about a person’s action, not a condition of the system.',
            ),
          );
        }
      }
    }
  }

  // 5. What Teams Are Changing: owned, dated, linked to a "because", specific.
  if (!off.has('action-items')) {
    const changing = find(all, /what teams are changing|action items|follow[- ]?ups?|what we.?re changing/i);
    if (!changing) diagnostics.push(diag('action-items', 0, 0, 'there is no “What Teams Are Changing” section.'));
    else {
      const items = listItems(changing);
      if (items.length === 0)
        diagnostics.push(diag('action-items', changing.from, changing.headingTo, 'no action items yet.'));
      for (const item of items) {
        const missing = [
          ownerPattern.test(item.text) ? null : 'an owner (owner: @handle)',
          duePattern.test(item.text) ? null : 'a due date (due: YYYY-MM-DD)',
          becauseRefPattern.test(item.text) ? null : 'the “because” it addresses (because: N)',
        ].filter((m): m is string => m !== null);
        const to = item.from + item.text.length;
        if (missing.length > 0) diagnostics.push(diag('action-items', item.from, to, `missing ${missing.join(', ')}.`));
        const lower = item.text.toLowerCase();
        const vague = vagueActions.find((v) => lower.includes(v));
        if (vague) {
          const at = item.from + lower.indexOf(vague);
          diagnostics.push(
            diag('action-items', at, at + vague.length, `“${vague}” is vague; name the change to the system.`),
          );
        }
      }
    }
  }

  // 6. What Happened: every timeline entry has a time.
  if (!off.has('timeline-times')) {
    const timeline = find(all, /what happened|timeline/i);
    if (timeline) {
      for (const item of listItems(timeline)) {
        if (!timePattern.test(item.text.trim())) {
          diagnostics.push(diag('timeline-times', item.from, item.from + item.text.length, 'this entry has no time.'));
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
