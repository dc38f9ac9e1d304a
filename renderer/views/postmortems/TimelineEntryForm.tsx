// Adds an entry to the timeline at a time in the postmortem's zone; the entries stay in time order.

import { useState } from 'react';
import { Field } from '../../components/Field';
import { fromLocalInput } from '../../format';

export function TimelineEntryForm({ zone, onAdd }: { zone: string; onAdd: (at: number, text: string) => void }) {
  const [when, setWhen] = useState('');
  const [text, setText] = useState('');
  return (
    <form
      className="inline-form timeline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const at = fromLocalInput(when, zone);
        if (!at || !text.trim()) return;
        onAdd(Date.parse(at), text);
        setText('');
      }}
    >
      <Field layout="inline" label={<>Time ({zone})</>}>
        <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
      </Field>
      <Field layout="inline" className="grow" label="New timeline entry">
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Rollback finished" required />
      </Field>
      <button type="submit">Add to timeline</button>
    </form>
  );
}
