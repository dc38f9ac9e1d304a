// "Add an override": who covers which rotation from when to when, and why.

import { useState, type FormEvent } from 'react';
import { Field, FormError, InputField, bindField } from '../../components/Field';
import { fromLocalInput } from '../../format';
import { useApp } from '../../state/app';
import { addOverride } from '../../state/rotations';
import { PersonOptions } from './PersonOptions';
import type { Roster } from './roster';

export function OverrideForm({ rotations, people, zone }: Roster): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const [override, setOverride] = useState({ rotation: '', handle: '', from: '', to: '', reason: '' });
  const [error, setError] = useState<string | null>(null);
  const bind = (key: 'from' | 'to' | 'reason') => bindField(override, setOverride, key);
  async function add(event: FormEvent): Promise<void> {
    event.preventDefault();
    try {
      await addOverride({
        rotation: override.rotation || rotations[0]?.name || '',
        handle: override.handle,
        from: fromLocalInput(override.from, zone) ?? '',
        to: fromLocalInput(override.to, zone) ?? '',
        reason: override.reason,
      });
      setError(null);
      setOverride({ ...override, from: '', to: '', reason: '' });
      toast('Override added.');
      changed();
    } catch (caught) {
      setError(
        (caught as Error).message
          .replace(/^handle:/, 'Person:')
          .replace(/^from:/, 'From:')
          .replace(/^to:/, 'To:'),
      );
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
        <InputField layout="inline" label="From" type="datetime-local" {...bind('from')} required />
        <InputField layout="inline" label="To" type="datetime-local" {...bind('to')} required />
        <InputField layout="inline" label="Why" {...bind('reason')} placeholder="swap, cover, holiday" />
        <button type="submit">Add override</button>
      </form>
      <FormError message={error} />
    </section>
  );
}
