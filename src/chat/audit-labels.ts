/** Audit events in words for the audit view (`granskning`): never the raw action or platform key. */
import type { Lang } from '../i18n/lang.ts';

type T = Record<Lang, string>;
const t = (sv: string, nb: string, en: string): T => ({ sv, nb, en });

const ACTIONS: Record<string, T> = {
  'case.open': t('startade ärendet', 'startet saken', 'opened the case'),
  'case.summary.read': t('såg översikten', 'så oversikten', 'viewed the summary'),
  'case.details.read': t('läste ärendet', 'leste saken', 'read the case'),
  'case.log.read': t('läste loggen', 'leste loggen', 'read the log'),
  'case.audit.read': t('läste granskningsloggen', 'leste tilgangsloggen', 'read the audit trail'),
  'case.export': t('exporterade ärendet', 'eksporterte saken', 'exported the case'),
  'case.advance': t('flyttade ärendet till nästa steg', 'flyttet saken til neste steg', 'moved the case on'),
  'case.assignRole': t('lade till en person', 'la til en person', 'added a person'),
  'case.removeRole': t('tog bort en roll', 'fjernet en rolle', 'removed a role'),
  'case.handover.request': t('bad någon ta stafetten', 'ba noen ta stafetten', 'asked someone to take the baton'),
  'case.handover.accept': t('tog emot stafetten', 'tok imot stafetten', 'accepted the baton'),
  'case.handover.decline': t('avböjde stafetten', 'avslo stafetten', 'declined the baton'),
  'case.concern': t('gjorde en orosanmälan', 'sendte en bekymringsmelding', 'made a report of concern'),
  'case.concern.read': t('läste orosanmälan', 'leste bekymringsmeldingen', 'read the report of concern'),
  'case.deviation': t('rapporterade en avvikelse', 'meldte et avvik', 'reported a deviation'),
  'case.close': t('avslutade ärendet', 'avsluttet saken', 'closed the case'),
  'case.tier': t('satte insatsnivå', 'satte tiltaksnivå', 'set the tier'),
  'case.output': t('markerade ett resultat som klart', 'markerte et resultat som ferdig', 'marked a result done'),
  'case.channel': t('kopplade en kanal', 'koblet en kanal', 'linked a channel'),
  'case.maintenancePlan': t('skrev vidmakthållandeplanen', 'skrev planen for å opprettholde endringen', 'wrote the maintenance plan'),
  'case.hold': t('satte bevarandebeslut', 'satte bevaringsvedtak', 'placed a legal hold'),
  'case.unhold': t('hävde bevarandebeslutet', 'opphevet bevaringen', 'lifted the legal hold'),
  'case.purge': t('gallrade ärendet', 'slettet saken', 'purged the case'),
  'meeting.schedule': t('bokade ett möte', 'avtalte et møte', 'booked a meeting'),
  'meeting.reschedule': t('flyttade ett möte', 'flyttet et møte', 'moved a meeting'),
  'meeting.cancel': t('ställde in ett möte', 'avlyste et møte', 'cancelled a meeting'),
  'meeting.outcome': t('dokumenterade ett möte', 'dokumenterte et møte', 'recorded a meeting'),
  'decision.record': t('registrerade ett beslut', 'registrerte en beslutning', 'recorded a decision'),
  'action.add': t('lade till en åtgärd', 'la til et tiltak', 'added an action'),
  'action.complete': t('markerade en åtgärd som klar', 'markerte et tiltak som ferdig', 'completed an action'),
  'action.evaluate': t('följde upp en åtgärd', 'evaluerte et tiltak', 'evaluated an action'),
  'consent.record': t('registrerade samtycke', 'registrerte samtykke', 'recorded consent'),
  'consent.withdraw': t('återkallade samtycke', 'trakk tilbake samtykke', 'withdrew consent'),
  'nudge.done': t('markerade en påminnelse som klar', 'markerte en påminnelse som ferdig', 'marked a reminder done'),
  'nudge.snooze': t('sköt upp en påminnelse', 'utsatte en påminnelse', 'snoozed a reminder'),
  'share.request': t('begärde att få ta del av uppgifter', 'ba om innsyn', 'requested disclosure'),
  'share.approve': t('godkände en begäran om uppgifter', 'godkjente en forespørsel om innsyn', 'approved a disclosure request'),
  'share.decline': t('avslog en begäran om uppgifter', 'avslo en forespørsel om innsyn', 'declined a disclosure request'),
  'share.list': t('såg begäranden om uppgifter', 'så forespørsler om innsyn', 'viewed disclosure requests'),
};

const PLATFORMS: Record<string, T> = {
  CONSOLE: t('konsolen', 'konsollen', 'console'),
  SLACK: t('Slack', 'Slack', 'Slack'),
  TEAMS: t('Teams', 'Teams', 'Teams'),
  SYSTEM: t('Stafett', 'Stafett', 'Stafett'),
};

/** The audit action in words, e.g. sv "läste ärendet". */
export function auditActionLabel(action: string, lang: Lang): string {
  return ACTIONS[action]?.[lang] ?? t('annan händelse', 'annen hendelse', 'other event')[lang];
}

/** Where it happened, e.g. "Slack", sv "konsolen". */
export function platformLabel(platform: string, lang: Lang): string {
  return PLATFORMS[platform]?.[lang] ?? platform.charAt(0) + platform.slice(1).toLowerCase();
}
