import type {
  CaseBodySite,
  CaseDetail,
  CaseList,
  CaseReceipt,
  CaseSummary,
  Concern,
  ConsentReceipt,
  CreateCaseForPatientBody,
  CurrentConsent,
  IntakeResponse,
  SaveBodySitesBody,
} from '@dermis/core';
import { api } from './client.ts';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const getCurrentConsent = (locale: 'en' | 'es', signal?: AbortSignal) =>
  api.request<CurrentConsent>('GET', `/api/consent/current?locale=${locale}`, withSignal(signal));

/** A patient's own consent; with `caseId`, a referring clinician's attestation of the patient's consent. */
export const acceptConsent = (version: string, caseId?: string) =>
  api.request<ConsentReceipt>('POST', '/api/consents', { body: caseId ? { version, caseId } : { version } });

/** A referring clinician opens a draft for a patient (Advice & Guidance). */
export const createCaseForPatient = (body: CreateCaseForPatientBody) =>
  api.request<CaseSummary>('POST', '/api/cases/for-patient', { body });

export const listCases = (signal?: AbortSignal) => api.request<CaseList>('GET', '/api/cases', withSignal(signal));

export const createCase = (concern: Concern) => api.request<CaseSummary>('POST', '/api/cases', { body: { concern } });

export const getCase = (id: string, signal?: AbortSignal) =>
  api.request<CaseDetail>('GET', casePath(id), withSignal(signal));

export const saveIntake = (id: string, version: number, response: IntakeResponse) =>
  api.request<{ version: number; response: IntakeResponse | null }>('PUT', `${casePath(id)}/intake`, {
    body: { version, response },
  });

export const saveBodySites = (id: string, bodySites: SaveBodySitesBody['bodySites']) =>
  api.request<{ bodySites: CaseBodySite[] }>('PUT', `${casePath(id)}/body-sites`, { body: { bodySites } });

export const submitCase = (id: string, intakeVersion: number, idempotencyKey: string) =>
  api.request<CaseReceipt>('POST', `${casePath(id)}/submit`, {
    body: { intakeVersion },
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const withdrawCase = (id: string) =>
  api.request<{ id: string; status: 'withdrawn'; updatedAt: string }>('POST', `${casePath(id)}/withdraw`);
