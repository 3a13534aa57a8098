/**
 * Modal submissions: stored in the durable inbox, then the core validates; field errors go back
 * into the modal (`response_action: 'errors'`), a follow-up form replaces the modal, anything else
 * closes it and the answer goes to where the form was opened (or a DM).
 */
import type { App, ViewResponseAction, webApi } from '@slack/bolt';
import type { FormResult } from '../../../src/ports/reply.ts';
import { SLACK_IDS } from '../action-ids.ts';
import { decodeFormMetadata, mapFormErrors, readFormValues, renderModal } from '../render-modal.ts';
import { createRequestKey, presentReply, type SlackHandlerDeps } from './deps.ts';
import type { ActorRef } from '../../../src/ports/actor.ts';
import { earlyRef, formResultMessage, INBOX_KINDS, type ViewPayload } from './requests.ts';

/** A submission must be answered within 3 s; past this we close the modal and answer by message. */
const SUBMIT_BUDGET_MS = 2200;

type ViewState = Parameters<typeof mapFormErrors>[2];
type ViewAck = (response?: ViewResponseAction) => Promise<void>;

export function registerViewHandlers(app: App, d: SlackHandlerDeps): void {
  app.view(SLACK_IDS.formCallback, async ({ ack, body, view, client }) => {
    const meta = decodeFormMetadata(view.private_metadata);
    if (!meta) {
      await ack();
      return;
    }
    const teamId = body.team?.id ?? body.user?.team_id ?? '';
    // One modal creates at most one record, however often Slack re-delivers its submission.
    const key = createRequestKey(teamId, `view:${view.id}`);
    const payload: ViewPayload = {
      teamId, userId: body.user?.id ?? '', enterpriseId: body.enterprise?.id ?? undefined, channelId: meta.channelId, responseUrl: meta.responseUrl,
      formId: meta.formId, context: meta.context, values: readFormValues(view.state.values),
    };
    // Stored before anything is done: if the instance dies, recovery answers by message. The
    // submission's own answer is the ack, so a database that cannot store it does not stop it.
    const ref = earlyRef(d, client, payload, { formId: payload.formId });
    const entry = await d.inbox?.receive(key, INBOX_KINDS.view, payload as unknown as Record<string, unknown>).catch((e: unknown) => {
      d.log.warn({ err: e }, 'inbox: could not store a form submission');
      return undefined;
    });
    try {
      await submit(d, client, payload, key, ack as ViewAck, view.state.values as ViewState, ref);
    } finally {
      await d.inbox?.done(entry);
    }
  });
}

async function submit(d: SlackHandlerDeps, client: webApi.WebClient, p: ViewPayload, key: string, ack: ViewAck, state: ViewState, early: Promise<ActorRef>): Promise<void> {
  const ref = await early;
  const target = { userId: p.userId, channelId: p.channelId, responseUrl: p.responseUrl };
  const submitted = d.chat.submitForm(ref, p.formId, p.context, p.values, { requestKey: key, lookupUser: (id) => d.actors.lookup(client, p.teamId, id) });
  const timedOut = Symbol('timeout');
  let timer: NodeJS.Timeout | undefined;
  const first = await Promise.race([submitted, new Promise<typeof timedOut>((r) => (timer = setTimeout(() => r(timedOut), SUBMIT_BUDGET_MS)))]);
  clearTimeout(timer);

  if (first === timedOut) {
    await ack();
    const late: FormResult = await submitted;
    await presentReply(d, client, formResultMessage(late), target);
    return;
  }
  if (!first.ok) {
    await ack({ response_action: 'errors', errors: mapFormErrors(null, first.errors, state) });
    return;
  }
  const reply = first.reply;
  if (reply.form) {
    // A follow-up form (e.g. choose the next stage) replaces this modal in place.
    await ack({ response_action: 'update', view: renderModal(reply.form, { channelId: p.channelId, responseUrl: p.responseUrl }) });
    if (reply.blocks.length > 0) await presentReply(d, client, { ...reply, form: undefined }, target);
    return;
  }
  await ack();
  await presentReply(d, client, reply, target);
}
