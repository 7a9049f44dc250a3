import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROLE, type Database } from './db.ts';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');
// Any constant: serialises concurrent `migrate` runs (several API nodes starting at once).
const MIGRATION_LOCK = 7_406_211;

export class MigrationError extends Error {}

// The application role belongs to the whole server, but the migration lock serialises one database only:
// several fresh databases migrating at once (CI, parallel test files) would race to create it.
const ENSURE_APP_ROLE = `DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$`;

/**
 * Applies the numbered SQL files in order, each once. Safe to run twice and from several processes
 * at once. A file changed after it was applied is refused: migrations are never edited after they land.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  await db.exec(ENSURE_APP_ROLE);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM schema_migrations');
    const applied = new Map(rows.map((r) => [r.name, r.sha256]));
    const ran: string[] = [];
    for (const file of files) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const sha256 = createHash('sha256').update(sql).digest('hex');
      const known = applied.get(file);
      if (known) {
        if (known !== sha256) throw new MigrationError(`Migration ${file} was changed after it was applied`);
        continue;
      }
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name, sha256) VALUES ($1, $2)', [file, sha256]);
      ran.push(file);
    }
    return ran;
  });
}
