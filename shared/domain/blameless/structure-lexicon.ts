// The structure pass's word lists (structure.ts): who does what in a sentence. These are data
// like the rules in rules.ts; a team extends them with `roles`, `names`, `errorWords` and
// `outsiders` in its settings. Split from rules.ts (the rules, their texts, the settings' shape,
// the blame words and section headings) when the lists grew.

/**
 * Nouns for people inside the operating team, matched on the head of a noun phrase (its lemma),
 * so “the on-call engineer”, “one of the technicians”, “a GitLab.com engineer” all count. A
 * team's `roles` add their last word here. “member” counts after “team” or “staff”.
 */
export const personNouns = [
  'engineer',
  'technician',
  'operator',
  'employee',
  'staffer',
  'staff',
  'personnel',
  'admin',
  'administrator',
  'sysadmin',
  'developer',
  'contractor',
  'subcontractor',
  'sub-contractor',
  'intern',
  'dba',
  'sre',
  'reviewer',
  'deployer',
  'manager',
  'lead',
  'responder',
  'commander',
  'hire',
  'person',
  'individual',
  'human',
  'worker',
  'programmer',
  'coder',
  'analyst',
  'specialist',
  'colleague',
  'teammate',
  'on-call',
  'oncall',
  'author',
  'approver',
  'owner',
  'guy',
  'man',
  'woman',
  'volunteer',
  'maintainer',
  'contributor',
  'committer',
  'exec',
  'executive',
  'electrician',
  'operative',
  'techie',
  'dev',
  'newbie',
  'recruit',
];
/**
 * Nouns for people that count only after a number ("two people to miss it", "one person from
 * making a mistake"): alone, "people" is as often the public as the team.
 */
export const countedPersonNouns = ['people', 'person', 'individual', 'human'];
/** … and these after a noun that says which people: "operations people", "IT folks". */
export const groupPersonNouns = ['people', 'folks', 'folk', 'guys'];

/** People outside the team: a customer pushing a valid change is not a culprit. */
export const outsiderNouns = ['customer', 'user', 'client', 'attacker', 'spammer', 'vendor', 'provider', 'partner'];

/** Pronouns that stand for a person as a subject. "We" and "you" count only in counterfactuals. */
export const subjectPronouns = ['he', 'she', 'i', 'they', 'someone', 'somebody', 'anybody', 'anyone'];
export const counterfactualPronouns = ['we', 'you'];
/** "Nobody noticed": an omission by a person. */
export const nobodyPronouns = ['nobody', 'no-one'];

/**
 * Words (lemmas, or the word itself) that assert an action was an error. A person or role acting
 * in the same clause is cast as the one who did something wrong.
 */
export const errorWords = [
  'wrong',
  'wrongly',
  'instead',
  'mistaken',
  'mistakenly',
  'errant',
  'errantly',
  'erroneous',
  'erroneously',
  'accidental',
  'accidentally',
  'inadvertent',
  'inadvertently',
  'unintentional',
  'unintentionally',
  'incorrect',
  'incorrectly',
  'improperly',
  'mistype',
  'mistyped',
  'mis-typed',
  'misconfigure',
  'misconfigured',
  'misread',
  'forget',
  'forgot',
  'neglect',
  'overlook',
  'ignore',
  'skip',
  'bypass',
  'sidestep',
  'shortcut',
  'botch',
  'bungle',
  'goof',
  'screw',
  'mess',
  'fumble',
  'rubber-stamp',
  'rubber-stamped',
  'untested',
  'unreviewed',
  'bad',
  'without',
  'supposed',
  'unauthorised',
  'unauthorized',
  'trip',
  'violate',
  'disregard',
  'negligently',
];
/** Verbs of false belief about what one is acting on: "on what he thought was a secondary". */
export const beliefWords = ['think', 'thought', 'believe', 'believed', 'believing', 'assume', 'confuse'];
/**
 * Acts only people do: "they" is a person when one of these is their own verb (or follows their
 * "failed to") and an error is asserted — "they violated our password policies", "they failed to
 * follow the runbook". Otherwise "they" is as often servers or a company.
 */
export const conductVerbs = [
  'violate',
  'disregard',
  'ignore',
  'forget',
  'neglect',
  'follow',
  'mistype',
  'misread',
  'type',
  'skip',
  'bypass',
  'overlook',
];
/** Opinion verbs: "I don't see it as a failure" states an opinion, not an omission. */
export const opinionVerbs = ['see', 'think', 'believe', 'consider', 'expect', 'feel', 'view', 'regard'];
/** "miss" and "fail" assert an error only as verbs ("missed one", "failed to copy"). */
export const errorVerbs = ['miss', 'fail'];
/** Nouns that judge an action, when a person owns it: "their mistake", "an error by a technician". */
export const judgementNouns = [
  'mistake',
  'error',
  'fault',
  'typo',
  'blunder',
  'oversight',
  'negligence',
  'carelessness',
  'slip',
  'judgment',
  'judgement',
  'screw-up',
  'ignorance',
  'naivety',
  'naivete',
  'foolishness',
  'stupidity',
  'overconfidence',
];
/**
 * Nouns that name a fault without judging anyone: "a failure to convert metric units … by
 * software engineers" puts it on them when a person is its agent ("by").
 */
export const faultByNouns = ['failure', 'lapse', 'misstep', 'misconfiguration', 'omission'];
/**
 * Words that name a person (or their act) as the cause when what follows is a failure: "mistakes
 * by engineers … were behind the outage", "an engineer was at the root of the outage".
 */
export const causeMarkers = ['behind', 'root'];
/** What a failure is called, after a cause marker ("behind the outage"). */
export const failureNouns = [
  'outage',
  'failure',
  'incident',
  'breach',
  'disruption',
  'crash',
  'downtime',
  'problem',
  'issue',
  'error',
  'leak',
  'loss',
  'deletion',
  'meltdown',
  'accident',
];
/** Said of a person ("was careless", "an idiot", "responsible for the change"). */
export const judgementAdjectives = [
  'careless',
  'negligent',
  'sloppy',
  'lazy',
  'incompetent',
  'reckless',
  'idiot',
  'fool',
  'responsible',
  'culpable',
  'dumb',
  'stupid',
  'ignorant',
  'foolish',
  'inept',
  'clueless',
];
/** Said of a person with a negation ("are not too smart", "was not careful"). */
export const virtueAdjectives = ['smart', 'bright', 'competent', 'careful', 'thorough', 'diligent', 'attentive'];
/**
 * Verbs that lend their subject to the verb after "to": "I managed to take down our site",
 * "he proceeded to wipe …" — the cause verb is the second one.
 */
export const catenativeVerbs = ['manage', 'proceed', 'happen', 'go', 'continue'];
/**
 * States, not acts: negated they name no omission ("I didn't really know what to do", "nobody
 * wanted to make eye contact").
 */
export const stateVerbs = ['know', 'understand', 'want', 'like', 'wish', 'mean', 'remember'];
/**
 * Words that deny what a negation is about: "I didn't actually wipe the server" says the person
 * did not do it, not that they left something undone.
 */
export const denialWords = ['actually'];
/**
 * Verbs of telling the public: "he did not say whether there would be disciplinary measures" is
 * a statement left unmade, not an omission in the work.
 */
export const reportingVerbs = ['say', 'comment', 'elaborate', 'disclose', 'specify'];
/**
 * Verbs whose "that …" or "why/how/whether …" complement is a clause of its own: "an engineer
 * told Wired that the disruption was caused by a misconfigured AS" — the error words in it are
 * not the engineer's (a person in it is read on their own).
 */
export const complementVerbs = [
  'say',
  'admit',
  'concede',
  'tell',
  'report',
  'explain',
  'write',
  'note',
  'claim',
  'add',
  'state',
  'announce',
  'remain',
  'wonder',
  'ask',
];
/** A person who introduced, created or wrote one of these is named as the cause: "introduced the bug". */
export const faultNouns = ['bug', 'flaw', 'vulnerability', 'regression', 'hole', 'typo'];
export const creationVerbs = ['introduce', 'create', 'write', 'add', 'ship', 'commit', 'cause'];
/**
 * A person's act whose consequence is named in a participle after it: "someone ran the command
 * on the drive …, essentially erasing a year's work", "the contractor turned off the power,
 * leading to a shutdown" ("leading" only with "to").
 */
export const consequenceWords = [
  'leading',
  'causing',
  'triggering',
  'knocking',
  'crashing',
  'breaking',
  'erasing',
  'wiping',
  'deleting',
  'destroying',
];
/**
 * Words that make a negation nearby deny the judgement after it: "not his fault", "none of which
 * are the fault of the author", "no human error was involved". Looked for in the few words before
 * a judgement, within its clause.
 */
export const judgementDenials = ['not', "n't", 'no', 'none', 'never', 'nor'];
/** Verbs that blame a person: "Lone sysadmin fingered for …", "blame it on 1 person". */
export const blameVerbs = ['blame', 'finger', 'scapegoat'];
/** A person whose action is named as the cause: "caused by an engineer", "began when an engineer …". */
export const causeWords = ['cause', 'trigger', 'trace', 'start', 'due', 'root', 'culprit'];
/** A person's action that is itself the failure: "brought down", "took down", "caused", "broke". */
export const causeVerbs = ['cause', 'trigger', 'break', 'crash'];
export const downVerbs = ['take', 'bring', 'knock'];
