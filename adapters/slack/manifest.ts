/**
 * The Slack app manifest, built from what the code registers: the slash command with a usage
 * hint from the command table, the events the handlers subscribe to, the minimal bot scopes.
 * `manifest/slack/manifest.yaml` is this object as YAML (a test keeps them equal; regenerate
 * with `npx tsx adapters/slack/write-manifest.ts`).
 */
import { stringify } from 'yaml';
import { commandSpecs } from '../../src/commands/command-specs.ts';
import { SLACK_COMMAND, SLACK_EVENTS } from './action-ids.ts';

/** Placeholder host; replace it with the service's public host before creating the app. */
export const MANIFEST_HOST = 'https://stafett.example.org';

/** Bot scopes, each needed by a call the adapter makes. */
export const SLACK_BOT_SCOPES = [
  'commands', // /stafett
  'chat:write', // replies, ephemeral answers, nudges
  'im:write', // conversations.open for DMs (nudges, answers to Home buttons)
  'im:history', // message.im: people can type commands in the app's Messages tab
  'users:read', // users.info: name and locale
  'users:read.email', // users.info: e-mail, to link a Slack user to a person in the organisation set-up
  'files:write', // files.uploadV2: .ics invitations, exports, the statistics chart and CSV
  'files:read', // url_private_download / files.info: attendance CSVs shared in the bot's DM
] as const;

/** `hjälp | ny | status [KOD] | möte KOD | stafett KOD @person | …` in Swedish, from the command table. */
export function buildUsageHint(): string {
  return commandSpecs
    .filter((s) => !s.devOnly)
    .map((s) => `${s.aliases.sv[0] ?? s.canonical}${s.caseCode === 'required' ? ' KOD' : s.caseCode === 'optional' ? ' [KOD]' : ''}${s.name === 'handover' ? ' @person' : ''}`)
    .join(' | ');
}

/** The manifest object (Slack manifest schema 1.1). */
export function buildSlackManifest(host = MANIFEST_HOST): Record<string, unknown> {
  const url = `${host}/slack/events`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Stafett',
      description: 'Samordnar ärenden om skolfrånvaro mellan skola och socialtjänst.',
      long_description:
        'Stafett håller ärenden om skolfrånvaro i rörelse mellan skola, elevhälsa och socialtjänst. Öppna ett ärende med /stafett ny, boka möten, registrera beslut, åtgärder och samtycken, lämna över stafettpinnen och avsluta ärendet – allt från Slack. Påminnelser kommer som direktmeddelanden, och i kanaler visas bara ärendekod, steg, roll och datum.',
      background_color: '#1d4e89',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'Stafett', always_online: true },
      slash_commands: [
        {
          command: SLACK_COMMAND,
          url,
          description: 'Ärenden om skolfrånvaro – /stafett hjälp visar alla kommandon',
          usage_hint: buildUsageHint(),
          should_escape: true,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: url, bot_events: [...SLACK_EVENTS] },
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as the YAML checked in under manifest/slack/. */
export function renderManifestYaml(): string {
  return `# Generated from adapters/slack/manifest.ts — edit there, then: npx tsx adapters/slack/write-manifest.ts\n# Replace ${MANIFEST_HOST} with your service's public https host before creating the app.\n${stringify(buildSlackManifest(), { lineWidth: 0 })}`;
}
