import type { CaseStatus } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

// The photo-requests module owns no table: requests are the responses module's, photos the photos module's,
// the case row the cases and review modules'. Its jobs re-read, by id, the few facts a notification needs.

export interface NoticeTarget {
  status: CaseStatus;
  email: string;
  locale: 'en' | 'es';
  role: string;
}

/** Who a notice goes to: the case's submitter (patient or GP), or its assigned dermatologist; active users only. */
export async function findNoticeTarget(
  db: Sql,
  caseId: string,
  who: 'submitter' | 'assignee',
): Promise<NoticeTarget | null> {
  const column = who === 'submitter' ? 'c.submitted_by' : 'c.assigned_to';
  const { rows } = await db.query<NoticeTarget>(
    `SELECT c.status, u.email, CASE WHEN u.locale = 'es' THEN 'es' ELSE 'en' END AS locale, u.role
     FROM cases c JOIN users u ON u.id = ${column} WHERE c.id = $1 AND u.disabled_at IS NULL`,
    [caseId],
  );
  return rows[0] ?? null;
}

export async function findSubmitter(db: Sql, caseId: string): Promise<{ status: CaseStatus; userId: string } | null> {
  const { rows } = await db.query<{ status: CaseStatus; submitted_by: string }>(
    'SELECT status, submitted_by FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0] ? { status: rows[0].status, userId: rows[0].submitted_by } : null;
}
