/**
 * `npm run migrate:create -- NAME`: writes prisma/migrations/<timestamp>_<NAME>/migration.sql with
 * the SQL that takes the committed migrations to prisma/schema.prisma. Runs offline through Prisma's
 * WebAssembly schema engine (the CLI's native engine cannot be downloaded here).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openSchemaEngine } from './schema-engine.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run migrate:create -- <name>');
  process.exit(2);
}
const schemaPath = path.resolve('prisma/schema.prisma');
const migrationsDir = path.resolve('prisma/migrations');
await mkdir(migrationsDir, { recursive: true });
const existing = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory());
const engine = await openSchemaEngine(schemaPath);
try {
  const schema = await readFile(schemaPath, 'utf8');
  const sql = existing.length === 0 ? await engine.diffFromEmpty(schema) : await engine.diffFromMigrations(migrationsDir, schema);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log('No schema changes: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql);
    await writeFile(path.join(migrationsDir, 'migration_lock.toml'), '# Written by scripts/create-migration.ts\nprovider = "postgresql"\n');
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await engine.close();
}
