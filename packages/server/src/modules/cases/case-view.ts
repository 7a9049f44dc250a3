import type { CaseBodySite, CaseDetail, CaseSummary, IntakeResponse } from '@dermis/core';
import type { BodySiteRow, CaseEventRow, CaseRow } from './store.ts';

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
