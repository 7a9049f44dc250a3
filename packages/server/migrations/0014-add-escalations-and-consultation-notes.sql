-- Specialist escalation (issue 6, DESIGN.md flow 5). The escalations module owns these tables.
-- Specialist types stay configuration (specialist_types, migration 0001, codes unchanged); each type gets the
-- target time to answer that makes an escalation overdue for the admins' list.
ALTER TABLE specialist_types ADD COLUMN target_hours integer NOT NULL DEFAULT 48 CHECK (target_hours > 0);

-- The specialist rota: an admin marks a specialist unavailable (no row: available). Unavailable specialists
-- cannot be named on a new escalation; the type's queue still reaches everyone of the type.
CREATE TABLE specialist_unavailability (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  since timestamptz NOT NULL,
  set_by uuid NOT NULL REFERENCES users (id)
);

-- One escalation of a case to a specialist type (optionally a named specialist). `status` moves
-- open -> claimed -> answered, or open|claimed -> withdrawn. At most one open (or claimed) escalation per case.
CREATE TABLE escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  specialist_type text NOT NULL REFERENCES specialist_types (code),
  requested_specialist_id uuid REFERENCES users (id),
  question text NOT NULL CHECK (length(btrim(question)) > 0),
  routing_note text,
  escalated_by uuid NOT NULL REFERENCES users (id),
  escalated_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'claimed', 'answered', 'withdrawn')),
  claimed_by uuid REFERENCES users (id),
  claimed_at timestamptz,
  answered_at timestamptz,
  withdrawn_at timestamptz,
  -- The consultation note being written (assessment, answer, recommendation, suggested disposition).
  draft jsonb,
  draft_saved_at timestamptz,
  -- What the specialist saw when they signed: after signing they read the case as it was, nothing added later.
  seen_photo_ids uuid[],
  seen_annotation_ids uuid[],
  seen_working_notes jsonb,
  CHECK ((status IN ('claimed', 'answered')) = (claimed_by IS NOT NULL) OR status = 'withdrawn'),
  CHECK ((status = 'answered') = (answered_at IS NOT NULL))
);
CREATE UNIQUE INDEX escalations_one_open_per_case ON escalations (case_id) WHERE status IN ('open', 'claimed');
CREATE INDEX escalations_queue_idx ON escalations (specialist_type, escalated_at) WHERE status = 'open';
CREATE INDEX escalations_claimed_by_idx ON escalations (claimed_by) WHERE claimed_by IS NOT NULL;

-- The signed consultation note: one per escalation (signing twice is refused by the key), insert-only.
CREATE TABLE consultation_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  escalation_id uuid NOT NULL UNIQUE REFERENCES escalations (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  assessment text NOT NULL CHECK (length(btrim(assessment)) > 0),
  answer text NOT NULL CHECK (length(btrim(answer)) > 0),
  recommendation text NOT NULL CHECK (length(btrim(recommendation)) > 0),
  suggested_disposition text NOT NULL CHECK (suggested_disposition IN ('no_action_required',
    'prescription_generated', 'in_person_referral', 'additional_images_requested', 'urgent_referral')),
  signed_by uuid NOT NULL REFERENCES users (id),
  signed_at timestamptz NOT NULL
);

-- A correction to a signed consultation note: a new row; the original stays as signed.
CREATE TABLE consultation_amendments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  note_id uuid NOT NULL REFERENCES consultation_notes (id),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX consultation_amendments_note_idx ON consultation_amendments (note_id, created_at);

-- signed_record_is_immutable() comes from migration 0011 (signed responses).
CREATE TRIGGER consultation_notes_immutable BEFORE UPDATE OR DELETE ON consultation_notes
  FOR EACH ROW EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER consultation_notes_no_truncate BEFORE TRUNCATE ON consultation_notes
  FOR EACH STATEMENT EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER consultation_amendments_immutable BEFORE UPDATE OR DELETE ON consultation_amendments
  FOR EACH ROW EXECUTE FUNCTION signed_record_is_immutable();
CREATE TRIGGER consultation_amendments_no_truncate BEFORE TRUNCATE ON consultation_amendments
  FOR EACH STATEMENT EXECUTE FUNCTION signed_record_is_immutable();

REVOKE UPDATE, DELETE, TRUNCATE ON consultation_notes, consultation_amendments FROM dermis_app;
REVOKE UPDATE, DELETE, TRUNCATE ON consultation_notes, consultation_amendments FROM PUBLIC;
