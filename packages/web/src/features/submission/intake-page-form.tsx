import { indexQuestionnaire } from '@dermis/core';
import type { Questionnaire } from 'fhir/r4.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './field-errors.ts';
import type { FormValues } from './intake-form-values.ts';
import type { IntakeText } from './intake-text.ts';
import { type FieldHandlers, QuestionFields } from './question-fields.tsx';
import { buildFormModel, fieldId, type InstancePath } from './questionnaire-form-model.ts';

/** The id of the first control of an item (in the first instance of any repeating group around it). */
function errorTargetId(questionnaire: Questionnaire, linkId: string): string {
  const index = indexQuestionnaire(questionnaire);
  const at: { group: string; index: number }[] = [];
  for (let parent = index.parents.get(linkId); parent !== undefined; parent = index.parents.get(parent.linkId)) {
    if (parent.repeats) at.unshift({ group: parent.linkId, index: 0 });
  }
  return `${fieldId(at as InstancePath, linkId)}-first`;
}

export function ErrorSummary({
  questionnaire,
  errors,
  linkIds,
  text,
}: {
  questionnaire: Questionnaire;
  errors: FieldErrors;
  linkIds: ReadonlySet<string>;
  text: IntakeText;
}) {
  const { t } = useTranslation();
  const index = useMemo(() => indexQuestionnaire(questionnaire), [questionnaire]);
  const shown = [...errors].filter(([linkId]) => linkIds.has(linkId));
  if (shown.length === 0) return null;
  return (
    <div className="notice notice-error error-summary" role="alert">
      <p>{t('submission.errorSummary')}</p>
      <ul>
        {shown.map(([linkId, code]) => {
          const item = index.items.get(linkId);
          return (
            <li key={linkId}>
              <a href={`#${errorTargetId(questionnaire, linkId)}`}>
                {item ? text.item(item) : linkId}: {t(`submission.intakeErrors.${code}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One page of the intake: its enabled items, rendered from the Questionnaire. */
export function IntakePageForm({
  questionnaire,
  topLevel,
  values,
  errors,
  text,
  handlers,
}: {
  questionnaire: Questionnaire;
  topLevel: readonly string[];
  values: FormValues;
  errors: FieldErrors;
  text: IntakeText;
  handlers: FieldHandlers;
}) {
  const { t } = useTranslation();
  const nodes = useMemo(() => buildFormModel(questionnaire, values, topLevel), [questionnaire, values, topLevel]);
  const onPage = useMemo(() => {
    const ids = new Set<string>();
    const index = indexQuestionnaire(questionnaire);
    for (const [linkId] of index.items) {
      let top = linkId;
      for (let p = index.parents.get(linkId); p !== undefined; p = index.parents.get(p.linkId)) top = p.linkId;
      if (topLevel.includes(top)) ids.add(linkId);
    }
    return ids;
  }, [questionnaire, topLevel]);
  return (
    <>
      <ErrorSummary questionnaire={questionnaire} errors={errors} linkIds={onPage} text={text} />
      {nodes.length === 0 ? <p>{t('submission.noQuestions')}</p> : null}
      <QuestionFields nodes={nodes} errors={errors} text={text} {...handlers} />
    </>
  );
}
