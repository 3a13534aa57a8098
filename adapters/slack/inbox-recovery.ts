/**
 * What the durable inbox does with a Slack request an instance acknowledged and then did not
 * finish (it died, or was stopped hard): a request whose first write had committed (its request
 * key is in ProcessedRequest) is run again with the same key — the writes return their first
 * results, nothing is recorded twice — and answered; a request that had not begun is not run
 * now, minutes later, perhaps after the person already typed it again: the person is told
 * "Stafett startades om – skriv kommandot igen" on the response_url or in a DM. A request whose
 * recovery itself failed once is only answered that way.
 */
import type { webApi } from '@slack/bolt';
import { textReply } from '../../src/ports/reply.ts';
import type { ClaimedEntry, InboxStore, RecoveryHandler } from '../../src/ports/inbox.ts';
import { normalizeLang, type Lang } from '../../src/i18n/lang.ts';
import type { SlackHandlerDeps } from './handlers/deps.ts';
import { INBOX_KINDS, runAction, runCommand, runViewAgain, slackOrigin, type ActionPayload, type CommandPayload, type RequestOrigin, type ViewPayload } from './handlers/requests.ts';

const texts = {
  sv: {
    command: 'Stafett startades om – skriv kommandot igen{command}.',
    action: 'Stafett startades om – klicka på knappen igen.',
    view: 'Stafett startades om – fyll i formuläret igen.',
  },
  nb: {
    command: 'Stafett ble startet på nytt – skriv kommandoen igjen{command}.',
    action: 'Stafett ble startet på nytt – klikk på knappen igjen.',
    view: 'Stafett ble startet på nytt – fyll ut skjemaet igjen.',
  },
  en: {
    command: 'Stafett was restarted – please type the command again{command}.',
    action: 'Stafett was restarted – please click the button again.',
    view: 'Stafett was restarted – please fill in the form again.',
  },
} as const satisfies Record<Lang, Record<'command' | 'action' | 'view', string>>;

/** The "restarted, try again" text; a command is named by its first word only (never its free text). */
export function restartedText(lang: string | undefined, kind: 'command' | 'action' | 'view', commandText?: string): string {
  const word = /^\s*([a-zåäöæø]{1,20})(?:\s|$)/i.exec(commandText ?? '')?.[1];
  return texts[normalizeLang(lang)][kind].replace('{command}', word ? ` (\`/stafett ${word.toLowerCase()}\`)` : '');
}

function isOrigin(p: Record<string, unknown> | undefined): p is Record<string, unknown> & RequestOrigin {
  return Boolean(p && typeof p.userId === 'string' && p.userId && typeof p.teamId === 'string');
}

/** Recovery attempts after the first claim are only answered "try again". */
const MAX_REPLAYS = 1;

export function createSlackRecovery(d: SlackHandlerDeps, inbox: InboxStore, client: webApi.WebClient): RecoveryHandler {
  const tellRestarted = async (entry: ClaimedEntry, p: RequestOrigin) => {
    const kind = entry.kind === INBOX_KINDS.action ? 'action' : entry.kind === INBOX_KINDS.view ? 'view' : 'command';
    const ref = await d.actors.resolve(client, slackOrigin(p));
    const text = restartedText(ref.locale, kind, kind === 'command' ? (p as CommandPayload).text : undefined);
    await d.sender.send(client, textReply(`⚠ ${text}`), { userId: p.userId, channelId: p.channelId, responseUrl: p.responseUrl });
  };
  return async (entry) => {
    const p = entry.payload;
    if (!isOrigin(p)) throw new Error(`inbox entry ${entry.id} has no readable request`);
    const replay = entry.attempts - 1 <= MAX_REPLAYS && (await inbox.wasBegun(entry.requestKey));
    if (!replay) {
      await tellRestarted(entry, p);
      return 'restarted';
    }
    d.log.info({ kind: entry.kind }, 'inbox: finishing a request an earlier instance had begun');
    if (entry.kind === INBOX_KINDS.command) await runCommand(d, client, p as unknown as CommandPayload, entry.requestKey);
    else if (entry.kind === INBOX_KINDS.action) await runAction(d, client, p as unknown as ActionPayload, entry.requestKey);
    else if (entry.kind === INBOX_KINDS.view) await runViewAgain(d, client, p as unknown as ViewPayload, entry.requestKey);
    else {
      await tellRestarted(entry, p);
      return 'restarted';
    }
    return 'recovered';
  };
}
