/** Notices of consent changes, rendered at delivery in the recipient's language. */
import { defineNotice } from '../notices/notice.ts';

/** To the baton holder when someone else withdrew a consent. */
export const consentWithdrawnNotice = defineNotice<{ caseCode: string }>({
  kind: 'consent.withdrawn',
  workingHours: true,
  text: (lang, p) => ({
    sv: `Samtycket i ärende ${p.caseCode} har återkallats. Socialtjänsten ser inte längre nya uppgifter i ärendet.`,
    nb: `Samtykket i sak ${p.caseCode} er trukket tilbake. Barneverntjenesten ser ikke lenger nye opplysninger i saken.`,
    en: `Consent for case ${p.caseCode} has been withdrawn. Social services no longer see new details of the case.`,
  })[lang],
});
