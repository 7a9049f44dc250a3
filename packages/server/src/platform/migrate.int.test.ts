import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, serverUrl } from '../../test/test-database.ts';
import { type Database, openEmbedded, openMigratedDatabase, openServer } from './db.ts';
import { MigrationError, migrate } from './migrate.ts';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');
const FILES = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

// Everything opened in a test is closed and dropped after it, even when it fails.
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh, empty database of this run's kind, opened as its owner (the role that migrates). */
async function freshDatabase(): Promise<{ url: string | null; open(): Promise<Database> }> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  let embedded: Promise<Database> | null = null;
  return {
    url: database.url,
    async open() {
      // Embedded allows one connection: every open() is the same in-memory database.
      if (!database.url) {
        embedded ??= openEmbedded(null).then((db) => {
          cleanups.push(() => db.close());
          return db;
        });
        return embedded;
      }
      const db = await openServer(database.url, { max: 1 });
      cleanups.push(() => db.close());
      return db;
    },
  };
}

async function appliedMigrations(db: Database) {
  const { rows } = await db.query<{ name: string; sha256: string }>(
    'SELECT name, sha256 FROM schema_migrations ORDER BY name',
  );
  return rows;
}

describe('migrate', () => {
  it('applies every file once on a fresh database, and nothing on the second run', async () => {
    const db = await (await freshDatabase()).open();
    expect(await migrate(db)).toEqual(FILES);
    expect(await migrate(db)).toEqual([]);

    const sha = (file: string) =>
      createHash('sha256')
        .update(fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'))
        .digest('hex');
    expect(await appliedMigrations(db)).toEqual(FILES.map((name) => ({ name, sha256: sha(name) })));
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['users', 'sessions', 'password_tokens', 'audit_log', 'outbox', 'schema_migrations']),
    );
  });

  it('lets several processes start at once: each file is applied exactly once and none fails', async () => {
    const database = await freshDatabase();
    // On PostgreSQL: three connections, as three API nodes starting together.
    const connections = await Promise.all([database.open(), database.open(), database.open()]);
    const results = await Promise.all(connections.map((db) => migrate(db)));
    expect(results.flat().sort()).toEqual(FILES);
    expect(await appliedMigrations(connections[0]!)).toHaveLength(FILES.length);
  });

  it('refuses a file that was changed after it was applied, and the app does not start', async () => {
    const database = await freshDatabase();
    const db = await database.open();
    await migrate(db);
    // As if 0001 had been edited after it landed: the stored hash no longer matches the file.
    await db.query('UPDATE schema_migrations SET sha256 = $2 WHERE name = $1', [FILES[0], 'f'.repeat(64)]);

    const refused = migrate(db);
    await expect(refused).rejects.toBeInstanceOf(MigrationError);
    await expect(refused).rejects.toThrow(`Migration ${FILES[0]} was changed after it was applied`);
    expect((await appliedMigrations(db))[0]!.sha256).toBe('f'.repeat(64));

    if (database.url) {
      await expect(openMigratedDatabase({ databaseUrl: database.url, dataDir: null }, migrate)).rejects.toThrow(
        MigrationError,
      );
    }
  });

  it('in embedded mode, a refused migration releases the data folder for the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-migrate-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await openEmbedded(dataDir);
    await migrate(first);
    await first.query('UPDATE schema_migrations SET sha256 = $2 WHERE name = $1', [FILES[1], '0'.repeat(64)]);
    await first.close();

    await expect(openMigratedDatabase({ databaseUrl: null, dataDir }, migrate)).rejects.toThrow(MigrationError);
    expect(fs.existsSync(path.join(dataDir, 'db.lock'))).toBe(false);
    const again = await openEmbedded(dataDir);
    expect((await appliedMigrations(again)).map((r) => r.name)).toEqual(FILES);
    await again.close();
  });
});

describe('first migrations of several databases at once', () => {
  /**
   * On PostgreSQL the application role belongs to the whole server while the migration lock covers
   * one database, so this needs a server where the role does not exist yet: a throwaway cluster of
   * its own (the CI script's), as CI has on its first run. Embedded: several data folders at once.
   */
  it('all succeed, on a server that has never seen Dermis', async () => {
    const urls: (string | null)[] = [];
    if (serverUrl) {
      const out = execFileSync(path.join(REPO_ROOT, '.ci/pg-cluster.sh'), ['start'], { encoding: 'utf8' });
      const clusterDir = /^PG_CLUSTER_DIR=(.*)$/m.exec(out)![1]!;
      cleanups.push(() => execFileSync(path.join(REPO_ROOT, '.ci/pg-cluster.sh'), ['stop', clusterDir]));
      const clusterUrl = /^DATABASE_URL=(.*)$/m.exec(out)![1]!;
      const admin = new pg.Client({ connectionString: clusterUrl });
      await admin.connect();
      const { rows } = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = 'dermis_app'");
      expect(rows).toHaveLength(0);
      for (let i = 0; i < 8; i++) {
        await admin.query(`CREATE DATABASE dermis_first_${i}`);
        const url = new URL(clusterUrl);
        url.pathname = `/dermis_first_${i}`;
        urls.push(url.toString());
      }
      await admin.end();
    } else {
      for (let i = 0; i < 2; i++) urls.push(null);
    }

    const results = await Promise.allSettled(
      urls.map(async (url) => {
        const dataDir = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-first-'));
        if (dataDir) cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
        const db = url ? await openServer(url, { max: 1 }) : await openEmbedded(dataDir);
        try {
          return await migrate(db);
        } finally {
          await db.close();
        }
      }),
    );
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual(urls.map(() => FILES));
  });
});
