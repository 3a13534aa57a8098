/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (CI runs the suite both ways).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../../src/infra/db/migrate.ts';

export const serverUrl = process.env.DATABASE_URL || undefined;
export const dbKind: 'pglite' | 'postgres' = serverUrl ? 'postgres' : 'pglite';

/** Creates an empty database on the server and returns its URL. */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `stafett_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestDatabase {
  db: Database;
  /** Server URL of this database (postgres runs only). */
  url?: string;
  close(): Promise<void>;
}

/** Opens a fresh migrated database of the suite's kind. */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let url: string | undefined;
  let drop = async () => {};
  if (serverUrl) {
    const created = await createServerDatabase();
    url = created.url;
    drop = created.drop;
  }
  const db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
  if (opts.migrate !== false) await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
  return {
    db,
    url,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}
