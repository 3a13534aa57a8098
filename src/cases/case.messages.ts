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

/** To the previous holder: the asked person took the baton. */
export const handoverAcceptedNotice = defineNotice<{ caseCode: string; byName: string }>({
  kind: 'handover.accepted',
  workingHours: true,
  text: (lang, p) => ({
    sv: `${p.byName} har tagit över stafetten i ärende ${p.caseCode}.`,
    nb: `${p.byName} har overtatt stafetten i sak ${p.caseCode}.`,
    en: `${p.byName} has taken over the baton for case ${p.caseCode}.`,
  })[lang],
  buttons: (lang, p) => [{ label: OPEN[lang], action: 'case.open', value: p.caseCode }],
});

/** To the holder: the asked person declined, the baton stays. */
export const handoverDeclinedNotice = defineNotice<{ caseCode: string; byName: string }>({
  kind: 'handover.declined',
  workingHours: true,
  text: (lang, p) => ({
    sv: `${p.byName} har avböjt att ta över stafetten i ärende ${p.caseCode}. Du har den kvar.`,
    nb: `${p.byName} har takket nei til å overta stafetten i sak ${p.caseCode}. Du har den fortsatt.`,
    en: `${p.byName} has declined to take over the baton for case ${p.caseCode}. You still hold it.`,
  })[lang],
  buttons: (lang, p) => [{ label: OPEN[lang], action: 'case.open', value: p.caseCode }],
});
