import type {
  AmendResponseBody,
  CarePlanInfo,
  CaseResponses,
  Problem,
  ResponseContent,
  ResponseDraft,
  ResponseDraftConflict,
  SignedResponse,
} from '@dermis/core';
import { ApiError, api, NETWORK_ERROR, UNKNOWN_ERROR } from '../../api/client.ts';

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const getDraft = (caseId: string, signal?: AbortSignal) =>
  api.request<ResponseDraft>('GET', `${casePath(caseId)}/response-draft`, withSignal(signal));

export const putDraft = (caseId: string, version: number, content: ResponseContent) =>
  api.request<ResponseDraft>('PUT', `${casePath(caseId)}/response-draft`, { body: { version, content } });

export const signDraft = (caseId: string, version: number) =>
  api.request<SignedResponse>('POST', `${casePath(caseId)}/response/sign`, { body: { version } });

export const addAmendment = (caseId: string, body: AmendResponseBody) =>
  api.request<SignedResponse>('POST', `${casePath(caseId)}/response/amendments`, { body });

export const getResponses = (caseId: string, signal?: AbortSignal) =>
  api.request<CaseResponses>('GET', `${casePath(caseId)}/response`, withSignal(signal));

export const carePlanUrl = (caseId: string, carePlanId: string) =>
  `${casePath(caseId)}/care-plans/${encodeURIComponent(carePlanId)}`;

/** The stored draft from a stale save's 409, or null for any other error. */
export function conflictOf(error: unknown): ResponseDraft | null {
  if (!(error instanceof ApiError) || error.code !== 'RESPONSE_DRAFT_VERSION_CONFLICT') return null;
  return (error.problem as unknown as ResponseDraftConflict | null)?.stored ?? null;
}

/**
 * Uploads the care-plan PDF as raw bytes (the JSON client cannot), with the session's CSRF token. Errors
 * come back as ApiError like every other call.
 */
export async function uploadCarePlan(caseId: string, file: File, csrfToken: string | null): Promise<CarePlanInfo> {
  let response: Response;
  try {
    response = await fetch(`${casePath(caseId)}/response/care-plan`, {
      method: 'PUT',
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/pdf',
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, null);
  }
  if (response.ok) return (await response.json()) as CarePlanInfo;
  const problem = (await response.json().catch(() => null)) as Problem | null;
  throw new ApiError(response.status, problem?.code ?? UNKNOWN_ERROR, problem);
}
