import pg from 'pg';
import type { AuditRow } from '../../src/platform/audit.ts';
import { APP_ROLE, type Sql } from '../../src/platform/db.ts';
import type { TestApp } from '../harness.ts';

/**
 * Runs `fn` with the rights of the database owner, as an operator (or an attacker past the
 * application) would have them. Embedded: the app's single connection leaves its `SET ROLE
 * dermis_app` for the duration and takes it back after. Server: a separate connection that logs in
 * as the role the test database was created by (the cluster's superuser), not as the app role.
 */
export async function asOwner<T>(t: TestApp, fn: (owner: Sql) => Promise<T>): Promise<T> {
  if (t.p.db.kind === 'embedded') {
    await t.p.db.exec('RESET ROLE');
    try {
      return await fn(t.p.db);
    } finally {
      await t.p.db.exec(`SET ROLE ${APP_ROLE}`);
    }
  }
  const client = new pg.Client({ connectionString: t.p.config.databaseUrl! });
  await client.connect();
  try {
    return await fn(clientSql(client));
  } finally {
    await client.end();
  }
}

export function clientSql(client: pg.Client): Sql {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const result = await client.query(text, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(text: string) {
      await client.query(text);
    },
  };
}

export type AuditRowText = AuditRow;

export async function lastAuditSeq(db: Sql): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM audit_log');
  return Number(rows[0]?.seq ?? 0);
}

export async function auditRowsAfter(db: Sql, seq: number): Promise<AuditRowText[]> {
  const { rows } = await db.query<AuditRowText>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq', [seq]);
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
