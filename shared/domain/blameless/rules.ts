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
  // "negligent"/"negligence" are read by the structure pass, which knows whose it is ("their
  // negligence", "the engineer was negligent"; not "Equifax's negligence").
  'fault of',
  'my bad',
  "'s fault",
  '’s fault',
  'his fault',
  'her fault',
  'their fault',
  // "a mistake by", "an error by", "the mistake of": the structure pass reads who follows "by"
  // or "of" (a person, not "a configuration error by Tier 1 network provider Level 3" nor "a
  // rookie mistake of sorts").
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
  // An idiom that blames a person (said of people only).
  'taken to task',
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

// The structure pass's word lists are in structure-lexicon.ts.
