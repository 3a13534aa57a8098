/**
 * The delivery-record store port: what a platform acknowledged for a message the dispatcher
 * delivered, for platforms that cannot be asked afterwards whether a message arrived (Teams). A
 * notifier records the platform's message id the moment the platform returns it; `wasDelivered`
 * reads it back. Implemented in src/infra/delivery-record.store.ts; the composition root hands it
 * to the adapters (AdapterContext.core.deliveries).
 */
import type { NotifyPlatform } from './notifier.ts';

export interface DeliveryRecord {
  conversationId: string;
  /** The platform's id of the message (Teams activity id); null if it never answered with one. */
  messageId: string | null;
  sentAt: Date | null;
  /** When a delivery in doubt with nothing recorded was sent again. */
  resentInDoubtAt: Date | null;
}

export interface DeliveryRecordStore {
  /** The platform accepted the message with this key: its id. */
  recordSent(platform: NotifyPlatform, idempotencyKey: string, conversationId: string, messageId: string | null): Promise<void>;
  find(platform: NotifyPlatform, idempotencyKey: string): Promise<DeliveryRecord | null>;
  /** A delivery found in doubt, with nothing recorded, is about to be sent again: note it. */
  markResentInDoubt(platform: NotifyPlatform, idempotencyKey: string, conversationId: string): Promise<void>;
  /** Deletes records older than `before`; returns how many. */
  purge(before: Date): Promise<number>;
}
