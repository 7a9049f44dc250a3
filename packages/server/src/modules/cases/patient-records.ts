import type { PatientDetails } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

/**
 * Patient records a referring clinician creates (Advice & Guidance). SQL only; the rule is below.
 *
 * Matching rule: a clinician's new case reuses a record ONLY among the records that same clinician created
 * for patients without a login, and only when every detail matches (identifier, date of birth, both names,
 * letter case aside). Otherwise a new record is created. Why not match more widely:
 * - Matching across clinicians, or against patients' own records, would answer "this NHS number is already
 *   known here" to someone outside that record's scope (a 409, a different case count, a name filled in):
 *   an existence oracle for PHI. Creating a new record behaves the same whether or not a match exists.
 * - A partial match (same NHS number, different name or birth date) is most likely a typing error on one of
 *   the two cases; merging silently would file a case under the wrong person. Keeping them apart is safe and
 *   leaves the linking to a verified trace (e.g. an NHS PDS lookup) that Dermis does not do yet.
 * What reuse gives: the clinician's earlier cases for the same patient sit on one record (history and earlier
 * images for the dermatologist).
 */
export async function findOrCreateReferredPatient(
  tx: Sql,
  input: { createdBy: string; details: PatientDetails; now: Date },
): Promise<string> {
  const { createdBy, details, now } = input;
  // Two concurrent cases for the same new patient by the same clinician must not create two records.
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `patient-record|${createdBy}|${details.identifier.system}|${details.identifier.value}`,
  ]);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM patient_records
     WHERE created_by = $1 AND user_id IS NULL AND identifier_system = $2 AND identifier_value = $3
       AND birth_date = $4 AND lower(given_name) = lower($5) AND lower(family_name) = lower($6)
     ORDER BY created_at, id LIMIT 1`,
    [
      createdBy,
      details.identifier.system,
      details.identifier.value,
      details.birthDate,
      details.givenName,
      details.familyName,
    ],
  );
  if (rows[0]) return rows[0].id;
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO patient_records (given_name, family_name, birth_date, identifier_system, identifier_value,
       created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      details.givenName,
      details.familyName,
      details.birthDate,
      details.identifier.system,
      details.identifier.value,
      createdBy,
      now,
    ],
  );
  return inserted.rows[0]!.id;
}
