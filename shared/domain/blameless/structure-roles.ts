// Who a sentence is about and what they do in it: person mentions (names, roles, pronouns,
// "someone"), whether each acts (subject, passive agent, relative clause), in which clause, and
// the finding a rule makes of it.

import { ruleTexts, type RuleId } from './rules';
import { counterfactualPronouns, nobodyPronouns, subjectPronouns } from './structure-lexicon';

import { nounish, Finding, Token, Lexicon } from './structure-tokens';

export type Kind = 'name' | 'role' | 'pronoun' | 'nobody' | 'counterfactual-only';

export interface Mention {
  kind: Kind;
  /** Token index of the first word shown and of the head. */
  first: number;
  head: number;
}

export const modifiers = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);
export const negations = new Set(['not', "n't", 'never']);
export const objectPrepositions = new Set([
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'into',
  'about',
  'among',
  'between',
  'over',
  'under',
  'through',
  'of',
]);
export const perceptionVerbs = new Set([
  'see',
  'learn',
  'know',
  'notice',
  'hear',
  'read',
  'understand',
  'find',
  'feel',
  'observe',
  'discover',
]);
// "can't" and "won't" reach the tagger as "ca" + "n't" and "wo" + "n't".
export const modals = new Set(['can', 'ca', 'could', 'would', 'wo', 'may', 'might', 'must', 'shall', 'will']);

/** A person mention whose head is token i, or null. */
export function mentionAt(tokens: Token[], i: number, lex: Lexicon): Mention | null {
  const token = tokens[i];
  if (!token) return null;
  const next = tokens[i + 1];
  // The head is the last noun of its phrase: "employee account" is an account, "a developer's suite" a suite.
  // A bare "'" is a plural possessive only after an -s ("the engineers' laptops"); after
  // "Worker" it opens a quote ("Worker 'feels terrible' …").
  if (
    next &&
    (nounish.has(next.pos) ||
      next.lower === "'s" ||
      (next.lower === "'" && /s$/.test(token.lower)) ||
      // "man-hours": a word joined to the next by a hyphen modifies it
      (next.lower === '-' && nounish.has(tokens[i + 2]?.pos ?? '') && next.from === token.to))
  ) {
    const blameForm = lex.blameVerbs.has(next.lower.replace(/e?d$/, '')); // "Lone sysadmin fingered"
    if (!(token.lower === 'team' && next.lemma === 'member') && !blameForm) return null;
  }
  const inPhrase = ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(tokens[i - 1]?.pos ?? '');
  let kind: Kind | null = null;
  if (token.pos === 'PRON' || token.text === 'i' || token.lower === 'someone' || token.lower === 'somebody') {
    if (subjectPronouns.includes(token.lower)) kind = 'pronoun';
    else if (counterfactualPronouns.includes(token.lower)) kind = 'counterfactual-only';
    else if (nobodyPronouns.includes(token.lower)) kind = 'nobody';
  } else if (token.lower === 'nobody') kind = 'nobody';
  else if (/^@[\w.-]+$/.test(token.text) || /^team-member-\d+$/i.test(token.text)) kind = 'name';
  else if (nounish.has(token.pos) || token.pos === 'ADJ' || inPhrase) {
    const singular = token.lemma;
    if (lex.outsiders.has(singular) || lex.outsiders.has(token.lower)) return null;
    if (token.lemma === 'member') {
      const before = tokens[i - 1]?.lower;
      if (before === 'team' || before === 'staff' || before === 'crew') kind = 'role';
    } else if (lex.personHeads.has(singular) || lex.personHeads.has(token.lower.replace(/s$/, ''))) kind = 'role';
    else if (
      (lex.countedPersons.has(token.lower) || lex.countedPersons.has(singular)) &&
      (tokens[i - 1]?.pos === 'NUM' || ['one', 'single'].includes(tokens[i - 1]?.lower ?? ''))
    )
      // "two people to miss it", "one person from making a mistake"
      kind = 'role';
    else if (lex.groupPersons.has(token.lower) && nounish.has(tokens[i - 1]?.pos ?? ''))
      // "data center operations people", "IT folks"
      kind = 'role';
    else if (
      /^[A-Z0-9]$/.test(token.text) &&
      (lex.personHeads.has(tokens[i - 1]?.lemma ?? '') || lex.personHeads.has(tokens[i - 1]?.lower ?? ''))
    )
      // "Developer X", "Engineer 2": a role with a placeholder for the name
      kind = 'role';
    else if (token.pos === 'VERB') return null;
    else if (/^\p{Lu}/u.test(token.text) && lex.names.has(token.text.replace(/['’]s$/, ''))) kind = 'name';
  }
  if (!kind) return null;
  let first = i;
  while (
    kind === 'role' &&
    first > 0 &&
    modifiers.has(tokens[first - 1]?.pos ?? '') &&
    tokens[first - 1]?.pos !== 'DET'
  )
    first--;
  return { kind, first, head: i };
}

export interface Role {
  /** The person acts: subject of an active verb, agent of a passive, subject of a relative clause. */
  acts: boolean;
  byAgent: boolean;
  /** Token index of the person's first verb (or -1). */
  verb: number;
  negated: boolean;
  modal: boolean;
  passive: boolean;
  copula: boolean;
  counterfactual: boolean;
  /** "I didn't actually wipe it": the negation denies the act rather than naming an omission. */
  denied: boolean;
  /**
   * The main verb after a relative clause or a participle is negated: "the individual who did
   * that did not follow the correct procedures", "a technician tending to a malfunction did not
   * follow procedure".
   */
  mainNegated: boolean;
  /** More verbs of the same subject: "held a rack …, crashed ISP", "cut the wire and downed …". */
  more: number[];
}

export function roleOf(tokens: Token[], mention: Mention, lex: Lexicon): Role {
  const role: Role = {
    acts: false,
    byAgent: false,
    verb: -1,
    negated: false,
    modal: false,
    passive: false,
    copula: false,
    counterfactual: false,
    denied: false,
    mainNegated: false,
    more: [],
  };
  // Walk back over "one of the", "a single", "Knight's" to the phrase start.
  let start = mention.first;
  while (start > 0) {
    const previous = tokens[start - 1] as Token;
    if (previous.pos === 'DET' || previous.pos === 'ADJ' || previous.lower === "'s") start--;
    // 'by an “inexperienced operative”'
    else if (/^["“‘']$/.test(previous.text) && previous.to === tokens[start]?.from) start--;
    else if (previous.lower === 'of' && tokens[start - 2]?.pos === 'NUM') start -= 2;
    else if (nounish.has(previous.pos) && tokens[start - 2]?.lower === "'s") start--;
    else if (previous.lower === '-' && start >= 2)
      start -= 2; // "the on-call engineer" reaches the tagger as on - call
    else break;
  }
  if (tokens[start - 1]?.lower === 'by') {
    role.byAgent = true;
    role.acts = true;
    return role;
  }
  // The object of a preposition ("resulted in Rogers staff …") is not the one acting, nor the
  // object of a gerund ("blaming an intern ignores the real causes").
  // "pointing their finger at a single individual who caused …": a relative clause is still the
  // person's own act.
  if (objectPrepositions.has(tokens[start - 1]?.lower ?? '') && tokens[mention.head + 1]?.lower !== 'who') return role;
  const previous = tokens[start - 1];
  if (previous?.pos === 'VERB' && /ing$/.test(previous.lower) && tokens[start - 2]?.lemma !== 'be') return role;
  let j = mention.head + 1;
  const skipAdverbs = (): void => {
    while (
      tokens[j] &&
      !negations.has(tokens[j]?.lower ?? '') &&
      (tokens[j]?.pos === 'ADV' || tokens[j]?.lower === 'also')
    )
      j++;
  };
  // A person as the object of one verb and the subject of the next: "needed two people to miss
  // it", "prevent one person from making a mistake", "allowed an engineer to delete …".
  if (
    (tokens[j]?.lower === 'to' && tokens[j + 1]?.pos === 'VERB' && tokens[j + 1]?.lemma !== 'be') ||
    (tokens[j]?.lower === 'from' && /ing$/.test(tokens[j + 1]?.lower ?? '') && tokens[j + 1]?.lower !== 'being')
  ) {
    if (start > 0 && tokens[start - 1]?.pos === 'VERB') {
      role.verb = j + 1;
      role.acts = true;
      return role;
    }
  }
  // A quote inside a headline: "Worker 'feels terrible' after …"
  if (/^['"‘“]$/.test(tokens[j]?.text ?? '') && tokens[j + 1]?.pos === 'VERB') j++;
  // Two subjects: "you and your company were supposed to …", "he and a colleague ran …".
  if (tokens[j]?.lower === 'and') {
    let k = j + 1;
    while (k < j + 5 && ['DET', 'PRON', 'ADJ', 'NOUN', 'PROPN'].includes(tokens[k]?.pos ?? '')) k++;
    if (k > j + 1 && (tokens[k]?.pos === 'AUX' || tokens[k]?.pos === 'VERB')) j = k;
  }
  // "the SRE on call failed …"
  if (tokens[j]?.lower === 'on' && tokens[j + 1]?.lower === 'call') j += 2;
  else if (tokens[j]?.lower === 'on-call') j++;
  skipAdverbs();
  if (
    (tokens[j]?.lower === 'not' || tokens[j]?.lower === 'never') &&
    /ing$/.test(tokens[j + 1]?.lower ?? '') &&
    tokens[j + 1]?.lower !== 'being' // "staff not being required to …" is a passive
  ) {
    // "the on-call engineer not reading the runbook"
    role.negated = true;
    role.verb = j + 1;
    role.acts = true;
    return role;
  }
  if (tokens[j]?.lower === ',' && (tokens[j + 1]?.lower === 'who' || tokens[j + 1]?.lower === 'that')) j++;
  let viaRelative = false;
  if (tokens[j]?.lower === 'who' || tokens[j]?.lower === 'that') {
    viaRelative = true;
    j++;
    skipAdverbs();
  } else if (tokens[j]?.lower === ',') {
    // An aside: "a tired engineer, working late to fix …, ran …"
    let k = j + 1;
    while (k < tokens.length && k < j + 20 && tokens[k]?.lower !== ',') k++;
    if (tokens[k]?.lower === ',') {
      j = k + 1;
      skipAdverbs();
    }
  }
  // A short phrase between the subject and its verb: "i instead for whatever reason used …",
  // "an engineer in a hurry ran …".
  if (['for', 'in', 'at', 'during', 'after', 'with'].includes(tokens[j]?.lower ?? '')) {
    let k = j + 1;
    while (
      k < j + 5 &&
      (['DET', 'ADJ', 'NOUN', 'NUM'].includes(tokens[k]?.pos ?? '') ||
        ['her', 'his', 'their', 'my'].includes(tokens[k]?.lower ?? ''))
    )
      k++;
    if (k > j + 1 && tokens[k]?.pos === 'VERB' && !/ing$/.test(tokens[k]?.lower ?? '')) j = k;
  }
  const first = tokens[j];
  if (!first || !(first.pos === 'VERB' || first.pos === 'AUX' || first.lower === 'not')) {
    // "a developer executing a test suite": a participle right after the person
    return role;
  }
  // The verb group: auxiliaries, negation, adverbs, then the main verb.
  let k = j;
  let be = false;
  let have = false;
  while (k < tokens.length) {
    const t = tokens[k] as Token;
    if (
      t.pos === 'AUX' ||
      (t.pos === 'VERB' &&
        (t.lemma === 'be' || t.lower === 'being' || t.lemma === 'have') &&
        tokens[k + 1]?.pos === 'VERB')
    ) {
      // "should"/"ought" without "have" prescribe ("engineers shouldn't be working against …"):
      // like "can", a negation after them names no omission.
      if (modals.has(t.lower) || t.lower === 'should' || t.lower === 'ought') role.modal = true;
      if (t.lemma === 'be' || t.lower === 'being' || t.lower === 'been') be = true;
      if (t.lemma === 'have') have = true;
      k++;
    } else if (negations.has(t.lower)) {
      role.negated = true;
      k++;
    } else if (t.pos === 'ADV' || t.pos === 'PART') {
      if (role.negated && lex.denials.has(t.lower)) role.denied = true;
      k++;
    } else break;
  }
  const main = tokens[k];
  const group = tokens.slice(j, k).map((t) => t.lower);
  const modalPerfect =
    have && group.some((w) => w === 'should' || w === 'ought' || w === 'could' || w === 'might' || w === 'must');
  if (group.includes("should've")) role.modal = true;
  // "He should never have been placed in such a position" imagines what was done to the person.
  const passivePerfect = group.includes('been') && tokens[k]?.pos === 'VERB' && !/ing$/.test(tokens[k]?.lower ?? '');
  role.counterfactual = (modalPerfect || group.includes("should've")) && !passivePerfect;
  if (main?.lemma === 'suppose' && tokens[k + 1]?.lower === 'to') {
    // "Carlos was supposed to rotate the keys"
    role.counterfactual = true;
    role.verb = k;
    return role;
  }
  if (main?.pos === 'VERB') {
    role.verb = k;
    if (be && !/ing$/.test(main.lower) && main.lemma !== 'be') role.passive = true;
  } else {
    role.verb = j;
    if (be) role.copula = true;
  }
  role.acts = !role.passive;
  // After a relative clause ("who did that") or a participle ("tending to a malfunction"), the
  // subject's own verb comes later: its negation is theirs.
  const participle = /ing$/.test(main?.lower ?? '') && k === j;
  if (viaRelative || participle) {
    for (let m = k + 1; m < Math.min(tokens.length, k + 10); m++) {
      const t = tokens[m] as Token;
      if (t.pos === 'PUNCT' || t.lower === 'which' || t.lower === 'who' || t.lower === 'that' || t.lower === 'and')
        if (t.lower !== 'that' || tokens[m - 1]?.pos !== 'AUX') break;
      if (
        (t.pos === 'AUX' &&
          ['do', 'have'].includes(t.lemma) &&
          negations.has(tokens[m + 1]?.lower ?? '') &&
          tokens[m + 2]?.pos === 'VERB') ||
        (t.lower === 'never' && tokens[m + 1]?.pos === 'VERB')
      ) {
        role.mainNegated = true;
        break;
      }
    }
  }
  // More verbs of the same subject, joined by "," or "and" with no subject of their own.
  for (let m = role.verb + 1; m < Math.min(tokens.length, role.verb + 14); m++) {
    const t = tokens[m] as Token;
    if (t.pos === 'PRON' || t.lower === ';' || t.lower === ':' || t.lower === 'when' || t.lower === 'because') break;
    if (
      t.pos === 'VERB' &&
      t.lower !== t.lemma &&
      !/ing$/.test(t.lower) &&
      (tokens[m - 1]?.lower === ',' || tokens[m - 1]?.lower === 'and')
    )
      role.more.push(m);
  }
  return role;
}

export function clauseOf(tokens: Token[], at: number): [number, number] {
  const boundary = (t: Token | undefined): boolean =>
    !!t && (t.lower === ';' || t.lower === ':' || (t.pos === 'CCONJ' && (t.lower === 'but' || t.lower === 'so')));
  let from = at;
  while (from > 0 && !boundary(tokens[from - 1])) from--;
  let to = at;
  while (to < tokens.length && !boundary(tokens[to])) to++;
  return [from, to];
}

export function finding(rule: RuleId, from: number, to: number, detail: string, hint: string): Finding {
  return { rule, from, to, message: `${ruleTexts[rule].title}: ${detail}`, hint };
}

/** What a person's mention looks like in the text, for messages. */
export const spanText = (sentence: string, tokens: Token[], a: number, b: number): string =>
  sentence.slice(tokens[a]?.from ?? 0, tokens[b]?.to ?? 0);
