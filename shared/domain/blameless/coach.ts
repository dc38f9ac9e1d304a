// The blameless coach: finds blameful language in postmortem text and checks a postmortem's
// structure, as diagnostics with positions. This is the word-and-pattern coach the structure
// coach (deep-coach.ts) replaced; it stays as the baseline the corpus figures and the bench
// compare against, and for the sentence splitter and blame-word pattern both coaches share.

import {
  blameWords,
  defaultCoachConfig,
  firstNames,
  framings,
  humanActions,
  personPronouns,
  roles,
  ruleTexts,
  type CoachConfig,
  type RuleId,
} from './rules';

export interface Diagnostic {
  rule: RuleId;
  /** Character offsets into the text, end exclusive. */
  from: number;
  to: number;
  message: string;
  hint: string;
}

interface Word {
  text: string;
  lower: string;
  from: number;
  to: number;
  /** A comma, semicolon, colon, dash or bracket follows before the next word. */
  breakAfter: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const clauseBreakers = new Set([
  'because',
  'and',
  'but',
  'so',
  'which',
  'that',
  'while',
  'when',
  'although',
  'since',
  'after',
  'before',
  'then',
  'who',
]);

function words(text: string, offset: number): Word[] {
  const list: Word[] = [];
  const pattern = /@?[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const to = match.index + match[0].length;
    const next = text.slice(to, to + 3);
    list.push({
      text: match[0],
      lower: match[0].toLowerCase().replace(/’/g, "'"),
      from: offset + match.index,
      to: offset + to,
      breakAfter: /^\s*[,;:()\u2014\u2013]|^\s+-\s/.test(next),
    });
  }
  return list;
}

/** Sentences (and list items) with their offsets. */
export function sentences(text: string): { text: string; from: number }[] {
  const result: { text: string; from: number }[] = [];
  // A dot inside a word ("v2.3.1", "db1.prod", "e.g.") does not end the sentence.
  const pattern = /(?:[^.!?\n]|[.!?]+(?=[^\s.!?]))+(?:[.!?]+(?=\s|$)|(?=\n)|$)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    if (match[0].trim().length > 0) result.push({ text: match[0], from: match.index });
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  return result;
}

/** Phrases (as words) by their first word, longest first. */
type PhraseIndex = Map<string, string[][]>;

interface Lexicon {
  names: Set<string>;
  roles: PhraseIndex;
  actions: PhraseIndex;
  framings: PhraseIndex;
  blame: RegExp;
  pronouns: Set<string>;
}

const lexicons = new WeakMap<CoachConfig, Lexicon>();

/**
 * The blame words as one pattern: any run of spaces or tabs between their words (never a line
 * break, so a line can be read on its own while typing — the structure pass unwraps hard-wrapped
 * text before it matches), and a plural for nouns ("human errors").
 */
export function blamePattern(words: string[]): RegExp {
  return new RegExp(
    [...words]
      .sort((a, b) => b.length - a.length)
      .map((w) => {
        const body = escape(w).replace(/ /g, '[ \\t]+') + (/(?:error|finger|mistake)$/.test(w) ? 's?' : '');
        return /^['’]/.test(w) ? `${body}\\b` : `\\b${body}\\b`;
      })
      .join('|'),
    // No 'u' flag: with it, V8 runs this alternation of \b-bounded words ~100× slower.
    'gi',
  );
}

function lexicon(config: CoachConfig): Lexicon {
  let found = lexicons.get(config);
  if (!found) {
    const split = (phrases: string[]): PhraseIndex => {
      const index: PhraseIndex = new Map();
      const all = [...new Set(phrases.map((p) => p.toLowerCase().replace(/’/g, "'")))]
        .map((p) => p.split(/\s+/))
        .sort((a, b) => b.length - a.length);
      for (const phrase of all) index.set(phrase[0] ?? '', [...(index.get(phrase[0] ?? '') ?? []), phrase]);
      return index;
    };
    const roster = config.names.flatMap((n) => [n, n.split(/\s+/)[0] ?? n]);
    const allBlame = [...blameWords, ...config.blameWords].map((w) => w.toLowerCase());
    found = {
      names: new Set([...firstNames, ...roster]),
      roles: split([...roles, ...config.roles]),
      actions: split(humanActions),
      framings: split(framings),
      blame: blamePattern(allBlame),
      pronouns: new Set(personPronouns),
    };
    lexicons.set(config, found);
  }
  return found;
}

/** The phrase (as words) found at word index i, longest first. */
function phraseAt(list: Word[], i: number, index: PhraseIndex): number {
  const phrases = index.get(list[i]?.lower ?? '');
  if (!phrases) return 0;
  for (const phrase of phrases) {
    if (phrase.every((w, k) => list[i + k]?.lower === w && (k === phrase.length - 1 || !list[i + k]?.breakAfter)))
      return phrase.length;
  }
  return 0;
}

/** A person acts within the next three words of the clause (active voice). */
function actionFollows(list: Word[], end: number, lex: Lexicon): boolean {
  if (list[end - 1]?.breakAfter) return false;
  // "the engineer not reading the runbook": a person's omission.
  if (list[end]?.lower === 'not' || list[end]?.lower === 'never') return true;
  for (let k = end; k < Math.min(list.length, end + 3); k++) {
    const word = list[k];
    if (!word || clauseBreakers.has(word.lower)) return false;
    if (phraseAt(list, k, lex.actions) > 0) return true;
    if (word.breakAfter) return false;
  }
  return false;
}

function isPerson(word: Word, lex: Lexicon): boolean {
  const first = word.text.charCodeAt(0);
  if (first === 64 /* @ */) return word.text.length > 1;
  if (first < 65 || first > 90) return lex.names.has(word.text); // names outside A–Z still match exactly
  return lex.names.has(word.text) || lex.names.has(word.text.replace(/['’]s$/, ''));
}

const participles = new Set([
  'caused',
  'made',
  'deployed',
  'pushed',
  'merged',
  'approved',
  'deleted',
  'run',
  'done',
  'introduced',
  'committed',
  'broken',
  'triggered',
  'missed',
  'ignored',
]);
const possessions = new Set([
  'mistake',
  'error',
  'typo',
  'oversight',
  'negligence',
  'carelessness',
  'blunder',
  'fault',
  'slip',
]);

function diagnostic(rule: RuleId, from: number, to: number, detail: string): Diagnostic {
  return { rule, from, to, message: `${ruleTexts[rule].title}: ${detail}`, hint: ruleTexts[rule].hint };
}

/** Blameful language in free text: rules 1–3, and a “because” about a person’s action. */
export function coachText(text: string, config: CoachConfig = defaultCoachConfig): Diagnostic[] {
  const lex = lexicon(config);
  const off = new Set(config.disabled);
  const found: Diagnostic[] = [];
  for (const sentence of sentences(text)) {
    const list = words(sentence.text, sentence.from);
    const clauseStart = (i: number): number => {
      let k = i;
      while (k > 0 && !list[k - 1]?.breakAfter && !clauseBreakers.has(list[k - 1]?.lower ?? '')) k--;
      return k;
    };
    for (let i = 0; i < list.length; i++) {
      const word = list[i] as Word;
      // 1. A person named as the one who acted (or whose mistake it was).
      if (!off.has('person-named') && isPerson(word, lex)) {
        const previous = list[i - 1]?.lower;
        const owner = previous === 'owner' || previous === 'owners' || previous === 'assignee' || previous === 'to';
        const possessive = /['’]s$/.test(word.text) && possessions.has(list[i + 1]?.lower ?? '');
        const by = previous === 'by' && participles.has(list[i - 2]?.lower ?? '');
        const surname = list[i + 1] && /^\p{Lu}/u.test(list[i + 1]?.text ?? '') && !list[i]?.breakAfter ? 1 : 0;
        if (!owner && (possessive || by || actionFollows(list, i + 1 + surname, lex))) {
          found.push(diagnostic('person-named', word.from, word.to, `“${word.text}” is named as the one who acted.`));
          continue;
        }
      }
      // 2. A role cast as the culprit.
      if (!off.has('role-as-culprit')) {
        const length = phraseAt(list, i, lex.roles);
        if (length > 0) {
          const last = list[i + length - 1] as Word;
          const possessiveFault = /['’]s$/.test(last.text);
          if (actionFollows(list, i + length, lex) && !possessiveFault) {
            found.push(
              diagnostic(
                'role-as-culprit',
                word.from,
                last.to,
                `“${sentence.text.slice(word.from - sentence.from, last.to - sentence.from)}” is cast as the culprit.`,
              ),
            );
            i += length - 1;
            continue;
          }
        }
      }
      // 2b. "Someone left the debug flag on": an unnamed person as the culprit.
      if (
        !off.has('role-as-culprit') &&
        ['someone', 'somebody', 'nobody'].includes(word.lower) &&
        actionFollows(list, i + 1, lex)
      ) {
        found.push(diagnostic('role-as-culprit', word.from, word.to, `“${word.text}” is cast as the culprit.`));
        continue;
      }
      // 3c. "If Ahmed had checked …": a counterfactual about a person.
      if (!off.has('blame-words') && word.lower === 'if') {
        const subject = list[i + 1];
        const offset = subject && /^(the|our|a)$/.test(subject.lower) ? 2 : 1;
        const who = list[i + offset];
        const roleLength = who ? phraseAt(list, i + offset, lex.roles) : 0;
        const after = list[i + offset + Math.max(1, roleLength)];
        if (
          who &&
          (isPerson(who, lex) || lex.pronouns.has(who.lower) || roleLength > 0) &&
          (after?.lower === 'had' || after?.lower === "hadn't")
        ) {
          found.push(
            diagnostic(
              'blame-words',
              word.from,
              after.to,
              `“${sentence.text.slice(word.from - sentence.from, after.to - sentence.from)}” imagines a person acting otherwise.`,
            ),
          );
          continue;
        }
      }
      // 3b. Counterfactual framings whose subject is a person, a role or a pronoun.
      if (!off.has('blame-words')) {
        const length = phraseAt(list, i, lex.framings);
        if (length > 0) {
          const subject = list.slice(clauseStart(i), i);
          const aboutPeople = subject.some(
            (w, k) => isPerson(w, lex) || lex.pronouns.has(w.lower) || phraseAt(subject, k, lex.roles) > 0,
          );
          // One diagnostic per blamed subject: the person or role already flagged in this clause is enough.
          const clauseFrom = list[clauseStart(i)]?.from ?? word.from;
          const alreadyBlamed = found.some((d) => d.from >= clauseFrom && d.to <= word.from);
          if (aboutPeople && !alreadyBlamed) {
            const last = list[i + length - 1] as Word;
            found.push(
              diagnostic(
                'blame-words',
                word.from,
                last.to,
                `“${sentence.text.slice(word.from - sentence.from, last.to - sentence.from)}” judges what a person did.`,
              ),
            );
            i += length - 1;
          }
        }
      }
    }
  }
  // 3a. Blame words anywhere: one pass over the whole text.
  if (!off.has('blame-words')) {
    const flagged = [...found];
    lex.blame.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = lex.blame.exec(text))) {
      const from = match.index;
      const to = from + match[0].length;
      if (!flagged.some((d) => d.from < to && from < d.to)) {
        found.push(
          diagnostic('blame-words', from, to, `“${match[0]}” judges a person rather than describing the system.`),
        );
      }
    }
  }
  return found.sort((a, b) => a.from - b.from);
}
