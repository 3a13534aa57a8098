/**
 * Events API: App Home (`app_home_opened` → views.publish) and direct messages to the bot
 * (`message.im` → a typed command). Events are de-duplicated on `event_id`.
 */
import type { App } from '@slack/bolt';
import { renderHome } from '../render-blocks.ts';
import { createRequestKey, presentReply, type SlackHandlerDeps } from './deps.ts';

function eventMeta(body: unknown): { eventId?: string; teamId?: string } {
  const b = body as { event_id?: string; team_id?: string; authorizations?: { team_id?: string }[] };
  return { eventId: b.event_id, teamId: b.team_id ?? b.authorizations?.[0]?.team_id };
}

export function registerEventHandlers(app: App, d: SlackHandlerDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab && event.tab !== 'home') return;
    const { eventId, teamId } = eventMeta(body);
    if (eventId && d.recent.checkAndMark(`event:${eventId}`)) return;
    const ref = await d.actors.resolve(client, { userId: event.user, teamId: teamId ?? '' });
    const home = await d.chat.home(ref);
    await client.views.publish({ user_id: event.user, view: renderHome(home) });
  });

  app.message(async ({ message, body, client }) => {
    // Only people typing in the bot's DM: no edits, joins or bot posts (our own included).
    if (message.channel_type !== 'im' || message.subtype !== undefined) return;
    if ('bot_id' in message && message.bot_id) return;
    const { eventId, teamId } = eventMeta(body);
    if (eventId && d.recent.checkAndMark(`event:${eventId}`)) return;
    const text = (message.text ?? '').trim();
    if (!text || !message.user) return;
    const team = teamId ?? message.team ?? '';
    const ref = await d.actors.resolve(client, { userId: message.user, teamId: team, channelId: message.channel, channelName: 'directmessage' });
    const reply = await d.chat.handleText(ref, text, { requestKey: createRequestKey(team, `msg:${message.client_msg_id ?? eventId ?? message.ts}`) });
    await presentReply(d, client, reply, { userId: message.user, channelId: message.channel }, { rerunText: text });
  });
}
