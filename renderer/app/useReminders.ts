// Browser mode's reminders: every minute, the same rules as the desktop app's native
// notifications, shown as Web Notifications once the person allowed them (Me). Inside the desktop
// app this does nothing: the main process shows them.

import { useEffect } from 'react';
import { checkReminders, inDesktopApp } from '../state/desktop';

export const reminderCheckMs = 60_000;

export function useReminders(): void {
  useEffect(() => {
    if (inDesktopApp()) return;
    const check = (): void => void checkReminders(Date.now()).catch(() => undefined);
    check();
    const timer = window.setInterval(check, reminderCheckMs);
    return () => window.clearInterval(timer);
  }, []);
}
