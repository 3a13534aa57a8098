/**
 * Opening a case claims its request key in the opening statement itself: a retry of a request
 * that committed writes nothing and returns the first result; retries running at the same moment
 * (another instance) open one case between them, take one number from the counter, and all return
 * the same code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

describe(`opening a case once per request (${dbKind})`, () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => core?.close());

  const input = { playbookKey: 's0-elevvard', studentRef: 'Elev Idempotent' };
  const count = () => core.deps.prisma.case.count();
  const counter = async () => (await core.deps.prisma.caseCounter.findMany()).reduce((n, c) => n + c.next, 0);

  it('a retry after the first committed returns its result and writes nothing', async () => {
    const maria = await core.as('maria');
    const first = await openCase(core.deps, maria, input, { requestKey: 'req-seq-1' });
    const cases = await count();
    const numbers = await counter();
    const audits = await core.deps.prisma.auditEvent.count({ where: { action: 'case.open' } });
    const again = await openCase(core.deps, maria, input, { requestKey: 'req-seq-1' });
    expect(again).toEqual(first);
    expect(await count()).toBe(cases);
    expect(await counter()).toBe(numbers);
    expect(await core.deps.prisma.auditEvent.count({ where: { action: 'case.open' } })).toBe(audits);
    const stored = await core.deps.prisma.processedRequest.findUnique({ where: { key: 'req-seq-1' } });
    expect(stored?.result).toEqual(first);
    // Another key is another case, with the next number.
    const other = await openCase(core.deps, maria, input, { requestKey: 'req-seq-2' });
    expect(other.caseId).not.toBe(first.caseId);
    expect(await count()).toBe(cases + 1);
  });

  it('concurrent retries of one request open one case and all answer with its code', async () => {
    const maria = await core.as('maria');
    const cases = await count();
    const numbers = await counter();
    const results = await Promise.all(Array.from({ length: 4 }, () => openCase(core.deps, maria, input, { requestKey: 'req-par-1' })));
    expect(new Set(results.map((r) => r.code)).size).toBe(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(await count()).toBe(cases + 1);
    expect(await counter()).toBe(numbers + 1);
    expect(await core.deps.prisma.caseMember.count({ where: { caseId: results[0]!.caseId } })).toBeGreaterThan(0);
  });

  // Deterministic form of the race above (one PGlite connection cannot run two transactions).
  it.skipIf(dbKind !== 'postgres')('a retry that finds the key claimed by a transaction still running waits, then returns that one\'s result', async () => {
    const maria = await core.as('maria');
    const p = core.deps.prisma;
    const cases = await count();
    const numbers = await counter();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let claimed!: () => void;
    const isClaimed = new Promise<void>((r) => (claimed = r));
    const other = p.$transaction(async (tx) => {
      await tx.processedRequest.create({ data: { key: 'req-race', result: { caseId: 'other-instance', code: 'OTHER-26-0001' } } });
      claimed();
      await gate;
    }, { timeout: 20_000 });
    await isClaimed;
    const opening = openCase(core.deps, maria, input, { requestKey: 'req-race' });
    // Bounded poll: the opening statement waits on the key's unique index.
    const until = Date.now() + 10_000;
    for (;;) {
      const [w] = await p.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%ProcessedRequest%'`;
      if ((w?.n ?? 0) > 0) break;
      if (Date.now() > until) throw new Error('the opening never waited on the claimed key');
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await other;
    expect(await opening).toEqual({ caseId: 'other-instance', code: 'OTHER-26-0001' });
    expect(await count()).toBe(cases);
    expect(await counter()).toBe(numbers);
  });

  it('an unknown school unit writes nothing, not even the request key', async () => {
    const maria = await core.as('maria');
    const cases = await count();
    await expect(openCase(core.deps, maria, { ...input, schoolUnitCode: 'NOPE' }, { requestKey: 'req-bad-unit' })).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    expect(await count()).toBe(cases);
    expect(await core.deps.prisma.processedRequest.findUnique({ where: { key: 'req-bad-unit' } })).toBeNull();
  });
});
