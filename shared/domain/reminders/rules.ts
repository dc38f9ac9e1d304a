// Which reminders are due now, decided from plain facts — the same rules in the desktop app
// (native notifications, electron/desktop/) and in browser mode (Web Notifications,
// renderer/app/useReminders.ts). The workstation must never wake anyone: during the person's
// sleep hours nothing fires unless they are on call right now. At most one reminder of each
// kind per local day, each kind can be turned off, and each says which view to open.

import { DateTime } from 'luxon';
import { withinRule, type HoursRule } from '../hours';
import type { AppRoute } from '../desktop/routes';

export const reminderKinds = [
  'shift-soon',
  'shift-start',
  'shift-end',
  'action-items',
  'toil-timer',
  'sync-conflicts',
  'sync-failed',
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** What each kind is called where it can be turned off (Me). */
export const reminderLabels: Record<ReminderKind, string> = {
  'shift-soon': 'My shift starts in an hour',
  'shift-start': 'My shift starts now',
  'shift-end': 'End of my shift: log the pages I haven’t',
  'action-items': 'My action items due tomorrow or overdue (working hours)',
  'toil-timer': 'A toil timer running over 2 hours',
  'sync-conflicts': 'Sync conflicts to review',
  'sync-failed': 'Sync failing again and again',
};

const minute = 60_000;
export const shiftSoonMs = 60 * minute;
/** How long after a shift starts (or ends) its reminder may still fire (the app may have been asleep). */
export const shiftStartWindowMs = 15 * minute;
export const shiftEndWindowMs = 60 * minute;
export const toilTimerLongMs = 2 * 60 * minute;
/** Failed syncs in a row before the person is told (the header shows every single failure). */
export const syncFailuresBeforeReminder = 3;

export interface MyShift {
  rotation: string;
  startsAt: number;
  endsAt: number;
}

export interface ReminderFacts {
  now: number;
  me: { timeZone: string; workingHours: HoursRule; sleepHours: HoursRule };
  /** This person's shifts around now (the last day and the next hours). */
  shifts: MyShift[];
  /** Pages this person logged during the shift that ended most recently (for "log any you haven't?"). */
  pagesInEndedShift: number;
  /** This person's open action items. */
  actionItems: { title: string; due: string | null; overdue: boolean }[];
  toilTimer: { startedAt: number; description: string } | null;
  sync: { connected: boolean; conflicts: number; failedInARow: number; lastError: string | null };
}

export interface ReminderPreferences {
  /** Kinds turned off. */
  off: ReminderKind[];
}

/** The local day each kind last fired on, in the person's zone. */
export type FiredToday = Partial<Record<ReminderKind, string>>;

export interface Reminder {
  kind: ReminderKind;
  title: string;
  body: string;
  /** The view that clicking it opens. */
  route: AppRoute;
}

export function localDay(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISODate() ?? '';
}

function localMoment(instant: number, timeZone: string): { weekday: number; minute: number } {
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  return { weekday: local.weekday, minute: local.hour * 60 + local.minute };
}

export function onCallAt(shifts: readonly MyShift[], at: number): MyShift | undefined {
  return shifts.find((s) => s.startsAt <= at && at < s.endsAt);
}

/** Quiet: inside the person's sleep hours and not on call right now. */
export function quietNow(facts: Pick<ReminderFacts, 'now' | 'me' | 'shifts'>): boolean {
  const { weekday, minute: m } = localMoment(facts.now, facts.me.timeZone);
  return withinRule(weekday, m, facts.me.sleepHours) && !onCallAt(facts.shifts, facts.now);
}

function inWorkingHours(facts: ReminderFacts): boolean {
  const { weekday, minute: m } = localMoment(facts.now, facts.me.timeZone);
  return withinRule(weekday, m, facts.me.workingHours);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function clock(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toFormat('HH:mm');
}

/** Every reminder whose moment it is, before quiet hours, preferences and "once a day" apply. */
export function candidates(facts: ReminderFacts): Reminder[] {
  const { now } = facts;
  const zone = facts.me.timeZone;
  const out: Reminder[] = [];
  const soon = facts.shifts
    .filter((s) => s.startsAt > now && s.startsAt - now <= shiftSoonMs && !onCallAt(facts.shifts, now))
    .sort((a, b) => a.startsAt - b.startsAt)[0];
  if (soon) {
    const inMinutes = Math.max(1, Math.round((soon.startsAt - now) / minute));
    out.push({
      kind: 'shift-soon',
      title: `Your ${soon.rotation} shift starts in ${inMinutes >= 55 ? '1 hour' : plural(inMinutes, 'minute')}`,
      body: `On call from ${clock(soon.startsAt, zone)} to ${clock(soon.endsAt, zone)}.`,
      route: { kind: 'view', view: 'rotations' },
    });
  }
  const started = facts.shifts.find((s) => s.startsAt <= now && now - s.startsAt < shiftStartWindowMs);
  // A shift that continues one just ended (the same rotation, back to back) is not a new start.
  if (started && !facts.shifts.some((s) => s.rotation === started.rotation && s.endsAt === started.startsAt)) {
    out.push({
      kind: 'shift-start',
      title: `Your ${started.rotation} shift starts now`,
      body: `On call until ${clock(started.endsAt, zone)}. Log each page with the quick-log shortcut.`,
      route: { kind: 'view', view: 'week' },
    });
  }
  const ended = facts.shifts
    .filter((s) => s.endsAt <= now && now - s.endsAt < shiftEndWindowMs)
    .filter((s) => !facts.shifts.some((next) => next.rotation === s.rotation && next.startsAt === s.endsAt))
    .sort((a, b) => b.endsAt - a.endsAt)[0];
  if (ended) {
    out.push({
      kind: 'shift-end',
      title: `Your ${ended.rotation} shift has ended — log any pages you haven’t?`,
      body: `You logged ${plural(facts.pagesInEndedShift, 'page')} during it.`,
      route: { kind: 'log', what: 'page' },
    });
  }
  if (inWorkingHours(facts)) {
    const tomorrow = localDay(DateTime.fromMillis(now, { zone }).plus({ days: 1 }).toMillis(), zone);
    const overdue = facts.actionItems.filter((a) => a.overdue).length;
    const dueTomorrow = facts.actionItems.filter((a) => !a.overdue && a.due === tomorrow).length;
    if (overdue + dueTomorrow > 0) {
      const parts = [overdue ? `${overdue} overdue` : '', dueTomorrow ? `${dueTomorrow} due tomorrow` : ''];
      out.push({
        kind: 'action-items',
        title: `${plural(overdue + dueTomorrow, 'action item')} need${overdue + dueTomorrow === 1 ? 's' : ''} you`,
        body: `${parts.filter(Boolean).join(', ')}.`,
        route: { kind: 'view', view: 'actions' },
      });
    }
  }
  if (facts.toilTimer && now - facts.toilTimer.startedAt > toilTimerLongMs) {
    const hours = Math.floor((now - facts.toilTimer.startedAt) / (60 * minute));
    out.push({
      kind: 'toil-timer',
      title: `Your toil timer has run ${plural(hours, 'hour')}`,
      body: `“${facts.toilTimer.description}” — still going? Stop it or change its time.`,
      route: { kind: 'log', what: 'toil' },
    });
  }
  if (facts.sync.connected && facts.sync.conflicts > 0) {
    out.push({
      kind: 'sync-conflicts',
      title: `${plural(facts.sync.conflicts, 'sync conflict')} to review`,
      body: 'Values set aside by a merge: keep them or put them back.',
      route: { kind: 'view', view: 'settings' },
    });
  }
  if (facts.sync.connected && facts.sync.failedInARow >= syncFailuresBeforeReminder) {
    out.push({
      kind: 'sync-failed',
      title: `Sync has failed ${facts.sync.failedInARow} times in a row`,
      body: facts.sync.lastError ?? 'Your changes are safe here and wait to be sent.',
      route: { kind: 'view', view: 'settings' },
    });
  }
  return out;
}

/**
 * The reminders to show now and the updated "fired today" record: nothing while quiet (sleep
 * hours, not on call), nothing of a kind turned off, nothing of a kind already shown today.
 */
export function remindersDue(
  facts: ReminderFacts,
  preferences: ReminderPreferences,
  fired: FiredToday,
): { reminders: Reminder[]; fired: FiredToday } {
  if (quietNow(facts)) return { reminders: [], fired };
  const today = localDay(facts.now, facts.me.timeZone);
  const reminders = candidates(facts).filter((r) => !preferences.off.includes(r.kind) && fired[r.kind] !== today);
  const next: FiredToday = { ...fired };
  for (const r of reminders) next[r.kind] = today;
  return { reminders, fired: next };
}

/** Failed syncs in a row after one sync's outcome. */
export const afterSync = (failedInARow: number, ok: boolean): number => (ok ? 0 : failedInARow + 1);

/** A "fired today" record read back from storage: only known kinds and dates kept. */
export function readFired(value: unknown): FiredToday {
  if (typeof value !== 'object' || value === null) return {};
  const out: FiredToday = {};
  for (const kind of reminderKinds) {
    const day = (value as Record<string, unknown>)[kind];
    if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) out[kind] = day;
  }
  return out;
}
