// Adds an entry to the timeline at a time in the postmortem's zone; the entries stay in time order.

import { memo, useState } from 'react';
import { InputField } from '../../components/Field';
import { fromLocalInput } from '../../format';

/**
 * Memoised: its section re-renders each time its text settles, and React writing the attributes of
 * a datetime-local input again took ≈ 5 ms (its `name`), in the frame of whichever keystroke it
 * landed in. `onAdd` must be stable (useCallback).
 */
export const TimelineEntryForm = memo(function TimelineEntryForm({
  zone,
  onAdd,
}: {
  zone: string;
  onAdd: (at: number, text: string) => void;
}) {
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
});
