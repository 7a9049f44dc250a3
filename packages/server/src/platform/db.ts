import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * PostgreSQL is the system of record: embedded PGlite in a data folder on a laptop, a PostgreSQL
 * server (DATABASE_URL) in production and CI. Both behind this one small interface, one dialect.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'embedded' | 'postgres';
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const OID_INT8 = 20;
const OID_DATE = 1082;
// int8 as number (our counters stay far below 2^53); dates stay 'YYYY-MM-DD' strings, never local-time Dates.
const parseInt8 = (v: string) => Number(v);
const keepText = (v: string) => v;

export class DatabaseInUseError extends Error {}

class EmbeddedDatabase implements Database {
  readonly kind = 'embedded' as const;
  constructor(
    private readonly pglite: PGlite,
    private readonly release: () => void,
  ) {}

  async query<R>(text: string, params: unknown[] = []) {
    const result = await this.pglite.query<R>(text, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async exec(text: string) {
    await this.pglite.exec(text);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (tx) =>
      fn({
        query: async <R>(text: string, params: unknown[] = []) => {
          const result = await tx.query<R>(text, params);
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
        },
        exec: async (text: string) => {
          await tx.exec(text);
        },
      }),
    );
  }

  async close() {
    await this.pglite.close();
    this.release();
  }
}

class ServerDatabase implements Database {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<R>(text: string, params: unknown[] = []) {
    const result = await this.pool.query(text, params);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  async exec(text: string) {
    await this.pool.query(text);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(text: string, params: unknown[] = []) => {
          const r = await client.query(text, params);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        exec: async (text: string) => {
          await client.query(text);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close() {
    await this.pool.end();
  }
}

/**
 * Only one process may open an embedded data folder: PGlite has no locking of its own and two
 * writers would corrupt it. A stale lock (its process is gone) is taken over.
 */
function lockDataFolder(dir: string): () => void {
  const lockFile = path.join(dir, 'db.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseInUseError(
          `The embedded database in ${dir} is in use by process ${pid}. Stop it first, or use a PostgreSQL server (DATABASE_URL).`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `dataDir: null` gives an in-memory embedded database (tests). */
export async function openEmbedded(dataDir: string | null): Promise<Database> {
  let release = () => {};
  let location: string | undefined;
  if (dataDir) {
    location = path.join(dataDir, 'pgdata');
    fs.mkdirSync(location, { recursive: true, mode: 0o700 });
    release = lockDataFolder(dataDir);
  }
  try {
    const pglite = await PGlite.create(location, { parsers: { [OID_INT8]: parseInt8, [OID_DATE]: keepText } });
    return new EmbeddedDatabase(pglite, release);
  } catch (error) {
    release();
    throw error;
  }
}

export async function openServer(
  databaseUrl: string,
  options: { max?: number; role?: string } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    // Every connection acts as the application role (no UPDATE/DELETE on the audit log).
    ...(options.role ? { options: `-c role=${options.role}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === OID_INT8) return parseInt8;
        if (oid === OID_DATE) return keepText;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new ServerDatabase(pool);
  await db.query('SELECT 1');
  return db;
}

export const APP_ROLE = 'dermis_app';

/**
 * Opens the database, applies migrations as the connecting (owner) role, then hands back a
 * connection that acts as the application role, where the login role is allowed to assume it.
 */
export async function openMigratedDatabase(
  config: { databaseUrl: string | null; dataDir: string | null },
  migrate: (db: Database) => Promise<unknown>,
): Promise<Database> {
  if (!config.databaseUrl) {
    const db = await openEmbedded(config.dataDir);
    try {
      await migrate(db);
      await db.exec(`SET ROLE ${APP_ROLE}`);
    } catch (error) {
      await db.close();
      throw error;
    }
    return db;
  }
  const owner = await openServer(config.databaseUrl, { max: 1 });
  let canAssume = false;
  try {
    await migrate(owner);
    const { rows } = await owner.query<{ ok: boolean }>(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS ok`, [
      APP_ROLE,
    ]);
    canAssume = rows[0]?.ok === true;
  } finally {
    await owner.close();
  }
  return openServer(config.databaseUrl, canAssume ? { role: APP_ROLE } : {});
}
