// The small form a span picked on the timeline opens: who covers it (the span prefilled, still
// editable), Enter saves and Esc cancels; the override it adds can be undone (toast, Ctrl+Z).

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Field, FormError, InputField } from '../../components/Field';
import { fromLocalInput, toLocalInput } from '../../format';
import { useApp } from '../../state/app';
import { addOverride, removeOverride } from '../../state/rotations';
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
  const [fromText, setFromText] = useState(() => toLocalInput(iso(span.fromMs), zone));
  const [toText, setToText] = useState(() => toLocalInput(iso(span.toMs), zone));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const person = useRef<HTMLSelectElement>(null);

  // A new span (another drag, another shift) refills the times and asks for the person again.
  useEffect(() => {
    setFromText(toLocalInput(iso(span.fromMs), zone));
    setToText(toLocalInput(iso(span.toMs), zone));
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
      const added = await addOverride({
        rotation: span.rotation,
        handle,
        from: fromLocalInput(fromText, zone) ?? '',
        to: fromLocalInput(toText, zone) ?? '',
        reason: reason.trim() || undefined,
      });
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
      setError(
        (caught as Error).message
          .replace(/^handle:/, 'Person:')
          .replace(/^from:/, 'From:')
          .replace(/^to:/, 'To:'),
      );
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
        <InputField layout="inline" label="From" type="datetime-local" value={fromText} onValue={setFromText} />
        <InputField layout="inline" label="To" type="datetime-local" value={toText} onValue={setToText} />
        <InputField layout="inline" label="Why" value={reason} onValue={setReason} placeholder="swap, cover, holiday" />
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
