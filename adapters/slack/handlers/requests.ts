/**
 * The work behind each Slack request that may change data — a slash command, a button click, a
 * form submission — as plain functions of a stored payload, so the live listener and the durable
 * inbox's recovery (after a restart) run exactly the same code with the same request key.
 */
import type { webApi } from '@slack/bolt';
import type { ActorRef } from '../../../src/ports/actor.ts';
import { textReply, type FormResult, type Reply } from '../../../src/ports/reply.ts';
import { errorText } from '../../../src/i18n/core.ts';
import { ADAPTER_ACTIONS, isReplacingAction } from '../action-ids.ts';
import type { SlackOrigin } from '../slack-actors.ts';
import { presentReply, type SlackHandlerDeps } from './deps.ts';

/** Who asked and where: enough to resolve the actor again and to answer. */
export interface RequestOrigin {
  teamId: string;
  userId: string;
  enterpriseId?: string;
  channelId?: string;
  channelName?: string;
  responseUrl?: string;
}

export interface CommandPayload extends RequestOrigin {
  text: string;
}

export interface ActionPayload extends RequestOrigin {
  /** The core's action name (parsed from the button's action_id). */
  action: string;
  value: string;
}

export interface ViewPayload extends RequestOrigin {
  formId: string;
  context: Record<string, string>;
  values: Record<string, string>;
}

export const INBOX_KINDS = { command: 'slack.command', action: 'slack.action', view: 'slack.view' } as const;

export function slackOrigin(p: RequestOrigin): SlackOrigin {
  return { userId: p.userId, teamId: p.teamId, enterpriseId: p.enterpriseId, channelId: p.channelId, channelName: p.channelName };
}

/**
 * Who is asking, started as the request arrives: the core begins its read of the person and
 * their organisation (ChatPort.prefetch) while the inbox stores the request, so the two round
 * trips overlap instead of following each other. Await the result where the ref is needed; a
 * failure surfaces there (and is never left unhandled if the request stops before).
 */
export function earlyRef(d: SlackHandlerDeps, client: webApi.WebClient, p: RequestOrigin, opts: { formId?: string } = {}): Promise<ActorRef> {
  const ref = d.actors.resolve(client, slackOrigin(p)).then((r) => {
    d.chat.prefetch?.(r, opts);
    return r;
  });
  ref.catch(() => undefined);
  return ref;
}

/** `/stafett <text>`: the core decides; a form opens with `triggerId` (a button re-runs it without one). */
export async function runCommand(d: SlackHandlerDeps, client: webApi.WebClient, p: CommandPayload, key: string, opts: { triggerId?: string; ref?: Promise<ActorRef> } = {}): Promise<void> {
  const ref = await (opts.ref ?? d.actors.resolve(client, slackOrigin(p)));
  const reply = await d.chat.handleText(ref, p.text, { requestKey: key, lookupUser: (id) => d.actors.lookup(client, p.teamId, id) });
  await presentReply(d, client, reply, { userId: p.userId, channelId: p.channelId, responseUrl: p.responseUrl }, { triggerId: opts.triggerId, rerunText: p.text });
}

/** A clicked button: the core's action, or the adapter's own re-run of a typed command. */
export async function runAction(d: SlackHandlerDeps, client: webApi.WebClient, p: ActionPayload, key: string, opts: { triggerId?: string } = {}): Promise<void> {
  const ref = await d.actors.resolve(client, slackOrigin(p));
  const target = { userId: p.userId, channelId: p.channelId, responseUrl: p.responseUrl };
  const reply = p.action === ADAPTER_ACTIONS.rerunText
    ? await d.chat.handleText(ref, p.value, { requestKey: key, lookupUser: (id) => d.actors.lookup(client, p.teamId, id) })
    : await d.chat.handleAction(ref, p.action, p.value, { requestKey: key });
  await presentReply(d, client, reply, { ...target, replaceOriginal: isReplacingAction(p.action) && !reply.form }, { triggerId: opts.triggerId });
}

/** A form's result as a message (no modal to answer into): the reply, or its field errors as a list. */
export function formResultMessage(result: FormResult): Reply {
  if (result.ok) return { ...result.reply, form: undefined };
  return { visibility: 'private', blocks: [{ type: 'list', items: Object.values(result.errors) }], fallbackText: Object.values(result.errors).join(' ') };
}

/** A form submitted again after a restart: its answer goes to where the form was opened (or a DM). */
export async function runViewAgain(d: SlackHandlerDeps, client: webApi.WebClient, p: ViewPayload, key: string): Promise<void> {
  const ref = await d.actors.resolve(client, slackOrigin(p));
  const result = await d.chat.submitForm(ref, p.formId, p.context, p.values, { requestKey: key, lookupUser: (id) => d.actors.lookup(client, p.teamId, id) });
  await presentReply(d, client, formResultMessage(result), { userId: p.userId, channelId: p.channelId, responseUrl: p.responseUrl });
}

/** Slack wants the ack within 3 s: past this the ack goes out even if the inbox has not stored the request yet. */
const STORE_BUDGET_MS = 2000;

/**
 * Stores a request in the durable inbox, then acks. Returns the entry id (undefined without an
 * inbox, or for a retry whose first delivery is stored already), or `false` when the database
 * could not take it: then the caller tells the person "try again" instead of going silent. A
 * database too slow to store within the budget does not hold up the ack.
 */
export async function storeThenAck(d: SlackHandlerDeps, key: string, kind: string, payload: object, ack: () => Promise<void>): Promise<string | undefined | false> {
  if (!d.inbox) {
    await ack();
    return undefined;
  }
  const stored = d.inbox.receive(key, kind, payload as Record<string, unknown>).catch((e: unknown) => {
    d.log.warn({ err: e, kind }, 'inbox: could not store a request');
    return false as const;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([stored.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STORE_BUDGET_MS)))]);
  clearTimeout(timer);
  if (late) d.log.warn({ kind }, 'inbox: the database was slow; acknowledged before the request was stored');
  await ack();
  return stored;
}

/** The localized "the database does not answer, try again" to a request the inbox could not store. */
export async function tellUnavailable(d: SlackHandlerDeps, client: webApi.WebClient, p: RequestOrigin): Promise<void> {
  try {
    const ref = await d.actors.resolve(client, slackOrigin(p));
    await d.sender.send(client, textReply(`⚠ ${errorText(ref.locale ?? 'sv', 'DB.UNAVAILABLE')}`), { userId: p.userId, channelId: p.channelId, responseUrl: p.responseUrl });
  } catch (e) {
    d.log.warn({ err: e }, 'could not tell the person the database is unavailable');
  }
}
