// The desktop preferences (reminders, quick-log shortcut, theme, start at login), opening an
// item named by a link, and in browser mode the reminders as Web Notifications: the same facts
// and the same rules (shared/domain/reminders) the desktop app shows as native notifications.

import { create } from 'zustand';
import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import type { DesktopPreferences } from '../../shared/desktop-contract';
import type { AppRoute } from '../../shared/domain/desktop/routes';
import { gatherFacts, type Ask } from '../../shared/domain/reminders/facts';
import { afterSync, readFired, remindersDue, type Reminder } from '../../shared/domain/reminders/rules';
import { call } from '../api';
import { useApp, type View } from './app';
import { useStudio } from './postmortems';
import { useSync } from './sync';
import { useToil } from './toil';

interface DesktopState {
  preferences: DesktopPreferences | null;
  load: () => Promise<void>;
  save: (change: OperationInput<'desktop.setPreferences'>) => Promise<DesktopPreferences>;
}

export const useDesktop = create<DesktopState>((set) => ({
  preferences: null,
  load: async () => {
    try {
      set({ preferences: await call('desktop.preferences', {}) });
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    }
  },
  save: async (change) => {
    const preferences = await call('desktop.setPreferences', change);
    set({ preferences });
    return preferences;
  },
}));

/** Whether this page runs inside the desktop app (which shows reminders natively itself). */
export const inDesktopApp = (): boolean => window.oncall !== undefined;

/** Sends the app to a route: a view, a page, a postmortem, an incident, a log form. */
export async function openRoute(route: AppRoute): Promise<void> {
  const app = useApp.getState();
  switch (route.kind) {
    case 'view':
      app.setView(route.view as View);
      return;
    case 'log':
      if (route.what === 'page') app.openDialog({ mode: 'add' });
      else useToil.getState().setQuickOpen(true);
      return;
    case 'quick-log':
      app.openDialog({ mode: 'add' });
      return;
    case 'item':
      if (route.item === 'page') {
        try {
          app.setView('pages');
          app.openDialog({ mode: 'edit', page: await call('pages.get', { id: route.id }) });
        } catch (error) {
          app.toast(`Link: ${(error as Error).message}`, 'error');
        }
        return;
      }
      useStudio.getState().open({ kind: route.item, id: route.id });
  }
}

const ask: Ask = <N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> =>
  call(name, input);
const firedKey = 'oncall.reminders.fired';
let failedSyncs = 0;
let lastReport: unknown = null;
useSync.subscribe((state) => {
  if (state.last && state.last !== lastReport) {
    lastReport = state.last;
    failedSyncs = afterSync(failedSyncs, state.last.ok);
  }
});

export const notificationsSupported = (): boolean => typeof Notification !== 'undefined';

/** Asks the browser for permission to notify (from a button: browsers refuse to ask otherwise). */
export async function allowNotifications(): Promise<NotificationPermission> {
  if (!notificationsSupported()) return 'denied';
  return Notification.requestPermission();
}

function readStoredFired() {
  try {
    return readFired(JSON.parse(localStorage.getItem(firedKey) ?? '{}'));
  } catch {
    return {};
  }
}

/** Browser mode: the reminders due now, shown as Web Notifications (each at most once a day). */
export async function checkReminders(now: number): Promise<Reminder[]> {
  if (inDesktopApp() || !notificationsSupported() || Notification.permission !== 'granted') return [];
  const preferences = useDesktop.getState().preferences ?? (await call('desktop.preferences', {}));
  const facts = await gatherFacts(ask, now, failedSyncs);
  const due = remindersDue(facts, { off: preferences.remindersOff }, readStoredFired());
  if (due.reminders.length === 0) return [];
  localStorage.setItem(firedKey, JSON.stringify(due.fired));
  for (const reminder of due.reminders) {
    const notification = new Notification(reminder.title, { body: reminder.body, tag: `oncall-${reminder.kind}` });
    notification.onclick = () => {
      window.focus();
      void openRoute(reminder.route);
      notification.close();
    };
  }
  return due.reminders;
}
