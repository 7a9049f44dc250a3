import type { ReactNode, Ref, SelectHTMLAttributes } from 'react';

type NativeProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'aria-describedby' | 'aria-invalid'>;

export interface SelectFieldProps extends NativeProps {
  id: string;
  label: string;
  error?: string | null | undefined;
  children: ReactNode;
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({ id, label, error, children, ref, ...select }: SelectFieldProps) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <select
        ref={ref}
        id={id}
        name={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}
