// Adds an entry to the timeline at a time in the postmortem's zone; the entries stay in time order.

import { useState } from 'react';
import { InputField } from '../../components/Field';
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
      <InputField
        layout="inline"
        label={<>Time ({zone})</>}
        type="datetime-local"
        value={when}
        onValue={setWhen}
        required
      />
      <InputField
        layout="inline"
        className="grow"
        label="New timeline entry"
        value={text}
        onValue={setText}
        placeholder="e.g. Rollback finished"
        required
      />
      <button type="submit">Add to timeline</button>
    </form>
  );
}
