/**
 * Applies the committed SQL migrations in prisma/migrations, offline, on PGlite and PostgreSQL.
 * Records them in Prisma's own `_prisma_migrations` table (same columns and checksums) so the
 * Prisma CLI sees the same history. A PostgreSQL advisory lock makes concurrent starts safe:
 * the second instance waits, then finds nothing left to do.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The minimal SQL surface the runner needs from a single connection. */
export interface SqlConnection {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export const defaultMigrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

/** Key for pg_advisory_lock: stable across versions so old and new instances exclude each other. */
const LOCK_KEY = 72707301;

/** Thrown when the database history does not match the migration files (edited or failed). */
export class MigrationError extends Error {
  readonly code = 'DB.MIGRATION_FAILED';
}

/** Reads migration directories in name order. */
export async function readMigrations(dir = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    entries.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Applies every migration not yet recorded, each in its own transaction. Idempotent. */
export async function applyMigrations(conn: SqlConnection, migrations: MigrationFile[]): Promise<MigrateResult> {
  await conn.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await conn.exec(HISTORY_TABLE);
    const rows = await conn.query(
      'SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL',
    );
    const done = new Map(rows.map((r) => [String(r.migration_name), r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (!prior.finished_at) {
          throw new MigrationError(`Migration ${m.name} was started but never finished; inspect the database before retrying.`);
        }
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(`Migration ${m.name} was changed after it was applied (checksum mismatch). Add a new migration instead.`);
        }
        continue;
      }
      await conn.exec('BEGIN');
      try {
        await conn.exec(m.sql);
        await conn.query(
          'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count") VALUES ($1, $2, $3, now(), 1)',
          [randomUUID(), m.checksum, m.name],
        );
        await conn.exec('COMMIT');
      } catch (e) {
        await conn.exec('ROLLBACK').catch(() => {});
        throw new MigrationError(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
  }
}
