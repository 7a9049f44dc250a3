-- Triage, the dermatologist queue and claiming (issue 5, "Triage and queue"). The review module owns these
-- columns; the cases module owns the rest of the row.

ALTER TABLE cases
  -- Recomputed by the review module's retriageCase on submission and whenever new information arrives.
  -- Cases submitted before this migration read as routine with no fired rules until re-triaged.
  ADD COLUMN triage_priority text NOT NULL DEFAULT 'routine' CHECK (triage_priority IN ('urgent', 'soon', 'routine')),
  -- Ids of the fired rules (core/triage/triage-rules.ts), in rule-table order.
  ADD COLUMN triage_rules text[] NOT NULL DEFAULT '{}',
  ADD COLUMN triaged_at timestamptz,
  -- Queue order: urgent first, everything else in submission order (DESIGN.md flow 2).
  ADD COLUMN queue_rank smallint GENERATED ALWAYS AS (CASE WHEN triage_priority = 'urgent' THEN 0 ELSE 1 END) STORED,
  -- Computed from the birth date at submission, so the queue never reads birth dates (core/triage/age-group.ts).
  ADD COLUMN age_group text CHECK (age_group IN ('under_18', '18_39', '40_64', '65_plus')),
  -- The dermatologist who claimed the case: one owner at a time.
  ADD COLUMN assigned_to uuid REFERENCES users (id),
  ADD COLUMN claimed_at timestamptz,
  ADD COLUMN first_claimed_at timestamptz,
  ADD COLUMN released_at timestamptz,
  -- The first answer the patient (or GP) receives: a signed response or a request for more images.
  ADD COLUMN first_response_at timestamptz,
  ADD CONSTRAINT claim_has_owner CHECK ((assigned_to IS NULL) = (claimed_at IS NULL));

-- Cases already submitted get their age group now (triage needs the intake rules, so it waits for a resubmit).
UPDATE cases c SET age_group = CASE
    WHEN date_part('year', age(c.submitted_at::date, pr.birth_date)) < 18 THEN 'under_18'
    WHEN date_part('year', age(c.submitted_at::date, pr.birth_date)) < 40 THEN '18_39'
    WHEN date_part('year', age(c.submitted_at::date, pr.birth_date)) < 65 THEN '40_64'
    ELSE '65_plus' END
  FROM patient_records pr
  WHERE pr.id = c.patient_record_id AND c.submitted_at IS NOT NULL;

-- The queue holds submitted (unclaimed) and in-review (claimed) cases. Keyset pagination walks
-- (queue_rank, submitted_at, id); each filter has an index with the filter column first, so one rank's page is
-- a range scan. The main index carries the filter columns so counts per filter value are an index-only scan.
CREATE INDEX cases_queue_idx ON cases (queue_rank, submitted_at, id)
  INCLUDE (concern, age_group, triage_priority, assigned_to)
  WHERE status IN ('submitted', 'in_review');
CREATE INDEX cases_queue_concern_idx ON cases (concern, queue_rank, submitted_at, id)
  WHERE status IN ('submitted', 'in_review');
CREATE INDEX cases_queue_age_group_idx ON cases (age_group, queue_rank, submitted_at, id)
  WHERE status IN ('submitted', 'in_review');
CREATE INDEX cases_queue_priority_idx ON cases (triage_priority, queue_rank, submitted_at, id)
  WHERE status IN ('submitted', 'in_review');
-- Also answers a dermatologist's own counts as an index-only scan of their few claimed cases.
CREATE INDEX cases_queue_assignee_idx ON cases (assigned_to, queue_rank, submitted_at, id)
  INCLUDE (concern, age_group, triage_priority)
  WHERE status IN ('submitted', 'in_review');
-- A dermatologist's own cases in any status (scope checks, "my cases").
CREATE INDEX cases_assigned_idx ON cases (assigned_to, id) WHERE assigned_to IS NOT NULL;

-- Queue sizes per submission day (UTC) and filter value, kept by a trigger on cases: counts per filter value
-- cost the number of (day, value) groups, not the number of queued cases. Claimed is a yes/no here; a
-- dermatologist's own claimed cases are counted live from cases_queue_assignee_idx (there are few).
CREATE TABLE review_queue_counts (
  day date NOT NULL,
  concern text NOT NULL,
  -- '' for a case without an age group.
  age_group text NOT NULL,
  triage_priority text NOT NULL,
  is_claimed boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (day, concern, age_group, triage_priority, is_claimed)
) WITH (fillfactor = 50);
-- The same without the day, for the usual queue read without a date range (a few dozen rows). Both tables
-- leave room on each page so the constant in-place updates stay HOT (pruned without waiting for VACUUM).
CREATE TABLE review_queue_totals (
  concern text NOT NULL,
  age_group text NOT NULL,
  triage_priority text NOT NULL,
  is_claimed boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (concern, age_group, triage_priority, is_claimed)
) WITH (fillfactor = 50);

CREATE FUNCTION review_queue_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('submitted', 'in_review') THEN
    UPDATE review_queue_counts SET n = n - 1
      WHERE day = (OLD.submitted_at AT TIME ZONE 'UTC')::date AND concern = OLD.concern
        AND age_group = COALESCE(OLD.age_group, '') AND triage_priority = OLD.triage_priority
        AND is_claimed = (OLD.assigned_to IS NOT NULL);
    UPDATE review_queue_totals SET n = n - 1
      WHERE concern = OLD.concern AND age_group = COALESCE(OLD.age_group, '')
        AND triage_priority = OLD.triage_priority AND is_claimed = (OLD.assigned_to IS NOT NULL);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('submitted', 'in_review') THEN
    INSERT INTO review_queue_counts (day, concern, age_group, triage_priority, is_claimed, n)
      VALUES ((NEW.submitted_at AT TIME ZONE 'UTC')::date, NEW.concern, COALESCE(NEW.age_group, ''),
        NEW.triage_priority, NEW.assigned_to IS NOT NULL, 1)
      ON CONFLICT (day, concern, age_group, triage_priority, is_claimed)
        DO UPDATE SET n = review_queue_counts.n + 1;
    INSERT INTO review_queue_totals (concern, age_group, triage_priority, is_claimed, n)
      VALUES (NEW.concern, COALESCE(NEW.age_group, ''), NEW.triage_priority, NEW.assigned_to IS NOT NULL, 1)
      ON CONFLICT (concern, age_group, triage_priority, is_claimed) DO UPDATE SET n = review_queue_totals.n + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_review_queue_count
  AFTER INSERT OR DELETE OR UPDATE OF status, concern, age_group, triage_priority, assigned_to, submitted_at ON cases
  FOR EACH ROW EXECUTE FUNCTION review_queue_count();

INSERT INTO review_queue_counts (day, concern, age_group, triage_priority, is_claimed, n)
  SELECT (submitted_at AT TIME ZONE 'UTC')::date, concern, COALESCE(age_group, ''), triage_priority,
    assigned_to IS NOT NULL, count(*)
  FROM cases WHERE status IN ('submitted', 'in_review') GROUP BY 1, 2, 3, 4, 5;
INSERT INTO review_queue_totals (concern, age_group, triage_priority, is_claimed, n)
  SELECT concern, age_group, triage_priority, is_claimed, sum(n) FROM review_queue_counts GROUP BY 1, 2, 3, 4;
