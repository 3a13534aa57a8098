/**
 * Builders for real-format Teams activities (as Azure Bot Service / the Agents Playground post
 * them to `/api/messages`), for the Teams adapter tests.
 */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
export const BOT_ID = '28:00000000-0000-4000-8000-00000000b07';

export interface TeamsUser {
  /** `29:…` Teams user id. */
  id: string;
  aadObjectId: string;
  name: string;
}

/** A made-up Teams user with stable ids derived from `key`. */
export function teamsUser(key: string, name: string): TeamsUser {
  const hex = Buffer.from(key).toString('hex').padEnd(12, '0').slice(0, 12);
  return { id: `29:1${hex}`, aadObjectId: `00000000-0000-4000-8000-${hex}`, name };
}

interface Where {
  serviceUrl: string;
  user: TeamsUser;
  kind?: 'personal' | 'channel' | 'groupChat';
  /** Conversation id (personal `a:…`, channel `19:…@thread.tacv2`). */
  conversationId?: string;
  locale?: string;
}

function envelope(w: Where): Record<string, unknown> {
  const kind = w.kind ?? 'personal';
  const conversationId = w.conversationId ?? (kind === 'personal' ? `a:personal-${w.user.aadObjectId}` : `19:channel-${w.user.aadObjectId}@thread.tacv2`);
  const channelData: Record<string, unknown> = { tenant: { id: TENANT_ID } };
  if (kind === 'channel') {
    const root = conversationId.split(';messageid=')[0];
    channelData.channel = { id: root };
    channelData.team = { id: root };
  }
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: w.serviceUrl,
    from: { id: w.user.id, name: w.user.name, aadObjectId: w.user.aadObjectId },
    conversation: { id: conversationId, conversationType: kind, tenantId: TENANT_ID, ...(kind !== 'personal' ? { isGroup: true } : {}) },
    recipient: { id: BOT_ID, name: 'Stafett' },
    locale: w.locale ?? 'sv-SE',
    channelData,
  };
}

/** A typed message; in shared spaces `mentionBot` prefixes `<at>Stafett</at>` with its entity. */
export function messageActivity(w: Where & { text: string; mentionBot?: boolean }): Record<string, unknown> {
  const base = envelope(w);
  const text = w.mentionBot ? `<at>Stafett</at> ${w.text}` : w.text;
  return {
    ...base,
    type: 'message',
    text,
    textFormat: 'plain',
    entities: [
      { type: 'clientInfo', locale: w.locale ?? 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' },
      ...(w.mentionBot ? [{ type: 'mention', text: '<at>Stafett</at>', mentioned: { id: BOT_ID, name: 'Stafett' } }] : []),
    ],
  };
}

/** An `adaptiveCard/action` invoke for an `Action.Execute` with the card's data merged with inputs. */
export function executeActivity(w: Where & { verb: string; data: Record<string, unknown>; replyToId?: string }): Record<string, unknown> {
  return {
    ...envelope(w),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(w.replyToId ? { replyToId: w.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb: w.verb, data: w.data }, trigger: 'manual' },
  };
}

/** The bot was installed: `conversationUpdate` with the bot among `membersAdded`. */
export function installActivity(w: Where): Record<string, unknown> {
  return { ...envelope(w), type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }], channelData: { ...(envelope(w).channelData as object), eventType: w.kind === 'channel' ? 'teamMemberAdded' : undefined } };
}

/** Data of the first `Action.Execute` with `verb` found anywhere in a card, with its fallback. */
export function findExecute(card: unknown, verbPrefix: string): { verb: string; data: Record<string, unknown>; title: string } | undefined {
  let found: { verb: string; data: Record<string, unknown>; title: string } | undefined;
  const walk = (v: unknown) => {
    if (found) return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string' && o.verb.startsWith(verbPrefix)) {
        found = { verb: o.verb, data: (o.data ?? {}) as Record<string, unknown>, title: String(o.title ?? '') };
        return;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every input of a card, by id. */
export function cardInputs(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** A message carrying a file, as Teams posts it in a 1:1 chat (a download-info attachment). */
export function fileActivity(w: Where & { name: string; downloadUrl: string; fileType?: string; text?: string }): Record<string, unknown> {
  return {
    ...messageActivity({ ...w, text: w.text ?? '' }),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso-my.sharepoint.com/personal/user/Documents/Microsoft Teams Chat Files/${w.name}`,
        name: w.name,
        content: { downloadUrl: w.downloadUrl, uniqueId: randomUUID(), fileType: w.fileType ?? (w.name.split('.').pop() ?? '') },
      },
    ],
  };
}

/**
 * The `fileConsent/invoke` Teams posts when a person answers a FileConsentCard: `accept` carries
 * the upload session in their OneDrive (`uploadUrl`), `decline` none.
 */
export function fileConsentActivity(w: Where & { action: 'accept' | 'decline'; context: unknown; name: string; uploadUrl?: string }): Record<string, unknown> {
  const uniqueId = randomUUID();
  return {
    ...envelope(w),
    type: 'invoke',
    name: 'fileConsent/invoke',
    value: {
      type: 'fileUpload',
      action: w.action,
      context: w.context,
      ...(w.action === 'accept'
        ? { uploadInfo: { name: w.name, uploadUrl: w.uploadUrl, contentUrl: `https://contoso-my.sharepoint.com/personal/user/Documents/Applications/Stafett/${w.name}`, uniqueId, fileType: w.name.split('.').pop() } }
        : {}),
    },
  };
}
