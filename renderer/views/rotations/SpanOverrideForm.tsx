// The small form a span picked on the timeline opens: who covers it (the span prefilled, still
// editable), Enter saves and Esc cancels; the override it adds can be undone (toast, Ctrl+Z).

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Field, FormError } from '../../components/Field';
import { toLocalInput } from '../../format';
import { useApp } from '../../state/app';
import { removeOverride } from '../../state/rotations';
import { addOverrideFrom, OverrideTimes, overrideRefusal } from './OverrideTimes';
import { PersonOptions } from './PersonOptions';
import type { Roster } from './roster';
import type { PickedSpan } from './timeline-span';

const iso = (ms: number): string => new Date(ms).toISOString();

export function SpanOverrideForm({
  span,
  people,
  zone,
  onClose,
}: Omit<Roster, 'rotations'> & { span: PickedSpan; onClose: () => void }): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const pushUndo = useApp((s) => s.pushUndo);
  const [handle, setHandle] = useState('');
  const [times, setTimes] = useState(() => ({
    from: toLocalInput(iso(span.fromMs), zone),
    to: toLocalInput(iso(span.toMs), zone),
    reason: '',
  }));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const person = useRef<HTMLSelectElement>(null);

  // A new span (another drag, another shift) refills the times and asks for the person again.
  useEffect(() => {
    setTimes((t) => ({ ...t, from: toLocalInput(iso(span.fromMs), zone), to: toLocalInput(iso(span.toMs), zone) }));
    setHandle('');
    setError(null);
    person.current?.focus();
  }, [span, zone]);

  async function save(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (saving) return;
    if (!handle) {
      setError('Person: choose who covers this span');
      person.current?.focus();
      return;
    }
    setSaving(true);
    try {
      const added = await addOverrideFrom(
        { ...times, rotation: span.rotation, handle },
        times.reason.trim() || undefined,
        zone,
      );
      const label = `override: @${added.handle} on ${added.rotation}`;
      const undoId = pushUndo(label, async () => {
        await removeOverride(added.id);
      });
      toast(
        `Override added: @${added.handle} on ${added.rotation}.`,
        'info',
        { label: 'Undo', run: () => void useApp.getState().undo(undoId) },
        undoId,
      );
      changed();
      onClose();
    } catch (caught) {
      setError(overrideRefusal(caught));
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'SELECT') {
      // Enter in a select does not submit a form by itself.
      event.preventDefault();
      void save();
    }
  }

  return (
    <section className="panel span-override" aria-labelledby="span-override-title">
      <h2 id="span-override-title">Override on {span.rotation}</h2>
      <form className="inline-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown}>
        <Field layout="inline" label="Who covers">
          <select ref={person} value={handle} onChange={(e) => setHandle(e.target.value)}>
            <PersonOptions people={people} none="Choose a person" />
          </select>
        </Field>
        <OverrideTimes draft={times} onDraft={setTimes} />
        <button type="submit" className="primary" disabled={saving}>
          Add override
        </button>
        <button type="button" onClick={onClose}>
          Cancel <kbd>Esc</kbd>
        </button>
      </form>
      <FormError message={error} />
    </section>
  );
}
