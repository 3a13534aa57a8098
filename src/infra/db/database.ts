/**
 * Opens the database: embedded PGlite in the data directory by default, a PostgreSQL server when
 * DATABASE_URL is set. Both are reached through Prisma 7 driver adapters; raw SQL (migrations,
 * SKIP LOCKED claiming) goes through the same connection pool.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { pgliteTemplate } from './pglite-template.ts';
import { PrismaClient } from '../../generated/prisma/client.ts';
import type { SqlConnection } from './migrate.ts';
import { registerDirectPool, statementName } from './fast-sql.ts';

export type { PrismaClient };
export type Prisma = InstanceType<typeof PrismaClient>;

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: Prisma;
  /** A dedicated connection for migrations and advisory locks; released by `close`. */
  withConnection<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
  /** Where PGlite keeps its files (undefined for a server or in-memory). */
  dataPath?: string;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for embedded PGlite; `memory://` for an in-memory database (tests). */
  dataDir: string;
  poolSize?: number;
  /** How long a transaction waits for a connection before giving up (requests queue meanwhile). */
  txMaxWaitMs?: number;
  /** How long one interactive transaction may run. */
  txTimeoutMs?: number;
}

/** Thrown when the embedded data directory is already used by another live process. */
export class DataDirLockedError extends Error {
  readonly code = 'DB.DATA_DIR_LOCKED';
}

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dir, 'stafett.pid');
  try {
    const pid = Number((await readFile(lockFile, 'utf8')).trim());
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by process ${pid}. Stop that process, or set DATABASE_URL to share a PostgreSQL server between instances.`,
        );
      } catch (e) {
        if (e instanceof DataDirLockedError) throw e;
        // ESRCH: a stale lock from a process that died; take it over.
      }
    }
  } catch (e) {
    if (e instanceof DataDirLockedError) throw e;
  }
  await writeFile(lockFile, String(process.pid));
  return async () => {
    await rm(lockFile, { force: true });
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

/** Opens the configured database. Does not migrate; call `migrate()` next. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const tx = { maxWait: opts.txMaxWaitMs ?? 10_000, timeout: opts.txTimeoutMs ?? 15_000 };
  if (opts.databaseUrl) return openServer(opts.databaseUrl, opts.poolSize ?? 10, tx);
  return openEmbedded(opts.dataDir, tx);
}

async function openEmbedded(dataDir: string, tx: { maxWait: number; timeout: number }): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let unlock = async () => {};
  let dataPath: string | undefined;
  if (!inMemory) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
    dataPath = path.join(dataDir, 'pgdata');
  }
  // Loaded only for the embedded database: PGlite's module alone costs about 50 MB of memory.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  // A new database starts from the template initialised at install, instead of initdb.
  const fresh = inMemory || !existsSync(path.join(dataPath!, 'PG_VERSION'));
  const template = fresh ? await pgliteTemplate() : undefined;
  const pglite = template
    ? (inMemory ? new PGlite({ loadDataDir: template }) : new PGlite(dataPath, { loadDataDir: template }))
    : new PGlite(inMemory ? undefined : dataPath);
  await pglite.waitReady;
  // One connection: every transaction queues behind the one running; wait as long as configured.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: tx });
  // PGlite is a single connection: serialise raw work with Prisma's own use of it.
  const conn: SqlConnection = {
    query: async (sql, params) => (await pglite.query(sql, params as unknown[] | undefined)).rows as Record<string, unknown>[],
    exec: async (sql) => { await pglite.exec(sql); },
  };
  let closed = false;
  return {
    kind: 'pglite',
    prisma,
    dataPath,
    withConnection: (fn) => fn(conn),
    ping: async (timeoutMs = 2000) => {
      if (closed) return false;
      try { await withTimeout(pglite.query('SELECT 1'), timeoutMs); return true; } catch { return false; }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pglite.close();
      await unlock();
    },
  };
}

async function openServer(url: string, poolSize: number, tx: { maxWait: number; timeout: number }): Promise<Database> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  // When every connection is busy a request queues for one (up to maxWait) instead of failing.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: tx.maxWait });
  // An idle client losing its server (restart) must not crash the process.
  pool.on('error', () => {});
  // Prisma's statements are prepared per connection too (a text's second use names it): parse
  // and plan once, not on every request (fast-sql.ts, statementName).
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: (q) => statementName(q.sql) as string }), transactionOptions: tx });
  registerDirectPool(prisma, pool, pg.types);
  let closed = false;
  return {
    kind: 'postgres',
    prisma,
    withConnection: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows,
          exec: async (sql) => { await client.query(sql); },
        });
      } finally {
        client.release();
      }
    },
    ping: async (timeoutMs = 2000) => {
      if (closed) return false;
      try { await withTimeout(pool.query('SELECT 1'), timeoutMs); return true; } catch { return false; }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
