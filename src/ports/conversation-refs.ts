/**
 * The conversation-reference store port: where a platform lets the bot post later (a person's 1:1
 * chat, a team channel). Adapters refresh a reference on install, `membersAdded` and every
 * incoming activity; notifiers read them for proactive messages and mark them inactive when the
 * platform refuses. Implemented in src/infra/conversation-ref.store.ts; the composition root
 * hands it to the adapters (AdapterContext.core.conversations).
 */

/** Platforms that keep conversation references (Slack needs none: ids are addresses there). */
export type ConversationPlatform = 'TEAMS' | 'SLACK';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface ConversationRefInput {
  platform: ConversationPlatform;
  conversationId: string;
  kind: ConversationKind;
  /** The person behind a 1:1 chat; null for shared spaces. */
  personId: string | null;
  /** The platform's opaque reference (e.g. Bot Framework `ConversationReference`). */
  reference: Record<string, unknown>;
}

export interface StoredConversationRef {
  id: string;
  platform: ConversationPlatform;
  conversationId: string;
  kind: ConversationKind;
  personId: string | null;
  reference: Record<string, unknown>;
  active: boolean;
  inactiveReason: string | null;
}

export interface ConversationRefStore {
  /**
   * Inserts or refreshes a reference. Hearing from a conversation again re-activates it (the bot
   * was re-installed or unblocked). A null personId never erases a known link.
   */
  save(input: ConversationRefInput): Promise<StoredConversationRef>;
  /** The most recently refreshed active 1:1 conversation of a person on a platform. */
  findPersonal(platform: ConversationPlatform, personId: string): Promise<StoredConversationRef | null>;
  /** A conversation by its platform id (a Teams channel id, a group chat id). */
  find(platform: ConversationPlatform, conversationId: string): Promise<StoredConversationRef | null>;
  /** Marks a conversation unusable (bot removed, blocked, conversation deleted). */
  markInactive(platform: ConversationPlatform, conversationId: string, reason: string): Promise<void>;
}
