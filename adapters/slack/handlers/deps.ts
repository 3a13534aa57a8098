/** What every Slack listener needs; built once in slack-app.ts. */
import type { webApi } from '@slack/bolt';
import type { ChatPort } from '../../../src/ports/chat-port.ts';
import type { Reply } from '../../../src/ports/reply.ts';
import type { InboxStore } from '../../../src/ports/inbox.ts';
import type { Logger } from '../../../src/shared/logger.ts';
import { ADAPTER_ACTIONS } from '../action-ids.ts';
import type { FileImportPort } from '../file-import.ts';
import { renderModal } from '../render-modal.ts';
import type { RecentRequests } from '../recent-requests.ts';
import type { ReplySender, ReplyTarget } from '../reply-sender.ts';
import type { SlackActors } from '../slack-actors.ts';

export interface SlackHandlerDeps {
  /** The core; `importFile` is ChatService's (attendance CSVs shared in the DM). */
  chat: ChatPort & Partial<FileImportPort>;
  /** Whether the bot token may be sent to a file URL (Slack's file host or the configured API). */
  isAllowedFileUrl: (url: string) => boolean;
  fetchImpl?: typeof fetch;
  actors: SlackActors;
  sender: ReplySender;
  recent: RecentRequests;
  /** The durable inbox: requests that may change data are stored before their ack. */
  inbox?: InboxStore;
  log: Logger;
}

/** The stable idempotency key of a Slack request, handed to the core. */
export function createRequestKey(teamId: string, id: string): string {
  return `slack:${teamId}:${id}`;
}

/**
 * Shows a Reply: opens its form with the trigger_id first (it expires after 3 s), then posts the
 * blocks. Without a usable trigger (a DM message, an expired trigger_id) the form becomes a
 * button that re-runs `rerunText`.
 */
export async function presentReply(
  d: SlackHandlerDeps,
  client: webApi.WebClient,
  reply: Reply,
  target: ReplyTarget,
  opts: { triggerId?: string; rerunText?: string } = {},
): Promise<void> {
  if (reply.form && opts.triggerId) {
    try {
      await client.views.open({ trigger_id: opts.triggerId, view: renderModal(reply.form, { channelId: target.channelId, responseUrl: target.responseUrl }) });
    } catch (e) {
      // A trigger_id lives 3 s; if it expired, a button gives the person a fresh one.
      if (opts.rerunText === undefined) throw e;
      d.log.warn({ err: e, form: reply.form.id }, 'views.open failed; offering a button to open the form');
      await presentReply(d, client, reply, target, { rerunText: opts.rerunText });
      return;
    }
    if (reply.blocks.length === 0 && !reply.privateFollowUp) return;
    await d.sender.send(client, reply, { ...target, replaceOriginal: false });
    return;
  }
  if (reply.form && opts.rerunText !== undefined) {
    const rerun = { label: reply.form.title, action: ADAPTER_ACTIONS.rerunText, value: opts.rerunText, style: 'primary' as const };
    await d.sender.send(client, { ...reply, form: undefined, blocks: [...reply.blocks, { type: 'actions', buttons: [rerun] }] }, target);
    return;
  }
  if (reply.form) d.log.warn({ form: reply.form.id }, 'a form reply arrived without a trigger_id; showing its text only');
  if (reply.blocks.length === 0 && !reply.fallbackText) return;
  await d.sender.send(client, reply, target);
}
