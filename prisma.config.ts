import { defineConfig } from 'prisma/config';

// The Prisma CLI is used only for `generate` (offline); migrations are applied by
// src/infra/db/migrate.ts through the WebAssembly schema engine, never by the CLI.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/stafett' },
});
