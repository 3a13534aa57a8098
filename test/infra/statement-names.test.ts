/**
 * Prepared statements on PostgreSQL: a statement text is named on its second use (fast-sql.ts,
 * statementName), Prisma's statements are named through the adapter too — also inside a
 * transaction — and an error inside a transaction leaves the connection's statements usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { statementName } from '../../src/infra/db/fast-sql.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

describe('statement names', () => {
  it('names a text on its second use, keeps the name, and never names a text used once', () => {
    const text = `SELECT 1 AS "${randomUUID()}"`;
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^stafett_\d+$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`SELECT 2 AS "${randomUUID()}"`)).toBeUndefined();
    expect(statementName(`SELECT '${'x'.repeat(20_000)}'`)).toBeUndefined();
    const long = `SELECT '${'y'.repeat(20_000)}'`;
    statementName(long);
    expect(statementName(long)).toBeUndefined();
  });
});

describe.runIf(serverUrl)('prepared statements through Prisma (postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a transaction's raw statement is prepared on its connection, and survives an error and a rollback there", async () => {
    const marker = randomUUID();
    const text = `SELECT count(*)::int AS n, '${marker}' AS m FROM "Organisation" WHERE "slug" <> $1`;
    const prepared = await t.db.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(text, 'x');
      await tx.$queryRawUnsafe(text, 'y');
      return tx.$queryRawUnsafe<{ statement: string }[]>(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1`, `%${marker}%`);
    });
    expect(prepared).toHaveLength(1);
    // An error after the named statement rolls the transaction back; the statement still runs.
    await expect(t.db.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(text, 'z');
      await tx.$queryRawUnsafe('SELECT 1 / 0');
    })).rejects.toThrow();
    for (let i = 0; i < 8; i++) {
      const rows = await t.db.prisma.$transaction(async (tx) => tx.$queryRawUnsafe<{ n: number; m: string }[]>(text, `v${i}`));
      expect(rows[0]!.m).toBe(marker);
    }
    // A statement first sent inside an aborted transaction is not taken as prepared afterwards.
    const late = `SELECT '${randomUUID()}' AS m`;
    statementName(late);
    await expect(t.db.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT 1 / 0').catch(() => undefined);
      await tx.$queryRawUnsafe(late);
    })).rejects.toThrow();
    for (let i = 0; i < 8; i++) expect(await t.db.prisma.$queryRawUnsafe<{ m: string }[]>(late)).toHaveLength(1);
  });
});
