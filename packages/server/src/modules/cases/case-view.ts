import type { CaseBodySite, CaseDetail, CasePatient, CaseSummary, IntakeResponse, Role } from '@dermis/core';
import type { BodySiteRow, CaseEventRow, CasePatientColumns, CaseRow } from './store.ts';

/** Shapes rows into the API's answers (core/api/cases.schema.ts). */
export function toCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    concern: row.concern,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
  };
}

export function toCaseBodySite(row: BodySiteRow): CaseBodySite {
  return { id: row.id, site: row.site_code, system: row.site_system, laterality: row.laterality, label: row.label };
}

export function toCaseDetail(row: CaseRow, bodySites: BodySiteRow[], events: CaseEventRow[]): CaseDetail {
  return {
    ...toCaseSummary(row),
    questionnaire: `${row.questionnaire_url}|${row.questionnaire_version}`,
    intake: {
      version: row.intake_version,
      response: (row.intake_response as IntakeResponse | null) ?? null,
    },
    bodySites: bodySites.map(toCaseBodySite),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      type: e.type,
      actorRole: e.actor_role,
      ...(e.data.from ? { from: e.data.from } : {}),
      ...(e.data.to ? { to: e.data.to } : {}),
    })),
    expectedResponseBy: row.expected_response_by,
  };
}

function toCasePatient(row: CasePatientColumns): CasePatient {
  return {
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    identifier:
      row.identifier_system && row.identifier_value
        ? { system: row.identifier_system, value: row.identifier_value }
        : null,
  };
}

/**
 * A referring clinician sees the patient's name, date of birth and identifier as they entered them (they send
 * cases for many patients). A patient's own views leave them out: minimum necessary.
 */
export function withPatientFor<T extends CaseSummary>(caller: { role: Role }, row: CasePatientColumns, view: T): T {
  return caller.role === 'referring_clinician' ? { ...view, patient: toCasePatient(row) } : view;
}
