// Me → Reminders and shortcut: which reminders may interrupt (each kind on or off), browser
// notifications permission (browser mode), the global quick-log shortcut, light/dark and
// start at login (desktop app). Stored on this device through desktop.setPreferences.

import { useEffect, useState, type FormEvent } from 'react';
import { parseShortcut, shortcutLabel } from '../../../shared/domain/desktop/shortcut';
import { reminderKinds, reminderLabels, type ReminderKind } from '../../../shared/domain/reminders/rules';
import { Field, FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { allowNotifications, inDesktopApp, notificationsSupported, useDesktop } from '../../state/desktop';

function permissionNow(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

export function DesktopSettings(): React.JSX.Element {
  const { preferences, load, save } = useDesktop();
  const toast = useApp((s) => s.toast);
  const desktop = inDesktopApp();
  const [permission, setPermission] = useState(permissionNow);
  const [shortcut, setShortcut] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (preferences) setShortcut(shortcutLabel(preferences.quickLogShortcut, 'linux'));
  }, [preferences]);

  if (!preferences) return <p className="muted">Loading…</p>;

  async function change(input: Parameters<typeof save>[0], done: string): Promise<void> {
    try {
      await save(input);
      toast(done);
    } catch (caught) {
      toast((caught as Error).message, 'error');
    }
  }

  function toggle(kind: ReminderKind, on: boolean): void {
    const off = on ? preferences!.remindersOff.filter((k) => k !== kind) : [...preferences!.remindersOff, kind];
    void change(
      { remindersOff: off },
      on ? `Reminder on: ${reminderLabels[kind]}.` : `Reminder off: ${reminderLabels[kind]}.`,
    );
  }

  async function saveShortcut(event: FormEvent): Promise<void> {
    event.preventDefault();
    const parsed = parseShortcut(shortcut);
    if (!parsed.ok) {
      setError(parsed.reason.replace(/^shortcut/, 'Shortcut'));
      return;
    }
    setError(null);
    await change({ quickLogShortcut: parsed.value.accelerator }, `Quick-log shortcut: ${parsed.value.label}.`);
  }

  return (
    <section className="panel desktop-settings" aria-labelledby="desktop-settings-title">
      <h2 id="desktop-settings-title">Reminders and shortcut</h2>
      <p className="muted small">
        Reminders never come during your sleep hours unless you are on call, and each at most once a day.
      </p>
      {desktop ? (
        <p className="small">Shown as system notifications by the desktop app.</p>
      ) : permission === 'granted' ? (
        <p className="small" role="status">
          Browser notifications are on while this tab is open.
        </p>
      ) : permission === 'denied' ? (
        <p className="small" role="status">
          Notifications are blocked for this page in the browser’s site settings.
        </p>
      ) : permission === 'unsupported' ? (
        <p className="small">This browser cannot show notifications.</p>
      ) : (
        <button type="button" onClick={() => void allowNotifications().then(setPermission)}>
          Allow notifications
        </button>
      )}
      <fieldset className="reminder-kinds">
        <legend>Remind me about</legend>
        {reminderKinds.map((kind) => (
          <label key={kind} className="checkbox">
            <input
              type="checkbox"
              checked={!preferences.remindersOff.includes(kind)}
              onChange={(event) => toggle(kind, event.target.checked)}
            />{' '}
            {reminderLabels[kind]}
          </label>
        ))}
      </fieldset>
      <form className="shortcut-form" onSubmit={(event) => void saveShortcut(event)}>
        <InputField
          label="Quick-log shortcut (from any app, desktop app)"
          value={shortcut}
          onValue={setShortcut}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit">Save shortcut</button>
        <FormError message={error} />
      </form>
      <Field label="Light or dark (desktop app)">
        <select
          value={preferences.theme}
          onChange={(event) =>
            void change({ theme: event.target.value as 'system' | 'light' | 'dark' }, 'Theme saved.')
          }
        >
          <option value="system">As the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </Field>
      {desktop && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={preferences.startAtLogin}
            onChange={(event) =>
              void change(
                { startAtLogin: event.target.checked },
                event.target.checked ? 'Starts at login.' : 'No longer starts at login.',
              )
            }
          />{' '}
          Start at login
        </label>
      )}
    </section>
  );
}
