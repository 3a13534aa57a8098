/**
 * Button clicks (`block_actions`): ack, ask the core, answer where the button was. Nudge buttons
 * replace their message, so a second click shows the same state rather than a second reply.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ADAPTER_ACTIONS, BUTTON_ACTION_PATTERN, isReplacingAction, parseButtonActionId } from '../action-ids.ts';
import { renderHome } from '../render-blocks.ts';
import { createRequestKey, presentReply, type SlackHandlerDeps } from './deps.ts';

export function registerActionHandlers(app: App, d: SlackHandlerDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const core = parseButtonActionId(action.action_id);
    if (!core) return;
    const teamId = body.team?.id ?? body.user?.team_id ?? '';
    const userId = body.user?.id ?? '';
    const key = createRequestKey(teamId, `${body.trigger_id}:${action.action_id}`);
    if (d.recent.checkAndMark(key)) return;
    const fromHome = body.view?.type === 'home';
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const ref = await d.actors.resolve(client, { userId, teamId, enterpriseId: body.enterprise?.id ?? undefined, channelId: typeof channelId === 'string' ? channelId : undefined, channelName: body.channel?.name });
    const target = { userId, channelId: typeof channelId === 'string' ? channelId : undefined, responseUrl: body.response_url || undefined };
    const value = action.value ?? '';
    const reply = core === ADAPTER_ACTIONS.rerunText
      ? await d.chat.handleText(ref, value, { requestKey: key, lookupUser: (id) => d.actors.lookup(client, teamId, id) })
      : await d.chat.handleAction(ref, core, value, { requestKey: key });
    await presentReply(d, client, reply, { ...target, replaceOriginal: isReplacingAction(core) && !reply.form }, { triggerId: body.trigger_id });
    if (fromHome) {
      // The action may have changed what Home shows (a new case, a done deadline).
      const home = await d.chat.home({ ...ref, conversation: undefined });
      await client.views.publish({ user_id: userId, view: renderHome(home) }).catch((e: unknown) => d.log.warn({ err: e }, 'views.publish after a Home action failed'));
    }
  });
}
