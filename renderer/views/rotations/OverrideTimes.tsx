// The part both override forms share: the span typed in the viewer's zone (From, To) and why,
// and what is sent for them — the times as instants, a refusal's message in the form's labels.

import { InputField, bindField } from '../../components/Field';
import { fromLocalInput } from '../../format';
import { addOverride } from '../../state/rotations';

export interface OverrideTimesDraft {
  from: string;
  to: string;
  reason: string;
}

const ends = [
  ['from', 'From'],
  ['to', 'To'],
] as const;

/** From, To and Why as inline fields; `required` where the form cannot start without a span. */
export function OverrideTimes<D extends OverrideTimesDraft>({
  draft,
  onDraft,
  required,
}: {
  draft: D;
  onDraft: (next: D) => void;
  required?: boolean;
}): React.JSX.Element {
  return (
    <>
      {ends.map(([key, label]) => (
        <InputField
          key={key}
          layout="inline"
          label={label}
          type="datetime-local"
          {...bindField(draft, onDraft, key)}
          required={required}
        />
      ))}
      <InputField
        layout="inline"
        label="Why"
        {...bindField(draft, onDraft, 'reason')}
        placeholder="swap, cover, holiday"
      />
    </>
  );
}

/** Adds the override: the typed times read in `zone`, the reason as the form gives it. */
export function addOverrideFrom(
  { rotation, handle, from, to }: { rotation: string; handle: string; from: string; to: string },
  reason: string | undefined,
  zone: string,
): ReturnType<typeof addOverride> {
  return addOverride({
    rotation,
    handle,
    from: fromLocalInput(from, zone) ?? '',
    to: fromLocalInput(to, zone) ?? '',
    reason,
  });
}

/** A refused override's message, starting with the form's label instead of the field's name. */
export const overrideRefusal = (caught: unknown): string =>
  (caught as Error).message
    .replace(/^handle:/, 'Person:')
    .replace(/^from:/, 'From:')
    .replace(/^to:/, 'To:');
