import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import type { IntakeValidationError } from './intake-error-codes.ts';
import { intakeQuestionnaireV1, questionnaireCanonical } from './questionnaire.ts';
import { type ValidateResponseOptions, validateResponse } from './validate-response.ts';

/**
 * Every published version of the intake, by canonical `url|version`. A stored response names the version it
 * answered and is always validated and extracted against that version, so it stays readable after the
 * intake changes. Versions are only ever added, never edited or removed.
 */
export interface QuestionnaireRegistry {
  current: Questionnaire;
  find(canonical: string | undefined): Questionnaire | undefined;
  list(): Questionnaire[];
}

export function createQuestionnaireRegistry(versions: Questionnaire[], current: Questionnaire): QuestionnaireRegistry {
  const byCanonical = new Map<string, Questionnaire>();
  for (const questionnaire of [...versions, current]) {
    const canonical = questionnaireCanonical(questionnaire);
    const existing = byCanonical.get(canonical);
    if (existing !== undefined && existing !== questionnaire) {
      throw new Error(`Two different questionnaires share the canonical ${canonical}`);
    }
    byCanonical.set(canonical, questionnaire);
  }
  return {
    current,
    find: (canonical) => (canonical === undefined ? undefined : byCanonical.get(canonical)),
    list: () => [...byCanonical.values()],
  };
}

export const intakeQuestionnaires: QuestionnaireRegistry = createQuestionnaireRegistry(
  [intakeQuestionnaireV1],
  intakeQuestionnaireV1,
);

/** Validates a response against the version it names (an unknown version is an error, never a guess). */
export function validateIntakeResponse(
  response: QuestionnaireResponse,
  options: ValidateResponseOptions,
  registry: QuestionnaireRegistry = intakeQuestionnaires,
): IntakeValidationError[] {
  const questionnaire = registry.find(response.questionnaire);
  if (questionnaire === undefined) return [{ code: 'QUESTIONNAIRE_UNKNOWN' }];
  return validateResponse(questionnaire, response, options);
}
