/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../../config.ts';
import { openDatabase } from './database.ts';
import { applyMigrations, readMigrations } from './migrate.ts';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`
      : `Database is up to date (${result.alreadyApplied} migration(s) applied earlier).`,
  );
} finally {
  await db.close();
}
