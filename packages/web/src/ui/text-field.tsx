import type { InputHTMLAttributes, ReactNode, Ref } from 'react';

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid' | 'children'>;

export interface TextFieldProps extends NativeProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  /** Rendered after the input, inside the field (e.g. a show-password toggle). */
  after?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input whose hint and error are linked with aria-describedby. */
export function TextField({ id, label, hint, error, after, ref, className, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <div className="field-control">
        <input
          ref={ref}
          id={id}
          name={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={className ? `input ${className}` : 'input'}
          {...input}
        />
        {after}
      </div>
    </div>
  );
}
