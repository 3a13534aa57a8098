/** Reads who is talking and where from a Bot Framework activity (no SDK calls, no domain logic). */
import type { Activity, ConversationReference } from 'botbuilder';
import type { ActorRef } from '../../src/ports/actor.ts';

type Kind = NonNullable<ActorRef['conversation']>['kind'];

/** Teams thread ids carry `;messageid=…` for a reply chain; the channel itself is the part before. */
export function channelRootId(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}

/** `personal`, `channel` or `groupChat`, from `conversation.conversationType`. */
export function conversationKind(activity: Partial<Activity>): Kind {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  if (t === 'groupChat') return 'groupChat';
  return 'personal';
}

/** The stable id of the conversation: a channel's id without the reply-chain suffix. */
export function conversationIdOf(activity: Partial<Activity>): string {
  const kind = conversationKind(activity);
  const channelId = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  if (kind === 'channel') return channelId ?? channelRootId(activity.conversation?.id ?? '');
  return activity.conversation?.id ?? '';
}

/** The tenant (organisation) id, from the conversation or the Teams channel data. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? fromChannel ?? undefined;
}

/** Builds the platform-neutral actor for an incoming activity. */
export function actorRefFromActivity(activity: Partial<Activity>, email?: string): ActorRef {
  const from = activity.from;
  // No id at all stays empty: the core refuses such a request instead of guessing a person.
  const userId = from?.aadObjectId || from?.id || '';
  const ref: ActorRef = {
    platform: 'TEAMS',
    userId,
    conversation: { id: conversationIdOf(activity), kind: conversationKind(activity) },
  };
  const tenant = tenantIdOf(activity);
  if (tenant) ref.workspaceId = tenant;
  if (email) ref.email = email;
  if (from?.name) ref.displayName = from.name;
  if (activity.locale) ref.locale = activity.locale;
  return ref;
}

const LEADING_AT = /^\s*<at[^>]*>[^<]*<\/at>\s*/i;

/**
 * The command text of a message: HTML entities Teams adds are decoded, and in shared spaces a
 * leading `<at>…</at>` (the bot's own mention, when the SDK did not remove it) goes. Mentions later
 * in the text stay: `stafett KOD <at>Anna</at>` names the colleague.
 */
export function commandText(activity: Partial<Activity>): string {
  let text = (activity.text ?? '').replace(/&nbsp;/g, ' ').replace(/<br\s*\/?>/gi, '\n').replace(/<\/?p>/gi, ' ');
  if (conversationKind(activity) !== 'personal') {
    while (LEADING_AT.test(text)) text = text.replace(LEADING_AT, '');
  }
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').trim();
}

/** A reference suitable for proactive messages: channel posts start a new thread at the channel root. */
export function storableReference(ref: Partial<ConversationReference>, kind: Kind): Record<string, unknown> {
  const { activityId: _drop, ...rest } = ref;
  const conversation = rest.conversation ? { ...rest.conversation } : undefined;
  if (conversation && kind === 'channel') conversation.id = channelRootId(conversation.id);
  return JSON.parse(JSON.stringify({ ...rest, ...(conversation ? { conversation } : {}) })) as Record<string, unknown>;
}
