-- Patient records, telemedicine consents and cases (issue 4, "Consent and case").

-- A patient record exists with or without a login: a GP submits for a patient who may never sign in.
-- It replaces the `patients` table (keyed by user_id): rows move here, keeping id = user_id so audit rows
-- already naming the patient by user id keep pointing at the same patient. `patients` stays as a view for
-- the auth module (sign-up inserts through it, the profile reads through it) until that module moves here.
CREATE TABLE patient_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The patient's own account, when there is one.
  user_id uuid UNIQUE REFERENCES users (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date NOT NULL,
  -- e.g. https://fhir.nhs.uk/Id/nhs-number, or a practice's MRN system.
  identifier_system text,
  identifier_value text,
  -- Who created the record (the patient at sign-up, or a referring clinician).
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CONSTRAINT identifier_complete CHECK ((identifier_system IS NULL) = (identifier_value IS NULL))
);
CREATE INDEX patient_records_identifier_idx ON patient_records (identifier_system, identifier_value)
  WHERE identifier_system IS NOT NULL;

INSERT INTO patient_records (id, user_id, given_name, family_name, birth_date, created_by, created_at)
  SELECT p.user_id, p.user_id, p.given_name, p.family_name, p.birth_date, p.user_id, u.created_at
  FROM patients p JOIN users u ON u.id = p.user_id;

DROP TABLE patients;

CREATE VIEW patients AS
  SELECT user_id, given_name, family_name, birth_date FROM patient_records WHERE user_id IS NOT NULL;

CREATE FUNCTION patients_view_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO patient_records (id, user_id, given_name, family_name, birth_date, created_by, created_at)
    VALUES (NEW.user_id, NEW.user_id, NEW.given_name, NEW.family_name, NEW.birth_date, NEW.user_id, now());
  RETURN NEW;
END
$$;
CREATE TRIGGER patients_insert INSTEAD OF INSERT ON patients FOR EACH ROW EXECUTE FUNCTION patients_view_insert();

-- Acceptance of a versioned consent text (core/cases/consent-text.ts). Never updated: a new acceptance
-- is a new row. `kind` leaves room for a GP attesting the patient's consent (Advice & Guidance).
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_record_id uuid NOT NULL REFERENCES patient_records (id),
  accepted_by uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('patient', 'clinician_attestation')),
  version text NOT NULL CHECK (version ~ '^[0-9]{4}-[0-9]{2}-v[1-9][0-9]*$'),
  accepted_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX consents_patient_idx ON consents (patient_record_id, accepted_at DESC);

-- Case numbers (DRM-YYYY-NNNNNN) come from this sequence; a reference for people, never an access key.
CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number text NOT NULL UNIQUE CHECK (case_number ~ '^DRM-[0-9]{4}-[0-9]{6,}$'),
  patient_record_id uuid NOT NULL REFERENCES patient_records (id),
  -- The user who opened and submits the case: the patient, or a referring clinician for the patient.
  submitted_by uuid NOT NULL REFERENCES users (id),
  concern text NOT NULL CHECK (concern IN ('lesion', 'rash', 'other')),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'waiting_for_patient',
    'waiting_for_specialist', 'responded', 'closed', 'withdrawn')),
  -- The Questionnaire version the intake answers (canonical url|version); kept so old answers stay readable.
  questionnaire_url text NOT NULL,
  questionnaire_version text NOT NULL,
  intake_response jsonb,
  -- Bumped on every intake save; a save naming an older version is refused (optimistic concurrency).
  intake_version integer NOT NULL DEFAULT 0,
  consent_id uuid REFERENCES consents (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz,
  -- The date promised on the receipt, kept as promised even if the configured window changes later.
  expected_response_by date,
  CONSTRAINT submitted_has_time CHECK ((status = 'draft') = (submitted_at IS NULL) OR status = 'withdrawn'),
  CONSTRAINT submitted_has_consent CHECK (submitted_at IS NULL OR consent_id IS NOT NULL)
);
-- The patient's case list, newest first; and a referrer's list.
CREATE INDEX cases_patient_list_idx ON cases (patient_record_id, created_at DESC, id);
CREATE INDEX cases_submitter_list_idx ON cases (submitted_by, created_at DESC, id);

-- Body sites of a case; photos (images module) will reference a body site by its id, so a body site that
-- stays in the list keeps its id when the list is saved again.
CREATE TABLE case_body_sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  position integer NOT NULL,
  -- SNOMED CT body structure or Dermis body-site code (core/cases/body-sites.ts).
  site_system text NOT NULL,
  site_code text NOT NULL,
  laterality text CHECK (laterality IN ('left', 'right', 'bilateral')),
  -- Made from the catalogue ("Left forearm"), never typed by a person.
  label text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX case_body_sites_unique_idx ON case_body_sites (case_id, site_code, COALESCE(laterality, ''));

-- The case timeline: status changes and other events. `data` holds codes and ids only, never free text.
CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  at timestamptz NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  actor_role text,
  type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at, id);

-- Idempotency-Key records (scoped per user). The response body is kept as the exact text sent, so a
-- replay is byte-for-byte the first answer.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  key text NOT NULL,
  request_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
  response_status integer,
  response_body text,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (user_id, key),
  CONSTRAINT completed_has_response CHECK ((status = 'completed') = (response_status IS NOT NULL))
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
