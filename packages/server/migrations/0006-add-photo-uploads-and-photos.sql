-- Resumable photo uploads and the photos they become (issue 4, "Upload and image pipeline").

-- One row per tus upload, written when the upload is created: it binds the upload to its owner, case and body
-- site, and it is the slot that counts towards the per-case photo limit (taken under the case's row lock, so
-- two concurrent creations cannot both take the last slot). The bytes live encrypted in the upload store
-- (<data>/uploads/<id>); nothing about the file (name, type) is kept.
CREATE TABLE photo_uploads (
  -- The tus upload id: 32 random hex characters chosen by the server.
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  owner_user_id uuid NOT NULL REFERENCES users (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  -- Removing a body site from a draft removes its uploads and photos; the sweeper then removes their blobs.
  body_site_id uuid NOT NULL REFERENCES case_body_sites (id) ON DELETE CASCADE,
  view text CHECK (view IN ('close_up', 'context', 'side_angle')),
  size bigint NOT NULL CHECK (size > 0),
  -- receiving: bytes still arriving; processing: the pipeline runs (claimed by one request); accepted: a photo
  -- row exists; rejected: the pipeline or the quality gate refused it; abandoned: never finished, swept.
  state text NOT NULL CHECK (state IN ('receiving', 'processing', 'accepted', 'rejected', 'abandoned')),
  -- The stable code of a refusal (an image rejection code, or PHOTO_QUALITY_REJECTED) and the gate's reasons.
  rejection_code text,
  rejection_reasons jsonb,
  created_at timestamptz NOT NULL,
  processing_started_at timestamptz,
  finished_at timestamptz,
  CONSTRAINT rejected_has_code CHECK ((state = 'rejected') = (rejection_code IS NOT NULL))
);
CREATE INDEX photo_uploads_case_idx ON photo_uploads (case_id, state);
CREATE INDEX photo_uploads_open_idx ON photo_uploads (created_at) WHERE state IN ('receiving', 'processing');

-- A photo the server accepted. Written only after its three derivatives are stored (each blob sealed with its
-- own data key); a blob no photo row names is an orphan, removed by the sweeper after a grace period.
CREATE TABLE photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- One photo per upload, however often the final PATCH is retried.
  upload_id text NOT NULL UNIQUE REFERENCES photo_uploads (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id),
  body_site_id uuid NOT NULL REFERENCES case_body_sites (id) ON DELETE CASCADE,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  view text CHECK (view IN ('close_up', 'context', 'side_angle')),
  format text NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'heic')),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  -- The server's quality gate (core/imaging): accept or warn; a reject never becomes a photo.
  quality_decision text NOT NULL CHECK (quality_decision IN ('accept', 'warn')),
  quality_reasons jsonb NOT NULL DEFAULT '[]',
  quality_score real NOT NULL,
  -- EXIF DateTimeOriginal: kept here only, never in a stored or served image.
  captured_at timestamptz,
  master_blob text NOT NULL UNIQUE,
  preview_blob text NOT NULL UNIQUE,
  thumbnail_blob text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);
CREATE INDEX photos_case_idx ON photos (case_id, body_site_id, created_at);
