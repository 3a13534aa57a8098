/**
 * Events API: App Home (`app_home_opened` → views.publish) and direct messages to the bot
 * (`message.im` → a typed command; a shared file → attendance import). Events are
 * de-duplicated on `event_id`.
 */
import type { App, webApi } from '@slack/bolt';
import { textReply } from '../../../src/ports/reply.ts';
import { checkSharedFile, downloadLimited, FileTooLargeError, MAX_IMPORT_BYTES, type SlackFileInfo } from '../file-import.ts';
import { fileText } from '../file-texts.ts';
import { renderHome } from '../render-blocks.ts';
import { createRequestKey, presentReply, type SlackHandlerDeps } from './deps.ts';

function eventMeta(body: unknown): { eventId?: string; teamId?: string; enterpriseId?: string } {
  const b = body as { event_id?: string; team_id?: string; enterprise_id?: string; authorizations?: { team_id?: string; enterprise_id?: string }[] };
  return { eventId: b.event_id, teamId: b.team_id ?? b.authorizations?.[0]?.team_id, enterpriseId: b.enterprise_id ?? b.authorizations?.[0]?.enterprise_id ?? undefined };
}

export function registerEventHandlers(app: App, d: SlackHandlerDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab && event.tab !== 'home') return;
    const { eventId, teamId, enterpriseId } = eventMeta(body);
    if (eventId && d.recent.checkAndMark(`event:${eventId}`)) return;
    const ref = await d.actors.resolve(client, { userId: event.user ?? '', teamId: teamId ?? '', enterpriseId });
    const home = await d.chat.home(ref);
    await client.views.publish({ user_id: event.user, view: renderHome(home) });
  });

  app.message(async ({ message, body, client, context }) => {
    // Files shared in the bot's DM: attendance CSV import.
    if (message.channel_type === 'im' && message.subtype === 'file_share') {
      const { eventId, teamId, enterpriseId } = eventMeta(body);
      if (eventId && d.recent.checkAndMark(`event:${eventId}`)) return;
      if (!message.user || !message.files?.length) return;
      const team = teamId ?? '';
      await importSharedFiles(d, client, context.botToken ?? '', { userId: message.user, teamId: team, enterpriseId, channelId: message.channel }, message.files as SlackFileInfo[]);
      return;
    }
    // Only people typing in the bot's DM: no edits, joins or bot posts (our own included).
    if (message.channel_type !== 'im' || message.subtype !== undefined) return;
    if ('bot_id' in message && message.bot_id) return;
    const { eventId, teamId, enterpriseId } = eventMeta(body);
    if (eventId && d.recent.checkAndMark(`event:${eventId}`)) return;
    const text = (message.text ?? '').trim();
    if (!text || !message.user) return;
    const team = teamId ?? message.team ?? '';
    const ref = await d.actors.resolve(client, { userId: message.user, teamId: team, enterpriseId, channelId: message.channel, channelName: 'directmessage' });
    const reply = await d.chat.handleText(ref, text, { requestKey: createRequestKey(team, `msg:${message.client_msg_id ?? eventId ?? message.ts}`), lookupUser: (id) => d.actors.lookup(client, team, id) });
    await presentReply(d, client, reply, { userId: message.user, channelId: message.channel }, { rerunText: text });
  });
}

/** Imports each CSV shared in the DM and answers there; anything else gets a localized refusal. */
async function importSharedFiles(
  d: SlackHandlerDeps,
  client: webApi.WebClient,
  botToken: string,
  origin: { userId: string; teamId: string; enterpriseId?: string; channelId: string },
  files: SlackFileInfo[],
): Promise<void> {
  const ref = await d.actors.resolve(client, { ...origin, channelName: 'directmessage' });
  const target = { userId: origin.userId, channelId: origin.channelId };
  const lang = ref.locale;
  for (const shared of files.slice(0, 5)) {
    const name = shared.name ?? shared.title ?? 'fil';
    const say = (key: Parameters<typeof fileText>[1], params: Record<string, string> = {}) => d.sender.send(client, textReply(fileText(lang, key, { name, ...params })), target);
    const sizeParams = () => ({ size: ((shared.size ?? 0) / 1024 / 1024).toFixed(1), limit: String(MAX_IMPORT_BYTES / 1024 / 1024) });
    const checked = await checkSharedFile(client, shared, d.log);
    if (!checked.ok) {
      await say(checked.reason, checked.reason === 'tooLarge' ? sizeParams() : {});
      continue;
    }
    if (!d.chat.importFile) {
      d.log.warn('slack: the chat port cannot import files');
      await say('downloadFailed');
      continue;
    }
    if (!d.isAllowedFileUrl(checked.file.url)) {
      d.log.warn('slack: refused to send the bot token to a file URL outside Slack');
      await say('downloadFailed');
      continue;
    }
    let content: Buffer;
    try {
      content = await downloadLimited(checked.file.url, MAX_IMPORT_BYTES, { headers: { authorization: `Bearer ${botToken}` }, rejectHtml: true, fetchImpl: d.fetchImpl });
    } catch (e) {
      if (e instanceof FileTooLargeError) {
        await say('tooLarge', sizeParams());
      } else {
        d.log.warn({ err: e }, 'slack: could not download a shared file');
        await say('downloadFailed');
      }
      continue;
    }
    const reply = await d.chat.importFile(ref, { fileName: name, content });
    await d.sender.send(client, { ...reply, visibility: 'private' }, target);
  }
}
