import {
  type Concern,
  CURRENT_CONSENT_VERSION,
  expectedResponseDate,
  formatCaseNumber,
  INTAKE_QUESTIONNAIRE_URL,
  intakeQuestionnaireV1,
} from '@dermis/core';
import {
  acneAnswers,
  buildResponse,
  hairAnswers,
  lesionAnswers,
  nailAnswers,
  otherAnswers,
  type ResponseAnswers,
  rashAnswers,
} from '../../../../core/src/intake/sample-responses.ts';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { insertUser } from '../auth/index.ts';
import { retriageCase } from '../review/index.ts';

export interface SubmittedCaseInput {
  /** A patient account without a password (cannot sign in): the case's patient and consenting user. */
  email: string;
  patient: { givenName: string; familyName: string; birthDate: string };
  answers: ResponseAnswers;
  submittedAt: Date;
}

/**
 * Writes a case as if its patient had submitted it at `submittedAt` (patient, consent, answers, timeline) and
 * triages it with the real rules. For the demo queue and for tests that need many queued cases quickly.
 * Returns null when the patient's email already exists (so seeding twice adds nothing).
 */
export async function insertSubmittedCase(
  tx: Sql,
  p: Platform,
  input: SubmittedCaseInput,
): Promise<{ id: string; caseNumber: string } | null> {
  const at = input.submittedAt;
  const name = `${input.patient.givenName} ${input.patient.familyName}`;
  const user = await insertUser(
    tx,
    { email: input.email, displayName: name, role: 'patient', specialistType: null, passwordHash: null, locale: 'en' },
    at,
  );
  if (!user) return null;
  const record = await tx.query<{ id: string }>(
    `INSERT INTO patient_records (user_id, given_name, family_name, birth_date, created_by, created_at)
     VALUES ($1, $2, $3, $4, $1, $5) RETURNING id`,
    [user.id, input.patient.givenName, input.patient.familyName, input.patient.birthDate, at],
  );
  const recordId = record.rows[0]!.id;
  const consent = await tx.query<{ id: string }>(
    `INSERT INTO consents (patient_record_id, accepted_by, kind, version, accepted_at)
     VALUES ($1, $2, 'patient', $3, $4) RETURNING id`,
    [recordId, user.id, CURRENT_CONSENT_VERSION, at],
  );
  const sequence = await tx.query<{ n: number }>("SELECT nextval('case_number_seq') AS n");
  const caseNumber = formatCaseNumber(at.getUTCFullYear(), Number(sequence.rows[0]!.n));
  const response = { ...buildResponse(input.answers), authored: at.toISOString() };
  const concern = response.item?.find((i) => i.linkId === 'concern')?.answer?.[0]?.valueCoding?.code as Concern;
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO cases (case_number, patient_record_id, submitted_by, concern, status, questionnaire_url,
       questionnaire_version, intake_response, intake_version, consent_id, created_at, updated_at, submitted_at,
       expected_response_by)
     VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, 1, $8, $9, $9, $9, $10) RETURNING id`,
    [
      caseNumber,
      recordId,
      user.id,
      concern,
      INTAKE_QUESTIONNAIRE_URL,
      intakeQuestionnaireV1.version,
      JSON.stringify(response),
      consent.rows[0]!.id,
      at,
      expectedResponseDate(at, p.config.cases.responseBusinessDays),
    ],
  );
  const caseId = inserted.rows[0]!.id;
  await tx.query(
    `INSERT INTO case_events (case_id, at, actor_user_id, actor_role, type, data)
     VALUES ($1, $2, $3, 'patient', 'status.changed', '{"from":"draft","to":"submitted"}')`,
    [caseId, at, user.id],
  );
  await retriageCase(tx, caseId, at);
  return { id: caseId, caseNumber };
}

const HOUR = 3_600_000;

/** A few submitted cases of different priorities, so the demo dermatologist's queue is not empty. */
const DEMO_QUEUE = [
  { key: 'lesion', given: 'Maria', family: 'Lopez', birthDate: '1954-02-11', answers: lesionAnswers, hoursAgo: 3 },
  { key: 'rash', given: 'Tom', family: 'Becker', birthDate: '1991-09-30', answers: rashAnswers, hoursAgo: 26 },
  { key: 'nail', given: 'Aisha', family: 'Khan', birthDate: '1973-05-02', answers: nailAnswers, hoursAgo: 49 },
  { key: 'acne', given: 'Leo', family: 'Martin', birthDate: '2010-01-20', answers: acneAnswers, hoursAgo: 5 },
  { key: 'hair', given: 'Grace', family: 'Owusu', birthDate: '1980-11-08', answers: hairAnswers, hoursAgo: 30 },
  { key: 'other', given: 'Hugo', family: 'Silva', birthDate: '1958-07-14', answers: otherAnswers, hoursAgo: 52 },
];

/** Seeds the demo queue once; returns how many cases it added. */
export async function seedDemoQueue(p: Platform): Promise<number> {
  return p.db.transaction(async (tx) => {
    const now = p.clock.now().getTime();
    let added = 0;
    for (const c of DEMO_QUEUE) {
      const created = await insertSubmittedCase(tx, p, {
        email: `queue.${c.key}@demo.dermis.test`,
        patient: { givenName: c.given, familyName: c.family, birthDate: c.birthDate },
        answers: c.answers,
        submittedAt: new Date(now - c.hoursAgo * HOUR),
      });
      if (created) added++;
    }
    return added;
  });
}
