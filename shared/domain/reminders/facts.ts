// The facts the reminders (and the tray) are decided from, gathered through the operations —
// the desktop app's main process asks its operation table, browser mode asks `oncall serve`;
// both give `ask` the same contract. A question that fails (no rotations, no repository yet)
// counts as "nothing there", so one broken part never silences the other reminders.

import type { AppInfo, OperationInput, OperationName, OperationOutput } from '../../contract';
import type { ReminderFacts } from './rules';

export type Ask = <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

const hourMs = 3_600_000;

async function orElse<T>(promise: Promise<T>, fallback: T): Promise<T> {
  try {
    return await promise;
  } catch {
    return fallback;
  }
}

export interface DesktopFacts extends ReminderFacts {
  info: AppInfo;
  onCall: OperationOutput<'rotations.now'>;
  /** This person's next shift that has not started. */
  nextShift: { rotation: string; startsAt: number; endsAt: number } | null;
  syncing: boolean;
  lastSyncAt: number | null;
}

/** Everything the reminders and the tray need, as of `now`. */
export async function gatherFacts(ask: Ask, now: number, failedSyncsInARow: number): Promise<DesktopFacts> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const info = await ask('app.info', {});
  const handle = info.me.handle;
  const [shiftViews, onCall, actions, timer, status] = await Promise.all([
    orElse(ask('rotations.shifts', { from: iso(now - 26 * hourMs), to: iso(now + 14 * 24 * hourMs) }), []),
    orElse(ask('rotations.now', {}), []),
    orElse(ask('actions.list', { status: 'open', owner: handle }), []),
    orElse(ask('toil.timer.get', {}), null),
    orElse(ask('repo.status', {}), null),
  ]);
  const shifts = shiftViews
    .filter((s) => s.handle === handle)
    .map((s) => ({ rotation: s.rotation, startsAt: Date.parse(s.startsAt), endsAt: Date.parse(s.endsAt) }))
    .sort((a, b) => a.startsAt - b.startsAt);
  const ended = shifts.filter((s) => s.endsAt <= now).at(-1);
  let pagesInEndedShift = 0;
  if (ended && now - ended.endsAt < 2 * hourMs) {
    const list = await orElse(
      ask('pages.list', { since: iso(ended.startsAt), until: iso(ended.endsAt), limit: 1000 }),
      {
        pages: [],
        nextCursor: null,
      },
    );
    pagesInEndedShift = list.pages.filter((p) => p.personHandle === handle).length;
  }
  return {
    now,
    me: { timeZone: info.me.timeZone, workingHours: info.me.workingHours, sleepHours: info.me.sleepHours },
    shifts: shifts.filter((s) => s.startsAt <= now + 2 * hourMs),
    pagesInEndedShift,
    actionItems: actions.map((a) => ({ title: a.title, due: a.due, overdue: a.overdue })),
    toilTimer: timer ? { startedAt: Date.parse(timer.startedAt), description: timer.description } : null,
    sync: {
      connected: status?.connected ?? false,
      conflicts: status?.conflicts ?? 0,
      failedInARow: failedSyncsInARow,
      lastError: status?.lastError || null,
    },
    info,
    onCall,
    nextShift: shifts.find((s) => s.startsAt > now) ?? null,
    syncing: status?.syncing !== null && status?.syncing !== undefined,
    lastSyncAt: status?.lastSyncAt ? Date.parse(status.lastSyncAt) : null,
  };
}
