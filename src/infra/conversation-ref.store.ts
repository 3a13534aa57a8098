/** The ConversationRef table behind the conversation-reference store port (src/ports/conversation-refs.ts). */
import type { ConversationKind, ConversationPlatform, ConversationRefInput, ConversationRefStore, StoredConversationRef } from '../ports/conversation-refs.ts';
import type { Prisma } from './db/database.ts';

function toStored(row: {
  id: string; platform: string; conversationId: string; kind: string; personId: string | null; reference: unknown; active: boolean; inactiveReason: string | null;
}): StoredConversationRef {
  return {
    id: row.id,
    platform: row.platform as ConversationPlatform,
    conversationId: row.conversationId,
    kind: row.kind as ConversationKind,
    personId: row.personId,
    reference: (row.reference ?? {}) as Record<string, unknown>,
    active: row.active,
    inactiveReason: row.inactiveReason,
  };
}

/**
 * Inserts or refreshes a reference. Hearing from a conversation again re-activates it (the bot was
 * re-installed or unblocked). A null personId never erases a known link.
 */
async function saveConversationRef(prisma: Prisma, input: ConversationRefInput): Promise<StoredConversationRef> {
  const reference = JSON.parse(JSON.stringify(input.reference)) as object;
  const row = await prisma.conversationRef.upsert({
    where: { platform_conversationId: { platform: input.platform, conversationId: input.conversationId } },
    create: { platform: input.platform, conversationId: input.conversationId, kind: input.kind, personId: input.personId, reference },
    update: { kind: input.kind, reference, active: true, inactiveReason: null, ...(input.personId ? { personId: input.personId } : {}) },
  });
  return toStored(row);
}

/** The most recently refreshed active 1:1 conversation of a person on a platform. */
async function findPersonalConversation(prisma: Prisma, platform: ConversationPlatform, personId: string): Promise<StoredConversationRef | null> {
  const row = await prisma.conversationRef.findFirst({
    where: { platform, personId, kind: 'personal', active: true },
    orderBy: { updatedAt: 'desc' },
  });
  return row ? toStored(row) : null;
}

/** A conversation by its platform id (a Teams channel id, a group chat id). */
async function findConversation(prisma: Prisma, platform: ConversationPlatform, conversationId: string): Promise<StoredConversationRef | null> {
  const row = await prisma.conversationRef.findUnique({ where: { platform_conversationId: { platform, conversationId } } });
  return row ? toStored(row) : null;
}

/** Marks a conversation unusable (bot removed, blocked, conversation deleted). */
async function markConversationInactive(prisma: Prisma, platform: ConversationPlatform, conversationId: string, reason: string): Promise<void> {
  await prisma.conversationRef.updateMany({
    where: { platform, conversationId },
    data: { active: false, inactiveReason: reason.slice(0, 500) },
  });
}

/** The store over one Prisma client. */
export function prismaConversationRefStore(prisma: Prisma): ConversationRefStore {
  return {
    save: (input) => saveConversationRef(prisma, input),
    findPersonal: (platform, personId) => findPersonalConversation(prisma, platform, personId),
    find: (platform, conversationId) => findConversation(prisma, platform, conversationId),
    markInactive: (platform, conversationId, reason) => markConversationInactive(prisma, platform, conversationId, reason),
  };
}
