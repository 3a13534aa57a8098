/**
 * The Slack side of the notifier port: nudges and notices as Block Kit, to a person's DM or a
 * case channel. Failures are classified for the dispatcher: 429 and 5xx/network are retryable,
 * gone channels and users are permanent.
 */
import type { webApi } from '@slack/bolt';
import type { DeliveryResult, DeliveryTarget, OutboundMessage, PlatformNotifier } from '../../src/ports/notifier.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { renderReplyMessage } from './reply-sender.ts';

/** Platform errors that no retry will fix. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found', 'not_in_channel', 'account_inactive', 'user_not_found', 'is_archived',
  'user_disabled', 'cannot_dm_bot', 'invalid_auth', 'token_revoked', 'not_authed', 'missing_scope', 'restricted_action',
]);

/** Metadata event type carrying the delivery key, so a duplicate post can be spotted in Slack. */
export const NOTICE_METADATA_TYPE = 'stafett_notice';

/** Maps a Web API failure to a delivery result. */
export function classifySlackError(e: unknown): Extract<DeliveryResult, { ok: false }> {
  const err = e as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string };
  switch (err.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, retryable: true, retryAfterMs: Math.max(1, err.retryAfter ?? 1) * 1000, error: 'rate_limited' };
    case 'slack_webapi_platform_error': {
      const code = err.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { ok: false, retryable: true, retryAfterMs: 1000, error: code };
      if (PERMANENT_ERRORS.has(code)) return { ok: false, retryable: false, permanent: true, error: code };
      return { ok: false, retryable: /^(internal_error|fatal_error|service_unavailable|request_timeout)$/.test(code), error: code };
    }
    case 'slack_webapi_http_error':
      return { ok: false, retryable: (err.statusCode ?? 500) >= 500 || err.statusCode === 408, error: `http_${err.statusCode ?? 'error'}` };
    case 'slack_webapi_request_error':
      return { ok: false, retryable: true, error: 'network' };
    default:
      return { ok: false, retryable: true, error: err.message ?? 'unknown' };
  }
}

/** How far back `wasDelivered` looks for an in-doubt message, and how many history pages it reads. */
export interface SlackLookupOptions {
  lookbackMs: number;
  maxPages: number;
}

const DEFAULT_LOOKUP: SlackLookupOptions = { lookbackMs: 24 * 3_600_000, maxPages: 5 };

/** Creates the Slack notifier. `client` should reject rate-limited calls and not retry by itself. */
export function createSlackNotifier(client: webApi.WebClient, log: Logger, lookup: SlackLookupOptions = DEFAULT_LOOKUP): PlatformNotifier {
  const dmChannels = new Map<string, string>();
  const openDm = async (userId: string): Promise<string> => {
    const cached = dmChannels.get(userId);
    if (cached) return cached;
    const r = await client.conversations.open({ users: userId });
    if (!r.channel?.id) throw new Error('conversations.open returned no channel');
    dmChannels.set(userId, r.channel.id);
    return r.channel.id;
  };
  return {
    async deliver(target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult> {
      const userId = target.person?.slackUserId ?? undefined;
      if (!target.channelId && !userId) return { ok: false, retryable: false, permanent: true, error: 'no_slack_target' };
      try {
        const channel = target.channelId ?? (await openDm(userId!));
        const msg = renderReplyMessage(message.reply);
        await client.chat.postMessage({
          channel,
          text: msg.text,
          blocks: msg.blocks,
          unfurl_links: false,
          metadata: { event_type: NOTICE_METADATA_TYPE, event_payload: { key: message.idempotencyKey, kind: message.kind } },
        });
        return { ok: true };
      } catch (e) {
        const result = classifySlackError(e);
        log.warn({ kind: message.kind, error: result.error, retryable: result.retryable }, 'Slack delivery failed');
        if (result.permanent && userId) dmChannels.delete(userId);
        return result;
      }
    },

    /**
     * Settles an in-doubt delivery from Slack itself: every message we post carries its
     * idempotency key in message metadata, so the DM's recent history (`conversations.history`
     * with metadata, under the `im:history` scope the app already has) says whether the earlier
     * attempt landed. Channels are not read (the app has no channel-history scope by design):
     * undefined there, and when Slack cannot be asked — the dispatcher then re-sends once with
     * the same key and records that.
     */
    async wasDelivered(target: DeliveryTarget, idempotencyKey: string): Promise<boolean | undefined> {
      const userId = target.person?.slackUserId ?? undefined;
      if (target.channelId || !userId) return undefined;
      try {
        const channel = await openDm(userId);
        const oldest = ((Date.now() - lookup.lookbackMs) / 1000).toFixed(6);
        let cursor: string | undefined;
        for (let page = 0; page < lookup.maxPages; page++) {
          const r = await client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
          for (const m of r.messages ?? []) {
            const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
            if (meta?.event_type === NOTICE_METADATA_TYPE && meta.event_payload?.key === idempotencyKey) return true;
          }
          cursor = r.response_metadata?.next_cursor || undefined;
          if (!r.has_more || !cursor) return false;
        }
        // More history than we read: cannot tell.
        return undefined;
      } catch (e) {
        log.warn({ error: classifySlackError(e).error }, 'Slack delivery lookup failed');
        return undefined;
      }
    },
  };
}
