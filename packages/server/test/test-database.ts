import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Tests run on the embedded database by default and on a PostgreSQL server when DATABASE_URL is
 * set; on a server each test file gets a database of its own, dropped afterwards.
 */
export const serverUrl = process.env.DATABASE_URL || null;

export async function createTestDatabase(): Promise<{ url: string | null; drop(): Promise<void> }> {
  if (!serverUrl) return { url: null, drop: async () => {} };
  const name = `dermis_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
