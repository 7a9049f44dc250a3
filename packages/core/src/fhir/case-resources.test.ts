import { describe, expect, test } from 'vitest';
import { buildCapabilityStatement } from './capability-statement.ts';
import {
  buildCaseResources,
  CASE_NUMBER_SYSTEM,
  listCaseResources,
  toBinary,
  WORKFLOW_REASON_REFERENCE_URL,
} from './case-resources.ts';
import { domainKeyOf, extractedResourceId } from './fhir-ids.ts';
import { SAMPLE_IDS as ids, sampleCaseRecord } from './sample-case-record.ts';

const resources = buildCaseResources(sampleCaseRecord());
const [closeUp, noView] = resources.media;

describe('Media per photo', () => {
  test('points at its Binary with type, size, hash and dimensions', () => {
    expect(closeUp?.status).toBe('completed');
    expect(closeUp?.content).toEqual({
      contentType: 'image/jpeg',
      url: `Binary/${ids.closeUpPhotoId}`,
      size: 2_345_678,
      hash: '2jmj7l5rSw0yVb/vlWAYkK/YBwk=',
      title: 'Left forearm, Close-up',
    });
    expect([closeUp?.width, closeUp?.height]).toEqual([4032, 3024]);
    expect(closeUp?.type?.coding?.map((c) => c.code)).toEqual(['image', '72170-4']);
  });

  test('body site in SNOMED CT with laterality; a site with no SNOMED id keeps its Dermis code', () => {
    expect(closeUp?.bodySite?.coding?.[0]).toEqual({
      system: 'http://snomed.info/sct',
      code: '14975008',
      display: 'Forearm',
    });
    expect(closeUp?.bodySite?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('7771000');
    expect(closeUp?.bodySite?.text).toBe('Left forearm');
    expect(noView?.bodySite?.coding?.[0]?.code).toBe('genital-area');
  });

  test('view coded, capture time as createdDateTime only when known, upload time as issued', () => {
    expect(closeUp?.view?.coding?.[0]?.code).toBe('close_up');
    expect(closeUp?.createdDateTime).toBe('2026-11-19T17:42:10.000Z');
    expect(noView?.view).toBeUndefined();
    expect(noView?.createdDateTime).toBeUndefined();
    expect(noView?.issued).toBe('2026-11-20T08:06:00.000Z');
  });

  test('linked to the patient, the consult request and the case’s Condition (both directions)', () => {
    expect(closeUp?.subject).toEqual({ reference: `Patient/${ids.patientId}` });
    expect(closeUp?.basedOn).toEqual([{ reference: `ServiceRequest/${ids.caseId}` }]);
    expect(closeUp?.extension).toEqual([
      { url: WORKFLOW_REASON_REFERENCE_URL, valueReference: { reference: `Condition/${ids.caseId}` } },
    ]);
    expect(resources.condition?.evidence?.[0]?.detail?.map((d) => d.reference)).toEqual([
      `Media/${ids.closeUpPhotoId}`,
      `Media/${ids.contextPhotoId}`,
    ]);
  });

  test('without an intake there is no Condition to link to', () => {
    const bare = buildCaseResources(sampleCaseRecord({ intakeResponse: null }));
    expect(bare.condition).toBeUndefined();
    expect(bare.media[0]?.extension).toBeUndefined();
    expect(bare.serviceRequest.reasonReference).toBeUndefined();
  });
});

describe('consult ServiceRequest and Patient', () => {
  test('the request carries the case number, the Condition and the intake', () => {
    const request = resources.serviceRequest;
    expect(request.id).toBe(ids.caseId);
    expect(request.identifier).toEqual([{ system: CASE_NUMBER_SYSTEM, value: 'DRM-2026-000042' }]);
    expect(request.intent).toBe('order');
    expect(request.status).toBe('active');
    expect(request.authoredOn).toBe('2026-11-20T09:15:00.000Z');
    expect(request.reasonReference).toEqual([{ reference: `Condition/${ids.caseId}` }]);
    expect(request.supportingInfo).toEqual([{ reference: `QuestionnaireResponse/${ids.caseId}` }]);
  });

  test.each([
    ['draft', 'draft'],
    ['in_review', 'active'],
    ['responded', 'completed'],
    ['withdrawn', 'revoked'],
  ] as const)('a %s case is a %s request', (status, expected) => {
    expect(buildCaseResources(sampleCaseRecord({ status })).serviceRequest.status).toBe(expected);
  });

  test('the Patient names the person, birth date and NHS number', () => {
    expect(resources.patient).toEqual({
      resourceType: 'Patient',
      id: ids.patientId,
      name: [{ use: 'official', family: 'Quist', given: ['Robin'] }],
      birthDate: '1984-07-09',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
    });
  });
});

describe('deterministic ids', () => {
  test('the same case maps to the same resources', () => {
    expect(buildCaseResources(sampleCaseRecord())).toEqual(resources);
  });

  test('every id maps back to its domain object', () => {
    for (const resource of listCaseResources(resources)) {
      const key = domainKeyOf(resource.resourceType as never, resource.id!);
      expect(key, `${resource.resourceType}/${resource.id}`).not.toBeNull();
    }
    expect(domainKeyOf('Observation', extractedResourceId(ids.caseId, 2))).toEqual({
      kind: 'case',
      caseId: ids.caseId,
    });
    expect(domainKeyOf('Media', ids.closeUpPhotoId)).toEqual({ kind: 'photo', photoId: ids.closeUpPhotoId });
  });

  test.each([
    ['Observation', ids.caseId],
    ['Observation', `${ids.caseId}-0`],
    ['Patient', 'not-a-uuid'],
    ['Binary', `${ids.closeUpPhotoId}-1`],
  ] as const)('%s/%s is not an id Dermis makes', (type, id) => {
    expect(domainKeyOf(type, id)).toBeNull();
  });

  test('extracted resources are numbered per type', () => {
    expect(resources.observations.map((o) => o.id).slice(0, 2)).toEqual([`${ids.caseId}-1`, `${ids.caseId}-2`]);
    expect(resources.allergyIntolerances[0]?.id).toBe(`${ids.caseId}-1`);
  });
});

test('a Binary carries the image and answers to its Media', () => {
  expect(toBinary(ids.closeUpPhotoId, 'image/jpeg', 'AAEC')).toEqual({
    resourceType: 'Binary',
    id: ids.closeUpPhotoId,
    contentType: 'image/jpeg',
    securityContext: { reference: `Media/${ids.closeUpPhotoId}` },
    data: 'AAEC',
  });
});

test('the CapabilityStatement lists read for every case type and search where supported', () => {
  const statement = buildCapabilityStatement({
    baseUrl: 'https://dermis.example/fhir/R4',
    version: '0.1.0',
    date: '2026-11-25',
  });
  const media = statement.rest?.[0]?.resource?.find((r) => r.type === 'Media');
  expect(media?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
  expect(media?.searchParam?.map((p) => p.name)).toEqual(['_id', 'based-on']);
  const binary = statement.rest?.[0]?.resource?.find((r) => r.type === 'Binary');
  expect(binary?.interaction?.map((i) => i.code)).toEqual(['read']);
});
