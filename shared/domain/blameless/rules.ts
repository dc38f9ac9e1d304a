// The blameless coach's rules, as data: a team can add words, roles and names, or turn a rule off.

export const ruleIds = [
  'person-named',
  'role-as-culprit',
  'blame-words',
  'because-statements',
  'action-items',
  'timeline-times',
] as const;
export type RuleId = (typeof ruleIds)[number];

export interface RuleText {
  title: string;
  /** The readiness check this rule makes, phrased as what passes. */
  check: string;
  /** Why it matters, in plain words. */
  explanation: string;
  /** How to say it as a condition of the system. */
  hint: string;
}

export const ruleTexts: Record<RuleId, RuleText> = {
  'person-named': {
    title: 'A person is named as the one who did, or failed to do, something',
    check: 'No person is named as the one who acted',
    explanation:
      'Naming who acted turns the postmortem into a verdict on a person; the next person in the same spot will act the same way.',
    hint: 'Say what the system allowed or lacked: “the deploy tool let an unreviewed migration reach production”.',
  },
  'role-as-culprit': {
    title: 'A role is cast as the culprit',
    check: 'No role is cast as the culprit',
    explanation:
      '“The on-call engineer didn’t escalate” blames whoever held the role; ask why escalating was hard or unclear.',
    hint: 'Describe the condition: “the escalation policy had no trigger for a partial outage”.',
  },
  'blame-words': {
    title: 'Blame words and counterfactual framing',
    check: 'No blame words or counterfactual framing',
    explanation: '“Human error”, “careless”, “should have” judge people after the fact and stop the search for causes.',
    hint: 'Replace the judgement with what made the action likely: missing guard rails, unclear tooling, time pressure.',
  },
  'because-statements': {
    title: 'Why It Happened needs at least five “because” statements about the system',
    check: 'At least five “because” statements, each about the system',
    explanation:
      'Incidents have several contributing conditions; stopping at one, or at a person’s action, leaves the rest in place.',
    hint: 'Keep asking why: “because the migration ran without a dry run, because the pipeline has no dry-run step, …”.',
  },
  'action-items': {
    title: 'Action items need an owner, a due date and the “because” they address, and must be specific',
    check: 'Action items are specific, owned, dated and tied to a “because”',
    explanation:
      'An item without an owner and a date does not happen; “be more careful” changes nothing in the system.',
    hint: 'Write it as a change to the system: “Add a dry-run gate to the migration pipeline (owner: @ann, due: 2026-12-15, because: 2)”.',
  },
  'timeline-times': {
    title: 'Every timeline entry needs a time',
    check: 'Every timeline entry has a time',
    explanation: 'A factual timeline is ordered by when things happened; entries without a time cannot be placed.',
    hint: 'Start the entry with its time, e.g. “03:12 UTC — first page received”.',
  },
};

export interface CoachConfig {
  /** Rules turned off by the team. */
  disabled: RuleId[];
  /** Names of people (the roster); their first names are matched too. */
  names: string[];
  /** Extra words that judge people, matched anywhere. */
  blameWords: string[];
  /** Extra roles that can be cast as culprits. */
  roles: string[];
  /**
   * Extra words that assert an action was an error ("clobbered", "fumbled"): a person or role
   * doing something with one of these in the same clause is flagged by the structure pass.
   */
  errorWords?: string[];
  /** Extra words for people outside the team, never cast as culprits ("tenant", "partner"). */
  outsiders?: string[];
  /** Extra headings for the sections the structure checks read (added to `sectionHeadings`). */
  sections?: Partial<Record<SectionKind, string[]>>;
}

export type SectionKind = 'why' | 'changes' | 'timeline';

/**
 * Headings by the section they stand for, matched case-insensitively anywhere in a heading (so
 * "3. Root cause analysis" and "What we're changing:" count). The first kind that matches wins,
 * in the order why, changes, timeline. A team adds its own with `sections` in its settings.
 */
export const sectionHeadings: Record<SectionKind, string[]> = {
  why: [
    'why it happened',
    'root cause',
    'root causes',
    'contributing factor',
    'contributing factors',
    'causes',
    'cause',
    'what went wrong',
    'five whys',
    '5 whys',
    '5-whys',
    'analysis',
  ],
  changes: [
    'what teams are changing',
    'what we are changing',
    "what we're changing",
    'what we’re changing',
    'what we will change',
    'what we are doing',
    'action items',
    'action item',
    'actions',
    'follow-ups',
    'follow ups',
    'followups',
    'follow-up',
    'improvements',
    'next steps',
    'remediation',
    'remediations',
    'corrective actions',
    'corrective and preventive actions',
    'preventive actions',
    'preventative actions',
    'prevention',
    'action plan',
  ],
  timeline: ['what happened', 'timeline', 'chronology', 'sequence of events', 'detailed timeline'],
};

/**
 * Constructions counted as causal statements in the Why section, besides "because": each
 * occurrence counts once ("because of" counts as its "because").
 */
export const causalMarkers = [
  'because',
  'due to',
  'caused by',
  'as a result of',
  'resulted from',
  'results from',
  'stemmed from',
  'stems from',
  'owing to',
  'was triggered by',
  'were triggered by',
  'led to',
  'leads to',
];

export const defaultCoachConfig: CoachConfig = {
  disabled: [],
  names: [],
  blameWords: [],
  roles: [],
  errorWords: [],
  outsiders: [],
  sections: {},
};

/** Judgements of people wherever they appear. */
export const blameWords = [
  'human error',
  'operator error',
  'user error',
  'pilot error',
  'careless',
  'carelessly',
  'carelessness',
  'negligent',
  'negligence',
  'negligently',
  'fault of',
  "'s fault",
  '’s fault',
  'his fault',
  'her fault',
  'their fault',
  'mistake by',
  'mistake of',
  'error by',
  'sloppy',
  'incompetent',
  'incompetence',
  'lazy',
  'reckless',
  'dropped the ball',
  'to blame',
  'blame lies',
  'lapse in judgment',
  'lapse in judgement',
  'lack of attention',
  'not paying attention',
  'inattentive',
  // Found in real postmortems and press reports (test/fixtures/blameless-real-corpus.ts).
  'fat finger',
  'fat fingers',
  'fat-finger',
  'fat-fingers',
  'fat-fingered',
  'fat fingered',
  'human-error',
  'operator-error',
  'screw-up',
  'screwup',
  'source of concern',
  'idiot',
  'finger of blame',
];

/** Counterfactual framings: blameful when their subject is a person, a role or a pronoun. */
export const framings = [
  'should have',
  "should've",
  'could have',
  'failed to',
  'forgot to',
  'forgot',
  'neglected to',
  'neglected',
  "didn't bother",
  'did not bother',
  'was supposed to',
  'were supposed to',
  'ought to have',
  'chose not to',
  'decided not to',
  'did not think',
  "didn't think",
  'never checked',
];

/** What people do: a person or role followed by one of these is acting (active voice). */
export const humanActions = [
  'forgot',
  'forgets',
  'missed',
  'misses',
  'ignored',
  'ignores',
  "didn't",
  'did not',
  "doesn't",
  'does not',
  "wasn't",
  "weren't",
  'failed',
  'neglected',
  'skipped',
  'overlooked',
  'deployed',
  'pushed',
  'ran',
  'deleted',
  'dropped',
  'approved',
  'merged',
  'broke',
  'caused',
  'typed',
  'misconfigured',
  'misread',
  'mistyped',
  'disabled',
  'removed',
  'chose',
  'decided',
  'should',
  "should've",
  "couldn't",
  'rushed',
  'accidentally',
  'mistakenly',
  'carelessly',
  'botched',
  'messed',
  'screwed',
  'bypassed',
  'overrode',
  'clicked',
  'rubber-stamped',
  'rubber stamped',
  'restarted the wrong',
  'ran the wrong',
  'edited the wrong',
  'deleted the wrong',
  'picked the wrong',
  'assumed',
  'made a mistake',
  'made an error',
  'never',
  'forgot',
  'left',
  'let',
  'was careless',
  'was negligent',
  'was sloppy',
  'was lazy',
  'was not careful',
  "wasn't careful",
];

export const roles = [
  'on-call engineer',
  'on call engineer',
  'oncall engineer',
  'engineer',
  'engineers',
  'developer',
  'developers',
  'dba',
  'sre',
  'operator',
  'admin',
  'administrator',
  'sysadmin',
  'reviewer',
  'reviewers',
  'operators',
  'admins',
  'deployer',
  'intern',
  'manager',
  'team lead',
  'tech lead',
  'release manager',
  'incident commander',
  'support engineer',
  'contractor',
  'new hire',
  'junior engineer',
  'senior engineer',
  'responder',
  'author',
];

/** Subjects that make a framing about people. */
export const personPronouns = [
  'he',
  'she',
  'they',
  'someone',
  'somebody',
  'nobody',
  'no one',
  'we',
  'i',
  'you',
  'everyone',
  'anyone',
];

/** Common first names, so “Alice deployed …” is caught without a roster. */
export const firstNames =
  `Aaron Abdul Adam Adrian Ahmed Aisha Alan Albert Alex Alexander Alexandra Alice Alicia Amanda Amir Amy Ana Andre Andrea Andrew Andy Angela Anil Ann Anna Anne Anthony Anton Arjun Ava Ben Benjamin Beth Bill Bo Bob Brandon Brian Bruno Carla Carlos Carol Caroline Catherine Charles Charlie Chen Chloe Chris Christian Christina Christopher Claire Clara Daniel Dara David Deepak Diana Diego Dmitri Dominic Dylan Ed Eduardo Elena Eli Elias Elizabeth Ella Emily Emma Eric Erik Ethan Eva Fatima Felix Femi Fiona Francesca Frank Gabriel George Gita Grace Hannah Hans Harry Hassan Helen Henry Hugo Ian Igor Ines Isaac Isabel Ivan Jack Jacob James Jan Jane Jason Javier Jay Jean Jeff Jen Jennifer Jessica Jim Joe John Jon Jonas Jordan Jose Joseph Josh Juan Julia Julian Karen Karl Kai Kate Katie Kevin Kim Kumar Lars Laura Lena Leo Li Liam Linda Lisa Liu Lucas Lucy Luis Luke Maria Mark Marta Martin Mary Mateo Matt Matthew Max Maya Mei Michael Michelle Miguel Mike Mo Mohammed Nadia Nathan Nia Nick Nicole Nina Noah Olga Oliver Olivia Omar Oscar Pablo Patrick Paul Pedro Peter Pia Priya Quinn Rachel Rahul Raj Ravi Rebecca Richard Rita Rob Robert Ryan Sam Samuel Sandra Santiago Sara Sarah Scott Sean Sergei Simon Sofia Sophie Stefan Steve Steven Susan Tanya Thomas Tim Tom Tony Uma Victor Vikram Wei William Xavier Yuki Yusuf Zara Zoe`.split(
    ' ',
  );

/** Vague action items that change nothing in the system. */
export const vagueActions = [
  'be more careful',
  'be careful',
  'double-check',
  'double check',
  'remember to',
  'try harder',
  'pay more attention',
  'pay attention',
  'be more vigilant',
  'be vigilant',
  'be more diligent',
  'more training',
  'remind everyone',
  'remind the team',
  'raise awareness',
  'communicate better',
  'think twice',
  'take more care',
];

// ---------------------------------------------------------------------------------------------
// The structure pass (structure.ts): who does what in a sentence. These are data too; a team
// extends them with `roles`, `names`, `errorWords` and `outsiders` in its settings.

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
];

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
];
/** Verbs of false belief about what one is acting on: "on what he thought was a secondary". */
export const beliefWords = ['think', 'thought', 'believe', 'believed', 'believing', 'assume', 'confuse'];
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
];
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
