import type { Questionnaire } from 'fhir/r4.js';
import { useMemo, useState } from 'react';
import type { FormValues } from './intake-form-values.ts';
import type { FieldHandlers } from './question-fields.tsx';
import { addInstance, openRequiredGroups, removeInstance, setFieldValue } from './questionnaire-form-model.ts';

/** Form values with the handlers the fields call, and whether anything changed since the last save. */
export function useIntakeValues(questionnaire: Questionnaire, initial: FormValues) {
  const [values, setValues] = useState<FormValues>(initial);
  const [isDirty, setDirty] = useState(false);
  const handlers = useMemo<FieldHandlers>(() => {
    const change = (update: (current: FormValues) => FormValues) => {
      setValues((current) => openRequiredGroups(questionnaire, update(current)));
      setDirty(true);
    };
    return {
      onChange: (at, linkId, value) => change((current) => setFieldValue(current, at, linkId, value)),
      onAddInstance: (at, group) => change((current) => addInstance(current, at, group)),
      onRemoveInstance: (at, group, index) => change((current) => removeInstance(current, at, group, index)),
    };
  }, [questionnaire]);
  return { values, setValues, isDirty, markSaved: () => setDirty(false), handlers };
}
