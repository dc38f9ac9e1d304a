// A labelled input and the error that goes with it: the one markup for every form's fields.
// `stacked` (the default) puts the label above the input, in a `.field`; `inline` puts it before,
// as the inline forms and the view headers lay it out.

import type { InputHTMLAttributes, ReactNode } from 'react';

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

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'children' | 'className'>;

/** A Field with one input: `onValue` gets the text as it changes; `children` follow the input (a datalist, a unit). */
export function InputField({
  label,
  layout,
  className,
  error,
  value,
  onValue,
  children,
  ...input
}: Omit<FieldProps, 'children'> &
  InputProps & { value: string; onValue: (value: string) => void; children?: ReactNode }): React.JSX.Element {
  return (
    <Field label={label} layout={layout} className={className} error={error}>
      <input {...input} value={value} onChange={(e) => onValue(e.target.value)} />
      {children}
    </Field>
  );
}

/** An InputField's value and onValue for one text property of a form object kept in state. */
export function bindField<F extends Record<K, string>, K extends keyof F>(
  form: F,
  setForm: (next: F) => void,
  key: K,
): { value: string; onValue: (value: string) => void } {
  return { value: form[key], onValue: (value) => setForm({ ...form, [key]: value }) };
}
