/** The durable inbox's bookkeeping on the suite's database: leases, SKIP LOCKED claims, expiry, purge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/inbox/inbox.ts';
import { FieldCipher, generateKeySpec, parseKeys } from '../../src/shared/crypto.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/db.ts';

describe(`durable inbox (${dbKind})`, () => {
  let t: TestDatabase;
  let now = Date.parse('2026-12-02T09:00:00Z');
  const cipher = new FieldCipher(parseKeys(generateKeySpec('t')));
  const make = (instanceId: string) => new Inbox({ prisma: t.db.prisma, cipher, log: createLogger('silent'), instanceId, leaseMs: 10_000, nowMs: () => now });
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.close());

  it('stores the request encrypted, once per request key', async () => {
    const a = make('a');
    const id = await a.receive('slack:T1:trig1', 'slack.command', { text: 'oro ST-26-0001 Eleven berättar om bråk hemma' });
    expect(id).toBeDefined();
    expect(await a.receive('slack:T1:trig1', 'slack.command', { text: 'again' })).toBeUndefined();
    const row = await t.db.prisma.inboxEntry.findUniqueOrThrow({ where: { id: id! } });
    expect(row.payloadEnc).not.toContain('bråk');
    expect(JSON.parse(cipher.decrypt(row.payloadEnc!))).toEqual({ text: 'oro ST-26-0001 Eleven berättar om bråk hemma' });
    expect(row.state).toBe('RECEIVED');
  });

  it('another instance claims it only after the lease, and only one instance does', async () => {
    const b = make('b');
    const c = make('c');
    expect(await b.claimUnfinished()).toEqual([]);
    now += 11_000;
    const [fromB, fromC] = await Promise.all([b.claimUnfinished(), c.claimUnfinished()]);
    const claimed = [...fromB, ...fromC];
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.payload).toEqual({ text: 'oro ST-26-0001 Eleven berättar om bråk hemma' });
    expect(claimed[0]!.attempts).toBe(2);
    // Held by its new claimer: nobody else gets it meanwhile.
    expect(await make('d').claimUnfinished()).toEqual([]);
  });

  it('sweep hands entries to recovery, marks them done and empties the payload; purge deletes them later', async () => {
    const a = make('a');
    await a.receive('slack:T1:trig2', 'slack.command', { text: 'status' });
    now += 11_000;
    const seen: string[] = [];
    const counts = await make('e').sweep(async (e) => {
      seen.push(e.requestKey);
      return e.requestKey.endsWith('trig2') ? 'restarted' : 'recovered';
    });
    expect(seen.sort()).toEqual(['slack:T1:trig1', 'slack:T1:trig2']);
    expect(counts).toMatchObject({ recovered: 1, restarted: 1, failed: 0 });
    const rows = await t.db.prisma.inboxEntry.findMany();
    expect(rows.map((r) => [r.state, r.outcome, r.payloadEnc]).sort()).toEqual([['DONE', 'recovered', null], ['DONE', 'restarted', null]]);
    now += 11 * 60_000;
    expect(await a.purge()).toBe(2);
    expect(await t.db.prisma.inboxEntry.count()).toBe(0);
  });

  it('a failed recovery stays unfinished; past the response_url lifetime it is abandoned, its payload emptied', async () => {
    const a = make('a');
    await a.receive('slack:T1:trig3', 'slack.view', { values: { text: 'känsligt' } });
    now += 11_000;
    const counts = await make('f').sweep(async () => {
      throw new Error('Slack is down');
    });
    expect(counts.failed).toBe(1);
    expect((await t.db.prisma.inboxEntry.findFirstOrThrow({ where: { requestKey: 'slack:T1:trig3' } })).state).toBe('RECEIVED');
    now += 31 * 60_000;
    let called = 0;
    const later = await make('g').sweep(async () => {
      called++;
      return 'recovered';
    });
    expect(called).toBe(0);
    expect(later.abandoned).toBe(1);
    const row = await t.db.prisma.inboxEntry.findFirstOrThrow({ where: { requestKey: 'slack:T1:trig3' } });
    expect([row.state, row.outcome, row.payloadEnc]).toEqual(['ABANDONED', 'expired', null]);
  });

  it('an instance never claims its own work in progress, even with its lease lapsed', async () => {
    const a = make('a');
    const id = await a.receive('slack:T1:trig5', 'slack.command', { text: 'x' });
    now += 11_000;
    expect(await a.claimUnfinished()).toEqual([]);
    const other = make('i');
    expect((await other.claimUnfinished()).map((e) => e.id)).toEqual([id]);
    await other.done(id, 'recovered');
  });

  it('an instance renews the leases of what it is working on', async () => {
    const a = make('a');
    const id = await a.receive('slack:T1:trig4', 'slack.action', { value: 'x' });
    now += 8_000;
    await (a as unknown as { renewLeases(): Promise<void> }).renewLeases();
    now += 8_000;
    expect(await make('h').claimUnfinished()).toEqual([]);
    await a.done(id);
    expect((await t.db.prisma.inboxEntry.findUniqueOrThrow({ where: { id: id! } })).state).toBe('DONE');
  });
});
