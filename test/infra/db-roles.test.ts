/**
 * The audit trail cannot be rewritten by the service's own database role (issue 12 item 11).
 * A deployment that ran with one URL is converted with the one-time set-up (`npm run db:roles`
 * SQL); the owner role migrates; the service role then works normally — and may INSERT and
 * SELECT audit rows but not UPDATE, DELETE, TRUNCATE, ALTER, DISABLE TRIGGER or DROP.
 *
 * PostgreSQL only: PGlite is one embedded single-user database with no logins, so there is no
 * second role to restrict (local mode keeps the triggers and says so at start).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { getAuditTrail } from '../../src/cases/case-query.service.ts';
import { openDatabase, type Database } from '../../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../../src/infra/db/migrate.ts';
import { migrateAsOwner, roleSetupFromUrls, roleSetupSql } from '../../src/infra/db/roles.ts';
import { applyOrganisation, resolveActor } from '../../src/orgs/org.service.ts';
import { demoOrganisation } from '../../src/orgs/demo-organisation.ts';
import { PlaybookRegistry } from '../../src/playbooks/index.ts';
import { FakeClock } from '../../src/shared/clock.ts';
import { FieldCipher, generateKeySpec, parseKeys } from '../../src/shared/crypto.ts';
import type { ServiceDeps } from '../../src/shared/deps.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createServerDatabase, serverUrl } from '../support/db.ts';
import { loadConfig } from '../../src/app/config.ts';
import { startService } from '../../src/app/service.ts';

/** The data written below and the services started on it share one key (src/infra/key-check.ts). */
const KEY = generateKeySpec('t');
import { outboxNotifyPerson } from '../../src/notices/notice-outbox.ts';

const withRole = (base: string, role: string, db: string) => {
  const u = new URL(base);
  u.username = role;
  u.password = '';
  u.pathname = `/${db}`;
  return u.toString();
};

describe.skipIf(!serverUrl)('database roles: the service role cannot rewrite the audit trail (PostgreSQL only; PGlite has no second role)', () => {
  const tag = randomBytes(4).toString('hex');
  const owner = `stafett_owner_${tag}`;
  const service = `stafett_app_${tag}`;
  const dbName = `stafett_roles_${tag}`;
  let adminUrl: string;
  let serviceUrl: string;
  let migrationUrl: string;
  let db: Database | undefined;
  let svc: pg.Client | undefined;

  const admin = async <T>(fn: (c: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> => {
    const c = new pg.Client({ connectionString: withRole(serverUrl!, new URL(serverUrl!).username || 'postgres', database) });
    await c.connect();
    try { return await fn(c); } finally { await c.end(); }
  };

  beforeAll(async () => {
    adminUrl = serverUrl!;
    serviceUrl = withRole(adminUrl, service, dbName);
    migrationUrl = withRole(adminUrl, owner, dbName);
    // Today's single-URL deployment: the service role created the tables and owns them.
    await admin(async (c) => {
      await c.query(`CREATE ROLE "${service}" LOGIN`);
      await c.query(`CREATE DATABASE "${dbName}" OWNER "${service}"`);
    });
    const single = await openDatabase({ databaseUrl: serviceUrl, dataDir: 'memory://', poolSize: 2 });
    await single.withConnection(async (c) => applyMigrations(c, (await readMigrations()).slice(0, 2)));
    await single.prisma.auditEvent.create({ data: { platform: 'SYSTEM', action: 'before.roles' } });
    await single.close();
    // The one-time set-up (what `npm run db:roles` runs), then the owner migrates the rest.
    const statements = roleSetupSql(roleSetupFromUrls(migrationUrl, serviceUrl));
    await admin(async (c) => { for (const s of statements) await c.query(s); }, dbName);
    // Idempotent: a second run changes nothing and does not fail.
    await admin(async (c) => { for (const s of statements) await c.query(s); }, dbName);
    const r = await migrateAsOwner(migrationUrl, serviceUrl, await readMigrations());
    expect(r.applied.length).toBeGreaterThan(0);
    expect([r.owner, r.service]).toEqual([owner, service]);
    db = await openDatabase({ databaseUrl: serviceUrl, dataDir: 'memory://', poolSize: 2 });
    svc = new pg.Client({ connectionString: serviceUrl });
    await svc.connect();
  });

  afterAll(async () => {
    await svc?.end().catch(() => {});
    await db?.close().catch(() => {});
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      for (const role of [service, owner]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  });

  it('the service works as before through the service role: cases, audit events, the audit view', async () => {
    await applyOrganisation(db!.prisma, demoOrganisation);
    const base = { prisma: db!.prisma, clock: new FakeClock(new Date('2026-11-23T08:00:00+01:00')), cipher: new FieldCipher(parseKeys(KEY)), playbooks: new PlaybookRegistry(), log: createLogger('silent') };
    const deps: ServiceDeps = { ...base, notifyPerson: outboxNotifyPerson(base) };
    const maria = await resolveActor(db!.prisma, { platform: 'CONSOLE', userId: 'maria' });
    const { code } = await openCase(deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev Ett', firstRole: 'mentor' });
    const trail = await getAuditTrail(deps, maria, code);
    expect(trail.events.map((e) => e.action)).toContain('case.open');
    const rows = await svc!.query('SELECT count(*)::int AS n FROM "AuditEvent"');
    expect(rows.rows[0].n).toBeGreaterThanOrEqual(3);
    // Re-planning's read function runs as the service role.
    const kase = await svc!.query('SELECT "id" FROM "Case" WHERE "code" = $1', [code]);
    const plan = await svc!.query('SELECT stafett_case_plan_state($1) AS s', [kase.rows[0].id]);
    expect(plan.rows[0].s).toMatchObject({ code, status: 'OPEN' });
  });

  it('refuses every way of rewriting the audit trail, and the owner keeps the tables', async () => {
    const attempts = [
      `UPDATE "AuditEvent" SET "action" = 'rewritten'`,
      `DELETE FROM "AuditEvent"`,
      `TRUNCATE "AuditEvent"`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
      `ALTER TABLE "AuditEvent" DROP COLUMN "detail"`,
      `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`,
      `DROP TABLE "AuditEvent"`,
      `CREATE OR REPLACE FUNCTION stafett_audit_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql`,
      `SET session_replication_role = replica`,
      `ALTER TABLE "AuditEvent" RENAME TO "AuditEventOld"`,
      `CREATE TABLE "Shadow" (id int)`,
      `DELETE FROM "_prisma_migrations"`,
    ];
    const refused: string[] = [];
    for (const sql of attempts) {
      await svc!.query('BEGIN');
      const ok = await svc!.query(sql).then(() => true, () => false);
      await svc!.query('ROLLBACK');
      if (!ok) refused.push(sql);
    }
    expect(refused).toEqual(attempts);
    // Append and read still work; nothing was rewritten.
    await svc!.query(`INSERT INTO "AuditEvent" ("platform", "action") VALUES ('SYSTEM', 'appended')`);
    const before = await svc!.query(`SELECT "action" FROM "AuditEvent" WHERE "action" IN ('before.roles', 'appended') ORDER BY "id"`);
    expect(before.rows.map((r) => r.action)).toEqual(['before.roles', 'appended']);
    const owners = await svc!.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(owners.rows.map((r) => r.tableowner)).toEqual([owner]);
  });

  it('the service starts with both URLs and migrates as the owner; with one URL it keeps working and says so', async () => {
    const start = async (env: Record<string, string>) => {
      const lines: string[] = [];
      const log = createLogger('info', { write: (l: string) => { lines.push(l); } });
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', STAFETT_CONSOLE: '0', STAFETT_DISPATCH_INTERVAL_MS: '60000', STAFETT_ENCRYPTION_KEY: KEY, ...env });
      const s = await startService(config, log);
      await s.stop();
      return lines.join('');
    };
    const two = await start({ DATABASE_URL: serviceUrl, DATABASE_MIGRATION_URL: migrationUrl });
    expect(two).toContain('Stafett is up');
    expect(two).not.toContain('One database URL only');
    const fresh = await createServerDatabase();
    try {
      const one = await start({ DATABASE_URL: fresh.url });
      expect(one).toContain('Stafett is up');
      expect(one).toContain('One database URL only');
    } finally {
      await fresh.drop();
    }
  }, 180_000);
});

describe.skipIf(Boolean(serverUrl))('database roles in local mode (PGlite)', () => {
  it('keeps working with the embedded database and says at start that it has one role', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => { lines.push(l); } });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', STAFETT_CONSOLE: '0', STAFETT_DISPATCH_INTERVAL_MS: '60000' });
    const s = await startService(config, log);
    await s.stop();
    expect(lines.join('')).toContain('Embedded database: one role');
    expect(lines.join('')).toContain('Stafett is up');
  }, 180_000);
});
