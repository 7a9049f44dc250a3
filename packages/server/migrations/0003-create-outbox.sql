-- Transactional outbox: jobs written in the same transaction as the change that causes them.

CREATE TABLE outbox (
  -- The event id: writing the same event twice is a no-op.
  id uuid PRIMARY KEY,
  topic text NOT NULL,
  -- Ids only, never PHI: the handler re-reads what it needs.
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE status = 'pending';
CREATE INDEX outbox_dead_idx ON outbox (created_at) WHERE status = 'dead';
