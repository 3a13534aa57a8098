/**
 * The TEAMS platform notifier: proactive messages through stored conversation references
 * (a person's 1:1 chat, or a team channel). A refusal by Teams (bot removed or blocked) marks the
 * reference inactive and reports a permanent failure so the core can tell the case lead.
 *
 * In-doubt deliveries (an instance died between the connector's acceptance and the dispatcher's
 * SENT mark) are settled from what the connector returned: the activity id is recorded under the
 * delivery's idempotency key the moment `sendActivity` returns it, and `wasDelivered` reads it
 * back. Teams cannot be asked whether a message arrived, so where nothing was recorded (the
 * instance died in the few milliseconds between the connector's answer and the record, or the
 * connector never answered) the message is sent again once with the same key, and that re-send
 * is recorded.
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { FileOffer } from '../../src/ports/chat-port.ts';
import type { Reply, ReplyFile } from '../../src/ports/reply.ts';
import type { ConversationRefStore, StoredConversationRef } from '../../src/ports/conversation-refs.ts';
import type { DeliveryRecordStore } from '../../src/ports/delivery-records.ts';
import type { DeliveryResult, DeliveryTarget, OutboundMessage, PlatformNotifier } from '../../src/ports/notifier.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { renderCard } from './cards/render-card.ts';
import { cardActivity } from './teams-app.ts';
import { consentCardActivity } from './file-offers.ts';

export interface TeamsNotifierDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  conversations: ConversationRefStore;
  /** Where the connector's activity ids are recorded for `wasDelivered`; without it nothing is settled. */
  deliveries?: DeliveryRecordStore;
  log: Logger;
  /** Empty in local mode (no credentials). */
  botAppId: string;
  /** Told when a reference stops working, so the next activity in it re-saves the row. */
  onInactive?: (conversationId: string) => void;
}

export interface SendOptions {
  /** Keeps the reply's files for the recipient (ChatPort.offerFiles); without it files are only named. */
  offer?: (files: ReplyFile[]) => Promise<FileOffer[]>;
  /** The outbox delivery's key: the activity id the connector returns is recorded under it. */
  idempotencyKey?: string;
}

/** Delivery records are kept this long (far beyond any lease a delivery could be in doubt for). */
const RECORD_RETENTION_MS = 14 * 86_400_000;

/** Extracts the HTTP status and Retry-After of a connector error (ms-rest / core-http shapes). */
export function connectorErrorInfo(e: unknown): { status?: number; retryAfterMs?: number } {
  const err = e as { statusCode?: number; status?: number; response?: { status?: number; headers?: { get?: (n: string) => string | undefined } | Record<string, string> } };
  const status = err?.statusCode ?? err?.response?.status ?? err?.status;
  const headers = err?.response?.headers;
  let retryAfter: string | undefined;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') retryAfter = (headers as { get: (n: string) => string | undefined }).get('retry-after');
  else if (headers) retryAfter = (headers as Record<string, string>)['retry-after'];
  let retryAfterMs: number | undefined;
  if (retryAfter) {
    const secs = Number(retryAfter);
    retryAfterMs = Number.isFinite(secs) ? Math.max(0, secs * 1000) : Math.max(0, Date.parse(retryAfter) - Date.now()) || undefined;
  }
  return { ...(typeof status === 'number' ? { status } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** Creates the notifier registered as `TEAMS`. */
export function createTeamsNotifier(d: TeamsNotifierDeps): PlatformNotifier & { send(ref: StoredConversationRef, reply: Reply, opts?: SendOptions): Promise<DeliveryResult> } {
  const send = async (stored: StoredConversationRef, reply: Reply, opts: SendOptions = {}): Promise<DeliveryResult> => {
    const reference = stored.reference as Partial<ConversationReference>;
    const lang = typeof reference.locale === 'string' ? reference.locale : undefined;
    try {
      // Errors inside the turn would go to the adapter's onTurnError (which logs and swallows
      // them); keep them here so a 403 or 429 reaches the caller.
      let failure: unknown;
      await d.adapter.continueConversationAsync(d.botAppId, reference, async (context) => {
        // The continuation activity gets a made-up id, which sendActivity would turn into a
        // `replyToId`: a proactive message is a new post, not a reply to a message that never was.
        delete (context.activity as { id?: string }).id;
        try {
          // Files can be sent only in a 1:1 chat, as consent cards after the card naming them.
          const offer = stored.kind === 'personal' && (reply.attachments?.length ?? 0) > 0 ? opts.offer : undefined;
          const sent = await context.sendActivity(cardActivity(renderCard(reply, lang, { files: offer ? 'offered' : 'unavailable' }), reply.fallbackText));
          // Recorded at once, before anything else can fail: this is what wasDelivered reads.
          if (opts.idempotencyKey && d.deliveries) {
            await d.deliveries.recordSent('TEAMS', opts.idempotencyKey, stored.conversationId, sent?.id ?? null).catch((e: unknown) => d.log.warn({ err: e }, 'teams: could not record a delivered activity'));
          }
          if (offer) for (const o of await offer(reply.attachments!)) await context.sendActivity(consentCardActivity(o, lang));
        } catch (e) {
          failure = e ?? new Error('send failed');
        }
      });
      if (failure) throw failure;
      return { ok: true };
    } catch (e) {
      const { status, retryAfterMs } = connectorErrorInfo(e);
      if (status === 403 || status === 404) {
        // 403: the bot was removed or blocked; 404: the conversation is gone. Neither heals by retrying.
        const reason = status === 403 ? 'TEAMS.FORBIDDEN' : 'TEAMS.CONVERSATION_NOT_FOUND';
        await d.conversations.markInactive('TEAMS', stored.conversationId, reason);
        d.onInactive?.(stored.conversationId);
        d.log.warn({ conversationId: stored.conversationId, status }, 'teams: conversation reference marked inactive');
        return { ok: false, retryable: false, permanent: true, error: reason };
      }
      if (status === 429) return { ok: false, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : { retryAfterMs: 2000 }), error: 'TEAMS.RATE_LIMITED' };
      if (status !== undefined && status >= 400 && status < 500) return { ok: false, retryable: false, error: `TEAMS.HTTP_${status}` };
      return { ok: false, retryable: true, error: status ? `TEAMS.HTTP_${status}` : `TEAMS.NETWORK: ${(e as Error)?.message ?? String(e)}`.slice(0, 300) };
    }
  };

  let lastPurge = 0;
  return {
    send,
    async deliver(target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult> {
      let stored: StoredConversationRef | null = null;
      if (target.channelId) stored = await d.conversations.find('TEAMS', target.channelId);
      else if (target.person) stored = await d.conversations.findPersonal('TEAMS', target.person.id);
      if (!stored) return { ok: false, retryable: false, error: 'TEAMS.NO_CONVERSATION' };
      if (!stored.active) return { ok: false, retryable: false, permanent: true, error: stored.inactiveReason ?? 'TEAMS.INACTIVE' };
      return send(stored, message.reply, { idempotencyKey: message.idempotencyKey });
    },
    async wasDelivered(target: DeliveryTarget, idempotencyKey: string): Promise<boolean | undefined> {
      if (!d.deliveries) return undefined;
      const record = await d.deliveries.find('TEAMS', idempotencyKey);
      if (record?.sentAt) return true;
      // Nothing recorded: Teams cannot tell us. Sent again once with the same key; noted so the
      // record shows the person may have it twice.
      const conversationId = target.channelId ?? (target.person ? (await d.conversations.findPersonal('TEAMS', target.person.id))?.conversationId : undefined) ?? '';
      await d.deliveries.markResentInDoubt('TEAMS', idempotencyKey, conversationId);
      d.log.warn({ conversationId }, 'teams: a delivery in doubt has no record of the connector accepting it; sending it again once');
      if (Date.now() - lastPurge > 3_600_000) {
        lastPurge = Date.now();
        await d.deliveries.purge(new Date(Date.now() - RECORD_RETENTION_MS)).catch(() => 0);
      }
      return false;
    },
  };
}
