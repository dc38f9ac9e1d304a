// The structure coach's raw material: a sentence as tagged tokens (wink-nlp with its English
// "lite" web model, loaded once) and the coach's settings as word sets (a lexicon per settings).

import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { firstNames, roles, type CoachConfig, type RuleId } from './rules';
import {
  beliefWords,
  blameVerbs,
  causeVerbs,
  catenativeVerbs,
  causeMarkers,
  causeWords,
  complementVerbs,
  conductVerbs,
  countedPersonNouns,
  failureNouns,
  faultByNouns,
  groupPersonNouns,
  opinionVerbs,
  stateVerbs,
  virtueAdjectives,
  consequenceWords,
  creationVerbs,
  denialWords,
  downVerbs,
  errorVerbs,
  errorWords,
  faultNouns,
  judgementAdjectives,
  judgementDenials,
  judgementNouns,
  outsiderNouns,
  personNouns,
  reportingVerbs,
} from './structure-lexicon';

export const nounish = new Set(['NOUN', 'PROPN']);

export interface Finding {
  rule: RuleId;
  /** Offsets into the sentence. */
  from: number;
  to: number;
  message: string;
  hint: string;
}

export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  from: number;
  to: number;
}

let engine: WinkMethods | null = null;
/** The NLP engine, loaded on first use (the model is part of the bundle; nothing is downloaded). */
export function nlp(): WinkMethods {
  engine ??= winkNLP(model, ['sbd', 'pos', 'negation']);
  return engine;
}

export function tokenize(sentence: string): Token[] {
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

export interface Lexicon {
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
  denials: Set<string>;
  judgementDenials: Set<string>;
  reportingVerbs: Set<string>;
  consequences: Set<string>;
  complementVerbs: Set<string>;
  faultNouns: Set<string>;
  creationVerbs: Set<string>;
  countedPersons: Set<string>;
  conductVerbs: Set<string>;
  opinionVerbs: Set<string>;
  faultByNouns: Set<string>;
  causeMarkers: Set<string>;
  failureNouns: Set<string>;
  groupPersons: Set<string>;
  virtues: Set<string>;
  catenatives: Set<string>;
  states: Set<string>;
}

export const lexicons = new WeakMap<CoachConfig, Lexicon>();
export const lastWord = (phrase: string): string =>
  (phrase.toLowerCase().trim().split(/\s+/).pop() ?? '').replace(/s$/, '');

export function lexicon(config: CoachConfig): Lexicon {
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
      denials: new Set(denialWords),
      judgementDenials: new Set(judgementDenials),
      reportingVerbs: new Set(reportingVerbs),
      consequences: new Set(consequenceWords),
      complementVerbs: new Set(complementVerbs),
      faultNouns: new Set(faultNouns),
      creationVerbs: new Set(creationVerbs),
      countedPersons: new Set(countedPersonNouns),
      conductVerbs: new Set(conductVerbs),
      opinionVerbs: new Set(opinionVerbs),
      faultByNouns: new Set(faultByNouns),
      causeMarkers: new Set(causeMarkers),
      failureNouns: new Set(failureNouns),
      groupPersons: new Set(groupPersonNouns),
      virtues: new Set(virtueAdjectives),
      catenatives: new Set(catenativeVerbs),
      states: new Set(stateVerbs),
    };
    lexicons.set(config, found);
  }
  return found;
}
