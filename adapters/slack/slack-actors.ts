/**
 * Builds the core's ActorRef from a Slack user and conversation. E-mail, name and locale come
 * from `users.info` (scope `users:read.email`) and are cached, so a command costs one lookup per
 * user per TTL at most.
 */
import type { webApi } from '@slack/bolt';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { Logger } from '../../src/shared/logger.ts';

interface Profile {
  email?: string;
  displayName?: string;
  locale?: string;
}

/** Where a Slack request came from. */
export interface SlackOrigin {
  userId: string;
  teamId: string;
  /** Enterprise Grid id, when the payload names one. */
  enterpriseId?: string;
  channelId?: string;
  channelName?: string;
}

/** A direct message with the bot ("D…" ids; slash commands say `directmessage`). */
export function isDirectMessage(channelId: string | undefined, channelName?: string): boolean {
  return channelName === 'directmessage' || Boolean(channelId?.startsWith('D'));
}

export class SlackActors {
  private readonly cache = new Map<string, { profile: Profile; expires: number }>();

  constructor(private readonly log: Logger, private readonly ttlMs = 10 * 60 * 1000, private readonly failureTtlMs = 60 * 1000) {}

  private async profile(client: webApi.WebClient, teamId: string, userId: string): Promise<Profile> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.profile;
    let profile: Profile = {};
    let ttl = this.ttlMs;
    try {
      const r = await client.users.info({ user: userId, include_locale: true });
      const u = r.user;
      profile = {
        email: u?.profile?.email || undefined,
        displayName: u?.profile?.real_name || u?.real_name || u?.profile?.display_name || u?.name || undefined,
        locale: u?.locale || undefined,
      };
    } catch (e) {
      ttl = this.failureTtlMs;
      this.log.warn({ err: e, user: userId }, 'users.info failed; continuing without e-mail and name');
    }
    this.cache.set(key, { profile, expires: Date.now() + ttl });
    if (this.cache.size > 5000) this.cache.delete(this.cache.keys().next().value!);
    return profile;
  }

  /** Another user's Slack profile (e-mail, name), for a colleague picked in a form or mentioned. */
  lookup(client: webApi.WebClient, teamId: string, userId: string): Promise<Profile> {
    return this.profile(client, teamId, userId);
  }

  /** The ActorRef for a request; conversation kind `personal` for DMs, `groupChat` for group DMs, else `channel`. */
  async resolve(client: webApi.WebClient, origin: SlackOrigin): Promise<ActorRef> {
    // No user id, no lookup: the core refuses the request (and audits it).
    const p = origin.userId ? await this.profile(client, origin.teamId, origin.userId) : {};
    const ref: ActorRef = { platform: 'SLACK', userId: origin.userId, workspaceId: origin.teamId };
    if (origin.enterpriseId) ref.enterpriseId = origin.enterpriseId;
    if (p.email) ref.email = p.email;
    if (p.displayName) ref.displayName = p.displayName;
    if (p.locale) ref.locale = p.locale;
    if (origin.channelId) {
      const kind = isDirectMessage(origin.channelId, origin.channelName) ? 'personal' : origin.channelName?.startsWith('mpdm-') ? 'groupChat' : 'channel';
      ref.conversation = { id: origin.channelId, kind };
    }
    return ref;
  }
}
