-- Accounts, sessions and the state sign-in needs (throttling, second factor, reset tokens).

CREATE TABLE specialist_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO specialist_types (code, name) VALUES
  ('mohs_surgery', 'Mohs surgery'),
  ('paediatric_dermatology', 'Paediatric dermatology'),
  ('dermatopathology', 'Dermatopathology');

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  email_normalized text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('patient', 'referring_clinician', 'dermatologist', 'specialist', 'admin', 'auditor')),
  specialist_type text REFERENCES specialist_types (code),
  -- NULL until an invited staff member sets a password.
  password_hash text,
  -- The TOTP secret, envelope-encrypted with the master key; never stored in the clear.
  totp_secret_sealed text,
  totp_enabled_at timestamptz,
  -- Highest TOTP time step accepted so far: a code is never accepted twice.
  totp_last_step bigint,
  -- Wrong second-factor codes, counted per user so a fresh login does not reset them.
  totp_failures integer NOT NULL DEFAULT 0,
  totp_blocked_until timestamptz,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT specialist_has_type CHECK ((role = 'specialist') = (specialist_type IS NOT NULL))
);

CREATE TABLE patients (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date NOT NULL
);

CREATE TABLE sessions (
  -- SHA-256 of the cookie value; the value itself is never stored.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  state text NOT NULL CHECK (state IN ('mfa_required', 'mfa_enrollment_required', 'authenticated')),
  -- A second-factor enrolment in progress: the sealed candidate secret until the first code confirms it.
  pending_totp_secret_sealed text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL
);

CREATE TABLE password_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (purpose IN ('reset', 'invite')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_tokens_user_idx ON password_tokens (user_id) WHERE used_at IS NULL;
