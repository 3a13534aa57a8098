/**
 * `/stafett <text>`: stored in the durable inbox, acked at once, then the core decides; forms
 * open with the fresh trigger_id. If the instance dies after the ack, the inbox's recovery
 * finishes the command or asks the person to type it again.
 */
import type { App } from '@slack/bolt';
import { SLACK_COMMAND } from '../action-ids.ts';
import { createRequestKey, type SlackHandlerDeps } from './deps.ts';
import { earlyRef, INBOX_KINDS, runCommand, storeThenAck, tellUnavailable, type CommandPayload } from './requests.ts';

export function registerCommandHandler(app: App, d: SlackHandlerDeps): void {
  app.command(SLACK_COMMAND, async ({ command, ack, client, context }) => {
    const key = createRequestKey(command.team_id, command.trigger_id);
    if (d.recent.checkAndMark(key)) {
      await ack();
      d.log.info({ retryNum: context.retryNum }, 'skipped a repeated slash command');
      return;
    }
    const payload: CommandPayload = {
      teamId: command.team_id ?? '', userId: command.user_id ?? '', enterpriseId: command.enterprise_id || undefined,
      channelId: command.channel_id, channelName: command.channel_name, responseUrl: command.response_url || undefined, text: command.text ?? '',
    };
    const ref = earlyRef(d, client, payload);
    const entry = await storeThenAck(d, key, INBOX_KINDS.command, payload, () => ack());
    if (entry === false) {
      await tellUnavailable(d, client, payload);
      return;
    }
    try {
      await runCommand(d, client, payload, key, { triggerId: command.trigger_id, ref });
    } finally {
      await d.inbox?.done(entry);
    }
  });
}
