/**
 * Delivers a rendered Reply to where a request came from: the response_url when Slack gave one
 * (works in channels the bot has not joined), else chat.postEphemeral / chat.postMessage, else a
 * DM. Shared replies are the only ones that go to a channel for everyone. Attachments are uploaded
 * as files (scope `files:write`) into the DM with the bot, or into the channel for a shared reply.
 */
import type { webApi } from '@slack/bolt';
import type { Reply, ReplyFile } from '../../src/ports/reply.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { createContext, createSection, SLACK_LIMITS, type SlackBlock } from './block-kit.ts';
import { fileText } from './file-texts.ts';
import { escapeSlackText, truncate } from './mrkdwn.ts';
import { postJson } from './post-json.ts';
import { fitBlocks, renderMessage, type RenderedMessage } from './render-blocks.ts';

/** Where to answer. */
export interface ReplyTarget {
  userId: string;
  channelId?: string;
  responseUrl?: string;
  /** Replace the message the clicked button sits on (nudges). */
  replaceOriginal?: boolean;
}

type Attachment = ReplyFile;

/** The bytes of an attachment (base64 decoded for binary content such as a PNG chart). */
export function attachmentBytes(a: Attachment): Buffer {
  return a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : Buffer.from(a.content, 'utf8');
}

/** A text attachment shown inline as a code block: the fallback when it cannot be uploaded. */
function inlineAttachmentBlocks(a: Attachment): SlackBlock[] {
  if (a.encoding === 'base64') return [createContext(`📎 ${escapeSlackText(a.fileName)}`)];
  const fence = '```';
  const room = SLACK_LIMITS.sectionText - 2 * fence.length - 2;
  return [createContext(`📎 ${escapeSlackText(a.fileName)}`), createSection(`${fence}\n${truncate(escapeSlackText(a.content.replace(/```/g, "'''")), room)}\n${fence}`)];
}

/**
 * Renders a Reply as a message. With `uploaded` the attachments follow as file uploads and the
 * message only names them; without, text attachments are shown inline (binary ones by name only).
 */
export function renderReplyMessage(reply: Reply, opts: { uploaded?: boolean } = {}): RenderedMessage {
  const m = renderMessage(reply);
  const files = reply.attachments ?? [];
  if (!files.length) return m;
  const extra = files.flatMap((a) => (opts.uploaded ? [createContext(`📎 ${escapeSlackText(a.fileName)}`)] : inlineAttachmentBlocks(a)));
  return { ...m, blocks: fitBlocks([...m.blocks, ...extra], SLACK_LIMITS.messageBlocks) };
}

/**
 * Whether a response_url may be posted to: Slack's hooks host, or the configured API's origin
 * (a test fake). Payloads are signed, but we still never POST to an arbitrary host.
 */
export function createResponseUrlGuard(apiUrl: string): (url: string) => boolean {
  const apiOrigin = new URL(apiUrl).origin;
  return (url) => {
    try {
      const u = new URL(url);
      return (u.protocol === 'https:' && u.hostname === 'hooks.slack.com') || u.origin === apiOrigin;
    } catch {
      return false;
    }
  };
}

export class ReplySender {
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly log: Logger,
    private readonly isAllowedResponseUrl: (url: string) => boolean = () => true,
    private readonly post: (url: string, body: unknown, timeoutMs: number) => Promise<number> = postJson,
  ) {}

  /** Posts to a response_url; false when Slack refused it (expired, used up) or it was unreachable. */
  private async postToResponseUrl(url: string, body: Record<string, unknown>): Promise<boolean> {
    if (!this.isAllowedResponseUrl(url)) {
      this.log.warn('ignored a response_url outside Slack');
      return false;
    }
    try {
      const status = await this.post(url, body, 5000);
      const ok = status >= 200 && status < 300;
      if (!ok) this.log.warn({ status }, 'response_url refused the reply');
      return ok;
    } catch (e) {
      this.log.warn({ err: e }, 'response_url unreachable');
      return false;
    }
  }

  /** The DM channel with a user (cached: conversations.open is idempotent but costs a call). */
  async openDm(client: webApi.WebClient, userId: string): Promise<string> {
    const cached = this.dmChannels.get(userId);
    if (cached) return cached;
    const r = await client.conversations.open({ users: userId });
    const id = r.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    this.dmChannels.set(userId, id);
    return id;
  }

  /**
   * Uploads an attachment (files.uploadV2: getUploadURLExternal → POST → completeUploadExternal).
   * Only a shared reply's attachment may go to its channel; everything else goes to the person's
   * DM with the bot. If the channel refuses (bot not a member), the DM is used; if the upload
   * fails altogether, a text attachment is posted inline to the DM.
   */
  private async uploadAttachment(client: webApi.WebClient, a: Attachment, userId: string, sharedChannel: string | undefined): Promise<void> {
    const bytes = attachmentBytes(a);
    const upload = (channel: string) => client.filesUploadV2({ channel_id: channel, file: bytes, filename: a.fileName, title: a.fileName });
    if (sharedChannel) {
      try {
        await upload(sharedChannel);
        return;
      } catch (e) {
        this.log.info({ err: e }, 'attachment upload to the channel failed; sending it as a direct message');
      }
    }
    const dm = await this.openDm(client, userId);
    try {
      await upload(dm);
    } catch (e) {
      this.log.warn({ err: e, file: a.fileName }, 'attachment upload failed; showing it inline');
      const blocks = a.encoding === 'base64'
        ? [createContext(`📎 ${escapeSlackText(a.fileName)} ⚠ ${escapeSlackText(fileText(undefined, 'attachmentFailed', { name: a.fileName }))}`)]
        : inlineAttachmentBlocks(a);
      await client.chat.postMessage({ channel: dm, text: a.fileName, blocks });
    }
  }

  /** Sends a Reply (and its private follow-up) to the target. */
  async send(client: webApi.WebClient, reply: Reply, target: ReplyTarget): Promise<void> {
    const msg = renderReplyMessage(reply, { uploaded: Boolean(reply.attachments?.length) });
    const shared = reply.visibility === 'shared';
    // Where the attachment may go: a channel only when the reply itself went there for everyone.
    let sharedChannel: string | undefined;
    let delivered = false;
    if (target.responseUrl) {
      delivered = await this.postToResponseUrl(target.responseUrl, {
        response_type: shared ? 'in_channel' : 'ephemeral',
        ...(target.replaceOriginal ? { replace_original: true } : { replace_original: false }),
        text: msg.text,
        blocks: msg.blocks,
      });
      if (delivered && shared && target.channelId && !target.channelId.startsWith('D')) sharedChannel = target.channelId;
    }
    if (!delivered && shared && target.channelId) {
      await client.chat.postMessage({ channel: target.channelId, text: msg.text, blocks: msg.blocks });
      delivered = true;
      if (!target.channelId.startsWith('D')) sharedChannel = target.channelId;
    }
    if (!delivered && target.channelId && !target.channelId.startsWith('D')) {
      try {
        await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text: msg.text, blocks: msg.blocks });
        delivered = true;
      } catch (e) {
        this.log.info({ err: e }, 'ephemeral reply failed; sending it as a direct message');
      }
    }
    if (!delivered) {
      await client.chat.postMessage({ channel: await this.openDm(client, target.userId), text: msg.text, blocks: msg.blocks });
    }
    for (const a of reply.attachments ?? []) await this.uploadAttachment(client, a, target.userId, shared ? sharedChannel : undefined);
    if (reply.privateFollowUp) {
      await this.send(client, { ...reply.privateFollowUp, visibility: 'private' }, { ...target, replaceOriginal: false });
    }
  }
}
