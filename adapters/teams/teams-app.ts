/**
 * The Teams bot: a teams-ai `Application` whose routes only translate activities into ChatPort
 * calls and render the answers as Adaptive Cards. Access, validation and texts are the core's.
 */
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { ChatPort } from '../../src/ports/chat-port.ts';
import { textReply, type Reply, type ReplyFile } from '../../src/ports/reply.ts';
import { errorText } from '../../src/i18n/core.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { actorRefFromActivity, commandText, conversationKind } from './activity.ts';
import { cardText } from './cards/card-texts.ts';
import { inlineImage, type FileDelivery } from './cards/render-attachment.ts';
import { consentCardActivity, fileInfoActivity, filesToOffer, isAllowedUploadUrl, offerIdOf, replyFileBytes, uploadToSession } from './file-offers.ts';
import { readFormData, readFormValues, renderCard, renderFormCard, type AdaptiveCard } from './cards/render-card.ts';
import { downloadLimited, filesOf, FileTooLargeError, isAllowedDownloadUrl, isCsv, MAX_IMPORT_BYTES, type FileImportPort, type TeamsFile } from './file-import.ts';
import type { RosterMember } from './roster.ts';
import { parseVerb, VERB_PATTERN } from './verbs.ts';

/** Remembers where a person or channel can be reached later (conversation reference store). */
export interface ConversationRecorder {
  record(context: TurnContext, actor: ActorRef): Promise<void>;
}

export interface TeamsAppDeps {
  /** The core; `importFile` is ChatService's (attendance CSVs sent in a 1:1 chat). */
  chat: ChatPort & Partial<FileImportPort>;
  fetchImpl?: typeof fetch;
  log: Logger;
  /** Absent in routing tests that need no database. */
  conversations?: ConversationRecorder;
  /** The person's e-mail from Teams (only with credentials; links to the organisation's people). */
  lookupEmail?: (context: TurnContext) => Promise<string | undefined>;
  /**
   * The Teams users a name or mention in this turn stands for (roster.ts), so a colleague who
   * never used Stafett can be linked by their profile e-mail. Absent: names are matched as typed.
   */
  findColleagues?: (context: TurnContext, nameOrEmail: string) => Promise<RosterMember[]>;
  /** Sends a reply to the person's 1:1 chat; false when there is none to use. */
  sendPrivately?: (actor: ActorRef, reply: Reply) => Promise<boolean>;
  botAppId?: string;
}

/** The idempotency key of an activity: a redelivered activity carries the same id. */
export function requestKeyOf(activity: Partial<Activity>): string | undefined {
  return activity.id ? `teams:${activity.id}` : undefined;
}

/** The activity that shows a reply as one Adaptive Card. */
export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary.slice(0, 200);
  return activity;
}

/**
 * A reply as an activity: the card, plus in a 1:1 chat a PNG attachment as an inline image
 * (data URIs are not shown in channels, so there the card says so instead). `files` says what
 * happens to the other files (consent cards follow, or they went to the private chat).
 */
export function replyActivity(reply: Reply, lang: string | undefined, personal: boolean, files?: FileDelivery): Partial<Activity> {
  const image = personal ? inlineImage(reply.attachments) : undefined;
  const activity = cardActivity(renderCard(reply, lang, { imageInline: Boolean(image), files }), reply.fallbackText);
  if (image) activity.attachments = [...(activity.attachments ?? []), image];
  return activity;
}

/** Builds the Application and registers its routes; `adapter` is omitted in TestAdapter tests. */
export function createTeamsApp(deps: TeamsAppDeps, adapter?: TeamsAdapter): Application {
  const app = new Application({
    ...(adapter ? { adapter } : {}),
    ...(deps.botAppId ? { botAppId: deps.botAppId } : {}),
    // Typing indicators would add an outbound call per turn for instant answers.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });

  /** What the core may ask of the platform during this turn: idempotency key, colleagues by name. */
  const optionsFor = (context: TurnContext) => ({
    requestKey: requestKeyOf(context.activity),
    ...(deps.findColleagues ? { findUsers: (name: string) => deps.findColleagues!(context, name) } : {}),
  });

  const actorFor = async (context: TurnContext): Promise<ActorRef> => {
    const email = deps.lookupEmail ? await deps.lookupEmail(context).catch(() => undefined) : undefined;
    const actor = actorRefFromActivity(context.activity, email);
    if (deps.conversations) {
      // A failed refresh must not cost the person their answer; the next activity retries.
      await deps.conversations.record(context, actor).catch((e: unknown) => deps.log.warn({ err: e }, 'teams: could not store conversation reference'));
    }
    return actor;
  };

  /** Consent cards for files in this 1:1 chat (file-offers.ts). */
  const sendOffers = async (context: TurnContext, actor: ActorRef, files: ReplyFile[]): Promise<void> => {
    if (!files.length || !deps.chat.offerFiles) return;
    for (const offer of await deps.chat.offerFiles(actor, files)) await context.sendActivity(consentCardActivity(offer, actor.locale));
  };
  const personalFiles: FileDelivery = deps.chat.offerFiles ? 'offered' : 'unavailable';

  /** A shared reply's files go to the asker's 1:1 chat, never into the channel. */
  const filesPrivately = async (actor: ActorRef, reply: Reply): Promise<FileDelivery | undefined> => {
    const files = reply.attachments ?? [];
    if (!files.length) return undefined;
    const filesOnly: Reply = { visibility: 'private', blocks: [], fallbackText: files.map((f) => f.fileName).join(', '), attachments: files };
    const sent = deps.sendPrivately ? await deps.sendPrivately(actor, filesOnly).catch(() => false) : false;
    return sent ? 'sentPrivately' : 'unavailable';
  };

  /** Sends a reply where it belongs: private replies never land in a shared space. */
  const deliver = async (context: TurnContext, actor: ActorRef, reply: Reply): Promise<void> => {
    const lang = actor.locale;
    const shared = conversationKind(context.activity) !== 'personal';
    if (shared && reply.visibility === 'private') {
      const sent = deps.sendPrivately ? await deps.sendPrivately(actor, reply).catch(() => false) : false;
      await context.sendActivity(cardActivity(renderCard(textReply(cardText(lang, sent ? 'privateSent' : 'privateMissing')), lang)));
      return;
    }
    if (shared) {
      await context.sendActivity(replyActivity(reply, lang, false, await filesPrivately(actor, reply)));
    } else {
      await context.sendActivity(replyActivity(reply, lang, true, personalFiles));
      await sendOffers(context, actor, filesToOffer(reply.attachments, true));
    }
    if (reply.privateFollowUp) await deliverFollowUp(context, actor, reply.privateFollowUp);
  };

  const deliverFollowUp = async (context: TurnContext, actor: ActorRef, reply: Reply): Promise<void> => {
    if (conversationKind(context.activity) === 'personal') {
      await context.sendActivity(replyActivity(reply, actor.locale, true, personalFiles));
      await sendOffers(context, actor, filesToOffer(reply.attachments, true));
    } else if (deps.sendPrivately) {
      await deps.sendPrivately(actor, reply).catch((e: unknown) => deps.log.warn({ err: e }, 'teams: private follow-up failed'));
    }
  };

  /** The card replacing a submitted one; its PNG and consent cards (1:1 only) follow as messages of their own. */
  const replacingCard = async (context: TurnContext, actor: ActorRef, reply: Reply): Promise<AdaptiveCard> => {
    const lang = actor.locale;
    if (conversationKind(context.activity) !== 'personal') return renderCard(reply, lang, { files: await filesPrivately(actor, reply) });
    const image = inlineImage(reply.attachments);
    if (image) await context.sendActivity({ type: ActivityTypes.Message, attachments: [image] });
    await sendOffers(context, actor, filesToOffer(reply.attachments, true));
    return renderCard(reply, lang, { imageInline: Boolean(image), files: personalFiles });
  };

  /** Allow on a consent card: upload the offered file to the person's OneDrive, then show it. */
  app.fileConsentAccept(async (context, _state, response) => {
    const actor = await actorFor(context);
    const lang = actor.locale;
    const say = (key: 'fileGone' | 'fileUploadFailed', name = '') => context.sendActivity(cardActivity(renderCard(textReply(cardText(lang, key, { name })), lang)));
    const offerId = offerIdOf(response);
    const info = response?.uploadInfo;
    if (!offerId || !deps.chat.deliverOfferedFile || !isAllowedUploadUrl(info?.uploadUrl)) {
      deps.log.warn({ hasOffer: Boolean(offerId), hasUrl: Boolean(info?.uploadUrl) }, 'teams: unusable file consent');
      await say('fileGone');
      return;
    }
    let uploaded: string | undefined;
    try {
      const r = await deps.chat.deliverOfferedFile(actor, offerId, async (file) => {
        uploaded = file.fileName;
        await uploadToSession(info!.uploadUrl!, replyFileBytes(file), deps.fetchImpl);
      });
      if (r === 'gone') {
        await say('fileGone');
        return;
      }
    } catch (e) {
      deps.log.warn({ err: e }, 'teams: file upload failed');
      await say('fileUploadFailed', uploaded);
      return;
    }
    await context.sendActivity(fileInfoActivity(info!, lang));
  });

  app.fileConsentDecline(async (context, _state, response) => {
    const actor = await actorFor(context);
    const offerId = offerIdOf(response);
    const name = offerId && deps.chat.declineOfferedFile ? await deps.chat.declineOfferedFile(actor, offerId) : undefined;
    await context.sendActivity(cardActivity(renderCard(textReply(cardText(actor.locale, name ? 'fileDeclined' : 'fileGone', { name: name ?? '' })), actor.locale)));
  });

  /** Attendance files: imported in a 1:1 chat only; anything but a CSV is refused. */
  const importFiles = async (context: TurnContext, actor: ActorRef, files: TeamsFile[]): Promise<void> => {
    const lang = actor.locale;
    const say = (text: string) => context.sendActivity(cardActivity(renderCard(textReply(text), lang), text));
    if (conversationKind(context.activity) !== 'personal') {
      await say(cardText(lang, 'importPersonalOnly'));
      return;
    }
    for (const f of files.slice(0, 5)) {
      const name = f.name;
      if (!isCsv(f)) {
        await say(cardText(lang, 'importNotCsv', { name }));
        continue;
      }
      if (!f.downloadUrl || !isAllowedDownloadUrl(f.downloadUrl) || !deps.chat.importFile) {
        deps.log.warn({ hasUrl: Boolean(f.downloadUrl) }, 'teams: cannot fetch a sent file');
        await say(cardText(lang, 'importFailed', { name }));
        continue;
      }
      let content: Buffer;
      try {
        content = await downloadLimited(f.downloadUrl, MAX_IMPORT_BYTES, { fetchImpl: deps.fetchImpl });
      } catch (e) {
        if (e instanceof FileTooLargeError) {
          await say(cardText(lang, 'importTooLarge', { name, limit: String(MAX_IMPORT_BYTES / 1024 / 1024) }));
        } else {
          deps.log.warn({ err: e }, 'teams: could not download a sent file');
          await say(cardText(lang, 'importFailed', { name }));
        }
        continue;
      }
      const reply = await deps.chat.importFile(actor, { fileName: name, content });
      await context.sendActivity(replyActivity({ ...reply, visibility: 'private' }, lang, true));
    }
  };

  /**
   * The card answering a card action. In a channel or group chat a private reply (details, a
   * form) goes to the person's 1:1 chat and the shared card only says so — exactly like a typed
   * command there, whatever card the action came from.
   */
  const answerCard = async (context: TurnContext, actor: ActorRef, reply: Reply): Promise<AdaptiveCard> => {
    const lang = actor.locale;
    if (conversationKind(context.activity) !== 'personal' && reply.visibility === 'private') {
      const sent = deps.sendPrivately ? await deps.sendPrivately(actor, reply).catch(() => false) : false;
      return renderCard(textReply(cardText(lang, sent ? 'privateSent' : 'privateMissing')), lang);
    }
    if (reply.privateFollowUp) await deliverFollowUp(context, actor, reply.privateFollowUp);
    return replacingCard(context, actor, reply);
  };

  /** One path for Action.Execute and the Action.Submit fallback; returns the replacing card. */
  const handleCardAction = async (context: TurnContext, verb: unknown, data: Record<string, unknown>): Promise<AdaptiveCard> => {
    const actor = await actorFor(context);
    const lang = actor.locale;
    const opts = optionsFor(context);
    const parsed = parseVerb(verb);
    if (!parsed) return renderCard(textReply(errorText(lang, 'INTERNAL')), lang);
    if (parsed.kind === 'action') {
      const value = typeof data.value === 'string' ? data.value : data.value === undefined ? '' : String(data.value);
      const reply = await deps.chat.handleAction(actor, parsed.name, value, opts);
      return answerCard(context, actor, reply);
    }
    const formData = readFormData(data);
    if (!formData) return renderCard(textReply(errorText(lang, 'INTERNAL')), lang);
    const values = readFormValues(data);
    const result = await deps.chat.submitForm(actor, parsed.name, formData.context, values, opts);
    if (result.ok) return answerCard(context, actor, result.reply);
    if (formData.form) return renderFormCard(formData.form, lang, { values, errors: result.errors });
    return renderCard(textReply(Object.values(result.errors).join('\n')), lang);
  };

  // Order matters: teams-ai runs the first matching route, and a card's Action.Submit fallback
  // arrives as a message with `value` and no text.
  app.adaptiveCards.actionExecute<Record<string, unknown>>(VERB_PATTERN, async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    return handleCardAction(context, verb, data ?? {});
  });

  app.adaptiveCards.actionSubmit<Record<string, unknown>>(VERB_PATTERN, async (context, _state, data) => {
    const card = await handleCardAction(context, data.verb, data);
    const activity = cardActivity(card);
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      try {
        // Replacing the submitted card keeps it from being submitted twice.
        await context.updateActivity({ ...activity, id: replyToId });
        return;
      } catch (e) {
        deps.log.debug({ err: e }, 'teams: could not replace submitted card; sending a new message');
      }
    }
    await context.sendActivity(activity);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === botId);
    const actor = await actorFor(context);
    if (!botAdded) return;
    const reply = await deps.chat.handleText(actor, 'hjälp', { requestKey: requestKeyOf(activity) });
    await context.sendActivity(cardActivity(renderCard({ ...reply, visibility: 'shared' }, actor.locale), reply.fallbackText));
  });

  // A file sent to the bot (its text may be empty, which the text route below never matches).
  app.message(
    async (context) => context.activity.type === ActivityTypes.Message && filesOf(context.activity).length > 0,
    async (context) => {
      const actor = await actorFor(context);
      await importFiles(context, actor, filesOf(context.activity));
    },
  );

  app.message(/[\s\S]*/, async (context) => {
    const actor = await actorFor(context);
    const text = commandText(context.activity);
    if (!text) return;
    const reply = await deps.chat.handleText(actor, text, optionsFor(context));
    await deliver(context, actor, reply);
  });

  return app;
}

/** Whether an activity names its sender at all (teams-ai cannot run a turn without one). */
export function hasSender(activity: Partial<Activity>): boolean {
  return Boolean(activity.from?.id || activity.from?.aadObjectId);
}

/**
 * An activity without any sender id: the core refuses it (and audits the refusal); the answer is
 * its refusal card, as an invoke response or a message.
 */
export async function answerWithoutSender(chat: ChatPort, context: TurnContext): Promise<void> {
  const actor = actorRefFromActivity(context.activity);
  const reply = await chat.handleText(actor, 'hjälp', {});
  const card = renderCard({ ...reply, visibility: 'shared' }, actor.locale);
  if (context.activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } });
  } else if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.ConversationUpdate) {
    await context.sendActivity(cardActivity(card, reply.fallbackText));
  }
}

/** The one error hook: logs, and answers generically in the person's language. */
export function createTurnErrorHandler(log: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const a = context.activity;
    log.error({ err: error, activityType: a.type, activityName: a.name }, 'teams: turn failed');
    const text = errorText(a.locale, 'INTERNAL');
    try {
      if (a.type === ActivityTypes.Invoke) {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: renderCard(textReply(text), a.locale) } },
        });
      } else if (a.type === ActivityTypes.Message) {
        await context.sendActivity(cardActivity(renderCard(textReply(text), a.locale)));
      }
    } catch (e) {
      log.warn({ err: e }, 'teams: could not tell the person about a failed turn');
    }
  };
}
