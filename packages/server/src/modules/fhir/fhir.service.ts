import {
  buildCaseResources,
  type CaseResourceType,
  type DomainKey,
  domainKeyOf,
  FHIR_SEARCH_PARAMS,
  listCaseResources,
} from '@dermis/core';
import type { Resource } from 'fhir/r4.js';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findCaseInScope } from '../cases/index.ts';
import { type CaseReader, readCaseInScope, readMaster } from './case-in-scope.ts';
import { findCaseIdOfPhoto, listCaseIdsOfPatient, MASTER_CONTENT_TYPE } from './case-record.store.ts';

/** What a FHIR read found, and whose record it is (for the audit row). */
export interface FhirAnswer<T> {
  value: T;
  patientId: string;
}

/** The case an id belongs to, if the user may see it: Patient ids resolve through the patient's cases. */
async function caseIdFor(p: Platform, reader: CaseReader, key: DomainKey): Promise<string | null> {
  if (key.kind === 'case') return key.caseId;
  if (key.kind === 'photo') return findCaseIdOfPhoto(p.db, key.photoId);
  for (const caseId of await listCaseIdsOfPatient(p.db, key.patientRecordId)) {
    if (await findCaseInScope(p.db, reader, caseId)) return caseId;
  }
  return null;
}

async function findResource(
  p: Platform,
  reader: CaseReader,
  type: CaseResourceType,
  id: string,
): Promise<FhirAnswer<Resource> | null> {
  const key = domainKeyOf(type, id);
  const caseId = key && (await caseIdFor(p, reader, key));
  if (!caseId) return null;
  const scoped = await readCaseInScope(p, reader, caseId, (photoId) => type === 'Media' && photoId === id);
  if (!scoped) return null;
  const resource = listCaseResources(buildCaseResources(scoped.record)).find(
    (r) => r.resourceType === type && r.id === id,
  );
  return resource ? { value: resource, patientId: scoped.record.patient.id } : null;
}

export async function readFhirResource(
  p: Platform,
  reader: CaseReader,
  type: Exclude<CaseResourceType, 'Binary'>,
  id: string,
): Promise<FhirAnswer<Resource>> {
  const found = await findResource(p, reader, type, id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/** The image bytes behind Binary/<photo id>: the stored master, exactly as stored. */
export async function readBinary(
  p: Platform,
  reader: CaseReader,
  id: string,
): Promise<FhirAnswer<{ bytes: Buffer; contentType: string }>> {
  const key = domainKeyOf('Binary', id);
  const caseId = key && (await caseIdFor(p, reader, key));
  const scoped = caseId ? await readCaseInScope(p, reader, caseId) : null;
  const photo = scoped?.photos.find((row) => row.id === id);
  if (!scoped || !photo) throw new AppError('NOT_FOUND');
  return {
    value: { bytes: await readMaster(p, photo), contentType: MASTER_CONTENT_TYPE },
    patientId: scoped.record.patient.id,
  };
}

export type FhirSearchParams = Record<string, string | string[] | undefined>;

/**
 * A narrow search, always within one case: `_id`, or `based-on=ServiceRequest/<case id>` where R4 defines it.
 * A case outside the user's scope gives an empty result, exactly as a case that does not exist.
 */
export async function searchFhirResources(
  p: Platform,
  reader: CaseReader,
  type: Exclude<CaseResourceType, 'Binary'>,
  params: FhirSearchParams,
): Promise<{ resources: Resource[]; patientId: string | null }> {
  const supported = FHIR_SEARCH_PARAMS[type];
  const names = Object.keys(params).filter((name) => name !== '_format');
  const unknown = names.filter((name) => !supported.includes(name));
  const single = (name: string) => {
    const value = params[name];
    if (Array.isArray(value) || value === '') throw new AppError('VALIDATION_FAILED', { detail: `One ${name} value.` });
    return value;
  };
  const id = single('_id');
  const basedOn = single('based-on');
  if (unknown.length > 0 || (id === undefined && basedOn === undefined)) {
    throw new AppError('VALIDATION_FAILED', { detail: `Search ${type} by ${supported.join(' or ')}.` });
  }
  if (id !== undefined && basedOn === undefined) {
    const found = await findResource(p, reader, type, id);
    return found ? { resources: [found.value], patientId: found.patientId } : { resources: [], patientId: null };
  }
  const caseId = /^ServiceRequest\/([0-9a-f-]{36})$/.exec(basedOn ?? '')?.[1];
  const caseKey = caseId ? domainKeyOf('ServiceRequest', caseId) : null;
  if (!caseKey) throw new AppError('VALIDATION_FAILED', { detail: 'based-on takes ServiceRequest/<id>.' });
  const scoped = await readCaseInScope(p, reader, caseId!, (photoId) => type === 'Media' && (!id || id === photoId));
  if (!scoped) return { resources: [], patientId: null };
  const resources = listCaseResources(buildCaseResources(scoped.record)).filter(
    (r) => r.resourceType === type && (id === undefined || r.id === id),
  );
  return { resources, patientId: scoped.record.patient.id };
}
