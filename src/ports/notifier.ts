/**
 * The notifier port: the core hands a rendered-neutral message and a target to the platform's
 * notifier; adapters render Block Kit, Adaptive Cards or console text. Results say whether a
 * failure is worth retrying.
 */
import type { Reply } from './reply.ts';

export type NotifyPlatform = 'SLACK' | 'TEAMS' | 'CONSOLE';

export interface DeliveryTarget {
  platform: NotifyPlatform;
  /** Person to reach in a 1:1 conversation. */
  person?: { id: string; slackUserId?: string | null; teamsUserId?: string | null; consoleUser?: string | null };
  /** Channel to post in (shared space: only codes, stages, dates and role names). */
  channelId?: string;
}

export interface OutboundMessage {
  kind: string;
  reply: Reply;
  /** Key for the platform's own de-duplication where it has one. */
  idempotencyKey: string;
}

export type DeliveryResult =
  | { ok: true }
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: string; permanent?: boolean };

export interface PlatformNotifier {
  deliver(target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult>;
  /**
   * Optional: whether a message with this idempotency key already reached the platform (true /
   * false), or undefined when unknown. Lets the dispatcher settle a delivery that was in flight
   * when an instance died, without sending it twice.
   */
  wasDelivered?(target: DeliveryTarget, idempotencyKey: string): Promise<boolean | undefined>;
}

/** Notifiers by platform, registered by the adapters that are running. */
export class NotifierRegistry {
  private readonly byPlatform = new Map<NotifyPlatform, PlatformNotifier>();

  register(platform: NotifyPlatform, notifier: PlatformNotifier): void {
    this.byPlatform.set(platform, notifier);
  }

  get(platform: NotifyPlatform): PlatformNotifier | undefined {
    return this.byPlatform.get(platform);
  }

  platforms(): NotifyPlatform[] {
    return [...this.byPlatform.keys()];
  }
}
