/**
 * Button clicks (`block_actions`): stored in the durable inbox, acked, the core asked, answered
 * where the button was. Nudge buttons replace their message, so a second click shows the same
 * state rather than a second reply.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { BUTTON_ACTION_PATTERN, parseButtonActionId } from '../action-ids.ts';
import { renderHome } from '../render-blocks.ts';
import { createRequestKey, type SlackHandlerDeps } from './deps.ts';
import { INBOX_KINDS, runAction, storeThenAck, tellUnavailable, type ActionPayload } from './requests.ts';

export function registerActionHandlers(app: App, d: SlackHandlerDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON_ACTION_PATTERN, async ({ ack, body, action, client }) => {
    const core = parseButtonActionId(action.action_id);
    const teamId = body.team?.id ?? body.user?.team_id ?? '';
    const userId = body.user?.id ?? '';
    const key = createRequestKey(teamId, `${body.trigger_id}:${action.action_id}`);
    if (!core || d.recent.checkAndMark(key)) {
      await ack();
      return;
    }
    const fromHome = body.view?.type === 'home';
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const payload: ActionPayload = {
      teamId, userId, enterpriseId: body.enterprise?.id ?? undefined, channelId: typeof channelId === 'string' ? channelId : undefined, channelName: body.channel?.name,
      responseUrl: body.response_url || undefined, action: core, value: action.value ?? '',
    };
    const entry = await storeThenAck(d, key, INBOX_KINDS.action, payload, () => ack());
    if (entry === false) {
      await tellUnavailable(d, client, payload);
      return;
    }
    try {
      await runAction(d, client, payload, key, { triggerId: body.trigger_id });
    } finally {
      await d.inbox?.done(entry);
    }
    if (fromHome) {
      // The action may have changed what Home shows (a new case, a done deadline).
      const ref = await d.actors.resolve(client, { userId, teamId, enterpriseId: payload.enterpriseId });
      const home = await d.chat.home(ref);
      await client.views.publish({ user_id: userId, view: renderHome(home) }).catch((e: unknown) => d.log.warn({ err: e }, 'views.publish after a Home action failed'));
    }
  });
}
