import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations, MigrationError } from '../../src/infra/db/migrate.ts';
import { openDatabase } from '../../src/infra/db/database.ts';
import { createServerDatabase, createTestDatabase, dbKind, serverUrl, type TestDatabase } from '../support/db.ts';

describe(`migrations (${dbKind})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t.close());

  it('applies every committed migration once and is idempotent', async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    const first = await t.db.withConnection((c) => applyMigrations(c, migrations));
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = await t.db.withConnection((c) => applyMigrations(c, migrations));
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(migrations.length);
    const rows = await t.db.withConnection((c) => c.query('SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name'));
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(migrations.map((m) => m.checksum));
  });

  it('refuses a migration edited after it was applied', async () => {
    const migrations = await readMigrations();
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'x'.repeat(64) } : m));
    await expect(t.db.withConnection((c) => applyMigrations(c, edited))).rejects.toBeInstanceOf(MigrationError);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const migrations = await readMigrations();
    const bad = { name: '99999999999999_bad', sql: 'CREATE TABLE "half_done" (id int); SELECT * FROM "no_such_table";', checksum: 'b'.repeat(64) };
    await expect(t.db.withConnection((c) => applyMigrations(c, [...migrations, bad]))).rejects.toThrow(/99999999999999_bad failed/);
    const tables = await t.db.withConnection((c) => c.query(`SELECT to_regclass('public.half_done') AS t`));
    expect(tables[0]?.t).toBeNull();
    const recorded = await t.db.withConnection((c) => c.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_bad'`));
    expect(recorded).toHaveLength(0);
  });

  it('makes the audit trail append-only at the database level', async () => {
    const p = t.db.prisma;
    const e = await p.auditEvent.create({ data: { platform: 'SYSTEM', action: 'test.write' } });
    await expect(p.auditEvent.update({ where: { id: e.id }, data: { action: 'tampered' } })).rejects.toThrow();
    await expect(p.auditEvent.delete({ where: { id: e.id } })).rejects.toThrow();
    await expect(p.auditEvent.deleteMany({})).rejects.toThrow();
    const still = await p.auditEvent.findUnique({ where: { id: e.id } });
    expect(still?.action).toBe('test.write');
  });
});

describe.runIf(serverUrl)('migrations: concurrent starts on one PostgreSQL server', () => {
  it('two runners at once apply each migration exactly once', async () => {
    const created = await createServerDatabase();
    const a = await openDatabase({ databaseUrl: created.url, dataDir: 'memory://' });
    const b = await openDatabase({ databaseUrl: created.url, dataDir: 'memory://' });
    try {
      const migrations = await readMigrations();
      const [ra, rb] = await Promise.all([
        a.withConnection((c) => applyMigrations(c, migrations)),
        b.withConnection((c) => applyMigrations(c, migrations)),
      ]);
      expect([...ra.applied, ...rb.applied].sort()).toEqual(migrations.map((m) => m.name).sort());
      const rows = await a.withConnection((c) => c.query('SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1'));
      expect(rows).toHaveLength(migrations.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await created.drop();
    }
  });
});
