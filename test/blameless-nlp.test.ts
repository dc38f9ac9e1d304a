// The structure coach (shared/domain/blameless/structure.ts, deep-coach.ts) on real text, and
// the structure checks on whole documents modelled on published postmortems.

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coachDeep, createDeepCoach, unwrap } from '../shared/domain/blameless/deep-coach';
import { parseCoachConfig } from '../shared/domain/blameless/config-schema';
import { lintPostmortem, sectionKind } from '../shared/domain/blameless/postmortem-lint';
import { defaultCoachConfig, type CoachConfig } from '../shared/domain/blameless/rules';
import { corpus } from './fixtures/blameless-corpus';
import { heldOutCorpus, heldOutDocuments } from './fixtures/blameless-heldout-corpus';
import { freshCorpus, freshDocuments, realCorpus, realDocuments } from './fixtures/blameless-real-corpus';
import { thirdSetCorpus, thirdSetDocuments } from './fixtures/blameless-third-corpus';
import { fourthSetCorpus, fourthSetDocuments } from './fixtures/blameless-fourth-corpus';
import { fifthSetCorpus, fifthSetDocuments } from './fixtures/blameless-fifth-corpus';
import { sixthSetCorpus, sixthSetDocuments } from './fixtures/blameless-sixth-corpus';

const flagged = (text: string, config: CoachConfig = defaultCoachConfig): boolean => coachDeep(text, config).length > 0;

function score(items: { text: string; blameful: boolean }[]): { precision: number; recall: number } {
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  for (const { text, blameful } of items) {
    const hit = flagged(text);
    if (hit && blameful) truePositive += 1;
    else if (hit) falsePositive += 1;
    else if (blameful) falseNegative += 1;
  }
  return {
    precision: truePositive / (truePositive + falsePositive),
    recall: truePositive / (truePositive + falseNegative),
  };
}

describe('the structure coach on real incident text', () => {
  it('has a real corpus of at least 400 sentences from cited documents, a quarter held out by document', () => {
    expect(realCorpus.length).toBeGreaterThanOrEqual(400);
    expect(realDocuments.length).toBeGreaterThanOrEqual(60);
    for (const doc of realDocuments) expect(doc.source).toMatch(/^https?:\/\//);
    const heldOut = realCorpus.filter((s) => s.heldOut);
    expect(heldOut.length / realCorpus.length).toBeGreaterThan(0.2);
    expect(realCorpus.filter((s) => s.blameful).length).toBeGreaterThanOrEqual(60);
  });

  // The floors are what was measured (docs/blameless-coach.md), rounded down — not a target.
  it('holds precision ≥ 0.95 and recall ≥ 0.9 on the whole real corpus', () => {
    const { precision, recall } = score(realCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('holds precision ≥ 0.85 and recall ≥ 0.85 on the held-out documents', () => {
    const { precision, recall } = score(realCorpus.filter((s) => s.heldOut));
    expect(precision).toBeGreaterThanOrEqual(0.85);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  // Measured once with the rules frozen (precision 0.67, recall 0.57), then used to generalise them.
  it('holds precision ≥ 0.9 and recall ≥ 0.8 on the set gathered after the rules were frozen', () => {
    expect(freshCorpus.length).toBeGreaterThanOrEqual(70);
    const { precision, recall } = score(freshCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  // The second held-out set (blameless-heldout-corpus.ts): 21 documents not in the corpus,
  // labelled before the coach ran on them, measured once with the first round of rules final —
  // precision 0.76, recall 0.85 (22 of 26 found, 7 false alarms in 105 sentences). Its mistakes
  // were then studied for the second round of rules (so it is seen now): precision 1.0, recall
  // 1.0. Floors from that, one sentence below.
  it('holds precision ≥ 0.96 and recall ≥ 0.96 on the second held-out set (studied since), whose documents the corpus does not share', () => {
    expect(heldOutCorpus.length).toBeGreaterThanOrEqual(120);
    expect(heldOutCorpus.filter((s) => s.blameful).length).toBeGreaterThanOrEqual(25);
    const known = new Set([...realDocuments, ...freshDocuments].map((d) => d.source));
    for (const doc of heldOutDocuments) {
      expect(doc.source).toMatch(/^https?:\/\//);
      expect(known.has(doc.source), doc.source).toBe(false);
    }
    const { precision, recall } = score(heldOutCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.96);
    expect(recall).toBeGreaterThanOrEqual(0.96);
  });

  // The third held-out set (blameless-third-corpus.ts): 26 documents none of the others cite,
  // labelled and committed before the coach ran on them, measured once after the second round of
  // rules — precision 0.77, recall 0.68 (30 of 44 found, 9 false alarms in 138 sentences): below
  // the target on both. Its mistakes were then studied for the third round of rules (so it is seen
  // now): precision 0.97, recall 0.86; after the fifth round 1.0 / 0.98. Floors from that, rounded down.
  it('holds precision ≥ 0.95 and recall ≥ 0.95 on the third held-out set (studied since), whose documents no other set shares', () => {
    expect(thirdSetCorpus.length).toBeGreaterThanOrEqual(120);
    expect(thirdSetDocuments.length).toBeGreaterThanOrEqual(15);
    expect(thirdSetCorpus.filter((s) => s.blameful).length).toBeGreaterThanOrEqual(35);
    const known = new Set([...realDocuments, ...freshDocuments, ...heldOutDocuments].map((d) => d.source));
    for (const doc of thirdSetDocuments) {
      expect(doc.source).toMatch(/^https?:\/\//);
      expect(known.has(doc.source), doc.source).toBe(false);
    }
    const { precision, recall } = score(thirdSetCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  // The fourth held-out set (blameless-fourth-corpus.ts): 17 documents none of the others cite,
  // gathered after the third set was studied, labelled and committed before the coach ran on
  // them, measured once with the third round of rules — precision 0.72, recall 0.59 (13 of 22
  // found, 5 false alarms in 95 sentences): below the target on both. Its mistakes were then
  // studied for the fourth round (so it is seen now): precision 0.95, recall 0.86; after the
  // fifth round 1.0 / 0.95.
  it('holds precision ≥ 0.95 and recall ≥ 0.95 on the fourth held-out set (studied since)', () => {
    expect(fourthSetCorpus.length).toBeGreaterThanOrEqual(100);
    expect(fourthSetDocuments.length).toBeGreaterThanOrEqual(15);
    const known = new Set(
      [...realDocuments, ...freshDocuments, ...heldOutDocuments, ...thirdSetDocuments].map((d) => d.source),
    );
    for (const doc of fourthSetDocuments) {
      expect(doc.source).toMatch(/^https?:\/\//);
      expect(known.has(doc.source), doc.source).toBe(false);
    }
    const { precision, recall } = score(fourthSetCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  // The fifth held-out set (blameless-fifth-corpus.ts): 14 documents none of the others cite,
  // gathered after the fourth set was measured, labelled and committed before the coach ran on
  // them, measured once with the fourth round of rules (the rules now) and never tuned on —
  // precision 1.0, recall 0.70 (7 of 10 found, no false alarm in 65 sentences). Only 10 blameful
  // sentences: each moves recall by ten points. Its three misses were then studied with the
  // other sets' errors for the fifth round (so it is seen now): precision 1.0, recall 1.0.
  it('holds precision ≥ 0.95 and recall ≥ 0.9 on the fifth held-out set (studied since)', () => {
    expect(fifthSetDocuments.length).toBeGreaterThanOrEqual(10);
    const known = new Set(
      [...realDocuments, ...freshDocuments, ...heldOutDocuments, ...thirdSetDocuments, ...fourthSetDocuments].map(
        (d) => d.source,
      ),
    );
    for (const doc of fifthSetDocuments) {
      expect(doc.source).toMatch(/^https?:\/\//);
      expect(known.has(doc.source), doc.source).toBe(false);
    }
    const { precision, recall } = score(fifthSetCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  // The sixth held-out set (blameless-sixth-corpus.ts): 45 documents none of the others cite,
  // gathered after the fifth round of rules was written, labelled and committed before the coach
  // ran on them, measured once with the fifth round — precision 0.82, recall 0.67 (46 of 69
  // found, 10 false alarms in 230 sentences): below the target on both. Its mistakes were then
  // studied for the sixth round (so it is seen now): precision 0.98, recall 0.86. Floors from
  // that, rounded down.
  it('holds precision ≥ 0.95 and recall ≥ 0.85 on the sixth held-out set (studied since), whose documents no other set shares', () => {
    expect(sixthSetCorpus.length).toBeGreaterThanOrEqual(150);
    expect(sixthSetDocuments.length).toBeGreaterThanOrEqual(18);
    expect(sixthSetCorpus.filter((s) => s.blameful).length).toBeGreaterThanOrEqual(40);
    const known = new Set(
      [
        ...realDocuments,
        ...freshDocuments,
        ...heldOutDocuments,
        ...thirdSetDocuments,
        ...fourthSetDocuments,
        ...fifthSetDocuments,
      ].map((d) => d.source),
    );
    const seen = new Set<string>();
    for (const doc of sixthSetDocuments) {
      expect(doc.source).toMatch(/^https?:\/\//);
      expect(known.has(doc.source), doc.source).toBe(false);
      expect(seen.has(doc.source), doc.source).toBe(false);
      seen.add(doc.source);
    }
    const { precision, recall } = score(sixthSetCorpus);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('reports its figures on each part: tuning, held out (six sets), fresh, written', () => {
    const parts: [string, { text: string; blameful: boolean }[]][] = [
      ['real, tuning documents', realCorpus.filter((s) => !s.heldOut)],
      ['real, held out (every 4th document)', realCorpus.filter((s) => s.heldOut)],
      ['second held-out set', heldOutCorpus],
      ['third held-out set', thirdSetCorpus],
      ['fourth held-out set', fourthSetCorpus],
      ['fifth held-out set', fifthSetCorpus],
      ['sixth held-out set', sixthSetCorpus],
      ['fresh (tuning since)', freshCorpus],
      ['written', corpus],
    ];
    const rows = parts.map(([name, items]) => {
      const { precision, recall } = score(items);
      return `${name.padEnd(38)} ${String(items.length).padStart(4)} sentences  precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}`;
    });
    console.info(`The structure coach:\n${rows.join('\n')}`);
    // Tuning documents at the target.
    const tuning = score(realCorpus.filter((s) => !s.heldOut));
    expect(tuning.precision).toBeGreaterThanOrEqual(0.9);
    expect(tuning.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('holds precision ≥ 0.95 and recall ≥ 0.9 on the written corpus', () => {
    const { precision, recall } = score(corpus);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds what the word lists missed: roles, verbs, pronouns, relative clauses, passive agents, judgements', () => {
    for (const text of [
      'One of the technicians did not copy the new code to one of the servers.',
      'The employee forgot to rotate the key.',
      'A team member entered one of the inputs incorrectly.',
      'He notices he ran it on db1 instead of db2.',
      'The technician who switched off the power supply skipped the procedure.',
      'The outage was caused by a single engineer.',
      'There were three human errors in the sequence.',
      'Noticing their mistake, the operator stopped the command.',
      'An engineer proceeds to wipe the database directory, errantly thinking it was the secondary.',
      'We should have anticipated it.',
      'If he had checked the host name, the primary would be intact.',
      'Lone sysadmin fingered for the crash.',
      'A fat-fingered admin brought down the data centre.',
      // The second round (from the second held-out set's misses): "personnel" is a role, a
      // lower-case "i" is a person, "screwed up" asserts an error.
      'Maintenance personnel accidentally unplugged the storage array.',
      'The night shift personnel’s mistake left the queue paused.',
      'honestly i screwed up the failover.',
      // The third round (from the third held-out set's misses): a judgement noun owned or made by
      // the person, "by mistake", a consequence named in a participle, "messed up".
      'The outage was caused by the error of one contractor who skipped the checklist.',
      'Ops called it an error that the operator made at handover.',
      'During the cleanup someone entered the delete command on the shared drive by mistake.',
      'An engineer ran the cleanup job on the shared volume, wiping a week of builds.',
      'It was an oversight on her part.',
      'I messed up the migration order.',
      // The fourth round (from the fourth held-out set's misses): creating a fault as the cause,
      // "my bad", "fumbled", roles such as maintainer, contributor, volunteer.
      'The contractor who introduced the regression was not on call.',
      'Sorry, my bad: the deploy went to every region.',
      'Someone fumbled the firewall rules during the change.',
      'The outage slipped past a maintainer who skipped the review.',
      // The fifth round (from the errors left on every set, grouped by structure): "behind" / "at
      // the root of" a failure as a cause, plural judgement nouns and fault nouns before "by", a
      // false belief whose reason is a because-clause, a number of people acting, "they" with an
      // act only people do, two subjects, an act after a feeling, "taken to task".
      'Errors by two operators were behind the failed failover.',
      'A lapse in the rollout by the release engineers took the queue offline for an hour.',
      'The on-call engineer was behind the outage.',
      'The database admin assumed that because the replica was healthy, promoting it was safe.',
      'It only took one person to skip the checklist.',
      'Nothing stopped a single engineer from deleting the wrong bucket.',
      'They disregarded the change freeze and shipped anyway.',
      'They failed to follow the rollback procedure.',
      'You and your team were supposed to check the backups.',
      "Admin 'feels awful' after wiping the wrong volume",
      'The vendor’s engineers were taken to task for the delay.',
      // The sixth round (from the sixth held-out set's misses, after it was measured): the main
      // verb after a relative clause or a participle, more verbs of one subject, "you" with a
      // past act that is the failure, a person named as the culprit after a colon, a negated
      // virtue and judgement adjectives, a phrase between subject and verb, a compound judgement
      // noun after a possessive, a role in quotation marks, "managed to take down", a role with
      // a placeholder name.
      'The contractor who ran the migration did not follow the runbook.',
      'A DBA working on the replica never checked which host he was on.',
      'Intern held the release for an hour, broke the build when he merged.',
      '"Priya, you broke the staging cluster," the lead said.',
      'After an hour of digging, the team found the culprit: one contractor.',
      'Some ops people are not very careful.',
      'The release managers are clueless about rollbacks.',
      'Unfortunately she in her hurry deleted the wrong bucket.',
      'His quick-and-dirty mistake wiped the cache.',
      'The batch stopped after a mistake by a “junior operative” on the night shift.',
      'I managed to take down the whole cluster with one command.',
      'Operator 2 should have checked the target host.',
      // Blame kept when the rule that reads it was narrowed (the rules before found these too).
      'The VP blamed the outage on a junior engineer.',
      'The on-call engineer took the blame for the failed failover.',
      'Everyone was pointing a finger at the admin who restarted the primary.',
    ]) {
      expect(flagged(text), text).toBe(true);
    }
  });

  it('lets people do neutral or recovery work, organisations act, and passives stay impersonal', () => {
    for (const text of [
      'The engineers decided to increase max_wal_senders.',
      'An authorized team member executed a command which was intended to remove a few servers.',
      'Engineers quickly identified the unexpected database topologies.',
      'Knight did not retest the Power Peg code.',
      'One of the inputs to the command was entered incorrectly.',
      'A customer pushed a valid configuration change.',
      'The operator cannot easily preview the affected objects.',
      'Nobody was paged because the escalation policy had no secondary layer.',
      'Because the alert text did not say which region, responders checked the wrong one first.',
      'This is not incompetence.',
      'Responders disabled the firewall component and reverted the change.',
      // The second round (from the second held-out set's false alarms): a judgement denied, a
      // counterfactual about what was done to a person, a rule stated for everyone, "they" for a
      // company, a failure in one clause and people recovering in the next, an error word in
      // another clause (after a colon), an act denied.
      'It was clearly not her fault.',
      'The outage was none of it the fault of the reviewer.',
      'She should never have been handed the pager alone.',
      'Operators shouldn’t be editing the primary by hand.',
      'The vendor promised a fix, which they certainly should have.',
      'The first restore failed to produce a usable copy, and the engineers worked through the night on a second one.',
      'The cache skipped a beat: which host did I just restart?',
      'I didn’t actually restart the primary.',
      // The third round (from the third held-out set's false alarms): a statement not made, an
      // inability ("can't" reaches the tagger as "ca" + "n't"), someone else's belief, a modifier
      // "missed", "what went wrong", blaming talked about as a practice, a negated copula.
      'He did not comment on whether the vendor would refund customers.',
      'I can’t see the dashboard from home.',
      'Officials believe they have found the faulty relay.',
      'I answered several missed calls after lunch.',
      'I restarted the service and asked what went wrong.',
      'Blaming the on-call engineer ignores the missing guard rail.',
      'The reviewer was not the owner of that service.',
      // The fourth round (from the fourth held-out set's false alarms): an organisation after
      // "error by", a complement clause ("told … that", "wonder why", "explained how") that is
      // not the speaker's, a possibility ("may have introduced").
      'The database team noted a configuration error by the hosting provider.',
      'An SRE told the vendor that the failover was caused by a wrong route.',
      'I still wonder why the cutover went so wrong.',
      'The network engineer explained how a wrong route took the region down.',
      'He may have introduced the bug while refactoring, the review says.',
      // The fifth round: an opinion denied is not an omission, negligence owned by an
      // organisation, people counted doing recovery work, "they" for machines, "behind" a
      // schedule, a team as agent, a because-clause before the belief explains it.
      'I don’t see the rollback as a failure of the team.',
      'The provider’s negligence in patching is the root cause, the lawsuit says.',
      'Three people joined the call to help restore the service.',
      'The runbook asked one engineer to drain the node before the upgrade.',
      'They failed to start after the kernel upgrade.',
      'Engineers were behind schedule on the migration.',
      'A fix by the database team restored writes.',
      'Because the replica lag was hidden, the admin assumed the copy was current.',
      // The sixth round: "to think", a state negated, "nobody wanted", a generalisation, a
      // quotation after "admitted", the one who blames, "blame" taken by a company, a judgement
      // denied across quotation marks, what others assumed, a hyphenated "man-".
      'I shudder to think what the restore would have cost.',
      "My mind went blank and I didn't know what to do next.",
      'Nobody wanted to cancel the release party.',
      'Engineers make mistakes, and the pipeline should catch them.',
      'The lead engineer admitted, "the timeout was set incorrectly in the template."',
      'The director blamed the missing alert, not the responders.',
      'The company took full blame for the outage and the engineers shipped a fix within the hour.',
      'The review was clear: it was not "the admin made a mistake" but a missing guard.',
      'Because he was new, the intern was assumed to know the runbook.',
      'Dozens of man-hours went into rebuilding the index after it took down search.',
    ]) {
      expect(flagged(text), text).toBe(false);
    }
  });

  it('gives positions and systems-oriented hints', () => {
    const text = 'At 23:27 the engineer ran rm -rf on the primary instead of the secondary.';
    const [d] = coachDeep(text, defaultCoachConfig);
    expect(d).toMatchObject({ rule: 'role-as-culprit' });
    expect(text.slice(d?.from, d?.to)).toBe('engineer');
    expect(d?.hint).toMatch(/^Ask what let it happen, not who did it: .*“ran rm -rf on the primary/);
    expect(d?.hint).not.toMatch(/\bengineer\b/);
  });

  it('quotes the sentence as written: a hyphenated role whole, and the negation before the verb', () => {
    const text = 'The on-call engineer didn’t escalate for twenty minutes.';
    const [d] = coachDeep(text, defaultCoachConfig);
    expect(d).toMatchObject({ rule: 'role-as-culprit' });
    expect(text.slice(d?.from, d?.to)).toBe('on-call engineer');
    expect(d?.message).toContain('“on-call engineer didn’t escalate for twenty”');
  });

  it('stays data a team extends: roles, names, error words, outsiders; unknown settings are refused', () => {
    const team = parseCoachConfig({
      roles: ['release captain'],
      names: ['Zebedee Quorn'],
      errorWords: ['clobbered'],
      outsiders: ['tenant'],
    });
    expect(team.ok).toBe(true);
    if (!team.ok) return;
    expect(flagged('The release captain skipped the canary.', team.config)).toBe(true);
    expect(flagged('Zebedee deployed the change without review.', team.config)).toBe(true);
    expect(flagged('The engineer clobbered the config.', team.config)).toBe(true);
    expect(flagged('The engineer clobbered the config.')).toBe(false);
    expect(flagged('The tenant accidentally deleted the bucket.', team.config)).toBe(false);
    expect(parseCoachConfig({ sections: { nonsense: ['x'] } })).toMatchObject({ ok: false });
    // The settings from before still parse.
    expect(
      parseCoachConfig({ disabled: ['timeline-times'], names: [], roles: [], blameWords: ['cowboy'] }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('hard-wrapped text', () => {
  const paragraph = fc
    .array(fc.constantFrom(...[...realCorpus, ...heldOutCorpus].map((s) => s.text)), { minLength: 1, maxLength: 6 })
    .map((list) => list.join(' ').replace(/\n/g, ' '));

  /** Greedy wrap at `width`: a space becomes a line break, never before a word that starts a block. */
  function wrap(text: string, width: number): string {
    const chars = [...text];
    let lineStart = 0;
    let lastSpace = -1;
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === ' ') {
        const rest = text.slice(i + 1);
        if (!/^(?:[-*+]\s|\d+[.)]\s|#|>|\||```|~~~)/.test(rest)) lastSpace = i;
      }
      if (i - lineStart >= width && lastSpace > lineStart) {
        chars[lastSpace] = '\n';
        lineStart = lastSpace + 1;
      }
    }
    return chars.join('');
  }

  it('gets the same diagnostics, at the same positions, wrapped at any width', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 8, max: 100 }), (text, width) => {
        const wrapped = wrap(text, width);
        expect(wrapped.length).toBe(text.length);
        expect(unwrap(wrapped)).toBe(text);
        expect(coachDeep(wrapped, defaultCoachConfig)).toEqual(coachDeep(text, defaultCoachConfig));
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('finds "human⏎error" and "human errors" in a wrapped Why section', () => {
    const markdown = '## Why It Happened\n\nThe outage was human\nerror. There were human errors.\n';
    const words = lintPostmortem(markdown).diagnostics.filter((d) => d.rule === 'blame-words');
    expect(words.map((d) => markdown.slice(d.from, d.to))).toEqual(['human\nerror', 'human errors']);
  });
});

describe('the deep coach while typing', () => {
  it('remembers sentences: after random edits it answers as a whole pass does', () => {
    const sentences = realCorpus.slice(0, 80).map((s) => s.text);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' not', ' wrongly', '\n', 'x')), { maxLength: 6 }),
        (parts, edits) => {
          const coach = createDeepCoach();
          let doc = parts.join('\n');
          expect(coach(doc, defaultCoachConfig)).toEqual(coachDeep(doc, defaultCoachConfig));
          for (const [at, insert] of edits) {
            const i = at % (doc.length + 1);
            doc = doc.slice(0, i) + insert + doc.slice(i);
            expect(coach(doc, defaultCoachConfig)).toEqual(coachDeep(doc, defaultCoachConfig));
          }
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe('structure checks on whole documents modelled on real postmortems', () => {
  const read = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures/postmortems', name), 'utf8');

  it('reads a table timeline, 5-Whys answers and an action-item table (owner, due, ticket, because)', () => {
    expect(lintPostmortem(read('database-deletion.md'))).toMatchObject({ diagnostics: [], ready: true, passed: 6 });
  });

  it('recognises "What went wrong" and "What we are changing", "At 14:02" entries and "due to" / "as a result of"', () => {
    expect(lintPostmortem(read('waf-regex.md'))).toMatchObject({ diagnostics: [], ready: true });
  });

  it('a blameful draft in SRE-book style: its own section names in the messages, tables read', () => {
    const markdown = read('trading-deploy-blameful.md');
    const result = lintPostmortem(markdown);
    expect(result.passed).toBe(1);
    const at = (rule: string): string[] =>
      result.diagnostics.filter((d) => d.rule === rule).map((d) => markdown.slice(d.from, d.to));
    expect(at('timeline-times')).toEqual(['The market opens and the router sends child orders without limit.']);
    expect(at('role-as-culprit')).toEqual(['technicians']);
    expect(at('blame-words')).toEqual(['human\nerror']);
    const count = result.diagnostics.find((d) => d.message.includes('of at least 5'));
    expect(count?.message).toMatch(/^“Root causes” needs at least five/);
    expect(count?.message).toContain('1 of at least 5');
    expect(at('action-items')).toEqual([
      'Be more careful when deploying',
      'Be more careful when deploying',
      'Automate deploys to every server with a check that all run the same build',
    ]);
  });

  it('names the template’s own section when it is missing', () => {
    const sreBook =
      '# X\n\n## Trigger\n\nA deploy.\n\n## Action Items\n\n- Add a canary (owner: @a, due: 2026-12-01, because: 1)\n';
    const missing = lintPostmortem(sreBook).diagnostics.find((d) => d.rule === 'because-statements');
    expect(missing?.message).toContain('there is no “Root Causes” section.');
    expect(missing?.message).not.toContain('Why It Happened');
    const plain = lintPostmortem('# X\n\n## What Happened\n').diagnostics.find((d) => d.rule === 'because-statements');
    expect(plain?.message).toContain('there is no “Why It Happened” section.');
  });

  it('heading synonyms are data a team extends', () => {
    for (const [title, kind] of [
      ['What we are changing', 'changes'],
      ['Improvements', 'changes'],
      ['Next steps', 'changes'],
      ['Remediation', 'changes'],
      ['Corrective actions', 'changes'],
      ['3. Root cause analysis', 'why'],
      ['Contributing Factors', 'why'],
      ['Timeline (all times UTC)', 'timeline'],
      ['Impact', null],
    ] as const) {
      expect(sectionKind(title), title).toBe(kind);
    }
    const config = { ...defaultCoachConfig, sections: { changes: ['Hardening'] } };
    expect(sectionKind('Hardening', config)).toBe('changes');
  });

  it('counts 5-Whys answers and "due to" / "caused by" / "as a result of" as causal statements', () => {
    const why = [
      '## Why It Happened',
      '',
      '- Why did checkout fail? The pricing service rejected the currency field.',
      '- Why was it rejected?',
      '  The schema had no default for new fields.',
      '- Latency rose due to retries.',
      '- Retries were caused by a short timeout.',
      '- The timeout was short as a result of a copied config.',
      '',
    ].join('\n');
    const result = lintPostmortem(why, { ...defaultCoachConfig, disabled: ['action-items', 'timeline-times'] });
    expect(result.checks.find((c) => c.rule === 'because-statements')).toMatchObject({ passed: true });
  });
});
