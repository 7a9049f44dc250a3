-- Append-only, hash-chained audit log (kept at least 6 years; DESIGN.md flow 7).

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id uuid,
  role text,
  action text NOT NULL,
  object_type text,
  object_id text,
  patient_id uuid,
  ip text,
  user_agent text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq;
CREATE INDEX audit_log_user_idx ON audit_log (user_id, seq);
CREATE INDEX audit_log_patient_idx ON audit_log (patient_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The application's role: full use of workflow tables, but only SELECT and INSERT on the audit log.
-- Production connects as a login role that is a member of dermis_app (README, "Production").
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dermis_app') THEN
    CREATE ROLE dermis_app NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO dermis_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dermis_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dermis_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM dermis_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dermis_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO dermis_app;
