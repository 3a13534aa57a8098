/**
 * Two database roles on a PostgreSQL server, so the service cannot rewrite its own audit trail:
 *
 * - the **owner** role (`DATABASE_MIGRATION_URL`) owns the schema and every table, runs the
 *   migrations, and after each run grants the service what it needs;
 * - the **service** role (`DATABASE_URL`) may read and write the case tables but on `AuditEvent`
 *   only INSERT and SELECT — no UPDATE, DELETE or TRUNCATE, and as it owns nothing it cannot
 *   ALTER, DISABLE TRIGGER or DROP either.
 *
 * `roleSetupSql` is the one-time set-up an administrator runs (`npm run db:roles`); it also moves
 * the tables of an existing single-role deployment to the owner role.
 */
import pg from 'pg';
import { applyMigrations, type MigrateResult, type MigrationFile, type SqlConnection } from './migrate.ts';

/** The login role named in a postgresql:// URL (the server default when absent). */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

function passwordOf(url: string): string | undefined {
  const p = new URL(url).password;
  return p ? decodeURIComponent(p) : undefined;
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** What the owner grants the service role after every migration run. */
export function serviceGrantsSql(serviceRole: string): string[] {
  const r = ident(serviceRole);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // Read functions such as stafett_case_plan_state (invoker's rights: they read what the role may).
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    // The audit trail: append and read only.
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM ${r}`,
    // The migration history is the owner's.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r}`,
  ];
}

export async function applyServiceGrants(conn: SqlConnection, serviceRole: string): Promise<void> {
  for (const sql of serviceGrantsSql(serviceRole)) await conn.exec(sql);
}

/** Runs the migrations as the owner role and grants the service role its share. */
export async function migrateAsOwner(migrationUrl: string, serviceUrl: string, migrations: MigrationFile[]): Promise<MigrateResult & { owner: string; service: string }> {
  const client = new pg.Client({ connectionString: migrationUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const conn: SqlConnection = {
      query: async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows,
      exec: async (sql) => { await client.query(sql); },
    };
    const result = await applyMigrations(conn, migrations);
    const owner = roleOf(migrationUrl);
    const service = roleOf(serviceUrl);
    if (owner !== service) await applyServiceGrants(conn, service);
    return { ...result, owner, service };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface RoleSetup {
  ownerRole: string;
  ownerPassword?: string;
  serviceRole: string;
  servicePassword?: string;
  database: string;
}

export function roleSetupFromUrls(migrationUrl: string, serviceUrl: string): RoleSetup {
  if (databaseOf(migrationUrl) !== databaseOf(serviceUrl)) throw new Error('DATABASE_MIGRATION_URL and DATABASE_URL must name the same database.');
  if (roleOf(migrationUrl) === roleOf(serviceUrl)) throw new Error('DATABASE_MIGRATION_URL and DATABASE_URL must use two different roles.');
  return { ownerRole: roleOf(migrationUrl), ownerPassword: passwordOf(migrationUrl), serviceRole: roleOf(serviceUrl), servicePassword: passwordOf(serviceUrl), database: databaseOf(serviceUrl) };
}

/**
 * The one-time set-up, run by an administrator (a superuser, or a role with CREATEROLE that owns
 * the database) connected to the Stafett database. Idempotent. Creates both roles if missing,
 * gives the database and schema to the owner, and moves tables, sequences, functions and types
 * still owned by the service role (a deployment that ran with one URL) to the owner.
 */
export function roleSetupSql(s: RoleSetup): string[] {
  const o = ident(s.ownerRole);
  const a = ident(s.serviceRole);
  const create = (role: string, password?: string) =>
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN CREATE ROLE ${ident(role)} LOGIN${password ? ` PASSWORD ${literal(password)}` : ''}; END IF; END $$`;
  const move = (sel: string, alter: string) =>
    `DO $$ DECLARE r record; BEGIN FOR r IN ${sel} LOOP EXECUTE format(${literal(alter)}, r.name, ${literal(s.ownerRole)}); END LOOP; END $$`;
  const svc = literal(s.serviceRole);
  return [
    create(s.ownerRole, s.ownerPassword),
    create(s.serviceRole, s.servicePassword),
    `ALTER ROLE ${a} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`,
    `ALTER DATABASE ${ident(s.database)} OWNER TO ${o}`,
    `ALTER SCHEMA public OWNER TO ${o}`,
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA public FROM ${a}`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${ident(s.database)} TO ${a}`,
    `GRANT USAGE ON SCHEMA public TO ${a}`,
    move(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tableowner = ${svc}`, 'ALTER TABLE public.%s OWNER TO %I'),
    move(`SELECT quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = 'public' AND sequenceowner = ${svc}`, 'ALTER SEQUENCE public.%s OWNER TO %I'),
    move(`SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = ${svc}`, 'ALTER FUNCTION %s OWNER TO %I'),
    move(`SELECT quote_ident(t.typname) AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) = ${svc}`, 'ALTER TYPE public.%s OWNER TO %I'),
  ];
}
