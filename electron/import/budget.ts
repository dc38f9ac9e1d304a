// A work budget for ical.js's recurrence expansion. RecurIterator.next() loops until a rule
// matches, and a rule that never matches (FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30) loops forever
// inside one call, where no caller can stop it. Every step of that loop calls one of the
// iterator's next_<unit> methods; they are wrapped here to count against the budget that is
// running (none outside our own parsing), and to throw once it is spent. This covers every
// expansion ical.js does for us: events' RRULEs and VTIMEZONE rules alike.

import ICAL from 'ical.js';

export class BudgetSpent extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit.toLocaleString('en-US')} recurrence steps`);
    this.name = 'BudgetSpent';
  }
}

let running: StepBudget | null = null;

const stepMethods = ['next_second', 'next_minute', 'next_hour', 'next_day', 'next_week', 'next_month', 'next_year'];

let patched = false;
function patchOnce(): void {
  if (patched) return;
  patched = true;
  const prototype = ICAL.RecurIterator.prototype as unknown as Record<string, unknown>;
  for (const name of stepMethods) {
    const original = prototype[name];
    // Loudly, never silently unbounded: a newer ical.js that renamed its steps needs a look here.
    if (typeof original !== 'function')
      throw new Error(`ical.js has no RecurIterator.${name}: the recurrence budget cannot be kept`);
    prototype[name] = function counted(this: unknown, ...args: unknown[]): unknown {
      running?.charge(1);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}

/** Steps of recurrence expansion (and whatever else the caller charges), up to a limit. */
export class StepBudget {
  used = 0;
  constructor(readonly limit: number) {}

  charge(steps: number): void {
    this.used += steps;
    if (this.used > this.limit) throw new BudgetSpent(this.limit);
  }

  /** Runs `work` with every recurrence step ical.js takes charged to this budget. */
  run<T>(work: () => T): T {
    return charging(this, work);
  }
}

function charging<T>(budget: StepBudget, work: () => T): T {
  patchOnce();
  const outer = running;
  running = budget;
  try {
    return work();
  } finally {
    running = outer;
  }
}

/** Counts `BEGIN:<NAME>` lines (folded lines unfolded first), before the text is parsed. */
export function countComponents(text: string, name: string): number {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const pattern = new RegExp(`^BEGIN:${name}[ \\t]*\\r?$`, 'gim');
  let count = 0;
  while (pattern.exec(unfolded)) count += 1;
  return count;
}

/**
 * EXDATEs are taken out of the parsed text before ical.js sees them (it sorts each one into a
 * list as it reads it, which grows with the square of their number) and matched here by instant.
 */
export interface RawExdate {
  value: string;
  tzid: string | null;
}

export function takeExdates(jcal: unknown): Map<unknown, RawExdate[]> {
  const found = new Map<unknown, RawExdate[]>();
  const visit = (component: unknown): void => {
    if (!Array.isArray(component) || !Array.isArray(component[1]) || !Array.isArray(component[2])) return;
    const properties = component[1] as unknown[];
    if (properties.some((p) => Array.isArray(p) && p[0] === 'exdate')) {
      const list: RawExdate[] = [];
      for (const property of properties) {
        if (!Array.isArray(property) || property[0] !== 'exdate') continue;
        const params = property[1] as Record<string, unknown>;
        const tzid = typeof params.tzid === 'string' ? params.tzid : null;
        for (const value of property.slice(3)) if (typeof value === 'string') list.push({ value, tzid });
      }
      component[1] = properties.filter((p) => !(Array.isArray(p) && p[0] === 'exdate'));
      found.set(component, list);
    }
    for (const child of component[2] as unknown[]) visit(child);
  };
  visit(jcal);
  return found;
}

/** A component lists more RDATEs than are read; `item` names it for the message. */
export class TooManyDates extends Error {
  constructor(
    readonly item: string,
    readonly count: number,
    readonly limit: number,
  ) {
    super(
      `${item} lists ${count.toLocaleString('en-US')} dates (RDATE); at most ${limit.toLocaleString('en-US')} are read`,
    );
    this.name = 'TooManyDates';
  }
}

const rawText = (properties: unknown[], name: string): string | null => {
  const property = properties.find((p) => Array.isArray(p) && p[0] === name) as unknown[] | undefined;
  return typeof property?.[3] === 'string' ? property[3] : null;
};

/** `event "uid" ("summary")`, or `time zone "tzid"`, from a component's raw properties. */
function rawName(component: unknown[]): string {
  const properties = component[1] as unknown[];
  const tzid = rawText(properties, 'tzid');
  if (tzid !== null) return `time zone "${tzid.slice(0, 80)}"`;
  const uid = rawText(properties, 'uid');
  const summary = rawText(properties, 'summary')?.trim();
  const named = uid ? `event "${uid.slice(0, 80)}"` : `a ${String(component[0]).toUpperCase()} without a UID`;
  return summary ? `${named} ("${summary.slice(0, 60)}")` : named;
}

/**
 * RDATEs: ical.js sorts them into one list as it reads them, each insert moving every later
 * date, so 60,000 of them in descending order take a minute. In ascending order each lands at
 * the end: they are put in that order here (values within a property, properties by their
 * first value), and a component listing more than `limit` is refused before any is read.
 */
export function orderRdates(jcal: unknown, limit: number): void {
  const visit = (component: unknown, parent: unknown[] | null): void => {
    if (!Array.isArray(component) || !Array.isArray(component[1]) || !Array.isArray(component[2])) return;
    const properties = component[1] as unknown[];
    const at: number[] = [];
    let count = 0;
    properties.forEach((p, index) => {
      if (Array.isArray(p) && p[0] === 'rdate') {
        at.push(index);
        count += Math.max(0, p.length - 3);
      }
    });
    if (count > limit) {
      // A zone's STANDARD/DAYLIGHT part is named by its zone.
      const named = component[0] === 'standard' || component[0] === 'daylight' ? (parent ?? component) : component;
      throw new TooManyDates(rawName(named), count, limit);
    }
    if (at.length > 0) {
      const key = (p: unknown): string => String((p as unknown[])[3] ?? '');
      const rdates = at.map((index) => {
        const property = properties[index] as unknown[];
        const values = property.slice(3).sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
        return [...property.slice(0, 3), ...values];
      });
      rdates.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      at.forEach((index, k) => (properties[index] = rdates[k]));
    }
    for (const child of component[2] as unknown[]) visit(child, component);
  };
  visit(jcal, null);
}
