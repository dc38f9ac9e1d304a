// A labelled input and the error that goes with it: the one markup for every form's fields.
// `stacked` (the default) puts the label above the input, in a `.field`; `inline` puts it before,
// as the inline forms and the view headers lay it out.

import type { ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  children: ReactNode;
  layout?: 'stacked' | 'inline';
  /** More classes: `wide`, `narrow`, `grow`, `inline`… */
  className?: string;
  /** Shown under the field (`role="alert"`) while there is one. */
  error?: string | null;
}

export function Field({ label, children, layout = 'stacked', className, error }: FieldProps): React.JSX.Element {
  const field =
    layout === 'stacked' ? (
      <label className={className ? `field ${className}` : 'field'}>
        <span>{label}</span>
        {children}
      </label>
    ) : (
      <label className={className}>
        {label}
        {children}
      </label>
    );
  if (error === undefined) return field;
  return (
    <>
      {field}
      <FormError message={error} />
    </>
  );
}

/** A form's error, where it has one. */
export function FormError({ message }: { message: string | null | undefined }): React.JSX.Element | null {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
