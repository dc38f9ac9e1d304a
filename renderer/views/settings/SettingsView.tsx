// Who this device logs pages as: name, handle, time zone, working and sleep hours.
// Sleep-hour and off-hours flags are judged in this zone and these hours.

import { useEffect, useState, type FormEvent } from 'react';
import type { Person } from '../../../shared/contract';
import { Field, FormError, InputField, bindField } from '../../components/Field';
import { useApp } from '../../state/app';
import { savePerson } from '../../state/people';
import { DesktopSettings } from './DesktopSettings';
import { HoursRange } from './HoursRange';
import { RepositoryPanel } from './RepositoryPanel';
import './settings.css';

const zones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

export function SettingsView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const [person, setPerson] = useState<Person | null>(info?.me ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setPerson(info?.me ?? null), [info?.me]);
  if (!person || !info) return <p className="muted">Loading…</p>;

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!person) return;
    try {
      await savePerson({
        id: person.id,
        name: person.name,
        handle: person.handle,
        timeZone: person.timeZone,
        workingHours: person.workingHours,
        businessHours: person.businessHours,
        sleepHours: person.sleepHours,
      });
      setError(null);
      toast('Saved. New pages are judged in these hours.');
      changed();
    } catch (caught) {
      const labels: Record<string, string> = {
        name: 'Name',
        handle: 'Handle',
        timeZone: 'Time zone',
        workingHours: 'Working hours',
        sleepHours: 'Sleep hours',
      };
      const message = (caught as Error).message;
      const field = /^([a-zA-Z]+)[.:]/.exec(message)?.[1] ?? '';
      setError(labels[field] ? `${labels[field]}: ${message.replace(/^[^:]+:\s*/, '')}` : message);
    }
  }

  return (
    <section className="settings-view" aria-labelledby="settings-title">
      <header className="view-header">
        <h1 id="settings-title">Me</h1>
        <span className="muted">Sleep hours and off hours are judged in your own zone.</span>
      </header>
      <form onSubmit={(e) => void save(e)} className="settings-form">
        <InputField label="Name" {...bindField(person, setPerson, 'name')} />
        <InputField label="Handle" {...bindField(person, setPerson, 'handle')} />
        <Field label="Time zone">
          <select value={person.timeZone} onChange={(e) => setPerson({ ...person, timeZone: e.target.value })}>
            {(zones.includes(person.timeZone) ? zones : [person.timeZone, ...zones]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </Field>
        <HoursRange
          legend="Working hours (Mon–Fri)"
          name="Working hours"
          hours={person.workingHours}
          onChange={(workingHours) => setPerson({ ...person, workingHours })}
        />
        <HoursRange
          legend="Sleep hours (every day)"
          name="Sleep hours"
          hours={person.sleepHours}
          onChange={(sleepHours) => setPerson({ ...person, sleepHours })}
        />
        <FormError message={error} />
        <button type="submit" className="primary">
          Save
        </button>
      </form>
      <DesktopSettings />
      <RepositoryPanel />
      <p className="muted small">
        Data folder: <code>{info.dataDir}</code> · device {info.deviceId.slice(0, 8)} · version {info.version}
      </p>
    </section>
  );
}
