-- Advice & Guidance (issue 4): a referring clinician attests the patient's consent for one case, not for the
-- patient record at large. Another clinician's (or an earlier case's) attestation never stands in for it, and
-- a case's attestation is easy to show beside the case. A patient's own consent names no case.
ALTER TABLE consents ADD COLUMN case_id uuid REFERENCES cases (id);
ALTER TABLE consents ADD CONSTRAINT attestation_names_case
  CHECK ((kind = 'clinician_attestation') = (case_id IS NOT NULL));
CREATE INDEX consents_case_idx ON consents (case_id, accepted_at DESC) WHERE case_id IS NOT NULL;

-- A referrer's patients: an earlier record of theirs is found again by identifier (see patient-records.ts).
CREATE INDEX patient_records_creator_identifier_idx ON patient_records (created_by, identifier_system, identifier_value)
  WHERE user_id IS NULL;
