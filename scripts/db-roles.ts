/**
 * `npm run db:roles`: the one-time set-up of the two database roles (see README, "Database
 * roles"). Reads DATABASE_MIGRATION_URL (owner) and DATABASE_URL (service); connects with
 * DATABASE_ADMIN_URL (a superuser, or a role with CREATEROLE owning the database) to the same
 * database, creates the roles if missing, gives the schema and every table to the owner, then
 * migrates as the owner and grants the service role its share. `--print` only prints the SQL.
 */
import pg from 'pg';
import { readMigrations } from '../src/infra/db/migrate.ts';
import { databaseOf, migrateAsOwner, roleSetupFromUrls, roleSetupSql } from '../src/infra/db/roles.ts';

const migrationUrl = process.env.DATABASE_MIGRATION_URL;
const serviceUrl = process.env.DATABASE_URL;
if (!migrationUrl || !serviceUrl) {
  console.error('Set DATABASE_MIGRATION_URL (owner role) and DATABASE_URL (service role), both naming the Stafett database.');
  process.exit(2);
}
const setup = roleSetupFromUrls(migrationUrl, serviceUrl);
const statements = roleSetupSql(setup);
if (process.argv.includes('--print')) {
  console.log(`-- Run as an administrator connected to database ${setup.database}:`);
  for (const s of statements) console.log(`${s};`);
  process.exit(0);
}
const adminUrl = process.env.DATABASE_ADMIN_URL;
if (!adminUrl) {
  console.error('Set DATABASE_ADMIN_URL (a superuser or a role with CREATEROLE), or run with --print and execute the SQL yourself.');
  process.exit(2);
}
const target = new URL(adminUrl);
target.pathname = `/${encodeURIComponent(databaseOf(serviceUrl))}`;
const admin = new pg.Client({ connectionString: target.toString() });
await admin.connect();
try {
  for (const s of statements) await admin.query(s);
} finally {
  await admin.end();
}
const r = await migrateAsOwner(migrationUrl, serviceUrl, await readMigrations());
console.log(`Roles ready: "${r.owner}" owns the schema and runs migrations (${r.applied.length} applied now); "${r.service}" may only INSERT and SELECT audit events.`);
