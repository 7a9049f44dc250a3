// Bulk data for npm run bench:queue, generated inside PostgreSQL (generate_series), deterministic (setseed).
import { bodySiteLabel, bodySiteSystem } from '../packages/core/src/index.ts';
import { buildResponse, lesionAnswers } from '../packages/core/src/intake/sample-responses.ts';
import type { Sql } from '../packages/server/src/platform/db.ts';

const PATIENTS = 200_000;
const DERMATOLOGISTS = 20;

export interface LoadedQueue {
  cases: number;
  queued: number;
  /** The dermatologist the benchmark reads the queue as (holds some claimed cases). */
  dermatologistId: string;
  recentDay: string;
  monthAgo: string;
}

/**
 * Five years of submitted cases, one every ~2.6 minutes, times cut to the minute (so some share one). The most
 * recent 6% are still in flight (70% unclaimed, 18% in review, 7% waiting for the patient, 5% withdrawn);
 * older ones are closed (85%), responded (10%) or withdrawn. Priorities 8% urgent, 22% soon; concerns 50%
 * lesion, 30% rash, 20% other; age groups 10/30/35/25%.
 */
export async function loadQueueCases(db: Sql, count: number): Promise<LoadedQueue> {
  // A database given by DATABASE_URL that already holds the benchmark's cases is measured again as it is.
  const existing = await db.query("SELECT 1 FROM users WHERE email_normalized = 'bench.patient@example.org'");
  if (existing.rows.length === 0) await insertCases(db, count);
  return describeLoaded(db);
}

async function insertCases(db: Sql, count: number): Promise<void> {
  await db.exec(`
    INSERT INTO users (email, email_normalized, display_name, role, locale, created_at, updated_at)
      SELECT 'bench.derm' || g || '@example.org', 'bench.derm' || g || '@example.org', 'Dr Bench ' || g,
        'dermatologist', 'en', now(), now() FROM generate_series(1, ${DERMATOLOGISTS}) g;
    INSERT INTO users (email, email_normalized, display_name, role, locale, created_at, updated_at)
      VALUES ('bench.patient@example.org', 'bench.patient@example.org', 'Bench Patient', 'patient', 'en', now(), now());
    INSERT INTO patient_records (given_name, family_name, birth_date, created_by, created_at)
      SELECT 'Bench', 'Patient ' || g, date '1935-01-01' + ((g * 7919) % 32000),
        (SELECT id FROM users WHERE email_normalized = 'bench.patient@example.org'), now()
      FROM generate_series(1, ${PATIENTS}) g;
    INSERT INTO consents (patient_record_id, accepted_by, kind, version, accepted_at)
      SELECT min(pr.id::text)::uuid, u.id, 'patient', '2026-11-v1', now()
      FROM patient_records pr, users u WHERE u.email_normalized = 'bench.patient@example.org' GROUP BY u.id;
    CREATE TEMP TABLE bench_patients AS SELECT id, row_number() OVER (ORDER BY id) AS rn FROM patient_records;
    SELECT setseed(0.42);
    INSERT INTO cases (case_number, patient_record_id, submitted_by, concern, status, questionnaire_url,
        questionnaire_version, consent_id, created_at, updated_at, submitted_at, triage_priority, triage_rules,
        triaged_at, age_group, assigned_to, claimed_at, first_claimed_at)
      SELECT 'DRM-' || extract(year FROM s.at)::int || '-' || lpad(s.g::text, 7, '0'), bp.id, k.submitter, s.concern,
        s.status, 'https://dermis.dev/fhir/Questionnaire/skin-intake', '1.0.0', k.consent, s.at, s.at, s.at,
        s.priority,
        CASE s.priority WHEN 'urgent' THEN '{lesion-bleeding,lesion-seven-point}'::text[]
          WHEN 'soon' THEN '{history-skin-cancer}'::text[] ELSE '{}'::text[] END,
        s.at, s.age_group,
        CASE WHEN s.assigned THEN k.derms[1 + s.g % ${DERMATOLOGISTS}] END,
        CASE WHEN s.assigned THEN s.at + interval '1 hour' END,
        CASE WHEN s.assigned THEN s.at + interval '1 hour' END
      FROM (
        SELECT g, at, status, priority, concern, age_group,
          status IN ('in_review', 'waiting_for_patient', 'responded', 'closed') AS assigned
        FROM (
          SELECT g,
            date_trunc('minute', now() - (${count} - g) * interval '5 years' / ${count}) AS at,
            CASE WHEN g > ${count} * 0.94 THEN
              CASE WHEN r1 < 0.70 THEN 'submitted' WHEN r1 < 0.88 THEN 'in_review'
                WHEN r1 < 0.95 THEN 'waiting_for_patient' ELSE 'withdrawn' END
            ELSE CASE WHEN r1 < 0.85 THEN 'closed' WHEN r1 < 0.95 THEN 'responded' ELSE 'withdrawn' END END AS status,
            CASE WHEN r2 < 0.08 THEN 'urgent' WHEN r2 < 0.30 THEN 'soon' ELSE 'routine' END AS priority,
            CASE WHEN r3 < 0.5 THEN 'lesion' WHEN r3 < 0.8 THEN 'rash' ELSE 'other' END AS concern,
            CASE WHEN r4 < 0.1 THEN 'under_18' WHEN r4 < 0.4 THEN '18_39' WHEN r4 < 0.75 THEN '40_64'
              ELSE '65_plus' END AS age_group
          FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4
                FROM generate_series(1, ${count}) g) r
        ) t
      ) s
      JOIN bench_patients bp ON bp.rn = 1 + s.g % ${PATIENTS}
      CROSS JOIN (
        SELECT (SELECT id FROM users WHERE email_normalized = 'bench.patient@example.org') AS submitter,
          (SELECT id FROM consents LIMIT 1) AS consent,
          (SELECT array_agg(id ORDER BY email_normalized) FROM users
            WHERE email_normalized LIKE 'bench.derm%') AS derms
      ) k;
    DROP TABLE bench_patients;
  `);
  // One bulk transaction updated the counter rows 50,000 times; case by case, HOT pruning keeps them a page or two.
  await db.exec('VACUUM FULL review_queue_counts, review_queue_totals');
  await db.exec('VACUUM ANALYZE cases, review_queue_counts, review_queue_totals');
}

async function describeLoaded(db: Sql): Promise<LoadedQueue> {
  const { rows } = await db.query<{ cases: number; queued: number; derm: string; today: string; month_ago: string }>(
    `SELECT (SELECT count(*) FROM cases)::int AS cases,
       (SELECT count(*) FROM cases WHERE status IN ('submitted', 'in_review'))::int AS queued,
       (SELECT array_agg(id ORDER BY email_normalized) FROM users WHERE email_normalized LIKE 'bench.derm%')[1 + 1]::text AS derm,
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS today,
       to_char((now() - interval '30 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS month_ago`,
  );
  const row = rows[0]!;
  return {
    cases: row.cases,
    queued: row.queued,
    dermatologistId: row.derm,
    recentDay: row.today,
    monthAgo: row.month_ago,
  };
}

/** Body sites the case view's bench cases get (two per case, no side). */
const VIEW_SITES = ['89545001', '51185008'];

/**
 * The newest unclaimed cases, given what a real submission has and the bulk load leaves out (body sites and
 * intake answers), for the case view to open once a dermatologist has claimed them. Returns their ids.
 */
export async function prepareViewCases(db: Sql, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM cases WHERE status = 'submitted' AND assigned_to IS NULL
     ORDER BY submitted_at DESC, id LIMIT $1`,
    [count],
  );
  const ids = rows.map((r) => r.id);
  const response = JSON.stringify(buildResponse(lesionAnswers));
  for (const id of ids) {
    await db.query('UPDATE cases SET intake_response = $2, intake_version = 1 WHERE id = $1', [id, response]);
    for (const [position, site] of VIEW_SITES.entries()) {
      await db.query(
        `INSERT INTO case_body_sites (case_id, position, site_system, site_code, laterality, label, created_at)
         VALUES ($1, $2, $3, $4, NULL, $5, now()) ON CONFLICT DO NOTHING`,
        [id, position, bodySiteSystem(site), site, bodySiteLabel({ site })],
      );
    }
  }
  return ids;
}
