import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditRow, verifyAuditChain } from '../../src/platform/audit.ts';
import { openEmbedded, type Sql } from '../../src/platform/db.ts';
import { startTestApp, type TestApp } from '../harness.ts';
import { createTestDatabase, serverUrl } from '../test-database.ts';
import { type AuditRowText, asOwner, auditRowsAfter, clientSql } from './database-owner.ts';

// The audit log's defences (issue 3, "Audit"): the application's role cannot rewrite history, the
// owner is stopped by the trigger, and anything that gets past both is found by the hash chain,
// through the function, the API and the `dermis audit verify` command.

let t: TestApp;
let auditor: ReturnType<TestApp['client']>;
beforeAll(async () => {
  t = await startTestApp();
  auditor = t.client({ ip: '192.0.2.150' });
  await auditor.signInAs(t.clock, 'auditor');
  // Some history to tamper with: sign-ins, failures, a sign-out.
  for (const role of ['dermatologist', 'admin', 'patient']) {
    const c = t.client({ ip: '192.0.2.151' });
    await c.signInAs(t.clock, role);
    await c.post('/api/auth/logout');
  }
  await t.client({ ip: '192.0.2.152' }).login('nobody@demo.dermis.test', 'wrong');
});
afterAll(async () => {
  await t?.close();
});

const allRows = (db: Sql) => auditRowsAfter(db, 0);
const middleOf = (rows: AuditRowText[]) => rows[Math.floor(rows.length / 2)]!;

async function withTriggerOff(owner: Sql, fn: () => Promise<void>) {
  await owner.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
  try {
    await fn();
  } finally {
    await owner.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
  }
}

async function insertRow(db: Sql, row: AuditRowText) {
  await db.query(
    `INSERT INTO audit_log (seq, at, user_id, role, action, object_type, object_id, patient_id, ip, user_agent, outcome, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.seq,
      row.at,
      row.user_id,
      row.role,
      row.action,
      row.object_type,
      row.object_id,
      row.patient_id,
      row.ip,
      row.user_agent,
      row.outcome,
      row.prev_hash,
      row.hash,
    ],
  );
}

describe('the application role cannot rewrite the audit log', () => {
  it('the app connection really acts as dermis_app', async () => {
    const { rows } = await t.p.db.query<{ who: string }>('SELECT current_user AS who');
    expect(rows[0]!.who).toBe('dermis_app');
  });

  it.each([
    ['UPDATE one row', "UPDATE audit_log SET outcome = 'success' WHERE seq = $1", /permission denied/],
    ['DELETE one row', 'DELETE FROM audit_log WHERE seq = $1', /permission denied/],
    ['DELETE every row', 'DELETE FROM audit_log WHERE seq >= $1', /permission denied/],
    ['TRUNCATE the table', 'TRUNCATE audit_log', /permission denied/],
    ['switch the trigger off', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete', /must be owner/],
    ['drop the trigger', 'DROP TRIGGER audit_log_no_update_delete ON audit_log', /must be owner/],
    ['skip triggers for the session', 'SET session_replication_role = replica', /permission denied/],
  ])('%s: refused, and the log is unchanged', async (_name, sql, message) => {
    const before = await allRows(t.p.db);
    const params = sql.includes('$1') ? [middleOf(before).seq] : [];
    await expect(t.p.db.query(sql, params)).rejects.toThrow(message);
    expect(await allRows(t.p.db)).toEqual(before);
    expect((await verifyAuditChain(t.p.db)).ok).toBe(true);
  });

  it.each([
    ['UPDATE one row', "UPDATE audit_log SET outcome = 'success' WHERE seq = $1"],
    ['DELETE one row', 'DELETE FROM audit_log WHERE seq = $1'],
    ['TRUNCATE the table', 'TRUNCATE audit_log'],
  ])('even the owner is stopped by the append-only trigger: %s', async (_name, sql) => {
    const before = await allRows(t.p.db);
    const params = sql.includes('$1') ? [middleOf(before).seq] : [];
    await asOwner(t, async (owner) => {
      await expect(owner.query(sql, params)).rejects.toThrow(/audit_log is append-only/);
    });
    expect(await allRows(t.p.db)).toEqual(before);
  });
});

describe('a broken hash chain is detected', () => {
  async function expectBrokenAt(seq: number) {
    expect(await verifyAuditChain(t.p.db)).toMatchObject({ ok: false, firstBrokenSeq: seq });
    const response = await auditor.get('/api/audit/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, firstBrokenSeq: seq });
  }

  async function expectIntact() {
    expect(await verifyAuditChain(t.p.db)).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBrokenSeq: null });
  }

  it('the log starts intact', async () => {
    await expectIntact();
  });

  it('a row edited in the middle (trigger switched off by the owner) is the first broken row', async () => {
    const target = middleOf(await allRows(t.p.db));
    await asOwner(t, (owner) =>
      withTriggerOff(owner, async () => {
        await owner.query("UPDATE audit_log SET outcome = 'success', ip = '10.0.0.1' WHERE seq = $1", [target.seq]);
      }),
    );
    await expectBrokenAt(target.seq);
    // Put it back: the same check passes again, so it was that edit it found.
    await asOwner(t, (owner) =>
      withTriggerOff(owner, async () => {
        await owner.query('UPDATE audit_log SET outcome = $2, ip = $3 WHERE seq = $1', [
          target.seq,
          target.outcome,
          target.ip,
        ]);
      }),
    );
    await expectIntact();
  });

  it("a row edited with its own hash recomputed breaks the next row's link", async () => {
    const rows = await allRows(t.p.db);
    const index = Math.floor(rows.length / 2);
    const target = rows[index]!;
    const { hash: _original, ...unhashed } = target;
    const forgedHash = hashAuditRow({ ...unhashed, user_id: null, role: null, outcome: 'success' });
    await asOwner(t, (owner) =>
      withTriggerOff(owner, async () => {
        await owner.query('UPDATE audit_log SET user_id = NULL, role = NULL, outcome = $2, hash = $3 WHERE seq = $1', [
          target.seq,
          'success',
          forgedHash,
        ]);
      }),
    );
    await expectBrokenAt(rows[index + 1]!.seq);
    await asOwner(t, (owner) =>
      withTriggerOff(owner, async () => {
        await owner.query('UPDATE audit_log SET user_id = $2, role = $3, outcome = $4, hash = $5 WHERE seq = $1', [
          target.seq,
          target.user_id,
          target.role,
          target.outcome,
          target.hash,
        ]);
      }),
    );
    await expectIntact();
  });

  it('a row deleted from the middle is found at the row after the gap', async () => {
    const rows = await allRows(t.p.db);
    const index = Math.floor(rows.length / 2);
    const target = rows[index]!;
    await asOwner(t, (owner) =>
      withTriggerOff(owner, async () => {
        await owner.query('DELETE FROM audit_log WHERE seq = $1', [target.seq]);
      }),
    );
    await expectBrokenAt(rows[index + 1]!.seq);
    await asOwner(t, (owner) => insertRow(owner, target));
    await expectIntact();
  });

  it('a row the app role slips in with a made-up link is found (INSERT is allowed, forging is not)', async () => {
    const rows = await allRows(t.p.db);
    const last = rows.at(-1)!;
    const fake: AuditRowText = {
      ...last,
      seq: last.seq + 1000,
      action: 'auth.login',
      outcome: 'success',
      prev_hash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    };
    await insertRow(t.p.db, fake);
    // The verify request itself appends after the fake; the fake is still the first broken row.
    await expectBrokenAt(fake.seq);
  });
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const DERMIS_BIN = path.resolve(import.meta.dirname, '../../bin/dermis.js');

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DERMIS_BIN, ...args],
      { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A database for the CLI: a fresh one on the PostgreSQL server, or an embedded data folder. */
async function cliDatabase() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-cli-'));
  const masterKey = randomBytes(32).toString('base64');
  if (serverUrl) {
    const database = await createTestDatabase();
    return {
      env: { DATABASE_URL: database.url!, DERMIS_DATA_DIR: dataDir, DERMIS_MASTER_KEY: masterKey },
      async asOwner(fn: (owner: Sql) => Promise<void>) {
        const client = new pg.Client({ connectionString: database.url! });
        await client.connect();
        try {
          await fn(clientSql(client));
        } finally {
          await client.end();
        }
      },
      async drop() {
        await database.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    env: { DATABASE_URL: '', DERMIS_DATA_DIR: dataDir, DERMIS_MASTER_KEY: masterKey },
    // The CLI has exited, so its data folder is free; this connection is the owner (no SET ROLE).
    async asOwner(fn: (owner: Sql) => Promise<void>) {
      const db = await openEmbedded(dataDir);
      try {
        await fn(db);
      } finally {
        await db.close();
      }
    },
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('dermis audit verify (the real command)', () => {
  it('exits 0 on an intact log, and 1 naming the first broken seq after a row is edited', {
    timeout: 120_000,
  }, async () => {
    const target = await cliDatabase();
    try {
      expect((await runCli(['migrate'], target.env)).code).toBe(0);
      const seeded = await runCli(['seed-demo'], target.env);
      expect(seeded.code, seeded.stderr).toBe(0);

      const intact = await runCli(['audit', 'verify'], target.env);
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/Audit log intact: \d+ rows verified/);

      let brokenSeq = 0;
      await target.asOwner(async (owner) => {
        const rows = await allRows(owner);
        expect(rows.length).toBeGreaterThan(3);
        brokenSeq = middleOf(rows).seq;
        await withTriggerOff(owner, async () => {
          await owner.query("UPDATE audit_log SET action = 'auth.logout' WHERE seq = $1", [brokenSeq]);
        });
      });
      const broken = await runCli(['audit', 'verify'], target.env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`BROKEN at seq ${brokenSeq} `);
    } finally {
      await target.drop();
    }
  });
});
