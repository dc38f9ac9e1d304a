// "Add an override": who covers which rotation from when to when, and why.

import { useState, type FormEvent } from 'react';
import type { Person } from '../../../shared/contract';
import type { Rotation } from '../../../shared/rotation-contract';
import { Field, FormError } from '../../components/Field';
import { fromLocalInput } from '../../format';
import { useApp } from '../../state/app';
import { addOverride } from '../../state/rotations';

export function OverrideForm({
  rotations,
  people,
  zone,
}: {
  rotations: Rotation[];
  people: Person[];
  zone: string;
}): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const [override, setOverride] = useState({ rotation: '', handle: '', from: '', to: '', reason: '' });
  const [error, setError] = useState<string | null>(null);
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
            <option value="">Who covers?</option>
            {people.map((p) => (
              <option key={p.id} value={p.handle}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field layout="inline" label="From">
          <input
            type="datetime-local"
            value={override.from}
            onChange={(e) => setOverride({ ...override, from: e.target.value })}
            required
          />
        </Field>
        <Field layout="inline" label="To">
          <input
            type="datetime-local"
            value={override.to}
            onChange={(e) => setOverride({ ...override, to: e.target.value })}
            required
          />
        </Field>
        <Field layout="inline" label="Why">
          <input
            value={override.reason}
            onChange={(e) => setOverride({ ...override, reason: e.target.value })}
            placeholder="swap, cover, holiday"
          />
        </Field>
        <button type="submit">Add override</button>
      </form>
      <FormError message={error} />
    </section>
  );
}
