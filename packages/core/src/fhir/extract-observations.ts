import type {
  Observation,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItemAnswer,
} from 'fhir/r4.js';
import type { EnablementEvaluator } from '../intake/enable-when.ts';
import { OBSERVATION_EXTRACT_URL } from '../intake/questionnaire-item-builders.ts';
import type { IntakeExtractionContext } from './extract-intake.ts';

const SURVEY_CATEGORY = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }],
};

function isObservationItem(item: QuestionnaireItem): boolean {
  return (item.extension ?? []).some(
    (extension) => extension.url === OBSERVATION_EXTRACT_URL && extension.valueBoolean,
  );
}

/** Observation.value[x] for an answer; R4 has no valueDate or valueDecimal, so those widen. */
function observationValue(answer: QuestionnaireResponseItemAnswer): Partial<Observation> | undefined {
  if (answer.valueBoolean !== undefined) return { valueBoolean: answer.valueBoolean };
  if (answer.valueCoding !== undefined) {
    return { valueCodeableConcept: { coding: [answer.valueCoding], text: answer.valueCoding.display } };
  }
  if (answer.valueInteger !== undefined) return { valueInteger: answer.valueInteger };
  if (answer.valueDecimal !== undefined) return { valueQuantity: { value: answer.valueDecimal } };
  if (answer.valueQuantity !== undefined) return { valueQuantity: answer.valueQuantity };
  if (answer.valueDate !== undefined) return { valueDateTime: answer.valueDate };
  if (answer.valueDateTime !== undefined) return { valueDateTime: answer.valueDateTime };
  if (answer.valueString !== undefined) return { valueString: answer.valueString };
  return undefined;
}

/**
 * SDC observation-based extraction: every enabled, answered item flagged with sdc-questionnaire-observationExtract
 * becomes one Observation per answer, coded with the item's code (LOINC 66555-4 for Fitzpatrick).
 */
export function extractObservations(
  evaluator: EnablementEvaluator,
  response: QuestionnaireResponse,
  context: IntakeExtractionContext,
): Observation[] {
  const observations: Observation[] = [];
  for (const [linkId, occurrences] of evaluator.response.byLinkId) {
    const item = evaluator.questionnaire.items.get(linkId);
    if (item === undefined || item.code === undefined || !isObservationItem(item)) continue;
    for (const occurrence of occurrences) {
      if (!evaluator.isEnabled(linkId, evaluator.response.parentOf.get(occurrence))) continue;
      for (const answer of occurrence.answer ?? []) {
        const value = observationValue(answer);
        if (value === undefined) continue;
        const observation: Observation = {
          resourceType: 'Observation',
          status: 'final',
          category: [SURVEY_CATEGORY],
          code: { coding: item.code, text: item.code[0]?.display ?? item.text },
          subject: context.patient,
          performer: [context.patient],
          ...value,
        };
        if (response.authored !== undefined) observation.effectiveDateTime = response.authored;
        if (context.response !== undefined) observation.derivedFrom = [context.response];
        observations.push(observation);
      }
    }
  }
  return observations;
}
