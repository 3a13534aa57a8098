/** The PlatformDelivery table behind the delivery-record store port (src/ports/delivery-records.ts). */
import type { DeliveryRecordStore } from '../ports/delivery-records.ts';
import type { Prisma } from './db/database.ts';

export function prismaDeliveryRecordStore(prisma: Prisma): DeliveryRecordStore {
  return {
    async recordSent(platform, idempotencyKey, conversationId, messageId) {
      const sentAt = new Date();
      await prisma.platformDelivery.upsert({
        where: { platform_idempotencyKey: { platform, idempotencyKey } },
        create: { platform, idempotencyKey, conversationId, messageId, sentAt },
        update: { conversationId, messageId, sentAt },
      });
    },
    async find(platform, idempotencyKey) {
      const row = await prisma.platformDelivery.findUnique({ where: { platform_idempotencyKey: { platform, idempotencyKey } } });
      return row && { conversationId: row.conversationId, messageId: row.messageId, sentAt: row.sentAt, resentInDoubtAt: row.resentInDoubtAt };
    },
    async markResentInDoubt(platform, idempotencyKey, conversationId) {
      const at = new Date();
      await prisma.platformDelivery.upsert({
        where: { platform_idempotencyKey: { platform, idempotencyKey } },
        create: { platform, idempotencyKey, conversationId, resentInDoubtAt: at },
        update: { resentInDoubtAt: at },
      });
    },
    async purge(before) {
      return (await prisma.platformDelivery.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
  };
}
