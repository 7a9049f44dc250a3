import {
  type BodySiteChoice,
  bodySiteLabel,
  bodySiteSystem,
  type CaseBodySite,
  type CaseDetail,
  type CaseSummary,
  type Concern,
  checkBodySites,
  formatCaseNumber,
  INTAKE_ERROR_CODES,
  type IntakeResponse,
  type IntakeValidationError,
  intakeQuestionnaires,
  isEditable,
  validateResponse,
} from '@dermis/core';
import type { QuestionnaireResponse } from 'fhir/r4.js';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from './case-caller.ts';
import { toCaseBodySite, toCaseDetail, toCaseSummary, withPatientFor } from './case-view.ts';
import {
  type CaseRow,
  findCaseForSubmitter,
  findPatientRecordIdForUser,
  insertCase,
  insertCaseEvent,
  listBodySites,
  listCaseEvents,
  listCasesForSubmitter,
  nextCaseSequence,
  replaceBodySites,
  touchCase,
  updateIntake,
} from './store.ts';

const CASE_LIST_LIMIT = 200;
const CONCERNS: readonly Concern[] = ['lesion', 'rash', 'other'];

/**
 * "Today" for past-date answers. The patient's time zone is not known, so the latest calendar date anywhere
 * (UTC+14) is used: a date that is already today for the patient is never refused as "in the future".
 */
export function intakeToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3600 * 1000).toISOString().slice(0, 10);
}

export function intakeErrors(errors: IntakeValidationError[]) {
  return errors.slice(0, 50).map((e) => ({
    path: e.linkId ? `intake/${e.linkId}` : 'intake',
    message: INTAKE_ERROR_CODES[e.code],
    ...(e.linkId ? { linkId: e.linkId } : {}),
    code: e.code,
  }));
}

/** Validates answers against the questionnaire version the case was opened with. */
export function validateCaseIntake(row: CaseRow, response: QuestionnaireResponse, now: Date, isDraft: boolean) {
  const questionnaire = intakeQuestionnaires.find(`${row.questionnaire_url}|${row.questionnaire_version}`);
  if (!questionnaire) return [{ code: 'QUESTIONNAIRE_UNKNOWN' as const }];
  return validateResponse(questionnaire, response, { today: intakeToday(now), requireAnswers: !isDraft });
}

async function lockDraft(tx: Sql, caller: CaseCaller, caseId: string): Promise<CaseRow> {
  const row = await findCaseForSubmitter(tx, caller, caseId, true);
  if (!row) throw new AppError('NOT_FOUND');
  if (!isEditable(row.status)) throw new AppError('CASE_NOT_EDITABLE');
  return row;
}

/**
 * Opens a draft for a patient record, in the caller's transaction, with its case number from the start, the
 * timeline's first event and the audit row. The caller becomes the case's submitter (its scope).
 */
export async function openDraft(
  tx: Sql,
  caller: CaseCaller,
  input: { patientRecordId: string; concern: Concern; now: Date },
): Promise<CaseRow> {
  const { patientRecordId, concern, now } = input;
  const current = intakeQuestionnaires.current;
  const row = await insertCase(tx, {
    caseNumber: formatCaseNumber(now.getUTCFullYear(), await nextCaseSequence(tx)),
    patientRecordId,
    submittedBy: caller.userId,
    concern,
    questionnaireUrl: current.url!,
    questionnaireVersion: current.version!,
    now,
  });
  await insertCaseEvent(tx, {
    caseId: row.id,
    at: now,
    actorUserId: caller.userId,
    actorRole: caller.role,
    type: 'case.created',
    data: { to: 'draft' },
  });
  await caller.audit(tx, { action: 'case.create', objectType: 'case', objectId: row.id, patientId: patientRecordId });
  return row;
}

/** A patient opens a draft case for themselves. */
export async function createCase(p: Platform, caller: CaseCaller, concern: Concern): Promise<CaseSummary> {
  return p.db.transaction(async (tx) => {
    const patientRecordId = await findPatientRecordIdForUser(tx, caller.userId);
    if (!patientRecordId) throw new AppError('NOT_FOUND');
    return toCaseSummary(await openDraft(tx, caller, { patientRecordId, concern, now: p.clock.now() }));
  });
}

/** The caller's cases; a referring clinician's list names each patient (they look after many). */
export async function listCases(p: Platform, caller: CaseCaller): Promise<CaseSummary[]> {
  const rows = await listCasesForSubmitter(p.db, caller, CASE_LIST_LIMIT);
  return rows.map((row) => withPatientFor(caller, row, toCaseSummary(row)));
}

export async function readCase(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
): Promise<{ detail: CaseDetail; patientId: string }> {
  const row = await findCaseForSubmitter(p.db, caller, caseId);
  if (!row) throw new AppError('NOT_FOUND');
  const [sites, events] = await Promise.all([listBodySites(p.db, caseId), listCaseEvents(p.db, caseId)]);
  return { detail: withPatientFor(caller, row, toCaseDetail(row, sites, events)), patientId: row.patient_record_id };
}

function concernOf(response: QuestionnaireResponse): Concern | null {
  const code = response.item?.find((i) => i.linkId === 'concern')?.answer?.[0]?.valueCoding?.code;
  return CONCERNS.find((c) => c === code) ?? null;
}

/**
 * Saves draft answers. Everything given must be valid (types, allowed answers, no answers to questions that
 * do not apply); unanswered questions are fine until submission. `expectedVersion` is the version the client
 * last read: a save over newer answers (another tab, another device) is refused, never silently merged.
 */
export async function saveIntake(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  expectedVersion: number,
  response: IntakeResponse,
): Promise<{ version: number; response: IntakeResponse }> {
  return p.db.transaction(async (tx) => {
    const row = await lockDraft(tx, caller, caseId);
    if (row.intake_version !== expectedVersion) throw new AppError('INTAKE_VERSION_CONFLICT');
    const now = p.clock.now();
    const errors = validateCaseIntake(row, response as QuestionnaireResponse, now, true);
    if (errors.length > 0) throw new AppError('INTAKE_INVALID', { errors: intakeErrors(errors) });
    const stored: IntakeResponse = { ...response, status: 'in-progress', authored: now.toISOString() };
    // The presenting concern follows the answers once the patient has answered that question.
    const concern = concernOf(stored as QuestionnaireResponse) ?? row.concern;
    const version = await updateIntake(tx, caseId, { response: stored, expectedVersion, concern, now });
    if (version === null) throw new AppError('INTAKE_VERSION_CONFLICT');
    await caller.audit(tx, {
      action: 'case.intake.save',
      objectType: 'case',
      objectId: caseId,
      patientId: row.patient_record_id,
    });
    return { version, response: stored };
  });
}

/** Sets the draft's body sites (order as given); labels come from the catalogue, never from the client. */
export async function saveBodySites(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  choices: BodySiteChoice[],
): Promise<CaseBodySite[]> {
  const problem = checkBodySites(choices);
  if (problem) throw new AppError(problem);
  return p.db.transaction(async (tx) => {
    const row = await lockDraft(tx, caller, caseId);
    const now = p.clock.now();
    await replaceBodySites(
      tx,
      caseId,
      choices.map((c) => ({
        system: bodySiteSystem(c.site),
        code: c.site,
        laterality: c.laterality ?? null,
        label: bodySiteLabel(c),
      })),
      now,
    );
    await touchCase(tx, caseId, now);
    await caller.audit(tx, {
      action: 'case.body_sites.save',
      objectType: 'case',
      objectId: caseId,
      patientId: row.patient_record_id,
    });
    return (await listBodySites(tx, caseId)).map(toCaseBodySite);
  });
}
