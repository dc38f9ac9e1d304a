// "Add an override": who covers which rotation from when to when, and why.

import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../../components/Field';
import { useApp } from '../../state/app';
import { addOverrideFrom, OverrideTimes, overrideRefusal } from './OverrideTimes';
import { PersonOptions } from './PersonOptions';
import type { Roster } from './roster';

export function OverrideForm({ rotations, people, zone }: Roster): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const [override, setOverride] = useState({ rotation: '', handle: '', from: '', to: '', reason: '' });
  const [error, setError] = useState<string | null>(null);
  async function add(event: FormEvent): Promise<void> {
    event.preventDefault();
    try {
      await addOverrideFrom(
        { ...override, rotation: override.rotation || rotations[0]?.name || '' },
        override.reason,
        zone,
      );
      setError(null);
      setOverride({ ...override, from: '', to: '', reason: '' });
      toast('Override added.');
      changed();
    } catch (caught) {
      setError(overrideRefusal(caught));
    }
  }
  return (
    <section className="panel" aria-labelledby="override-title">
      <h2 id="override-title">Add an override</h2>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <Field layout="inline" label="Rotation">
          <select
            aria-label="Override rotation"
            value={override.rotation}
            onChange={(e) => setOverride({ ...override, rotation: e.target.value })}
          >
            {rotations.map((r) => (
              <option key={r.id}>{r.name}</option>
            ))}
          </select>
        </Field>
        <Field layout="inline" label="Person">
          <select
            value={override.handle}
            onChange={(e) => setOverride({ ...override, handle: e.target.value })}
            required
          >
            <PersonOptions people={people} none="Who covers?" />
          </select>
        </Field>
        <OverrideTimes draft={override} onDraft={setOverride} required />
        <button type="submit">Add override</button>
      </form>
      <FormError message={error} />
    </section>
  );
}
