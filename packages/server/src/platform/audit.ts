import { createHash } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { Sql } from './db.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** One audited act: who, what, when (added here), from where, outcome. */
export interface AuditEntry {
  userId: string | null;
  role: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  patientId?: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: AuditOutcome;
}

export interface AuditRow {
  seq: number;
  at: Date;
  user_id: string | null;
  role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  patient_id: string | null;
  ip: string | null;
  user_agent: string | null;
  outcome: AuditOutcome;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);
// Serialises audit appends so each row links to the one before it.
const AUDIT_CHAIN_LOCK = 7_406_212;

/** Every column but the hash, in table and hash order. */
const CHAINED_COLUMNS = [
  'seq',
  'at',
  'user_id',
  'role',
  'action',
  'object_type',
  'object_id',
  'patient_id',
  'ip',
  'user_agent',
  'outcome',
  'prev_hash',
] as const satisfies readonly (keyof AuditRow)[];

function chainedValues(row: Omit<AuditRow, 'hash'>): unknown[] {
  return CHAINED_COLUMNS.map((column) => row[column]);
}

/** The row's hash covers every column and the previous row's hash: editing any row breaks the chain after it. */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify(chainedValues(row).map((v) => (v instanceof Date ? v.toISOString() : v)));
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends an audit row inside the caller's transaction, so the audited change and its audit row
 * commit or fail together. User agents are truncated; nothing else is free text.
 */
export async function appendAudit(tx: Sql, clock: Clock, entry: AuditEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const next = await tx.query<{ seq: number }>("SELECT nextval('audit_log_seq') AS seq");
  const row: Omit<AuditRow, 'hash'> = {
    seq: Number(next.rows[0]!.seq),
    // Millisecond precision: what JavaScript dates carry, so the hash recomputes exactly.
    at: new Date(clock.now().getTime()),
    user_id: entry.userId,
    role: entry.role,
    action: entry.action,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId ?? null,
    patient_id: entry.patientId ?? null,
    ip: entry.ip,
    user_agent: entry.userAgent ? entry.userAgent.slice(0, 300) : null,
    outcome: entry.outcome,
    prev_hash: last.rows[0]?.hash ?? GENESIS,
  };
  const hash = hashAuditRow(row);
  const placeholders = [...CHAINED_COLUMNS, 'hash'].map((_, i) => `$${i + 1}`).join(', ');
  await tx.query(`INSERT INTO audit_log (${CHAINED_COLUMNS.join(', ')}, hash) VALUES (${placeholders})`, [
    ...chainedValues(row),
    hash,
  ]);
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

/** Walks the whole chain in seq order, in batches, and reports the first row whose hash or link is wrong. */
export async function verifyAuditChain(db: Sql, batchSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  for (;;) {
    const { rows } = await db.query<AuditRow>(
      `SELECT ${CHAINED_COLUMNS.join(', ')}, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, batchSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const { hash, ...rest } = row;
      if (row.prev_hash !== prev || hashAuditRow({ ...rest, seq }) !== hash) {
        return { ok: false, checked, firstBrokenSeq: seq };
      }
      prev = hash;
      after = seq;
      checked++;
    }
    if (rows.length < batchSize) return { ok: true, checked, firstBrokenSeq: null };
  }
}
