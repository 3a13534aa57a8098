/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../../app/config.ts';
import { openDatabase } from './database.ts';
import { applyMigrations, readMigrations } from './migrate.ts';
import { migrateAsOwner } from './roles.ts';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  // With DATABASE_MIGRATION_URL the owner role migrates and grants the service role its share.
  const result = config.databaseMigrationUrl && config.databaseUrl
    ? await migrateAsOwner(config.databaseMigrationUrl, config.databaseUrl, await readMigrations())
    : await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`
      : `Database is up to date (${result.alreadyApplied} migration(s) applied earlier).`,
  );
} finally {
  await db.close();
}
