/**
 * The adapters `npm start` runs. Each platform's SDK is loaded only when its adapter can start:
 * botbuilder/teams-ai and Bolt together cost about 100 MB of resident memory, which a
 * Slack-only or Teams-only deployment should not pay.
 */
import type { Config } from '../src/app/config.ts';
import type { AdapterFactory } from '../src/ports/adapter.ts';
import { consoleAdapter } from './console/console-adapter.ts';

/** Wraps a factory whose module is imported only when `enabled(config)` holds. */
function lazy(enabled: (c: Config) => boolean, load: () => Promise<AdapterFactory>): AdapterFactory {
  return async (ctx) => (enabled(ctx.config) ? (await load())(ctx) : null);
}

const slackEnabled = (c: Config) => Boolean(c.slack);
// Mirrors teamsMode(): Teams is off only when Slack is configured and Teams has no credentials.
const teamsEnabled = (c: Config) => Boolean(c.teams.appId && c.teams.appPassword) || !c.slack;

export const defaultAdapters: AdapterFactory[] = [
  consoleAdapter,
  lazy(slackEnabled, async () => (await import('./slack/slack-app.ts')).slackAdapter),
  lazy(teamsEnabled, async () => (await import('./teams/teams-adapter.ts')).teamsAdapter),
];
