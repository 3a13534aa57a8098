/**
 * Teams `wasDelivered` (issue 15 item 2), through the Teams notifier on the suite's database: the
 * activity id the connector returns is recorded under the delivery's key before the dispatcher
 * could mark it SENT, so an instance that finds the delivery in doubt (the first one died) settles
 * it from that record without sending again. Where nothing was recorded — the first instance died
 * between the connector's acceptance and the record — Teams cannot be asked, so it is sent again
 * once with the same key and the re-send is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsNotifier } from '../../../adapters/teams/teams-notifier.ts';
import { prismaConversationRefStore } from '../../../src/infra/conversation-ref.store.ts';
import { prismaDeliveryRecordStore } from '../../../src/infra/delivery-record.store.ts';
import type { DeliveryRecordStore } from '../../../src/ports/delivery-records.ts';
import type { DeliveryTarget, OutboundMessage } from '../../../src/ports/notifier.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../../support/db.ts';

describe(`Teams wasDelivered (${dbKind})`, () => {
  let t: TestDatabase;
  /** What the (stub) connector accepted, with the activity id it answered. */
  const accepted: { id: string; text: unknown }[] = [];
  const adapter = {
    continueConversationAsync: async (_appId: string, _ref: unknown, logic: (ctx: never) => Promise<void>) => {
      const context = {
        activity: { id: 'continuation' },
        sendActivity: async (a: { summary?: unknown }) => {
          const id = `activity-${accepted.length + 1}`;
          accepted.push({ id, text: a.summary });
          return { id };
        },
      };
      await logic(context as never);
    },
  };
  const channel = '19:elevhalsa@thread.tacv2';
  const target: DeliveryTarget = { platform: 'TEAMS', channelId: channel };
  const message = (key: string): OutboundMessage => ({ kind: 'test', idempotencyKey: key, reply: { visibility: 'shared', blocks: [{ type: 'text', text: `Möte ${key}` }], fallbackText: `Möte ${key}` } });
  const notifier = (deliveries: DeliveryRecordStore) =>
    createTeamsNotifier({ adapter: adapter as never, conversations: prismaConversationRefStore(t.db.prisma), deliveries, log: createLogger('silent'), botAppId: '' });

  beforeAll(async () => {
    t = await createTestDatabase();
    await prismaConversationRefStore(t.db.prisma).save({ platform: 'TEAMS', conversationId: channel, kind: 'channel', personId: null, reference: { conversation: { id: channel }, serviceUrl: 'http://127.0.0.1:9/' } });
  });
  afterAll(async () => t?.close());

  it('records the activity id the connector returned; another instance settles the delivery from it without sending again', async () => {
    const store = prismaDeliveryRecordStore(t.db.prisma);
    expect(await notifier(store).deliver(target, message('nudge-1'))).toEqual({ ok: true });
    expect(accepted).toHaveLength(1);
    const row = await t.db.prisma.platformDelivery.findUniqueOrThrow({ where: { platform_idempotencyKey: { platform: 'TEAMS', idempotencyKey: 'nudge-1' } } });
    expect([row.messageId, row.conversationId, row.resentInDoubtAt]).toEqual([accepted[0]!.id, channel, null]);
    expect(await notifier(store).wasDelivered!(target, 'nudge-1')).toBe(true);
    expect(accepted).toHaveLength(1);
  });

  it('died after the connector accepted, before the record: sent again once, and the re-send recorded', async () => {
    const store = prismaDeliveryRecordStore(t.db.prisma);
    // Instance A: the connector accepts, then the process "dies" before the record is written.
    const dying: DeliveryRecordStore = { ...store, recordSent: () => new Promise<void>(() => {}) };
    void notifier(dying).deliver(target, message('nudge-2'));
    await expect.poll(() => accepted.length).toBe(2);
    // Instance B finds the delivery in doubt: nothing recorded, so it cannot tell — not delivered.
    const b = notifier(store);
    expect(await b.wasDelivered!(target, 'nudge-2')).toBe(false);
    const doubt = await t.db.prisma.platformDelivery.findUniqueOrThrow({ where: { platform_idempotencyKey: { platform: 'TEAMS', idempotencyKey: 'nudge-2' } } });
    expect(doubt.resentInDoubtAt).not.toBeNull();
    expect(doubt.messageId).toBeNull();
    // The dispatcher sends it again (once); that is recorded, and from then on it is settled.
    expect(await b.deliver(target, message('nudge-2'))).toEqual({ ok: true });
    expect(accepted.filter((a) => String(a.text).includes('nudge-2'))).toHaveLength(2);
    const after = await t.db.prisma.platformDelivery.findUniqueOrThrow({ where: { platform_idempotencyKey: { platform: 'TEAMS', idempotencyKey: 'nudge-2' } } });
    expect(after.messageId).toBe(accepted[2]!.id);
    expect(after.resentInDoubtAt).toEqual(doubt.resentInDoubtAt);
    expect(await b.wasDelivered!(target, 'nudge-2')).toBe(true);
    expect(accepted).toHaveLength(3);
  });

  it('a delivery that never reached the connector is not taken for delivered', async () => {
    const store = prismaDeliveryRecordStore(t.db.prisma);
    expect(await notifier(store).wasDelivered!(target, 'nudge-3')).toBe(false);
    expect(accepted).toHaveLength(3);
  });
});
