/**
 * Finds the Teams users a typed name or an `<at>` mention stands for, through the Teams roster,
 * with their profile e-mail: the core links a colleague who never used Stafett to the person of
 * the organisation with that e-mail (inside a mapped tenant only; see linkColleague). The
 * mention entity of the message decides first (its user is looked up by id); otherwise the
 * members of this conversation's roster (a team channel: the team; a group chat: its members)
 * whose name or e-mail is exactly the one typed. No call guesses: nothing found is an empty list.
 */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { fold } from '../../src/commands/fold.ts';

/** A Teams user as the core's colleague lookup takes it: the AAD object id (Stafett's Teams user id). */
export interface RosterMember {
  platformUserId: string;
  email?: string;
  displayName?: string;
}

/** The roster calls, replaceable in tests (TeamsInfo by default). */
export interface RosterApi {
  getMember(context: TurnContext, userId: string): Promise<TeamsChannelAccount>;
  getPagedMembers(context: TurnContext, pageSize?: number, continuationToken?: string): Promise<{ members: TeamsChannelAccount[]; continuationToken?: string }>;
}

const teamsInfo: RosterApi = {
  getMember: (c, id) => TeamsInfo.getMember(c, id),
  getPagedMembers: (c, size, token) => TeamsInfo.getPagedMembers(c, size, token),
};

/** At most this many roster pages of 500 are read for one name (a large team). */
const MAX_PAGES = 10;

const key = (s: string | undefined) => fold((s ?? '').replace(/<\/?at>/gi, '').replace(/^@/, '')).replace(/\s+/g, ' ').trim();
const emailOf = (m: TeamsChannelAccount) => m.email || (m.userPrincipalName?.includes('@') ? m.userPrincipalName : undefined);

function toMember(m: TeamsChannelAccount | undefined): RosterMember | undefined {
  if (!m?.aadObjectId) return undefined;
  const email = emailOf(m);
  return { platformUserId: m.aadObjectId, ...(email ? { email } : {}), ...(m.name ? { displayName: m.name } : {}) };
}

interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/** The Teams users `typed` (a name, `<at>Name</at>`'s name, or an e-mail) stands for. */
export async function findRosterMembers(context: TurnContext, typed: string, api: RosterApi = teamsInfo): Promise<RosterMember[]> {
  const want = key(typed);
  if (!want) return [];
  const botId = context.activity.recipient?.id;
  const mentions = ((context.activity.entities ?? []) as MentionEntity[]).filter(
    (e) => e.type === 'mention' && e.mentioned?.id && e.mentioned.id !== botId && (key(e.text) === want || key(e.mentioned.name) === want),
  );
  const out = new Map<string, RosterMember>();
  if (mentions.length) {
    for (const e of mentions.slice(0, 3)) {
      const m = toMember(await api.getMember(context, e.mentioned!.id!).catch(() => undefined));
      if (m) out.set(m.platformUserId, m);
    }
    return [...out.values()];
  }
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await api.getPagedMembers(context, 500, token).catch(() => undefined);
    if (!r) break;
    for (const raw of r.members ?? []) {
      const email = emailOf(raw)?.toLowerCase();
      if (key(raw.name) !== want && email !== want) continue;
      const m = toMember(raw);
      if (m) out.set(m.platformUserId, m);
    }
    token = r.continuationToken;
    if (!token) break;
  }
  return [...out.values()];
}
