// The blame words of the structure coach, without the NLP: a hard-wrapped text unwrapped (same
// length, same positions) and one pattern over it. Cheap enough for every keystroke — the editor
// shows these at once while the structure pass (deep-coach.ts) runs in a worker.

import { blamePattern, type Diagnostic } from './coach';
import { blameWords, ruleTexts, type CoachConfig } from './rules';
import { judgementDenials } from './structure-lexicon';

const blockStart = /^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|>|\||```|~~~|$)/;

/**
 * A line break inside a paragraph (both lines hold text, and the next line does not start a list
 * item, heading, quote, table row or fence) becomes a space. Same length, same positions.
 */
export function unwrap(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1] ?? '';
    const line = lines[i] ?? '';
    const soft =
      previous.trim().length > 0 &&
      !/^[ \t]*(?:#|\||```|~~~)/.test(previous) &&
      !blockStart.test(line) &&
      line.trim().length > 0;
    out += (soft ? ' ' : '\n') + line;
  }
  return out;
}

// A denial in the (up to five) words before a judgement, with no punctuation between: "not
// incompetence", "not human error but …", "none of which are the fault of the author".
const denialBefore = new RegExp(
  `(?:${judgementDenials
    .map((w) => (w.startsWith('n') && w.includes("'") ? w.replace(/'/g, "['’]") : `\\b${w}`))
    .join('|')})(?:\\s+[\\w'’-]+){0,4}\\s+$`,
  'i',
);

const blamePatterns = new WeakMap<CoachConfig, RegExp>();
function blameOf(config: CoachConfig): RegExp {
  let pattern = blamePatterns.get(config);
  if (!pattern) {
    pattern = blamePattern([...blameWords, ...config.blameWords].map((w) => w.toLowerCase()));
    blamePatterns.set(config, pattern);
  }
  return pattern;
}

/** The blame words in a text (unwrap hard-wrapped text first), in order of position. */
export function blameWordsIn(text: string, config: CoachConfig): Diagnostic[] {
  if (config.disabled.includes('blame-words')) return [];
  const pattern = blameOf(config);
  pattern.lastIndex = 0;
  const found: Diagnostic[] = [];
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    // "This is not incompetence", "not human error but …": a judgement denied is not one made.
    if (denialBefore.test(text.slice(Math.max(0, match.index - 60), match.index))) continue;
    found.push({
      rule: 'blame-words',
      from: match.index,
      to: match.index + match[0].length,
      message: `${ruleTexts['blame-words'].title}: “${match[0]}” judges a person rather than describing the system.`,
      hint: ruleTexts['blame-words'].hint,
    });
  }
  return found;
}
