import { MEDICATION_CODE_SYSTEM_IDS, MEDICATION_ROUTE_IDS, type Medication, type ResponseProblem } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { problemKey } from './problem-text.ts';

// Dictionary names are proper names, the same in every language.
const CODE_SYSTEM_NAMES = { rxnorm: 'RxNorm', dmd: 'NHS dm+d', snomed: 'SNOMED CT' } as const;

const toNumber = (text: string) => {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

/** The prescription: what a printable MedicationRequest needs (no e-prescribing network). */
export function MedicationFields({
  idPrefix,
  medication,
  problems,
  onChange,
}: {
  idPrefix: string;
  medication: Medication;
  problems: readonly ResponseProblem[];
  onChange: (medication: Medication) => void;
}) {
  const { t } = useTranslation();
  const error = (path: string) => {
    const key = problemKey(problems, `medication/${path}`);
    return key ? t(key) : null;
  };
  const set = (change: Partial<Medication>) => onChange({ ...medication, ...change });
  const text = (field: 'name' | 'dose' | 'frequency' | 'instructions') => ({
    id: `${idPrefix}-${field}`,
    label: t(`response.medication.${field}`),
    value: medication[field],
    error: error(field),
    onChange: (event: { target: { value: string } }) => set({ [field]: event.target.value }),
  });
  return (
    <fieldset className="response-group form-grid form">
      <legend>{t('response.medication.title')}</legend>
      <TextField {...text('name')} maxLength={200} />
      <SelectField
        id={`${idPrefix}-code-system`}
        label={t('response.medication.codeSystem')}
        value={medication.code?.system ?? ''}
        onChange={(event) => {
          const system = MEDICATION_CODE_SYSTEM_IDS.find((s) => s === event.target.value);
          set({ code: system ? { system, value: medication.code?.value ?? '' } : null });
        }}
      >
        <option value="">{t('response.medication.noCode')}</option>
        {MEDICATION_CODE_SYSTEM_IDS.map((system) => (
          <option key={system} value={system}>
            {CODE_SYSTEM_NAMES[system]}
          </option>
        ))}
      </SelectField>
      {medication.code ? (
        <TextField
          id={`${idPrefix}-code`}
          label={t('response.medication.code')}
          inputMode="numeric"
          maxLength={18}
          value={medication.code.value}
          error={error('code')}
          onChange={(event) =>
            medication.code && set({ code: { system: medication.code.system, value: event.target.value } })
          }
        />
      ) : null}
      <TextField {...text('dose')} maxLength={200} hint={t('response.medication.doseHint')} />
      <SelectField
        id={`${idPrefix}-route`}
        label={t('response.medication.route')}
        value={medication.route ?? ''}
        error={error('route')}
        onChange={(event) => set({ route: MEDICATION_ROUTE_IDS.find((r) => r === event.target.value) ?? null })}
      >
        <option value="">{t('response.medication.chooseRoute')}</option>
        {MEDICATION_ROUTE_IDS.map((route) => (
          <option key={route} value={route}>
            {t(`response.medication.routes.${route}`)}
          </option>
        ))}
      </SelectField>
      <TextField {...text('frequency')} maxLength={200} hint={t('response.medication.frequencyHint')} />
      <TextField
        id={`${idPrefix}-duration`}
        label={t('response.medication.durationDays')}
        type="number"
        min={1}
        max={365}
        value={medication.durationDays ?? ''}
        error={error('durationDays')}
        onChange={(event) => {
          const days = toNumber(event.target.value);
          set({ durationDays: days === null ? null : Math.max(0, Math.min(365, Math.trunc(days))) });
        }}
      />
      <TextField
        id={`${idPrefix}-quantity`}
        label={t('response.medication.quantity')}
        type="number"
        min={0}
        step="any"
        value={medication.quantity.value ?? ''}
        error={error('quantity')}
        onChange={(event) => set({ quantity: { ...medication.quantity, value: toNumber(event.target.value) } })}
      />
      <TextField
        id={`${idPrefix}-unit`}
        label={t('response.medication.unit')}
        maxLength={200}
        value={medication.quantity.unit}
        onChange={(event) => set({ quantity: { ...medication.quantity, unit: event.target.value } })}
      />
      <TextField {...text('instructions')} maxLength={2000} />
    </fieldset>
  );
}
