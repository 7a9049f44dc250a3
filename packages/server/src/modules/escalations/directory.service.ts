import type { OverdueEscalationList } from '@dermis/core';
import { escalationDueAt } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from '../cases/index.ts';

/**
 * The specialist directory (issue 6): types are configuration (specialist_types, with a target time to answer
 * per type); an admin marks a specialist unavailable, which keeps them from being named on new escalations.
 */
export async function findSpecialistType(db: Sql, code: string): Promise<{ code: string; name: string } | null> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM specialist_types WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}

/** A specialist who may be named on an escalation of `type`: active, of that type, and not marked unavailable. */
export async function isAvailableSpecialist(db: Sql, userId: string, type: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM users u WHERE u.id = $1 AND u.role = 'specialist' AND u.specialist_type = $2
       AND u.disabled_at IS NULL AND NOT EXISTS (SELECT 1 FROM specialist_unavailability s WHERE s.user_id = u.id)`,
    [userId, type],
  );
  return rows.length > 0;
}

/** Available specialists of a type: who hears of a new escalation that names nobody. */
export async function listAvailableSpecialists(db: Sql, type: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE u.role = 'specialist' AND u.specialist_type = $1 AND u.disabled_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM specialist_unavailability s WHERE s.user_id = u.id) ORDER BY u.id`,
    [type],
  );
  return rows.map((r) => r.id);
}

export async function setSpecialistAvailability(
  p: Platform,
  caller: CaseCaller,
  userId: string,
  isAvailable: boolean,
): Promise<{ userId: string; isAvailable: boolean }> {
  return p.db.transaction(async (tx) => {
    const { rows } = await tx.query("SELECT 1 FROM users WHERE id = $1 AND role = 'specialist' FOR UPDATE", [userId]);
    if (rows.length === 0) throw new AppError('NOT_FOUND');
    if (isAvailable) await tx.query('DELETE FROM specialist_unavailability WHERE user_id = $1', [userId]);
    else {
      await tx.query(
        `INSERT INTO specialist_unavailability (user_id, since, set_by) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO NOTHING`,
        [userId, p.clock.now(), caller.userId],
      );
    }
    await caller.audit(tx, {
      action: isAvailable ? 'specialist.available' : 'specialist.unavailable',
      objectType: 'user',
      objectId: userId,
      patientId: null,
    });
    return { userId, isAvailable };
  });
}

/** Escalations still waiting past their type's target: metadata only (no question, no patient, no images). */
export async function listOverdueEscalations(p: Platform): Promise<OverdueEscalationList> {
  const { rows } = await p.db.query<{
    id: string;
    case_number: string;
    specialist_type: string;
    status: 'open' | 'claimed';
    escalated_at: Date;
    target_hours: number;
    claimed_by: string | null;
  }>(
    `SELECT e.id, c.case_number, e.specialist_type, e.status, e.escalated_at, t.target_hours, u.display_name AS claimed_by
     FROM escalations e JOIN cases c ON c.id = e.case_id JOIN specialist_types t ON t.code = e.specialist_type
       LEFT JOIN users u ON u.id = e.claimed_by
     WHERE e.status IN ('open', 'claimed') AND e.escalated_at + make_interval(hours => t.target_hours) < $1
     ORDER BY e.escalated_at, e.id`,
    [p.clock.now()],
  );
  return {
    escalations: rows.map((r) => ({
      id: r.id,
      caseNumber: r.case_number,
      specialistType: r.specialist_type,
      status: r.status,
      escalatedAt: r.escalated_at.toISOString(),
      dueAt: escalationDueAt(r.escalated_at, r.target_hours).toISOString(),
      claimedBy: r.claimed_by,
    })),
  };
}
