/**
 * Notices of the baton hand-over, rendered at delivery in the
 * recipient's language. Parameters hold case codes and staff names only; they are stored
 * encrypted with the outbox row.
 */
import { defineNotice } from '../notices/notice.ts';

const ACCEPT = { sv: 'Acceptera', nb: 'Aksepter', en: 'Accept' } as const;
const DECLINE = { sv: 'Avböj', nb: 'Avslå', en: 'Decline' } as const;
const OPEN = { sv: 'Visa ärendet', nb: 'Vis saken', en: 'Open case' } as const;

/** To the person asked to take the baton. Waits for working hours. */
export const handoverRequestedNotice = defineNotice<{ caseCode: string }>({
  kind: 'handover.request',
  workingHours: true,
  text: (lang, p) => ({
    sv: `Du har blivit ombedd att ta över stafetten i ärende ${p.caseCode}. Skriv \`acceptera ${p.caseCode}\` eller \`avböj ${p.caseCode}\`.`,
    nb: `Du er bedt om å overta stafetten i sak ${p.caseCode}. Skriv \`aksepter ${p.caseCode}\` eller \`avslå ${p.caseCode}\`.`,
    en: `You have been asked to take over the baton for case ${p.caseCode}. Type \`accept ${p.caseCode}\` or \`decline ${p.caseCode}\`.`,
  })[lang],
  buttons: (lang, p) => [
    { label: ACCEPT[lang], action: 'case.accept', value: p.caseCode, style: 'primary' },
    { label: DECLINE[lang], action: 'case.decline', value: p.caseCode },
  ],
});

/** To the previous holder and the case lead: the asked person took the baton. */
export const handoverAcceptedNotice = defineNotice<{ caseCode: string; byName: string; previous?: boolean }>({
  kind: 'handover.accepted',
  workingHours: true,
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
  buttons: (lang, p) => [{ label: OPEN[lang], action: 'case.open', value: p.caseCode }],
});

/** To the holder: the asked person declined (with the reason, when given); the baton stays. */
export const handoverDeclinedNotice = defineNotice<{ caseCode: string; byName: string; reason?: string | null }>({
  kind: 'handover.declined',
  workingHours: true,
  text: (lang, p) => {
    const r = p.reason?.trim();
    return {
      sv: `${p.byName} avböjde att ta över stafetten i ärende ${p.caseCode}${r ? `: ”${r}”` : ' (utan förklaring)'}. Stafetten är kvar hos dig – lämna den till någon annan med \`stafett ${p.caseCode} @kollega\`.`,
      nb: `${p.byName} avslo å overta stafetten i sak ${p.caseCode}${r ? `: «${r}»` : ' (uten begrunnelse)'}. Stafetten er fortsatt hos deg – gi den til en annen med \`overlever ${p.caseCode} @kollega\`.`,
      en: `${p.byName} declined to take over the baton for case ${p.caseCode}${r ? `: "${r}"` : ' (no reason given)'}. You still hold it – hand it to someone else with \`handover ${p.caseCode} @colleague\`.`,
    }[lang];
  },
  buttons: (lang, p) => [{ label: OPEN[lang], action: 'case.open', value: p.caseCode }],
});
