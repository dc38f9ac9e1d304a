// "My week": an on-call engineer's load this week, judged against the team's targets.

import { DateTime } from 'luxon';
import { untriagedEffect, untriagedSentence } from './triage';

export interface LoadTargets {
  /** Fewer than this many actionable pages per on-call week. */
  actionablePagesPerWeek: number;
  /** Fewer than this many sleep-hour pages per shift (a week, until rotations define shifts). */
  sleepHourPagesPerShift: number;
}

export const defaultTargets: LoadTargets = { actionablePagesPerWeek: 2, sleepHourPagesPerShift: 1 };

/** Monday 00:00 to the next Monday 00:00 in the person's zone, as UTC milliseconds. */
export function weekContaining(instantMs: number, timeZone: string): { startMs: number; endMs: number } {
  const start = DateTime.fromMillis(instantMs, { zone: timeZone }).startOf('week');
  return { startMs: start.toMillis(), endMs: start.plus({ weeks: 1 }).toMillis() };
}

/** Each local day of the week that starts at `startMs`, as [startMs, endMs) pairs (DST-safe). */
export function daysOfWeek(startMs: number, timeZone: string): { date: string; startMs: number; endMs: number }[] {
  const first = DateTime.fromMillis(startMs, { zone: timeZone });
  return Array.from({ length: 7 }, (_, i) => {
    const day = first.plus({ days: i });
    return { date: day.toISODate() ?? '', startMs: day.toMillis(), endMs: day.plus({ days: 1 }).toMillis() };
  });
}

export interface WeekCounts {
  pages: number;
  actionable: number;
  noise: number;
  untriaged: number;
  sleepHour: number;
  offHours: number;
  minutesSpent: number;
}

export interface TargetCheck {
  metric: 'actionablePages' | 'sleepHourPages';
  value: number;
  /** The value must stay below this. */
  below: number;
  met: boolean;
  /** Pages not triaged yet: not counted in `value` (0 for targets triage does not touch). */
  untriaged: number;
  sentence: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function checkTargets(counts: WeekCounts, targets: LoadTargets): TargetCheck[] {
  const actionableMet = counts.actionable < targets.actionablePagesPerWeek;
  const sleepMet = counts.sleepHour < targets.sleepHourPagesPerShift;
  const unknown = untriagedSentence(
    untriagedEffect(counts.actionable, counts.untriaged, targets.actionablePagesPerWeek),
  );
  const known = (sentence: string): string => (unknown ? `${sentence} ${unknown}` : sentence);
  return [
    {
      metric: 'actionablePages',
      value: counts.actionable,
      below: targets.actionablePagesPerWeek,
      met: actionableMet,
      untriaged: counts.untriaged,
      sentence: known(
        actionableMet
          ? `${plural(counts.actionable, 'actionable page')} this week — within the target of fewer than ${targets.actionablePagesPerWeek}.`
          : `${plural(counts.actionable, 'actionable page')} this week: above the target of fewer than ${targets.actionablePagesPerWeek}. This rotation is carrying more than one person can handle well.`,
      ),
    },
    {
      metric: 'sleepHourPages',
      value: counts.sleepHour,
      below: targets.sleepHourPagesPerShift,
      met: sleepMet,
      untriaged: 0,
      sentence: sleepMet
        ? `${plural(counts.sleepHour, 'sleep-hour page')} this shift — within the target of fewer than ${targets.sleepHourPagesPerShift}.`
        : `You were woken ${counts.sleepHour === 1 ? 'once' : `${counts.sleepHour} times`} this shift: the target is fewer than ${targets.sleepHourPagesPerShift} sleep-hour page${targets.sleepHourPagesPerShift === 1 ? '' : 's'} per shift.`,
    },
  ];
}
