// The tray (the menu-bar item on macOS) for a given state: log a page or toil, the toil timer
// with its running time, who is on call now and next, my next shift, "Sync now" with the last
// sync's state, Open, Quit. A plain list the Electron adapter turns into a menu as it is; it is
// rebuilt whenever the data changes.

import { DateTime } from 'luxon';
import { formatMinutes } from '../duration';
import type { DesktopFacts } from '../reminders/facts';

export type TrayAction = 'log-page' | 'log-toil' | 'timer-start' | 'timer-stop' | 'sync' | 'open' | 'quit';

export type TrayItem =
  | { type: 'action'; action: TrayAction; label: string; accelerator?: string; enabled: boolean }
  | { type: 'info'; label: string }
  | { type: 'separator' };

export interface TrayModel {
  tooltip: string;
  items: TrayItem[];
}

export type TrayState = Pick<
  DesktopFacts,
  'now' | 'me' | 'toilTimer' | 'onCall' | 'nextShift' | 'sync' | 'syncing' | 'lastSyncAt'
>;

/** "today 09:00", "tomorrow 09:00", "Thu 3 Dec 09:00" in the person's zone. */
export function whenLabel(instant: number, now: number, timeZone: string): string {
  const at = DateTime.fromMillis(instant, { zone: timeZone });
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const time = at.toFormat('HH:mm');
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  return `${at.toFormat('ccc d LLL')} ${time}`;
}

function agoLabel(instant: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - instant) / 60_000));
  if (minutes < 1) return 'just now';
  return `${formatMinutes(minutes)} ago`;
}

export function syncLabel(state: TrayState): string {
  if (!state.sync.connected) return 'no team repository';
  if (state.syncing) return 'syncing…';
  if (state.sync.lastError) return `last sync failed: ${state.sync.lastError.slice(0, 60)}`;
  if (state.sync.conflicts > 0)
    return `${state.sync.conflicts} conflict${state.sync.conflicts === 1 ? '' : 's'} to review`;
  return state.lastSyncAt === null ? 'never synced' : `synced ${agoLabel(state.lastSyncAt, state.now)}`;
}

export function trayModel(state: TrayState, quickLogLabel: string | null): TrayModel {
  const zone = state.me.timeZone;
  const items: TrayItem[] = [
    {
      type: 'action',
      action: 'log-page',
      label: 'Log a page…',
      ...(quickLogLabel ? { accelerator: quickLogLabel } : {}),
      enabled: true,
    },
    { type: 'action', action: 'log-toil', label: 'Log toil…', enabled: true },
  ];
  if (state.toilTimer) {
    const minutes = Math.max(1, Math.floor((state.now - state.toilTimer.startedAt) / 60_000));
    items.push({
      type: 'action',
      action: 'timer-stop',
      label: `Stop toil timer (${formatMinutes(minutes)} · ${state.toilTimer.description.slice(0, 40)})`,
      enabled: true,
    });
  } else items.push({ type: 'action', action: 'timer-start', label: 'Start toil timer…', enabled: true });
  items.push({ type: 'separator' });
  if (state.onCall.length === 0) items.push({ type: 'info', label: 'No rotations yet' });
  for (const r of state.onCall.slice(0, 4)) {
    const now = r.now ? `@${r.now.handle}` : 'nobody';
    const next = r.next ? ` · next @${r.next.handle} ${whenLabel(Date.parse(r.next.startsAt), state.now, zone)}` : '';
    items.push({ type: 'info', label: `${r.rotation}: ${now} now${next}` });
  }
  items.push({
    type: 'info',
    label: state.nextShift
      ? `My next shift: ${state.nextShift.rotation}, ${whenLabel(state.nextShift.startsAt, state.now, zone)}`
      : 'My next shift: none in the next two weeks',
  });
  items.push({ type: 'separator' });
  items.push({
    type: 'action',
    action: 'sync',
    label: `Sync now — ${syncLabel(state)}`,
    enabled: state.sync.connected && !state.syncing,
  });
  items.push({ type: 'separator' });
  items.push({ type: 'action', action: 'open', label: 'Open On-call Workstation', enabled: true });
  items.push({ type: 'action', action: 'quit', label: 'Quit', enabled: true });
  const onCallNow = state.onCall.filter((r) => r.now).map((r) => `${r.rotation} @${r.now?.handle}`);
  const tooltip = [
    'On-call Workstation',
    onCallNow.length ? `on call: ${onCallNow.join(', ')}` : '',
    state.toilTimer ? 'toil timer running' : '',
  ]
    .filter(Boolean)
    .join(' — ');
  return { tooltip, items };
}
