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
    if (typeof original !== 'function') continue;
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
