-- The dermatologist's response (issue 5, "Response" and "More images"). The responses module owns these tables.
-- A signed clinical note is never edited in place (DESIGN.md): signed responses, their amendments, their photo
-- requests and care-plan documents are insert-only, enforced here by triggers as well as by the app role.

-- The care-plan PDF: uploaded by the dermatologist or generated from the narrative. The bytes live sealed in the
-- blob store under blob_key; the row never changes once written.
CREATE TABLE care_plan_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  source text NOT NULL CHECK (source IN ('uploaded', 'generated')),
  blob_key text NOT NULL UNIQUE,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  sha256 text NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX care_plan_documents_case_idx ON care_plan_documents (case_id, created_at);

-- One working draft per case, saved as the clinician types. `version` goes up by one on every save; a save
-- naming an older version is refused (409), never merged. The draft survives sign-out (it is server state).
CREATE TABLE response_drafts (
  case_id uuid PRIMARY KEY REFERENCES cases (id),
  version integer NOT NULL CHECK (version > 0),
  content jsonb NOT NULL,
  -- The PDF uploaded for this draft (used when content.carePlan = 'uploaded'); replaced by a new upload.
  uploaded_care_plan_id uuid REFERENCES care_plan_documents (id),
  saved_by uuid NOT NULL REFERENCES users (id),
  saved_at timestamptz NOT NULL,
  -- The signed response this draft became; NULL while it is being written. A case that comes back (more
  -- images) opens the draft again for the next response.
  signed_response_id uuid
);

CREATE TABLE signed_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  -- 1 for the first response of a case, 2 after more images came back, ...
  sequence integer NOT NULL CHECK (sequence > 0),
  disposition text NOT NULL CHECK (disposition IN ('no_action_required', 'prescription_generated',
    'in_person_referral', 'additional_images_requested', 'urgent_referral')),
  narrative text NOT NULL CHECK (length(btrim(narrative)) > 0),
  medication jsonb,
  care_plan_id uuid REFERENCES care_plan_documents (id),
  -- The draft version the dermatologist read and signed.
  draft_version integer NOT NULL,
  signed_by uuid NOT NULL REFERENCES users (id),
  signed_at timestamptz NOT NULL,
  UNIQUE (case_id, sequence),
  CHECK ((disposition = 'prescription_generated') = (medication IS NOT NULL))
);
ALTER TABLE response_drafts
  ADD CONSTRAINT response_drafts_signed_fk FOREIGN KEY (signed_response_id) REFERENCES signed_responses (id);

-- A correction to a signed response: a new row that points at the original, which stays as it was signed.
CREATE TABLE response_amendments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  response_id uuid NOT NULL REFERENCES signed_responses (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX response_amendments_response_idx ON response_amendments (response_id, created_at);

-- "Additional images requested": one row per photo asked for (body site from core/cases/body-sites.ts, view,
-- instruction). `fulfilled_at` is the only column that may change: the re-submission flow marks a request done.
CREATE TABLE more_images_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  response_id uuid NOT NULL REFERENCES signed_responses (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  position smallint NOT NULL,
  site text NOT NULL,
  laterality text CHECK (laterality IN ('left', 'right', 'bilateral')),
  view text NOT NULL CHECK (view IN ('close_up', 'context', 'side_angle', 'with_scale')),
  instruction text NOT NULL CHECK (length(btrim(instruction)) > 0),
  fulfilled_at timestamptz,
  UNIQUE (response_id, position)
);
CREATE INDEX more_images_requests_open_idx ON more_images_requests (case_id) WHERE fulfilled_at IS NULL;

CREATE FUNCTION signed_record_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is insert-only: a signed note is corrected by an amendment', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER signed_responses_immutable BEFORE UPDATE OR DELETE ON signed_responses
  FOR EACH ROW EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER signed_responses_no_truncate BEFORE TRUNCATE ON signed_responses
  FOR EACH STATEMENT EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER response_amendments_immutable BEFORE UPDATE OR DELETE ON response_amendments
  FOR EACH ROW EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER response_amendments_no_truncate BEFORE TRUNCATE ON response_amendments
  FOR EACH STATEMENT EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER care_plan_documents_immutable BEFORE UPDATE ON care_plan_documents
  FOR EACH ROW EXECUTE FUNCTION signed_record_is_immutable();

-- A care plan that was never signed may be replaced (deleted with its blob); a signed one never.
CREATE FUNCTION care_plan_is_unsigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM signed_responses WHERE care_plan_id = OLD.id) THEN
    RAISE EXCEPTION 'a signed care plan cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER care_plan_documents_signed_kept BEFORE DELETE ON care_plan_documents
  FOR EACH ROW EXECUTE FUNCTION care_plan_is_unsigned();

CREATE FUNCTION more_images_request_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'fulfilled_at') IS DISTINCT FROM (to_jsonb(OLD) - 'fulfilled_at') THEN
    RAISE EXCEPTION 'a signed photo request cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER more_images_requests_fixed BEFORE UPDATE OR DELETE ON more_images_requests
  FOR EACH ROW EXECUTE FUNCTION more_images_request_is_fixed();

REVOKE UPDATE, DELETE, TRUNCATE ON signed_responses, response_amendments FROM dermis_app;
REVOKE UPDATE, DELETE, TRUNCATE ON signed_responses, response_amendments FROM PUBLIC;
