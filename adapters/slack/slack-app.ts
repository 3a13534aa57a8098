/**
 * The Slack adapter: a Bolt App on our HTTP server (`POST /slack/events`) or, with an app token,
 * on Socket Mode. It translates Slack payloads into ChatPort calls and renders the Replies; all
 * decisions (access, validation, texts) stay in the core.
 */
import { App, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { ChatPort } from '../../src/ports/chat-port.ts';
import type { AdapterContext, AdapterFactory, StartedAdapter } from '../../src/ports/adapter.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { registerActionHandlers } from './handlers/actions.ts';
import { registerCommandHandler } from './handlers/command.ts';
import type { SlackHandlerDeps } from './handlers/deps.ts';
import { createFileUrlGuard, type FileImportPort } from './file-import.ts';
import { createSlackRecovery } from './inbox-recovery.ts';
import { registerErrorHandler } from './handlers/errors.ts';
import { registerEventHandlers } from './handlers/events.ts';
import { registerViewHandlers } from './handlers/views.ts';
import { SlackHttpReceiver } from './receiver.ts';
import { RecentRequests } from './recent-requests.ts';
import { createResponseUrlGuard, ReplySender } from './reply-sender.ts';
import { keepAliveFetch } from './post-json.ts';
import { SlackActors } from './slack-actors.ts';
import { createSlackNotifier } from './slack-notifier.ts';

/** Slack's own Web API base; `SLACK_API_URL` overrides it (tests point it at a fake). */
const DEFAULT_API_URL = 'https://slack.com/api/';

/** Token errors that mean the configuration is wrong, not that Slack is briefly unreachable. */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'token_expired']);

/** Thrown at start when Slack rejects the bot token. */
export class SlackAuthError extends Error {
  readonly code = 'SLACK.INVALID_TOKEN';
}

/** Bolt's logger interface on top of our pino logger. */
function createBoltLogger(log: Logger): BoltLogger {
  const fmt = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => log.debug(fmt(m)),
    info: (...m: unknown[]) => log.info(fmt(m)),
    warn: (...m: unknown[]) => log.warn(fmt(m)),
    error: (...m: unknown[]) => log.error(fmt(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function apiUrl(configured: string | undefined): string {
  const url = configured ?? DEFAULT_API_URL;
  return url.endsWith('/') ? url : `${url}/`;
}

export interface SlackAdapterOptions {
  /** The chat port; defaults to the core's ChatService. */
  chat?: ChatPort & Partial<FileImportPort>;
  /** Answer empty this long after a request arrived if no listener acked. */
  ackTimeoutMs?: number;
  /**
   * The durable inbox (default on): commands, clicks and submissions are stored before their ack.
   * Off only to measure what it costs (bench/inbox-ack.ts).
   */
  inbox?: boolean;
}

/** Starts the Slack adapter; null when SLACK_SIGNING_SECRET / SLACK_BOT_TOKEN are not set. */
export async function startSlackAdapter(ctx: AdapterContext, opts: SlackAdapterOptions = {}): Promise<StartedAdapter | null> {
  const slack = ctx.config.slack;
  if (!slack) return null;
  const log = ctx.log.child({ adapter: 'slack' });
  const slackApiUrl = apiUrl(slack.apiUrl);

  // Who the bot is, once: Bolt needs it to ignore our own messages. A bad token stops the start;
  // an unreachable Slack does not (the authorize hook below retries on the first request).
  const probe = new webApi.WebClient(slack.botToken, { slackApiUrl, retryConfig: { retries: 0 }, timeout: 10_000, logger: createBoltLogger(log) });
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  const whoAmI = () => {
    identity ??= probe.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
      (e: unknown) => {
        identity = undefined;
        throw e;
      },
    );
    return identity;
  };
  try {
    await whoAmI();
  } catch (e) {
    const code = (e as { data?: { error?: string } }).data?.error;
    if (code && BAD_TOKEN.has(code)) throw new SlackAuthError(`Slack rejected SLACK_BOT_TOKEN (${code}). Check the token of the installed app.`);
    log.warn({ err: e }, 'Slack auth.test failed at start; will retry on the first request');
  }

  const httpReceiver = slack.appToken ? undefined : new SlackHttpReceiver({ signingSecret: slack.signingSecret, log, ackTimeoutMs: opts.ackTimeoutMs });
  const boltLogger = createBoltLogger(log);
  const app = new App({
    authorize: async () => ({ botToken: slack.botToken, ...(await whoAmI()) }),
    receiver: httpReceiver ?? new SocketModeReceiver({ appToken: slack.appToken!, logger: boltLogger }),
    logger: boltLogger,
    clientOptions: { slackApiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 }, timeout: 10_000, fetch: keepAliveFetch },
    extendedErrorHandler: true,
  });

  const responseUrlGuard = createResponseUrlGuard(slackApiUrl);
  const inbox = opts.inbox === false ? undefined : ctx.core.inbox;
  const deps: SlackHandlerDeps = {
    chat: opts.chat ?? ctx.core.chat,
    isAllowedFileUrl: createFileUrlGuard(slackApiUrl),
    actors: new SlackActors(log),
    sender: new ReplySender(log, responseUrlGuard),
    recent: new RecentRequests(),
    inbox,
    log,
  };
  registerCommandHandler(app, deps);
  registerActionHandlers(app, deps);
  registerViewHandlers(app, deps);
  registerEventHandlers(app, deps);
  registerErrorHandler(app, log, responseUrlGuard);

  // The dispatcher retries deliveries itself, so the notifier's client fails fast on 429 / 5xx.
  const notifyClient = new webApi.WebClient(slack.botToken, { slackApiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000, logger: boltLogger });
  ctx.core.notifier.register('SLACK', createSlackNotifier(notifyClient, log));

  if (httpReceiver) {
    httpReceiver.mount(ctx.http);
  } else {
    await app.start();
  }
  // Requests a stopped instance acknowledged but did not finish: now, and every sweep interval.
  const recoveryClient = new webApi.WebClient(slack.botToken, { slackApiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 }, timeout: 10_000, logger: boltLogger });
  inbox?.start(createSlackRecovery(deps, inbox, recoveryClient));
  log.info({ mode: httpReceiver ? 'http' : 'socket', path: httpReceiver ? '/slack/events' : undefined, inbox: Boolean(inbox) }, 'Slack adapter ready');
  return {
    name: 'slack',
    stop: async () => {
      await inbox?.stop();
      if (!httpReceiver) await app.stop();
    },
  };
}

/** The adapter factory registered in adapters/index.ts. */
export const slackAdapter: AdapterFactory = (ctx) => startSlackAdapter(ctx);
