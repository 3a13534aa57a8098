/**
 * Modal submissions: the core validates; field errors go back into the modal
 * (`response_action: 'errors'`), a follow-up form replaces the modal, anything else closes it
 * and the answer goes to where the form was opened (or a DM).
 */
import type { App } from '@slack/bolt';
import type { FormResult } from '../../../src/ports/reply.ts';
import { SLACK_IDS } from '../action-ids.ts';
import { decodeFormMetadata, mapFormErrors, readFormValues, renderModal } from '../render-modal.ts';
import { createRequestKey, presentReply, type SlackHandlerDeps } from './deps.ts';

/** A submission must be answered within 3 s; past this we close the modal and answer by message. */
const SUBMIT_BUDGET_MS = 2200;

export function registerViewHandlers(app: App, d: SlackHandlerDeps): void {
  app.view(SLACK_IDS.formCallback, async ({ ack, body, view, client }) => {
    const meta = decodeFormMetadata(view.private_metadata);
    if (!meta) {
      await ack();
      return;
    }
    const teamId = body.team?.id ?? body.user?.team_id ?? '';
    const userId = body.user?.id ?? '';
    // One modal creates at most one record, however often Slack re-delivers its submission.
    const key = createRequestKey(teamId, `view:${view.id}`);
    const ref = await d.actors.resolve(client, { userId, teamId, enterpriseId: body.enterprise?.id ?? undefined, channelId: meta.channelId });
    const values = readFormValues(view.state.values);
    const target = { userId, channelId: meta.channelId, responseUrl: meta.responseUrl };

    const submitted = d.chat.submitForm(ref, meta.formId, meta.context, values, { requestKey: key, lookupUser: (id) => d.actors.lookup(client, teamId, id) });
    const timedOut = Symbol('timeout');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([submitted, new Promise<typeof timedOut>((r) => (timer = setTimeout(() => r(timedOut), SUBMIT_BUDGET_MS)))]);
    clearTimeout(timer);

    if (first === timedOut) {
      await ack();
      const late: FormResult = await submitted;
      const reply = late.ok ? late.reply : { visibility: 'private' as const, blocks: [{ type: 'list' as const, items: Object.values(late.errors) }], fallbackText: Object.values(late.errors).join(' ') };
      await presentReply(d, client, { ...reply, form: undefined }, target);
      return;
    }
    if (!first.ok) {
      await ack({ response_action: 'errors', errors: mapFormErrors(null, first.errors, view.state.values) });
      return;
    }
    const reply = first.reply;
    if (reply.form) {
      // A follow-up form (e.g. choose the next stage) replaces this modal in place.
      await ack({ response_action: 'update', view: renderModal(reply.form, { channelId: meta.channelId, responseUrl: meta.responseUrl }) });
      if (reply.blocks.length > 0) await presentReply(d, client, { ...reply, form: undefined }, target);
      return;
    }
    await ack();
    await presentReply(d, client, reply, target);
  });
}
