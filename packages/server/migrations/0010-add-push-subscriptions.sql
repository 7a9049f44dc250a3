-- Web push subscriptions (notifications module): one row per browser a user turned notifications on in.
-- The endpoint is a push service URL (checked against PUSH_ALLOWED_HOSTS before it is stored); the keys
-- encrypt each message for that browser only. A subscription the push service reports gone is deleted.
CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL,
  last_sent_at timestamptz
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id, created_at DESC);
