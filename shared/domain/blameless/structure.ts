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
// Split by what the parts do: structure-tokens.ts (tagging, lexicon), structure-roles.ts
// (mentions and their roles), this file (the rules over them, sentence by sentence).

import { ruleTexts, type CoachConfig, type RuleId } from './rules';

import { nounish, Finding, Token, tokenize, lexicon } from './structure-tokens';
import { Mention, negations, perceptionVerbs, mentionAt, roleOf, clauseOf, finding, spanText } from './structure-roles';

/** Token `k` touches the next one (no space between: "on" "-" "call"). */
const joined = (tokens: Token[], k: number): boolean =>
  k >= 0 && tokens[k] !== undefined && tokens[k + 1] !== undefined && tokens[k]!.to === tokens[k + 1]!.from;

export type { Finding } from './structure-tokens';

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
  const before = (k: number): Token | undefined => tokens[k - 1];
  const isError = (t: Token, k: number): boolean =>
    // "what went wrong" is about the thing that went wrong, not a person's act.
    ((lex.errors.has(t.lower) || lex.errors.has(t.lemma)) && !(t.lower === 'wrong' && before(k)?.lemma === 'go')) ||
    // A false belief is the person's own, not "was … assumed to be strong" (what others believed).
    // Nor "I shudder to think …".
    (lex.beliefs.has(t.lemma) &&
      t.pos === 'VERB' &&
      !(tokens[k + 1]?.lower === 'to' && t.lower !== t.lemma) &&
      before(k)?.lower !== 'to') ||
    // "missed" and "failed" as verbs, not as modifiers ("several missed calls").
    (lex.errorVerbs.has(t.lemma) &&
      t.pos === 'VERB' &&
      !['DET', 'ADJ', 'NUM'].includes(before(k)?.pos ?? '') &&
      (t.lemma !== 'fail' || tokens[k + 1]?.lower === 'to')) ||
    // "entered the command by mistake", "deleted in error"
    (lex.judgementNouns.has(t.lemma) && t.pos === 'NOUN' && (before(k)?.lower === 'by' || before(k)?.lower === 'in'));
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
  // A judgement denied in the (up to five) words before it: "it was totally not his fault", "none of which are
  // the fault of the author".
  const isJudgement = (t: Token): boolean =>
    lex.judgementNouns.has(t.lemma) || (nounish.has(t.pos) && lex.judgementNouns.has(t.lower.replace(/s$/, '')));
  // "behind the outage", "at the root of the incident": a failure within the next few words.
  const causeMarker = (k: number): boolean =>
    lex.causeMarkers.has(tokens[k]?.lower ?? '') &&
    (tokens[k]?.lower !== 'root' || tokens[k - 2]?.lower === 'at') &&
    has(k + 1, Math.min(tokens.length, k + 5), (t) => lex.failureNouns.has(t.lemma));
  const denied = (at: number): boolean => {
    // Quotation marks neither count nor end the search: 'wasn't "Developer X made a mistake."'
    let seen = 0;
    for (let k = at - 1; k >= 0 && seen < 5; k--) {
      const t = tokens[k] as Token;
      if (/^["“”]$/.test(t.text)) continue;
      seen++;
      if (t.pos === 'PUNCT') return false;
      if (lex.judgementDenials.has(t.lower)) return true;
    }
    return false;
  };
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const mention = mentionAt(tokens, i, lex);
    if (mention) mentions.push(mention);
  }
  // "believed that because the change had already been flighted …, enabling it was low risk":
  // a because-clause inside a belief is the belief's reason, not the system explaining the act.
  const inBelief =
    because >= 0 && has(Math.max(0, because - 3), because, (t) => lex.beliefs.has(t.lemma) && t.pos === 'VERB');
  const becauseAboutSystem =
    becauseSpan !== null &&
    !inBelief &&
    !mentions.some((m) => m.head >= (becauseSpan?.[0] ?? 0) && m.head < (becauseSpan?.[1] ?? 0));

  for (const mention of mentions) {
    const role = roleOf(tokens, mention, lex);
    const [from, to] = clauseOf(tokens, mention.head);
    // ", and" followed by a new subject starts a clause of its own: "the restore took hours and
    // “failed to provide a snapshot”, and AWS technicians worked into the night" — the failure is
    // the method's, the technicians' clause is recovery work.
    const commaBefore = (k: number): boolean =>
      tokens[k - 1]?.lower === ',' || (/^["”’']$/.test(tokens[k - 1]?.text ?? '') && tokens[k - 2]?.lower === ',');
    let causeFrom = from;
    for (let k = mention.first - 1; k > from; k--) {
      if (tokens[k]?.lower === 'and' && commaBefore(k)) {
        causeFrom = k + 1;
        break;
      }
    }
    let causeTo = to;
    for (let k = mention.head + 2; k + 1 < to; k++) {
      const next = tokens[k + 1] as Token;
      if (
        tokens[k]?.lower === 'and' &&
        commaBefore(k) &&
        (next.pos === 'DET' || next.pos === 'PRON' || nounish.has(next.pos))
      ) {
        causeTo = k - 1;
        break;
      }
    }
    // A complement clause ("told Wired that …", "remain puzzled why …") is a clause of its own.
    const verbAt = role.verb;
    if (verbAt >= 0 && lex.complementVerbs.has(tokens[verbAt]?.lemma ?? '')) {
      for (let k = verbAt + 1; k < Math.min(causeTo, verbAt + 6); k++) {
        // "that …", "why …", and a quotation: 'One engineer admitted, “We executed a command …”'
        if (['that', 'why', 'how', 'whether', '“', '"'].includes(tokens[k]?.lower ?? '')) {
          causeTo = k;
          break;
        }
      }
    }
    // "on-call engineer": words joined to the mention by hyphens are part of its word.
    let first = mention.first;
    while (joined(tokens, first - 1) && joined(tokens, first - 2) && tokens[first - 1]?.lower === '-') first -= 2;
    const who = spanText(sentence, tokens, first, mention.head);
    const rule: RuleId = mention.kind === 'name' ? 'person-named' : 'role-as-culprit';
    const verb = role.verb >= 0 ? tokens[role.verb] : undefined;
    // The sentence's own words from the person to the verb's next two: a "didn't" between them stays.
    const action =
      verb && role.verb > mention.head
        ? `“${spanText(sentence, tokens, first, Math.min(role.verb + 2, to - 1))}”`
        : verb
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
      found.push(finding(ruleId, tokens[first]?.from ?? 0, tokens[mention.head]?.to ?? 0, detail, hintText));
    };

    // "they" stands as often for a company or servers as for people ("which they absolutely
    // should have"): as everywhere, only a false belief or a judgement makes it a person.
    const they = tokens[mention.head]?.lower === 'they';
    // Blame verbs anywhere in the sentence with a person in it: "Lone sysadmin fingered for …".
    // A gerund with no auxiliary talks about blaming as a practice ("maybe blaming an intern was
    // not the best approach"); "is blaming it on a single person" blames.
    // The one blamed follows the verb ("blamed the new junior analyst") or comes before a
    // passive or a headline's participle ("Lone sysadmin fingered for …"); the one blaming
    // ("heard the VP blame the database team") is not blamed, nor is "blame" as a noun
    // ("taking full blame").
    let phrase = mention.first;
    while (phrase > 0 && ['DET', 'ADJ', 'NUM'].includes(tokens[phrase - 1]?.pos ?? '')) phrase--;
    const objectOf = (k: number): boolean =>
      mention.first > k && mention.first <= k + 4 && !has(k + 1, mention.first, (u) => u.pos === 'PUNCT');
    const blamed =
      !they &&
      has(0, tokens.length, (t, k) => {
        if (has(Math.max(0, k - 3), k, (u) => negations.has(u.lower))) return false;
        if ((lex.blameVerbs.has(t.lemma) && t.pos === 'VERB') || lex.blameVerbs.has(t.lower.replace(/ed$/, ''))) {
          if (/ing$/.test(t.lower) && before(k)?.lemma !== 'be') return false;
          // "blamed the password on an intern"
          if (
            mention.first > k &&
            mention.first <= k + 12 &&
            tokens[phrase - 1]?.lower === 'on' &&
            !has(k + 1, phrase, (u) => u.pos === 'VERB' || u.lower === ',' || u.lower === '.')
          )
            return true;
          // "Programmer Takes Blame for …": the one who takes it
          const takes = has(
            Math.max(0, k - 2),
            k,
            (u) => ['take', 'shoulder', 'accept'].includes(u.lemma) || /^(takes?|took|taken)$/.test(u.lower),
          );
          if (takes) return mention.head < k && mention.head >= k - 4;
          // "blamed the new junior analyst"; "Lone sysadmin fingered for …", "was blamed"
          if (/ed$/.test(t.lower) && mention.head < k) return mention.head >= k - 3;
          if (t.pos === 'NOUN' || t.pos === 'PROPN') {
            // "pointing their finger at a single individual"
            const points = has(Math.max(0, k - 3), k, (u) => u.lemma === 'point') && tokens[k + 1]?.lower === 'at';
            return points && objectOf(k + 1);
          }
          return objectOf(k);
        }
        return false;
      });
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

    const theyPerson =
      !they ||
      has(
        from,
        to,
        (t) =>
          (lex.beliefs.has(t.lemma) && t.pos === 'VERB') ||
          lex.judgementNouns.has(t.lemma) ||
          lex.judgementAdjectives.has(t.lemma),
      );
    if ((role.counterfactual || ifHad) && theyPerson) {
      flag('blame-words', `${action} imagines a person acting otherwise.`, ruleTexts['blame-words'].hint);
      continue;
    }
    // "you broke the CRM": a past act that is the failure, said to someone (not the generic
    // "you break it, you own it").
    if (mention.kind === 'counterfactual-only') {
      const own = role.verb >= 0 ? tokens[role.verb] : undefined;
      if (
        tokens[mention.head]?.lower === 'you' &&
        role.acts &&
        own &&
        own.lower !== own.lemma &&
        (lex.causeVerbs.has(own.lemma) ||
          (lex.downVerbs.has(own.lemma) && ['down', 'offline'].includes(tokens[role.verb + 1]?.lower ?? '')))
      )
        flag(rule, `${action} puts the failure on a person.`);
      continue;
    }
    // A judgement noun whose owner or maker is the person: "the error of a single employee",
    // "a mistake that an intern made", "the error the operator made".
    const judgedNear = (at: number): boolean =>
      has(Math.max(0, at - 3), at, (t, k) => lex.judgementNouns.has(t.lemma) && t.pos === 'NOUN' && !denied(k));
    const errorOf = tokens[phrase - 1]?.lower === 'of' && judgedNear(phrase - 1);
    const madeIt =
      verb?.lemma === 'make' &&
      (judgedNear(phrase) || (['that', 'which'].includes(tokens[phrase - 1]?.lower ?? '') && judgedNear(phrase - 1)));
    // "the negligent engineer", "a careless admin": a judgement inside the person's own phrase.
    const judgedPhrase = has(phrase, mention.head, (t) => lex.judgementAdjectives.has(t.lemma));
    if (errorOf || madeIt || judgedPhrase) {
      flag('blame-words', `“${who}” is named as the one who made the mistake.`, ruleTexts['blame-words'].hint);
      continue;
    }
    // Named as the cause: "found the root cause of the problem: Ryan", "the culprit was an intern".
    const namedCause =
      [':', 'was', 'is'].includes(tokens[phrase - 1]?.lower ?? '') &&
      has(Math.max(0, phrase - 8), phrase - 1, (t) => t.lemma === 'cause' || t.lemma === 'culprit') &&
      (mention.head + 1 >= tokens.length || ['PUNCT', 'CCONJ'].includes(tokens[mention.head + 1]?.pos ?? ''));
    if (namedCause) {
      flag(rule, `“${who}” is named as the cause of the failure.`);
      continue;
    }
    // Judgement of the person: "was careless", "an idiot", "responsible for the change", "their mistake".
    const after = tokens[mention.head + 1];
    // "are not too smart", "was not careful"
    const notVirtuous =
      role.copula &&
      role.negated &&
      has(role.verb, Math.min(to, role.verb + 5), (t) => t.pos === 'ADJ' && lex.virtues.has(t.lemma));
    if (notVirtuous) {
      flag('blame-words', `“${who}” is judged rather than the system described.`, ruleTexts['blame-words'].hint);
      continue;
    }
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
      // Plural too: "mistakes by engineers"; and a fault named earlier in the clause: "a failure
      // to convert metric units … by software engineers".
      const before = has(Math.max(0, mention.first - 4), mention.first, (t) => isJudgement(t));
      const fault = has(causeFrom, mention.first, (t) => t.pos === 'NOUN' && lex.faultByNouns.has(t.lemma));
      const cause = has(0, mention.first, (t) => lex.causeWords.has(t.lemma));
      // "Mistakes by engineers … were behind the outage", "changes by an engineer caused it".
      const causeAfter = has(
        mention.head + 1,
        causeTo,
        (t, k) => (t.pos === 'VERB' && lex.causeVerbs.has(t.lemma)) || causeMarker(k),
      );
      if (before || fault || cause || causeAfter || has(causeFrom, causeTo, isError)) {
        flag(rule, `“${who}” is named as the cause of the failure.`);
      }
      continue;
    }
    if (mention.kind === 'nobody') {
      // "nobody wanted to make eye contact" is a state, not an omission.
      if (verb && !role.passive && !explained && !lex.states.has(verb.lemma))
        flag(rule, `${action}: an omission is put on a person.`);
      continue;
    }
    if (role.verb < 0) continue;
    // The verbs that are the person's: their own, the one after "managed to" / "proceeded to",
    // and more joined to it ("held a rack …, crashed ISP").
    const ownVerbs = [role.verb, ...role.more];
    if (verb && lex.catenatives.has(verb.lemma) && tokens[role.verb + 1]?.lower === 'to') ownVerbs.push(role.verb + 2);
    const downAt = (k: number): boolean =>
      lex.downVerbs.has(tokens[k]?.lemma ?? '') && ['down', 'offline', 'out'].includes(tokens[k + 1]?.lower ?? '');
    const downVerb = ownVerbs.some(downAt);
    const causedIt = ownVerbs.some(
      (k) => k !== role.verb && tokens[k]?.pos === 'VERB' && lex.causeVerbs.has(tokens[k]?.lemma ?? ''),
    );
    // "the man who introduced the Heartbleed bug", "an engineer wrote the regression"
    const created =
      verb &&
      !role.modal &&
      lex.creationVerbs.has(verb.lemma) &&
      has(role.verb + 1, Math.min(causeTo, role.verb + 5), (t) => lex.faultNouns.has(t.lemma) && t.pos === 'NOUN');
    // "an engineer was behind the outage"
    const behind = role.copula && has(role.verb + 1, Math.min(causeTo, role.verb + 4), (_t, k) => causeMarker(k));
    if (verb && (lex.causeVerbs.has(verb.lemma) || downVerb || causedIt || created || behind)) {
      flag(rule, `${action} puts the failure on a person.`);
      continue;
    }
    if (explained) continue;
    if (they) {
      // Their own false belief or a judgement of them, after "they"; an inability ("they could not
      // understand …") is a condition.
      const theirs = has(
        mention.head + 1,
        to,
        (t) =>
          (lex.beliefs.has(t.lemma) && t.pos === 'VERB') ||
          lex.judgementNouns.has(t.lemma) ||
          lex.judgementAdjectives.has(t.lemma),
      );
      // An act only people do, asserted as an error: "they violated our password policies",
      // "they failed to follow the runbook".
      const ownVerb = verb?.lemma === 'fail' && tokens[role.verb + 1]?.lower === 'to' ? tokens[role.verb + 2] : verb;
      const conduct =
        !!ownVerb &&
        lex.conductVerbs.has(ownVerb.lemma) &&
        (role.negated || ownVerb !== verb || has(role.verb, causeTo, isError));
      if ((theirs || conduct) && !role.modal) flag(rule, `${action} casts a person as the one who got it wrong.`);
      continue;
    }
    // Seeing, learning, realising are not acts that go wrong: only a judgement as their object counts.
    const perceives = perceptionVerbs.has(verb?.lemma ?? '');
    const reports = lex.reportingVerbs.has(verb?.lemma ?? '');
    // "I don't see it as a failure": an opinion denied, not an omission.
    const opines = lex.opinionVerbs.has(verb?.lemma ?? '');
    // "feels terrible after pushing the wrong button": the act in a gerund after the person's
    // verb is theirs, even when that verb is a feeling.
    const actAfter = tokens.findIndex(
      (t, k) =>
        k > role.verb &&
        k < causeTo &&
        ['after', 'before', 'while', 'when'].includes(t.lower) &&
        /ing$/.test(tokens[k + 1]?.lower ?? '') &&
        tokens[k + 1]?.pos === 'VERB',
    );
    // A negated copula ("was not the best approach") states what is not so, not an omission.
    // "I didn't really know what to do": a state, not an omission.
    const state = lex.states.has(verb?.lemma ?? '');
    // "Humans make mistakes at a roughly constant rate": a bare plural with a present verb says
    // what people in general do, not what someone did.
    const generic =
      /s$/.test(tokens[mention.head]?.lower ?? '') &&
      mention.first === mention.head &&
      !['DET', 'NUM', 'PRON'].includes(tokens[mention.first - 1]?.pos ?? '') &&
      !!verb &&
      verb.lower === verb.lemma &&
      !role.negated;
    const errorAsserted =
      !generic &&
      ((role.negated && !role.modal && !role.denied && !reports && !opines && !state && !role.copula) ||
        role.mainNegated ||
        (!perceives && has(causeFrom, causeTo, isError)) ||
        (perceives && actAfter > 0 && has(actAfter, causeTo, isError)) ||
        has(
          role.verb + 1,
          Math.min(to, role.verb + 5),
          (t, k) => lex.judgementNouns.has(t.lemma) && t.pos === 'NOUN' && !denied(k),
        ));
    if (errorAsserted) {
      flag(rule, `${action} casts a person as the one who got it wrong.`);
      continue;
    }
    // "the contractor turned off the power …, leading to a shutdown": the action named as the cause.
    const consequence = has(
      role.verb + 1,
      causeTo,
      (t, k) => lex.consequences.has(t.lower) && (t.lower !== 'leading' || tokens[k + 1]?.lower === 'to'),
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
      if (denied(i > 0 && tokens[i]?.lower === "'s" ? i - 1 : i)) continue;
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
      // "their mistake", and "a mistake on his part"
      const onPart =
        tokens[i - 1]?.lower === 'on' && tokens[i + 1]?.lemma === 'part'
          ? [tokens[i - 2], tokens[i - 3]].find((u) => u && lex.judgementNouns.has(u.lemma))
          : undefined;
      // The noun phrase after the possessive, through "or her" and compounds: "his or her
      // copy-and-paste error".
      let compound: Token | undefined;
      for (let k = i + 1; k < Math.min(tokens.length, i + 9); k++) {
        const u = tokens[k] as Token;
        if (lex.judgementNouns.has(u.lemma) && nounish.has(u.pos)) {
          compound = u;
          break;
        }
        if (!(
          ['ADJ', 'NOUN', 'CCONJ', 'ADV'].includes(u.pos) ||
          u.lower === '-' ||
          ['her', 'his', 'their'].includes(u.lower)
        ))
          break;
      }
      const noun = onPart ?? compound;
      if (noun && !found.some((f) => f.from <= t.from && t.to <= f.to)) {
        const [a, b] = onPart ? [noun.from, tokens[i + 1]?.to ?? t.to] : [t.from, noun.to];
        found.push(
          finding('blame-words', a, b, `“${sentence.slice(a, b)}” judges a person.`, ruleTexts['blame-words'].hint),
        );
      }
    }
  }
  return found;
}
