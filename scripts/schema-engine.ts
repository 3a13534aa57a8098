/**
 * Loads Prisma's WebAssembly schema engine (offline) over a PGlite driver adapter.
 * Used at development time to generate migration SQL and in tests to prove there is no drift.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

export interface SchemaEngineHandle {
  /** SQL that takes the database described by `from` to the schema in `toSchema`. */
  diffFromMigrations(migrationsDir: string, toSchema: string): Promise<string>;
  diffFromEmpty(toSchema: string): Promise<string>;
  close(): Promise<void>;
}

let wasmModule: Promise<any> | undefined;

/** The wasm-bindgen glue holds one instance per process: instantiate it once. */
function loadWasm() {
  wasmModule ??= instantiateWasm();
  return wasmModule;
}

async function instantiateWasm() {
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await (globalThis as unknown as { WebAssembly: { instantiate: (b: Buffer, i: object) => Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as unknown as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg;
}

async function listMigrations(migrationsDir: string) {
  const { readdir } = await import('node:fs/promises');
  const entries = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(entries.map(async (name) => ({
    path: name,
    migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8') } },
  })));
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
    migrationDirectories,
    shadowDbInitScript: '',
  };
}

export async function openSchemaEngine(schemaPath: string): Promise<SchemaEngineHandle> {
  const bg = await loadWasm();
  const db = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db) as never);
  const schema = await readFile(schemaPath, 'utf8');
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, factory);
  const filters = { externalTables: [], externalEnums: [] };
  const diff = async (from: unknown, to: string) => {
    const r = await engine.diff({ from, to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: to }] }, script: true, exitCode: null, filters });
    return (r.stdout ?? '') as string;
  };
  return {
    diffFromEmpty: (to) => diff({ tag: 'empty' }, to),
    diffFromMigrations: async (dir, to) => diff({ tag: 'migrations', ...(await listMigrations(dir)) }, to),
    close: async () => { engine.free(); await db.close(); },
  };
}
