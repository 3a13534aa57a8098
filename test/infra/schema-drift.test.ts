import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSchemaEngine } from '../../scripts/schema-engine.ts';

describe('schema drift', () => {
  it('the committed migrations produce exactly prisma/schema.prisma', async () => {
    const schemaPath = path.resolve('prisma/schema.prisma');
    const engine = await openSchemaEngine(schemaPath);
    try {
      const sql = await engine.diffFromMigrations(path.resolve('prisma/migrations'), await readFile(schemaPath, 'utf8'));
      // An empty diff is reported as a comment-only script.
      const statements = sql.split('\n').filter((l) => l.trim() && !l.trim().startsWith('--'));
      expect(statements, `Schema and migrations differ; run npm run migrate:create -- <name>:\n${sql}`).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('detects drift when the schema changes without a migration', async () => {
    const schemaPath = path.resolve('prisma/schema.prisma');
    const engine = await openSchemaEngine(schemaPath);
    try {
      const changed = (await readFile(schemaPath, 'utf8')).replace('model DevClock {', 'model DevClock {\n  driftProbe Int?');
      const sql = await engine.diffFromMigrations(path.resolve('prisma/migrations'), changed);
      expect(sql).toMatch(/ALTER TABLE "DevClock" ADD COLUMN\s+"driftProbe" INTEGER/);
    } finally {
      await engine.close();
    }
  });
});
