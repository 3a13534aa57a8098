import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { registerActionHandlers } from '../../../adapters/slack/handlers/actions.ts';
import { registerCommandHandler } from '../../../adapters/slack/handlers/command.ts';
import type { SlackHandlerDeps } from '../../../adapters/slack/handlers/deps.ts';
import { registerEventHandlers } from '../../../adapters/slack/handlers/events.ts';
import { registerViewHandlers } from '../../../adapters/slack/handlers/views.ts';
import { buildSlackManifest, renderManifestYaml, SLACK_BOT_SCOPES } from '../../../adapters/slack/manifest.ts';
import { commandSpecs } from '../../../src/commands/command-specs.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Records what the handlers register on a Bolt app. */
function recordRegistrations() {
  const seen = { commands: [] as string[], events: [] as string[], messages: 0 };
  const app = {
    command: (name: string) => seen.commands.push(name),
    event: (name: string) => seen.events.push(name),
    message: () => seen.messages++,
    action: () => {},
    view: () => {},
  } as unknown as App;
  const deps = {} as SlackHandlerDeps;
  registerCommandHandler(app, deps);
  registerActionHandlers(app, deps);
  registerViewHandlers(app, deps);
  registerEventHandlers(app, deps);
  return seen;
}

describe('manifest/slack/manifest.yaml', () => {
  it('should be the manifest the code builds (regenerate with npx tsx adapters/slack/write-manifest.ts)', async () => {
    const text = await readFile(path.join(root, 'manifest/slack/manifest.yaml'), 'utf8');
    expect(text).toBe(renderManifestYaml());
    expect(parse(text)).toEqual(buildSlackManifest());
  });

  it('should declare exactly the slash commands and events the handlers register', async () => {
    const m = parse(await readFile(path.join(root, 'manifest/slack/manifest.yaml'), 'utf8'));
    const seen = recordRegistrations();
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(seen.commands);
    const expectedEvents = [...seen.events, ...(seen.messages ? ['message.im'] : [])].sort();
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(expectedEvents);
    for (const c of m.features.slash_commands) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.url).toMatch(/^https:\/\/.+\/slack\/events$/);
      expect(c.should_escape).toBe(true);
    }
  });

  it('should list every public command in the usage hint, Swedish first', async () => {
    const m = parse(await readFile(path.join(root, 'manifest/slack/manifest.yaml'), 'utf8'));
    const hint: string = m.features.slash_commands[0].usage_hint;
    const words = hint.split('|').map((p) => p.trim().split(' ')[0]);
    expect(words).toEqual(commandSpecs.filter((s) => !s.devOnly).map((s) => s.aliases.sv[0]));
    expect(hint).not.toMatch(/klocka/);
  });

  it('should ask only for the minimal bot scopes and route everything to /slack/events', async () => {
    const m = parse(await readFile(path.join(root, 'manifest/slack/manifest.yaml'), 'utf8'));
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    expect(m.oauth_config.scopes.bot).not.toContain('chat:write.public');
    expect(m.oauth_config.scopes.bot).not.toContain('channels:history');
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.interactivity.request_url).toBe(m.settings.event_subscriptions.request_url);
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });
});
