/** Who is talking to the bot, as each platform identifies them. */
export type ActorPlatform = 'SLACK' | 'TEAMS' | 'CONSOLE';

export interface ActorRef {
  platform: ActorPlatform;
  /** Slack user id, Teams AAD object id, or the console user name. */
  userId: string;
  /** Slack team id or Teams tenant id: selects the organisation. */
  workspaceId?: string;
  /** Slack Enterprise Grid id, when the request carries one (a grid may be mapped as a whole). */
  enterpriseId?: string;
  email?: string;
  displayName?: string;
  /** Preferred language reported by the platform (e.g. Teams locale). */
  locale?: string;
  /** Where the request came from; channel posts must carry no personal data. */
  conversation?: { id: string; kind: 'personal' | 'channel' | 'groupChat' };
}
