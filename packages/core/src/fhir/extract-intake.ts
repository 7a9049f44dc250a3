import type {
  AllergyIntolerance,
  CodeableConcept,
  Coding,
  Condition,
  MedicationStatement,
  Observation,
  Quantity,
  Questionnaire,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from 'fhir/r4.js';
import { createEnablementEvaluator, type EnablementEvaluator } from '../intake/enable-when.ts';
import { MEDICATION_TYPE, SNOMED_SYSTEM } from '../intake/intake-codes.ts';
import { INTAKE_LINK_IDS as L } from '../intake/questionnaire.ts';
import type { QuestionnaireRegistry } from '../intake/questionnaire-versions.ts';
import { type BodySite, toBodySiteConcept } from './body-site.ts';
import { extractObservations } from './extract-observations.ts';

/** SDC-style extraction of the intake into R4 resources. Pure: ids and references are the caller's. */
export interface IntakeExtractionContext {
  patient: Reference;
  /** The concern's body sites, as the photo step recorded them. */
  bodySites: BodySite[];
  /** Where the response is stored, for Observation.derivedFrom. */
  response?: Reference;
}

export interface ExtractedIntake {
  condition: Condition;
  observations: Observation[];
  allergyIntolerances: AllergyIntolerance[];
  medicationStatements: MedicationStatement[];
}

/** DESIGN.md field facts: SNOMED CT 106076001 skin finding. */
const SKIN_FINDING: Coding = { system: SNOMED_SYSTEM, code: '106076001', display: 'Skin finding' };
const ROUTE_BY_ANSWER: Record<string, Coding> = {
  'route-topical': { system: SNOMED_SYSTEM, code: '6064005', display: 'Topical route' },
  'route-oral': { system: SNOMED_SYSTEM, code: '26643006', display: 'Oral route' },
};

export class UnknownQuestionnaireVersionError extends Error {
  readonly code = 'QUESTIONNAIRE_UNKNOWN';
}

/** Extracts against the questionnaire version the response names, so old responses extract as they were. */
export function extractIntakeFromRegistry(
  registry: QuestionnaireRegistry,
  response: QuestionnaireResponse,
  context: IntakeExtractionContext,
): ExtractedIntake {
  const questionnaire = registry.find(response.questionnaire);
  if (questionnaire === undefined) throw new UnknownQuestionnaireVersionError('Unknown questionnaire version.');
  return extractIntake(questionnaire, response, context);
}

/** Expects a response that validateResponse accepted; answers to disabled items are ignored regardless. */
export function extractIntake(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  context: IntakeExtractionContext,
): ExtractedIntake {
  const evaluator = createEnablementEvaluator(questionnaire, response);
  return {
    condition: extractCondition(evaluator, response, context),
    observations: extractObservations(evaluator, response, context),
    allergyIntolerances: instancesOf(evaluator, L.allergy).map((allergy) =>
      extractAllergy(evaluator, allergy, response, context),
    ),
    medicationStatements: instancesOf(evaluator, L.medication).map((medication) =>
      extractMedication(evaluator, medication, response, context),
    ),
  };
}

function instancesOf(evaluator: EnablementEvaluator, linkId: string): QuestionnaireResponseItem[] {
  return (evaluator.response.byLinkId.get(linkId) ?? []).filter((item) =>
    evaluator.isEnabled(linkId, evaluator.response.parentOf.get(item)),
  );
}

/** The enabled answers to a question, inside `scope` (a group instance) or anywhere when scope is absent. */
function answersTo(
  evaluator: EnablementEvaluator,
  linkId: string,
  scope?: QuestionnaireResponseItem,
): QuestionnaireResponseItemAnswer[] {
  return instancesOf(evaluator, linkId)
    .filter((item) => scope === undefined || evaluator.response.parentOf.get(item) === scope)
    .flatMap((item) => item.answer ?? []);
}

function concept(coding: Coding): CodeableConcept {
  return { coding: [coding], text: coding.display };
}

/** "3 weeks" from a UCUM duration answer. */
export function describeDuration(quantity: Quantity): string {
  const unit = quantity.unit ?? quantity.code ?? '';
  return `${quantity.value} ${unit}`.trim();
}

function extractCondition(
  evaluator: EnablementEvaluator,
  response: QuestionnaireResponse,
  context: IntakeExtractionContext,
): Condition {
  const concern = answersTo(evaluator, L.concern)[0]?.valueCoding;
  const otherConcern = answersTo(evaluator, L.otherConcern)[0]?.valueCoding;
  const specific = otherConcern ?? concern;
  const description = answersTo(evaluator, L.description)[0]?.valueString;
  const condition: Condition = {
    resourceType: 'Condition',
    clinicalStatus: concept({ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }),
    // Patient-reported until a dermatologist reviews it.
    verificationStatus: concept({
      system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
      code: 'unconfirmed',
    }),
    category: [
      concept({
        system: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category',
        code: 'health-concern',
        display: 'Health Concern',
      }),
    ],
    code: { coding: specific ? [SKIN_FINDING, specific] : [SKIN_FINDING], text: specific?.display ?? 'Skin finding' },
    subject: context.patient,
    asserter: context.patient,
  };
  if (context.bodySites.length > 0) condition.bodySite = context.bodySites.map(toBodySiteConcept);
  const onsetDate = answersTo(evaluator, L.lesionOnset)[0]?.valueDate;
  const duration = ['rash.duration', 'acne.duration', 'hair.duration', 'nail.duration', 'other.duration']
    .map((linkId) => answersTo(evaluator, linkId)[0]?.valueQuantity)
    .find((quantity) => quantity !== undefined);
  // The patient gives "3 weeks", not a date: keep their precision rather than invent an onset date.
  if (onsetDate !== undefined) condition.onsetDateTime = onsetDate;
  else if (duration !== undefined) {
    const asOf = response.authored ? ` before ${response.authored.slice(0, 10)}` : '';
    condition.onsetString = `About ${describeDuration(duration)}${asOf} (patient reported)`;
  }
  if (response.authored !== undefined) condition.recordedDate = response.authored;
  if (description !== undefined) condition.note = [{ text: description }];
  return condition;
}

function extractAllergy(
  evaluator: EnablementEvaluator,
  allergy: QuestionnaireResponseItem,
  response: QuestionnaireResponse,
  context: IntakeExtractionContext,
): AllergyIntolerance {
  const substance = answersTo(evaluator, L.allergySubstance, allergy)[0]?.valueString;
  const category = answersTo(evaluator, L.allergyCategory, allergy)[0]?.valueCoding?.code;
  const reactions = answersTo(evaluator, L.allergyReaction, allergy).flatMap((answer) =>
    answer.valueCoding ? [concept(answer.valueCoding)] : [],
  );
  const resource: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: concept({
      system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
      code: 'active',
    }),
    verificationStatus: concept({
      system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
      code: 'unconfirmed',
    }),
    code: { text: substance ?? 'Unknown substance' },
    patient: context.patient,
    asserter: context.patient,
  };
  if (category === 'medication' || category === 'food' || category === 'environment') resource.category = [category];
  if (response.authored !== undefined) resource.recordedDate = response.authored;
  if (reactions.length > 0) resource.reaction = [{ manifestation: reactions }];
  return resource;
}

function extractMedication(
  evaluator: EnablementEvaluator,
  medication: QuestionnaireResponseItem,
  response: QuestionnaireResponse,
  context: IntakeExtractionContext,
): MedicationStatement {
  const first = (linkId: string) => answersTo(evaluator, linkId, medication)[0];
  const name = first(L.medicationName)?.valueString ?? 'Unnamed medicine';
  const type = first(L.medicationType)?.valueCoding;
  const duration = first(L.medicationDuration)?.valueQuantity;
  const isForConcern = first(L.medicationForConcern)?.valueBoolean;
  const effect = first(L.medicationEffect)?.valueCoding?.display;
  const isOverTheCounter = type?.code !== MEDICATION_TYPE.prescription.code;
  const routeAnswer =
    type?.code === MEDICATION_TYPE.otcTopical.code
      ? 'route-topical'
      : type?.code === MEDICATION_TYPE.otcOral.code
        ? 'route-oral'
        : first(L.medicationRoute)?.valueCoding?.code;
  const route = routeAnswer === undefined ? undefined : ROUTE_BY_ANSWER[routeAnswer];
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    status: 'active',
    category: concept({
      system: 'http://terminology.hl7.org/CodeSystem/medication-statement-category',
      code: isOverTheCounter ? 'patientspecified' : 'community',
    }),
    medicationCodeableConcept: { text: name },
    subject: context.patient,
    informationSource: context.patient,
  };
  if (response.authored !== undefined) statement.dateAsserted = response.authored;
  if (context.response !== undefined) statement.derivedFrom = [context.response];
  // How long it has been used so far, as the patient said it, bounding the (ongoing) course as of dateAsserted.
  const dosageText = [type?.display, duration ? `used for ${describeDuration(duration)}` : undefined]
    .filter((part) => part !== undefined)
    .join('; ');
  statement.dosage = [{ text: dosageText || name }];
  if (duration !== undefined) statement.dosage[0]!.timing = { repeat: { boundsDuration: duration } };
  if (route !== undefined) statement.dosage[0]!.route = concept(route);
  if (isForConcern) {
    statement.note = [{ text: `Used for the skin concern${effect ? `; since starting it: ${effect}` : ''}.` }];
  }
  return statement;
}
