/**
 * How every notice reads: text and buttons per kind, in the recipient's language. The domain
 * declares the kinds and their parameters (`*.notices.ts`, src/notices/notice.ts); the dispatcher
 * renders a stored notice at delivery through `renderNotice`, which the composition root hands it.
 * A test checks that every declared kind has exactly one view here and every button is handled.
 */
import { absenceSignalNotice } from '../absence/absence.service.ts';
import { signalNudgeText } from './absence-view.ts';
import { handoverAcceptedNotice, handoverDeclinedNotice, handoverRequestedNotice } from '../cases/case.notices.ts';
import { concernDisclosedNotice, concernReportedNotice } from '../cases/concern.notices.ts';
import { consentWithdrawnNotice } from '../consent/consent.notices.ts';
import { shareApprovedNotice, shareDeclinedNotice, shareRequestedNotice } from '../consent/share.notices.ts';
import { actionsOrphanedNotice, batonReleasedNotice } from '../directory/directory.notices.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Notice, NoticeParams, NoticeRenderer } from '../notices/notice.ts';
import type { ActionId } from '../ports/action-ids.ts';
import type { Button } from '../ports/reply.ts';
import { concernFiledForHolder, concernFiledForSocialServices, concernViewButton } from './concern.messages.ts';
import { actionsOrphanedText, batonReleasedText } from './directory.messages.ts';
import { shareTexts } from './share.messages.ts';

interface NoticeView<P extends NoticeParams> {
  notice: Notice<P>;
  text(lang: Lang, params: P, ctx: { timeZone: string }): string;
  buttons?(lang: Lang, params: P): Button<ActionId>[];
}

const view = <P extends NoticeParams>(notice: Notice<P>, v: Omit<NoticeView<P>, 'notice'>): NoticeView<NoticeParams> =>
  ({ notice, ...v }) as unknown as NoticeView<NoticeParams>;

const ACCEPT = { sv: 'Acceptera', nb: 'Aksepter', en: 'Accept' } as const;
const DECLINE = { sv: 'Avböj', nb: 'Avslå', en: 'Decline' } as const;
const OPEN = { sv: 'Visa ärendet', nb: 'Vis saken', en: 'Open case' } as const;
const acceptOrDecline = (lang: Lang, code: string): Button<ActionId>[] => [
  { label: ACCEPT[lang], action: 'case.accept', value: code, style: 'primary' },
  { label: DECLINE[lang], action: 'case.decline', value: code },
];
const openCase = (lang: Lang, code: string): Button<ActionId>[] => [{ label: OPEN[lang], action: 'case.open', value: code }];

const VIEWS: NoticeView<NoticeParams>[] = [
  view(handoverRequestedNotice, {
    text: (lang, p) => ({
      sv: `Du har blivit ombedd att ta över stafetten i ärende ${p.caseCode}. Skriv \`acceptera ${p.caseCode}\` eller \`avböj ${p.caseCode}\`.`,
      nb: `Du er bedt om å overta stafetten i sak ${p.caseCode}. Skriv \`aksepter ${p.caseCode}\` eller \`avslå ${p.caseCode}\`.`,
      en: `You have been asked to take over the baton for case ${p.caseCode}. Type \`accept ${p.caseCode}\` or \`decline ${p.caseCode}\`.`,
    })[lang],
    buttons: (lang, p) => acceptOrDecline(lang, p.caseCode),
  }),
  view(handoverAcceptedNotice, {
    text: (lang, p) => (p.previous === false
      ? {
        sv: `${p.byName} har nu stafetten i ärende ${p.caseCode}.`,
        nb: `${p.byName} har nå stafetten i sak ${p.caseCode}.`,
        en: `${p.byName} now holds the baton for case ${p.caseCode}.`,
      }
      : {
        sv: `${p.byName} har tagit emot stafetten i ärende ${p.caseCode}. Du har inte längre stafetten.`,
        nb: `${p.byName} har tatt imot stafetten i sak ${p.caseCode}. Du har ikke lenger stafetten.`,
        en: `${p.byName} has accepted the baton for case ${p.caseCode}. You no longer hold it.`,
      })[lang],
    buttons: (lang, p) => openCase(lang, p.caseCode),
  }),
  view(handoverDeclinedNotice, {
    text: (lang, p) => {
      const r = p.reason?.trim();
      return {
        sv: `${p.byName} avböjde att ta över stafetten i ärende ${p.caseCode}${r ? `: ”${r}”` : ' (utan förklaring)'}. Stafetten är kvar hos dig – lämna den till någon annan med \`stafett ${p.caseCode} @kollega\`.`,
        nb: `${p.byName} avslo å overta stafetten i sak ${p.caseCode}${r ? `: «${r}»` : ' (uten begrunnelse)'}. Stafetten er fortsatt hos deg – gi den til en annen med \`overlever ${p.caseCode} @kollega\`.`,
        en: `${p.byName} declined to take over the baton for case ${p.caseCode}${r ? `: "${r}"` : ' (no reason given)'}. You still hold it – hand it to someone else with \`handover ${p.caseCode} @colleague\`.`,
      }[lang];
    },
    buttons: (lang, p) => openCase(lang, p.caseCode),
  }),
  view(concernReportedNotice, {
    text: (lang, p, ctx) => concernFiledForHolder(lang, { code: p.caseCode, at: new Date(p.at), tz: ctx.timeZone }),
  }),
  view(concernDisclosedNotice, {
    text: (lang, p, ctx) => concernFiledForSocialServices(lang, { code: p.caseCode, at: new Date(p.at), tz: ctx.timeZone }),
    buttons: (lang, p) => [{ label: concernViewButton(lang), action: 'concern.view', value: p.caseCode, style: 'primary' }],
  }),
  view(consentWithdrawnNotice, {
    text: (lang, p) => ({
      sv: `Samtycket i ärende ${p.caseCode} har återkallats. Socialtjänsten ser inte längre nya uppgifter i ärendet.`,
      nb: `Samtykket i sak ${p.caseCode} er trukket tilbake. Barneverntjenesten ser ikke lenger nye opplysninger i saken.`,
      en: `Consent for case ${p.caseCode} has been withdrawn. Social services no longer see new details of the case.`,
    })[lang],
  }),
  view(shareRequestedNotice, {
    text: (lang, p, ctx) => shareTexts.toApprover(lang, { code: p.caseCode, parts: p.parts, until: new Date(p.until), tz: ctx.timeZone }),
    buttons: (lang, p) => [{ label: shareTexts.listHeader(lang, p.caseCode), action: 'case.share', value: p.caseCode, style: 'primary' }],
  }),
  view(shareApprovedNotice, {
    text: (lang, p, ctx) => shareTexts.approved(lang, { code: p.caseCode, parts: p.parts, until: new Date(p.until), tz: ctx.timeZone }),
  }),
  view(shareDeclinedNotice, {
    text: (lang, p) => shareTexts.declined(lang, { code: p.caseCode }),
  }),
  view(batonReleasedNotice, {
    text: (lang, p) => batonReleasedText(lang, { code: p.caseCode, name: p.name }),
    buttons: (lang, p) => acceptOrDecline(lang, p.caseCode),
  }),
  view(actionsOrphanedNotice, {
    text: (lang, p) => actionsOrphanedText(lang, { code: p.caseCode, name: p.name, count: p.count }),
  }),
  view(absenceSignalNotice, {
    text: (lang, p) => signalNudgeText(lang, p),
  }),
];

const byKind = new Map<string, NoticeView<NoticeParams>>();
for (const v of VIEWS) {
  if (byKind.has(v.notice.kind)) throw new Error(`two views of notice kind ${v.notice.kind}`);
  byKind.set(v.notice.kind, v);
}

/** The text and buttons of a stored notice; undefined for a kind without a view. */
export const renderNotice: NoticeRenderer = (kind, lang, params, ctx) => {
  const v = byKind.get(kind);
  if (!v) return undefined;
  return { text: v.text(lang, params, ctx), buttons: v.buttons?.(lang, params) ?? [] };
};

/** The kinds that have a view (tests compare them with the declared kinds). */
export function noticeViewKinds(): string[] {
  return [...byKind.keys()];
}
