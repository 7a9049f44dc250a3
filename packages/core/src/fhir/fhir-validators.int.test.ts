import type { Resource } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import { intakeQuestionnaireV1 } from '../intake/questionnaire.ts';
import {
  acneAnswers,
  buildResponse,
  hairAnswers,
  lesionAnswers,
  nailAnswers,
  otherAnswers,
  rashAnswers,
} from '../intake/sample-responses.ts';
import { validateResponse } from '../intake/validate-response.ts';
import { buildCapabilityStatement } from './capability-statement.ts';
import { buildCaseResources, listCaseResources, toBinary } from './case-resources.ts';
import { extractIntake } from './extract-intake.ts';
import { expectValidR4, medplumIssues, schemaIssues } from './r4-validation-test-support.ts';
import { SAMPLE_IDS, sampleCaseRecord } from './sample-case-record.ts';

const samples = { lesionAnswers, rashAnswers, acneAnswers, hairAnswers, nailAnswers, otherAnswers };
const context = {
  patient: { reference: 'Patient/example' },
  response: { reference: 'QuestionnaireResponse/example' },
  bodySites: [
    { code: '14975008', display: 'Forearm', laterality: 'left' as const },
    { code: '14975008', display: 'Forearm', laterality: 'right' as const },
  ],
};

describe('R4 validation by Medplum and the HL7 JSON schema', () => {
  test('the validators are live: each rejects a wrong type and an unknown property', () => {
    const wrongType = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueBoolean: 'yes' };
    const unknownProperty = {
      ...extractIntake(intakeQuestionnaireV1, buildResponse(lesionAnswers), context).condition,
      laterality: 'left',
    };
    for (const broken of [wrongType, unknownProperty]) {
      expect(medplumIssues(broken as never)).not.toEqual([]);
      expect(schemaIssues(broken)).not.toEqual([]);
    }
  });

  test('Medplum checks R4 invariants, e.g. que-7 (exists takes a boolean)', () => {
    const [first] = intakeQuestionnaireV1.item ?? [];
    const broken = {
      ...intakeQuestionnaireV1,
      item: [{ ...first, enableWhen: [{ question: 'concern', operator: 'exists', answerInteger: 1 }] }],
    };
    expect(medplumIssues(broken as never).join()).toContain('que-7');
  });

  test('the intake Questionnaire is valid R4', () => {
    expectValidR4(intakeQuestionnaireV1);
  });

  describe.each(Object.entries(samples))('%s', (_name, answers) => {
    const response = buildResponse(answers);

    test('the response is accepted by Dermis and is valid R4', () => {
      expect(validateResponse(intakeQuestionnaireV1, response, { today: '2025-06-10' })).toEqual([]);
      expectValidR4(response);
    });

    test('every extracted resource is valid R4', () => {
      const extracted = extractIntake(intakeQuestionnaireV1, response, context);
      const resources: Resource[] = [
        extracted.condition,
        ...extracted.observations,
        ...extracted.allergyIntolerances,
        ...extracted.medicationStatements,
      ];
      expect(extracted.observations.length).toBeGreaterThan(0);
      for (const resource of resources) expectValidR4(resource);
    });
  });
});

describe('the resources of a case (FHIR endpoint, e-RS export)', () => {
  test('Patient, ServiceRequest, QuestionnaireResponse, Condition, extracted resources and Media are valid R4', () => {
    const all = listCaseResources(buildCaseResources(sampleCaseRecord()));
    expect(new Set(all.map((r) => r.resourceType))).toEqual(
      new Set([
        'Patient',
        'ServiceRequest',
        'QuestionnaireResponse',
        'Condition',
        'Observation',
        'AllergyIntolerance',
        'MedicationStatement',
        'Media',
      ]),
    );
    for (const resource of all) expectValidR4(resource);
  });

  test('a draft without intake or identifier is valid R4 too', () => {
    const record = sampleCaseRecord({ status: 'draft', submittedAt: null, intakeResponse: null });
    record.patient.identifier = null;
    for (const resource of listCaseResources(buildCaseResources(record))) expectValidR4(resource);
  });

  test('a Binary and the CapabilityStatement are valid R4', () => {
    expectValidR4(toBinary(SAMPLE_IDS.closeUpPhotoId, 'image/jpeg', 'AAECAw=='));
    expectValidR4(
      buildCapabilityStatement({ baseUrl: 'https://dermis.example/fhir/R4', version: '0.1.0', date: '2026-11-25' }),
    );
  });
});
