/**
 * Starts the Teams adapter: `POST /api/messages` on the service's HTTP server, the teams-ai
 * Application behind it, and the TEAMS notifier. With MicrosoftAppId/Password every request's
 * JWT is validated by CloudAdapter; without them it runs in local mode (no JWT check) for the
 * Agents Playground, which is refused unless the server listens on loopback only outside production.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { isLoopbackHost, type Config } from '../../src/app/config.ts';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { Reply } from '../../src/ports/reply.ts';
import type { AdapterContext, AdapterFactory, StartedAdapter } from '../../src/ports/adapter.ts';
import { createConversationRecorder } from './conversation-recorder.ts';
import { findRosterMembers, type RosterMember } from './roster.ts';
import { processActivityRequest, readActivityRequest, type ActivityProcessor } from './http-shim.ts';
import { answerWithoutSender, createTeamsApp, createTurnErrorHandler, hasSender } from './teams-app.ts';
import { createTeamsNotifier } from './teams-notifier.ts';

/** The route Azure Bot Service (and the Agents Playground) posts activities to. */
export const MESSAGES_PATH = '/api/messages';

/** Thrown when local mode would expose an unauthenticated endpoint. */
export class TeamsLocalModeError extends Error {
  readonly code = 'TEAMS.LOCAL_MODE_REFUSED';
}

export { isLoopbackHost };

/** Which mode the adapter runs in for this config, or why it does not start. */
export function teamsMode(config: Config): 'credentials' | 'local' | 'disabled' {
  if (config.teams.appId && config.teams.appPassword) return 'credentials';
  // Another platform is configured for real: do not open an unauthenticated endpoint beside it.
  if (config.slack) return 'disabled';
  if (config.production || !isLoopbackHost(config.host)) {
    throw new TeamsLocalModeError(
      'Teams local mode (no MicrosoftAppId/MicrosoftAppPassword, so no JWT check on /api/messages) is only allowed ' +
        `outside production with HOST on loopback (127.0.0.1, ::1, localhost); got NODE_ENV=${config.env}, HOST=${config.host}. ` +
        'Set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and MicrosoftAppType=SingleTenant for a real tenant.',
    );
  }
  return 'local';
}

/** An http(s) URL on this machine (127.0.0.1, ::1, localhost). */
function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

/** The adapter factory `npm start` and the tests use. */
export const teamsAdapter: AdapterFactory = async (ctx: AdapterContext): Promise<StartedAdapter | null> => {
  const { config, log, http, core } = ctx;
  const mode = teamsMode(config);
  if (mode === 'disabled') {
    log.info('teams: no MicrosoftAppId/MicrosoftAppPassword; Teams adapter not started (Slack is configured)');
    return null;
  }
  const appId = config.teams.appId ?? '';
  const adapter =
    mode === 'credentials'
      ? new TeamsAdapter({
          MicrosoftAppId: appId,
          MicrosoftAppPassword: config.teams.appPassword,
          MicrosoftAppTenantId: config.teams.tenantId,
          MicrosoftAppType: config.teams.appType ?? 'SingleTenant',
        })
      : new TeamsAdapter({});
  if (mode === 'local') {
    log.warn(
      { path: MESSAGES_PATH, host: config.host, port: config.port },
      'TEAMS LOCAL MODE: no MicrosoftAppId/MicrosoftAppPassword, so /api/messages accepts activities WITHOUT authentication. ' +
        'Loopback only, never for production. Talk to the bot with `npm run playground`.',
    );
  }

  const recorder = createConversationRecorder(core.conversations, (actor) => core.chat.identify(actor));
  const notifier = createTeamsNotifier({ adapter, conversations: core.conversations, deliveries: core.deliveries, log, botAppId: appId, onInactive: (id) => recorder.forget(id) });

  const emails = new Map<string, string | null>();
  const lookupEmail = async (context: TurnContext): Promise<string | undefined> => {
    // The Teams roster call needs credentials; in local mode people are matched by Teams id only.
    if (mode !== 'credentials') return undefined;
    const from = context.activity.from;
    if (!from?.id) return undefined;
    if (emails.has(from.id)) return emails.get(from.id) ?? undefined;
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      const email = member.email ?? (member.userPrincipalName?.includes('@') ? member.userPrincipalName : undefined) ?? null;
      if (emails.size > 10_000) emails.clear();
      emails.set(from.id, email);
      return email ?? undefined;
    } catch (e) {
      log.debug({ err: e }, 'teams: member lookup failed');
      return undefined;
    }
  };

  // A colleague named or mentioned is looked up in the Teams roster with credentials (the
  // connector is authenticated); in local mode only against a loopback connector (the Agents
  // Playground, the tests), never a serviceUrl an unauthenticated request points elsewhere.
  const findColleagues = async (context: TurnContext, name: string): Promise<RosterMember[]> => {
    if (mode !== 'credentials' && !isLoopbackUrl(context.activity.serviceUrl)) return [];
    try {
      return await findRosterMembers(context, name);
    } catch (e) {
      log.debug({ err: e }, 'teams: roster lookup failed');
      return [];
    }
  };

  const sendPrivately = async (actor: ActorRef, reply: Reply): Promise<boolean> => {
    const person = await core.chat.identify(actor);
    if (!person) return false;
    const stored = await core.conversations.findPersonal('TEAMS', person.personId);
    if (!stored) return false;
    const result = await notifier.send(stored, reply, { offer: (files) => core.chat.offerFiles(actor, files) });
    return result.ok;
  };

  const app = createTeamsApp({ chat: core.chat, log, conversations: recorder, lookupEmail, findColleagues, sendPrivately, botAppId: appId || undefined }, adapter);
  adapter.onTurnError = createTurnErrorHandler(log);

  http.route('POST', MESSAGES_PATH, async (req, res) => {
    const request = await readActivityRequest(req, res);
    if (!request) return;
    // processActivity is public on CloudAdapter (the JavaScript); teams-ai's typings mark it protected.
    await processActivityRequest(adapter as unknown as ActivityProcessor, request, res, async (context) => {
      if (!hasSender(context.activity)) await answerWithoutSender(core.chat, context);
      else await app.run(context);
    }, log);
  });
  core.notifier.register('TEAMS', notifier);
  log.info({ mode, path: MESSAGES_PATH }, 'teams: adapter ready');

  return {
    name: 'teams',
    async stop() {
      // Nothing to close: requests run on the shared HTTP server, which drains them first.
    },
  };
};
