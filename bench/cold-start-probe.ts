/**
 * Where cold-start time goes, measured inside one process (child of bench/cold-start.ts): module
 * loading (the generated Prisma client, the service, the adapters), PGlite start on a fresh data
 * directory (WebAssembly compile + initdb) and on an existing one, and migrations. Prints one JSON
 * line of phase timings in ms; `sinceSpawnMs` values are from process start (performance.timeOrigin).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const phases: Record<string, number> = {};
const now = () => performance.now();
const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = now();
  const r = await fn();
  phases[name] = Math.round(now() - t0);
  return r;
};
phases.entered = Math.round(now());
await time('importPrismaClient', () => import('../src/generated/prisma/client.ts'));
await time('importService', () => import('../src/app/service.ts'));
await time('importAdapters', () => import('../adapters/index.ts'));
phases.modulesLoaded = Math.round(now());

const { openDatabase } = await import('../src/infra/db/database.ts');
const { applyMigrations, readMigrations } = await import('../src/infra/db/migrate.ts');
const { PGlite } = await import('@electric-sql/pglite');
const dir = await mkdtemp(path.join(os.tmpdir(), 'stafett-probe-'));
try {
  const fresh = await time('pgliteFreshDir', async () => {
    const p = new PGlite(path.join(dir, 'a'));
    await p.waitReady;
    return p;
  });
  await fresh.close();
  const again = await time('pgliteExistingDir', async () => {
    const p = new PGlite(path.join(dir, 'a'));
    await p.waitReady;
    return p;
  });
  await again.close();
  const mem = await time('pgliteInMemory', async () => {
    const p = new PGlite();
    await p.waitReady;
    return p;
  });
  await mem.close();
  const db = await time('openDatabasePglite', () => openDatabase({ dataDir: path.join(dir, 'b') }));
  const migrations = await readMigrations();
  await time('migratePgliteFresh', () => db.withConnection((c) => applyMigrations(c, migrations)));
  await time('migratePgliteUpToDate', () => db.withConnection((c) => applyMigrations(c, migrations)));
  await db.close();
  if (process.env.PROBE_DATABASE_URL) {
    const pgdb = await time('openDatabasePostgres', () => openDatabase({ databaseUrl: process.env.PROBE_DATABASE_URL, dataDir: dir }));
    await time('migratePostgresFresh', () => pgdb.withConnection((c) => applyMigrations(c, migrations)));
    await time('migratePostgresUpToDate', () => pgdb.withConnection((c) => applyMigrations(c, migrations)));
    await pgdb.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ probe: true, ...phases }));
process.exit(0);
