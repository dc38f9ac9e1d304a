// The coach's structure pass: who does what in each sentence, from part-of-speech tags
// (wink-nlp with its English "lite" web model — it runs in the browser and in Node, and the
// model ships in the npm package). For each person mention — a role ("one of the technicians",
// "the on-call engineer", "a team member"), a name, a pronoun ("he", "someone") — it finds
// whether the person is the one acting (subject of an active verb, agent of a passive "by an
// engineer", subject of a relative clause "the technician who switched off …") and then
// whether the sentence asserts the action was an error (wrong, instead of, mistakenly,
// errantly, did not, failed to, forgot, "on what he thought was …"), names it as the cause
// ("caused by a single engineer", "began when an engineer deployed …"), judges the person
// ("their mistake", "was careless"), or imagines them acting otherwise ("we should have …").
// People doing neutral or recovery work, organisations, teams and impersonal passives pass.

import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import {
  beliefWords,
  blameVerbs,
  causeVerbs,
  causeWords,
  counterfactualPronouns,
  downVerbs,
  errorVerbs,
  errorWords,
  firstNames,
  judgementAdjectives,
  judgementNouns,
  nobodyPronouns,
  outsiderNouns,
  personNouns,
  roles,
  ruleTexts,
  subjectPronouns,
  type CoachConfig,
  type RuleId,
} from './rules';

export interface Finding {
  rule: RuleId;
  /** Offsets into the sentence. */
  from: number;
  to: number;
  message: string;
  hint: string;
}

interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  from: number;
  to: number;
}

let engine: WinkMethods | null = null;
/** The NLP engine, loaded on first use (the model is part of the bundle; nothing is downloaded). */
function nlp(): WinkMethods {
  engine ??= winkNLP(model, ['sbd', 'pos', 'negation']);
  return engine;
}

function tokenize(sentence: string): Token[] {
  const engineNow = nlp();
  const its = engineNow.its;
  const doc = engineNow.readDoc(sentence);
  const texts = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // The typings give `its.lemma` a model-specific signature; at run time it is an its-function like the rest.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    let at = sentence.indexOf(text, cursor);
    if (at < 0) at = cursor; // a token the tokenizer rewrote: keep its place, zero width
    const to = at < 0 ? cursor : at + (sentence.startsWith(text, at) ? text.length : 0);
    tokens.push({
      text,
      lower: text.toLowerCase().replace(/’/g, "'"),
      lemma: (lemmas[i] ?? text).toLowerCase(),
      pos: tags[i] ?? 'X',
      from: at,
      to,
    });
    cursor = to;
  }
  // The tagger reads "an engineer proceeds to wipe" as a noun: a plural-looking noun after a
  // noun, before "to" and a verb, is the verb.
  for (let i = 1; i + 2 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (
      t.pos === 'NOUN' &&
      /s$/.test(t.lower) &&
      nounish.has(tokens[i - 1]?.pos ?? '') &&
      tokens[i + 1]?.lower === 'to' &&
      tokens[i + 2]?.pos === 'VERB'
    )
      t.pos = 'VERB';
  }
  return tokens;
}

interface Lexicon {
  personHeads: Set<string>;
  outsiders: Set<string>;
  names: Set<string>;
  errors: Set<string>;
  beliefs: Set<string>;
  errorVerbs: Set<string>;
  judgementNouns: Set<string>;
  judgementAdjectives: Set<string>;
  blameVerbs: Set<string>;
  causeWords: Set<string>;
  causeVerbs: Set<string>;
  downVerbs: Set<string>;
}

const lexicons = new WeakMap<CoachConfig, Lexicon>();
const lastWord = (phrase: string): string => (phrase.toLowerCase().trim().split(/\s+/).pop() ?? '').replace(/s$/, '');

function lexicon(config: CoachConfig): Lexicon {
  let found = lexicons.get(config);
  if (!found) {
    found = {
      personHeads: new Set([...personNouns, ...roles.map(lastWord), ...config.roles.map(lastWord)]),
      outsiders: new Set([...outsiderNouns, ...(config.outsiders ?? []).map((w) => w.toLowerCase())]),
      names: new Set([...firstNames, ...config.names.flatMap((n) => [n, n.split(/\s+/)[0] ?? n])]),
      errors: new Set([...errorWords, ...(config.errorWords ?? []).map((w) => w.toLowerCase())]),
      beliefs: new Set(beliefWords),
      errorVerbs: new Set(errorVerbs),
      judgementNouns: new Set(judgementNouns),
      judgementAdjectives: new Set(judgementAdjectives),
      blameVerbs: new Set(blameVerbs),
      causeWords: new Set(causeWords),
      causeVerbs: new Set(causeVerbs),
      downVerbs: new Set(downVerbs),
    };
    lexicons.set(config, found);
  }
  return found;
}

type Kind = 'name' | 'role' | 'pronoun' | 'nobody' | 'counterfactual-only';

interface Mention {
  kind: Kind;
  /** Token index of the first word shown and of the head. */
  first: number;
  head: number;
}

const nounish = new Set(['NOUN', 'PROPN']);
const modifiers = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);
const negations = new Set(['not', "n't", 'never']);
const objectPrepositions = new Set([
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
const perceptionVerbs = new Set([
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
const consequenceVerbs = new Set(['leading', 'causing', 'triggering', 'knocking', 'crashing', 'breaking']);
const modals = new Set(['can', 'could', 'would', 'may', 'might', 'must', 'shall', 'will']);

/** A person mention whose head is token i, or null. */
function mentionAt(tokens: Token[], i: number, lex: Lexicon): Mention | null {
  const token = tokens[i];
  if (!token) return null;
  const next = tokens[i + 1];
  // The head is the last noun of its phrase: "employee account" is an account, "a developer's suite" a suite.
  if (next && (nounish.has(next.pos) || next.lower === "'s" || next.lower === "'")) {
    const blameForm = lex.blameVerbs.has(next.lower.replace(/e?d$/, '')); // "Lone sysadmin fingered"
    if (!(token.lower === 'team' && next.lemma === 'member') && !blameForm) return null;
  }
  const inPhrase = ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(tokens[i - 1]?.pos ?? '');
  let kind: Kind | null = null;
  if (token.pos === 'PRON' || token.lower === 'someone' || token.lower === 'somebody') {
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

interface Role {
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
}

function roleOf(tokens: Token[], mention: Mention): Role {
  const role: Role = {
    acts: false,
    byAgent: false,
    verb: -1,
    negated: false,
    modal: false,
    passive: false,
    copula: false,
    counterfactual: false,
  };
  // Walk back over "one of the", "a single", "Knight's" to the phrase start.
  let start = mention.first;
  while (start > 0) {
    const previous = tokens[start - 1] as Token;
    if (previous.pos === 'DET' || previous.pos === 'ADJ' || previous.lower === "'s") start--;
    else if (previous.lower === 'of' && tokens[start - 2]?.pos === 'NUM') start -= 2;
    else if (nounish.has(previous.pos) && tokens[start - 2]?.lower === "'s") start--;
    else break;
  }
  if (tokens[start - 1]?.lower === 'by') {
    role.byAgent = true;
    role.acts = true;
    return role;
  }
  // The object of a preposition ("resulted in Rogers staff …") is not the one acting.
  if (objectPrepositions.has(tokens[start - 1]?.lower ?? '')) return role;
  let j = mention.head + 1;
  const skipAdverbs = (): void => {
    while (
      tokens[j] &&
      !negations.has(tokens[j]?.lower ?? '') &&
      (tokens[j]?.pos === 'ADV' || tokens[j]?.lower === 'also')
    )
      j++;
  };
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
  if (tokens[j]?.lower === 'who' || tokens[j]?.lower === 'that') {
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
      if (modals.has(t.lower) || t.lower === 'should' || t.lower === 'ought') role.modal = modals.has(t.lower);
      if (t.lower === 'should' || t.lower === 'ought' || t.lower === "should've") role.counterfactual = true;
      if (t.lemma === 'be' || t.lower === 'being' || t.lower === 'been') be = true;
      if (t.lemma === 'have') have = true;
      k++;
    } else if (negations.has(t.lower)) {
      role.negated = true;
      k++;
    } else if (t.pos === 'ADV' || t.pos === 'PART') k++;
    else break;
  }
  const main = tokens[k];
  const group = tokens.slice(j, k).map((t) => t.lower);
  role.counterfactual =
    have && group.some((w) => w === 'should' || w === 'ought' || w === 'could' || w === 'might' || w === 'must');
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
  return role;
}

function clauseOf(tokens: Token[], at: number): [number, number] {
  const boundary = (t: Token | undefined): boolean =>
    !!t && (t.lower === ';' || (t.pos === 'CCONJ' && (t.lower === 'but' || t.lower === 'so')));
  let from = at;
  while (from > 0 && !boundary(tokens[from - 1])) from--;
  let to = at;
  while (to < tokens.length && !boundary(tokens[to])) to++;
  return [from, to];
}

function finding(rule: RuleId, from: number, to: number, detail: string, hint: string): Finding {
  return { rule, from, to, message: `${ruleTexts[rule].title}: ${detail}`, hint };
}

/** What a person's mention looks like in the text, for messages. */
const spanText = (sentence: string, tokens: Token[], a: number, b: number): string =>
  sentence.slice(tokens[a]?.from ?? 0, tokens[b]?.to ?? 0);

/**
 * The structure pass over one sentence (no line breaks inside: the caller unwraps hard-wrapped
 * text first). Offsets are into the sentence.
 */
export function analyseSentence(sentence: string, config: CoachConfig): Finding[] {
  const lex = lexicon(config);
  const off = new Set(config.disabled);
  const tokens = tokenize(sentence);
  const found: Finding[] = [];
  const flagged = new Set<number>();
  const has = (from: number, to: number, test: (t: Token, index: number) => boolean): boolean => {
    for (let k = from; k < to; k++) if (test(tokens[k] as Token, k)) return true;
    return false;
  };
  const isError = (t: Token, k: number): boolean =>
    lex.errors.has(t.lower) ||
    lex.errors.has(t.lemma) ||
    (lex.beliefs.has(t.lemma) && t.pos === 'VERB') ||
    (lex.errorVerbs.has(t.lemma) && t.pos === 'VERB' && (t.lemma !== 'fail' || tokens[k + 1]?.lower === 'to'));
  // "Because the alert text did not say which region, responders checked the wrong one first":
  // a because-clause about the system explains the person's action.
  const because = tokens.findIndex((t) => t.lower === 'because');
  let becauseSpan: [number, number] | null = null;
  if (because >= 0) {
    let end = tokens.length;
    if (because === 0 || tokens[because - 1]?.lower === ',') {
      end = tokens.findIndex((t, k) => k > because && t.lower === ',');
      if (end < 0) end = tokens.length;
    }
    becauseSpan = [because, end];
  }
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const mention = mentionAt(tokens, i, lex);
    if (mention) mentions.push(mention);
  }
  const becauseAboutSystem =
    becauseSpan !== null &&
    !mentions.some((m) => m.head >= (becauseSpan?.[0] ?? 0) && m.head < (becauseSpan?.[1] ?? 0));

  for (const mention of mentions) {
    const role = roleOf(tokens, mention);
    const [from, to] = clauseOf(tokens, mention.head);
    let causeFrom = from;
    for (let k = mention.first - 1; k > from; k--) {
      if (tokens[k]?.lower === 'and' && tokens[k - 1]?.lower === ',') {
        causeFrom = k + 1;
        break;
      }
    }
    const who = spanText(sentence, tokens, mention.first, mention.head);
    const rule: RuleId = mention.kind === 'name' ? 'person-named' : 'role-as-culprit';
    const verb = role.verb >= 0 ? tokens[role.verb] : undefined;
    const action = verb
      ? `“${who} ${spanText(sentence, tokens, role.verb, Math.min(role.verb + 2, to - 1))}”`
      : `“${who}”`;
    const did = verb
      ? spanText(sentence, tokens, role.verb, Math.min(role.verb + 7, to - 1)).replace(/[.,;:!?]+$/, '')
      : '';
    const hint = verb
      ? `Ask what let it happen, not who did it: what in the tools, defaults or process let “${did}” go ahead unchecked — which guard rail, prompt or review was missing?`
      : ruleTexts[rule].hint;
    const flag = (ruleId: RuleId, detail: string, hintText = hint): void => {
      if (off.has(ruleId) || flagged.has(mention.head)) return;
      flagged.add(mention.head);
      found.push(finding(ruleId, tokens[mention.first]?.from ?? 0, tokens[mention.head]?.to ?? 0, detail, hintText));
    };

    // Blame verbs anywhere in the sentence with a person in it: "Lone sysadmin fingered for …".
    const blamed = has(
      0,
      tokens.length,
      (t, k) =>
        ((lex.blameVerbs.has(t.lemma) && t.pos === 'VERB') || lex.blameVerbs.has(t.lower.replace(/e?d$/, ''))) &&
        !has(Math.max(0, k - 3), k, (u) => negations.has(u.lower)),
    );
    if (blamed && mention.kind !== 'counterfactual-only') {
      flag(
        'blame-words',
        `${`“${who}”`} is blamed; a postmortem looks for the conditions instead.`,
        ruleTexts['blame-words'].hint,
      );
      continue;
    }
    // Counterfactuals: "we should have anticipated it", "if he had checked".
    const ifHad =
      tokens[mention.first - 1]?.lower === 'if' && ['had', "hadn't"].includes(tokens[mention.head + 1]?.lower ?? '');
    if (role.counterfactual || ifHad) {
      flag('blame-words', `${action} imagines a person acting otherwise.`, ruleTexts['blame-words'].hint);
      continue;
    }
    if (mention.kind === 'counterfactual-only') continue;
    // Judgement of the person: "was careless", "an idiot", "responsible for the change", "their mistake".
    const after = tokens[mention.head + 1];
    if (
      after?.lemma === 'responsible' ||
      (role.copula &&
        has(
          role.verb,
          Math.min(to, role.verb + 4),
          (t) => lex.judgementAdjectives.has(t.lemma) || lex.judgementNouns.has(t.lemma),
        ))
    ) {
      flag('blame-words', `“${who}” is judged rather than the system described.`, ruleTexts['blame-words'].hint);
      continue;
    }
    if (!role.acts) continue;
    const explained =
      becauseAboutSystem && becauseSpan !== null && (mention.head < becauseSpan[0] || mention.head >= becauseSpan[1]);
    if (role.byAgent) {
      // "caused by a single engineer", "a mistake by a single sysadmin", "entered incorrectly by …"
      const before = has(Math.max(0, mention.first - 4), mention.first, (t) => lex.judgementNouns.has(t.lemma));
      const cause = has(0, mention.first, (t) => lex.causeWords.has(t.lemma));
      if (before || cause || has(from, to, isError)) {
        flag(rule, `“${who}” is named as the cause of the failure.`);
      }
      continue;
    }
    if (mention.kind === 'nobody') {
      if (verb && !role.passive && !explained) flag(rule, `${action}: an omission is put on a person.`);
      continue;
    }
    if (role.verb < 0) continue;
    const downVerb =
      verb && lex.downVerbs.has(verb.lemma) && ['down', 'offline', 'out'].includes(tokens[role.verb + 1]?.lower ?? '');
    if (verb && (lex.causeVerbs.has(verb.lemma) || downVerb)) {
      flag(rule, `${action} puts the failure on a person.`);
      continue;
    }
    if (explained) continue;
    if (tokens[mention.head]?.lower === 'they') {
      // "they" is as often servers as people: only a false belief or a judgement makes it a person.
      const belief = has(
        from,
        to,
        (t) => (lex.beliefs.has(t.lemma) && t.pos === 'VERB') || lex.judgementNouns.has(t.lemma),
      );
      if (belief) flag(rule, `${action} casts a person as the one who got it wrong.`);
      continue;
    }
    // Seeing, learning, realising are not acts that go wrong: only a judgement as their object counts.
    const perceives = perceptionVerbs.has(verb?.lemma ?? '');
    const errorAsserted =
      (role.negated && !role.modal) ||
      (!perceives && has(from, to, isError)) ||
      has(role.verb + 1, Math.min(to, role.verb + 5), (t) => lex.judgementNouns.has(t.lemma) && t.pos === 'NOUN');
    if (errorAsserted) {
      flag(rule, `${action} casts a person as the one who got it wrong.`);
      continue;
    }
    // "the contractor turned off the power …, leading to a shutdown": the action named as the cause.
    const consequence = has(
      role.verb + 1,
      to,
      (t, k) => consequenceVerbs.has(t.lower) && (t.lower !== 'leading' || tokens[k + 1]?.lower === 'to'),
    );
    if (consequence) {
      flag(rule, `${action} is named as the cause of the failure.`);
      continue;
    }
    if (
      has(
        causeFrom,
        mention.first,
        (t, k) =>
          (lex.causeWords.has(t.lemma) && t.lemma !== 'start') ||
          ((t.lemma === 'begin' || t.lemma === 'happen' || t.lemma === 'occur') &&
            ['when', 'after'].includes(tokens[k + 1]?.lower ?? '')),
      )
    ) {
      flag(rule, `${action} is named as the cause of the failure.`);
    }
  }
  // "their mistake", "Omar's typo": a judgement noun owned by a person.
  if (!off.has('blame-words')) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.lower === "'s" && i > 0) {
        const owner = tokens[i - 1] as Token;
        const person =
          lex.personHeads.has(owner.lemma) ||
          (/^\p{Lu}/u.test(owner.text) && lex.names.has(owner.text)) ||
          /^@[\w.-]+$/.test(owner.text);
        const noun = [tokens[i + 1], tokens[i + 2]].find((u) => u && lex.judgementNouns.has(u.lemma));
        if (person && noun && !found.some((f) => f.from <= owner.from && owner.to <= f.to)) {
          found.push(
            finding(
              lex.personHeads.has(owner.lemma) ? 'role-as-culprit' : 'person-named',
              owner.from,
              noun.to,
              `“${sentence.slice(owner.from, noun.to)}” puts the failure on a person.`,
              ruleTexts['blame-words'].hint,
            ),
          );
        }
        continue;
      }
      if (
        lex.personHeads.has(t.lemma) &&
        nounish.has(t.pos) &&
        lex.judgementNouns.has(tokens[i + 1]?.lemma ?? '') &&
        !found.some((f) => f.from <= t.from && t.to <= f.to)
      ) {
        const noun = tokens[i + 1] as Token;
        found.push(
          finding(
            'blame-words',
            t.from,
            noun.to,
            `“${sentence.slice(t.from, noun.to)}” judges a person.`,
            ruleTexts['blame-words'].hint,
          ),
        );
        continue;
      }
      if (!(t.lower === 'their' || t.lower === 'his' || t.lower === 'her' || t.lower === 'my')) continue;
      const noun = [tokens[i + 1], tokens[i + 2]].find((u) => u && lex.judgementNouns.has(u.lemma));
      if (noun && !found.some((f) => f.from <= t.from && t.to <= f.to)) {
        found.push(
          finding(
            'blame-words',
            t.from,
            noun.to,
            `“${sentence.slice(t.from, noun.to)}” judges a person.`,
            ruleTexts['blame-words'].hint,
          ),
        );
      }
    }
  }
  return found;
}
