// Who this device logs pages as: name, handle, time zone, working and sleep hours.
// Sleep-hour and off-hours flags are judged in this zone and these hours.

import { useEffect, useState, type FormEvent } from 'react';
import type { Person } from '../../../shared/contract';
import { call } from '../../api';
import { useApp } from '../../app/store';
import { RepositoryPanel } from '../sync/SyncPanel';

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
      await call('people.save', {
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
        <label className="field">
          <span>Name</span>
          <input value={person.name} onChange={(e) => setPerson({ ...person, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Handle</span>
          <input value={person.handle} onChange={(e) => setPerson({ ...person, handle: e.target.value })} />
        </label>
        <label className="field">
          <span>Time zone</span>
          <select value={person.timeZone} onChange={(e) => setPerson({ ...person, timeZone: e.target.value })}>
            {(zones.includes(person.timeZone) ? zones : [person.timeZone, ...zones]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </label>
        <fieldset className="hours">
          <legend>Working hours (Mon–Fri)</legend>
          <input
            type="time"
            aria-label="Working hours start"
            value={person.workingHours.start}
            onChange={(e) => setPerson({ ...person, workingHours: { ...person.workingHours, start: e.target.value } })}
          />
          <span>to</span>
          <input
            type="time"
            aria-label="Working hours end"
            value={person.workingHours.end}
            onChange={(e) => setPerson({ ...person, workingHours: { ...person.workingHours, end: e.target.value } })}
          />
        </fieldset>
        <fieldset className="hours">
          <legend>Sleep hours (every day)</legend>
          <input
            type="time"
            aria-label="Sleep hours start"
            value={person.sleepHours.start}
            onChange={(e) => setPerson({ ...person, sleepHours: { ...person.sleepHours, start: e.target.value } })}
          />
          <span>to</span>
          <input
            type="time"
            aria-label="Sleep hours end"
            value={person.sleepHours.end}
            onChange={(e) => setPerson({ ...person, sleepHours: { ...person.sleepHours, end: e.target.value } })}
          />
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Save
        </button>
      </form>
      <RepositoryPanel />
      <p className="muted small">
        Data folder: <code>{info.dataDir}</code> · device {info.deviceId.slice(0, 8)} · version {info.version}
      </p>
    </section>
  );
}
