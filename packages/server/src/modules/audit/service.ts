import type { AuditEvent, AuditQuery } from '@dermis/core';
import { type AuditRow, verifyAuditChain } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';

/** Newest first, keyset-paged on seq (no OFFSET: the log only grows). */
export async function listAuditEvents(p: Platform, query: AuditQuery) {
  const limit = query.limit ?? 50;
  const params: unknown[] = [query.before ?? Number.MAX_SAFE_INTEGER, limit + 1];
  let where = 'seq < $1';
  if (query.action) {
    params.push(query.action);
    where += ` AND action = $${params.length}`;
  }
  if (query.userId) {
    params.push(query.userId);
    where += ` AND user_id = $${params.length}`;
  }
  const { rows } = await p.db.query<Omit<AuditRow, 'prev_hash' | 'hash'>>(
    `SELECT seq, at, user_id, role, action, object_type, object_id, patient_id, ip, user_agent, outcome
     FROM audit_log WHERE ${where} ORDER BY seq DESC LIMIT $2`,
    params,
  );
  const page = rows.slice(0, limit);
  const events: AuditEvent[] = page.map((r) => ({
    seq: Number(r.seq),
    at: r.at.toISOString(),
    userId: r.user_id,
    role: r.role,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    patientId: r.patient_id,
    ip: r.ip,
    userAgent: r.user_agent,
    outcome: r.outcome,
  }));
  return { events, nextBefore: rows.length > limit ? (events.at(-1)?.seq ?? null) : null };
}

export function verifyChain(p: Platform) {
  return verifyAuditChain(p.db);
}
