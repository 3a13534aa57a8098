/** `/stafett <text>`: ack at once, then the core decides; forms open with the fresh trigger_id. */
import type { App } from '@slack/bolt';
import { SLACK_COMMAND } from '../action-ids.ts';
import { createRequestKey, presentReply, type SlackHandlerDeps } from './deps.ts';

export function registerCommandHandler(app: App, d: SlackHandlerDeps): void {
  app.command(SLACK_COMMAND, async ({ command, ack, client, context }) => {
    await ack();
    const key = createRequestKey(command.team_id, command.trigger_id);
    if (d.recent.checkAndMark(key)) {
      d.log.info({ retryNum: context.retryNum }, 'skipped a repeated slash command');
      return;
    }
    const ref = await d.actors.resolve(client, { userId: command.user_id ?? '', teamId: command.team_id ?? '', enterpriseId: command.enterprise_id || undefined, channelId: command.channel_id, channelName: command.channel_name });
    const reply = await d.chat.handleText(ref, command.text ?? '', { requestKey: key, lookupUser: (id) => d.actors.lookup(client, command.team_id ?? '', id) });
    await presentReply(d, client, reply, { userId: command.user_id, channelId: command.channel_id, responseUrl: command.response_url }, { triggerId: command.trigger_id, rerunText: command.text ?? '' });
  });
}
