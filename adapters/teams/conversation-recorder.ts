/**
 * Keeps the stored Teams conversation references fresh: every incoming activity (message, invoke,
 * install) refreshes the row of its conversation, so proactive nudges reach the right chat.
 */
import { TurnContext } from 'botbuilder';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { ConversationRefStore } from '../../src/ports/conversation-refs.ts';
import { conversationIdOf, conversationKind, storableReference } from './activity.ts';
import type { ConversationRecorder } from './teams-app.ts';

/** Rows are re-written at most this often per conversation unless the address changed. */
const REFRESH_MS = 10 * 60_000;
const MAX_CACHE = 5000;

/** Who an activity's sender is, decided by the core (null: the request will be refused). */
export type Identify = (actor: ActorRef) => Promise<{ personId: string; orgId: string } | null>;

/**
 * A recorder writing to the conversation-reference store; 1:1 chats are linked to the person. Nothing
 * is stored for a sender the core refuses (another tenant, an unknown user).
 */
export function createConversationRecorder(store: ConversationRefStore, identify: Identify, now: () => number = Date.now): ConversationRecorder & { forget(conversationId: string): void } {
  const seen = new Map<string, { at: number; serviceUrl: string; personId: string | null }>();
  return {
    async record(context: TurnContext, actor: ActorRef): Promise<void> {
      const activity = context.activity;
      const conversationId = conversationIdOf(activity);
      if (!conversationId || !activity.serviceUrl) return;
      const kind = conversationKind(activity);
      const last = seen.get(conversationId);
      if (last && now() - last.at < REFRESH_MS && last.serviceUrl === activity.serviceUrl) return;
      const who = await identify(actor);
      if (!who) return;
      // Only a 1:1 chat belongs to one person; channels and group chats are shared spaces.
      const personId = kind === 'personal' ? who.personId : null;
      const reference = storableReference(TurnContext.getConversationReference(activity), kind);
      await store.save({ platform: 'TEAMS', conversationId, kind, personId, reference });
      if (seen.size >= MAX_CACHE) seen.clear();
      seen.set(conversationId, { at: now(), serviceUrl: activity.serviceUrl, personId });
    },
    /** Makes the next activity of this conversation write its row again (e.g. after a 403). */
    forget(conversationId: string): void {
      seen.delete(conversationId);
    },
  };
}
