import { DISPOSITIONS, type Disposition } from '@dermis/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The five dispositions as a radio group (arrow keys move between them, as for any native radio group). */
export function DispositionField({
  value,
  error,
  onChange,
}: {
  value: Disposition | null;
  error: string | null;
  onChange: (disposition: Disposition) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset className={error ? 'field response-choices field-invalid' : 'field response-choices'}>
      <legend>{t('response.disposition')}</legend>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      {DISPOSITIONS.map((disposition) => (
        <label key={disposition} className="response-choice">
          <input
            type="radio"
            name={name}
            value={disposition}
            checked={value === disposition}
            aria-describedby={error ? errorId : undefined}
            onChange={() => onChange(disposition)}
          />
          <span>{t(`response.dispositions.${disposition}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
