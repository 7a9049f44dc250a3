-- Annotations on photos (issue 5, "Case view"): W3C Web Annotation JSON against one photo, written by the
-- reviewing dermatologist. The case-review module owns this table.

CREATE TABLE photo_annotations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Creation order, for listing (timestamps can tie).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  photo_id uuid NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
  -- Copied from the photo so scope checks and the patient's view filter by case without a join.
  case_id uuid NOT NULL REFERENCES cases (id),
  author_user_id uuid NOT NULL REFERENCES users (id),
  -- clinician_only: reviewing clinicians only, never the patient. patient: shown to the patient with the
  -- signed response (core/annotations/web-annotation.ts, arePatientAnnotationsReleased).
  visibility text NOT NULL CHECK (visibility IN ('clinician_only', 'patient')),
  shape text NOT NULL CHECK (shape IN ('rectangle', 'point', 'polygon')),
  -- The W3C annotation as re-serialised by the server (never the client's JSON as sent).
  annotation jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Deleted annotations are kept (and audited) but no longer listed.
  deleted_at timestamptz
);
CREATE INDEX photo_annotations_photo_idx ON photo_annotations (photo_id, seq) WHERE deleted_at IS NULL;
