/**
 * Texts of the share-request flow (social services ask for details, a person with the authority
 * approves or declines) as functions of (lang, params). Notices carry the case code, parts and
 * dates only — the purpose (free text) is shown privately in the list, never in a notice.
 */
import { formatDay } from '../i18n/index.ts';
import type { Lang } from '../i18n/lang.ts';


const PART: Record<string, Record<Lang, string>> = {
  CASE: { sv: 'ärendet (status, plan, möten, beslut)', nb: 'saken (status, plan, møter, beslutninger)', en: 'the case (status, plan, meetings, decisions)' },
  LOG: { sv: 'logg och export', nb: 'logg og eksport', en: 'log and export' },
};

export function sharePartLabel(lang: Lang, part: string): string {
  return PART[part]?.[lang] ?? part;
}

export function shareParts(lang: Lang, parts: readonly string[]): string {
  return parts.map((p) => sharePartLabel(lang, p)).join(', ');
}

export const shareTexts = {
  formTitle: (lang: Lang) => ({ sv: 'Begär uppgifter ur ärendet', nb: 'Be om opplysninger fra saken', en: 'Request details of the case' })[lang],
  formIntro: (lang: Lang) => ({
    sv: 'Socialtjänsten ser orosanmälan men inte resten av ärendet. Beskriv vad ni behöver och varför; rektor eller teamledare godkänner eller avslår, och delningen gäller till det datum ni anger.',
    nb: 'Barneverntjenesten ser bekymringsmeldingen, men ikke resten av saken. Beskriv hva dere trenger og hvorfor; rektor eller teamleder godkjenner eller avslår, og delingen gjelder til datoen dere oppgir.',
    en: 'Social services see the report of concern but not the rest of the case. Describe what you need and why; the principal or team lead approves or declines, and the share lasts until the date you give.',
  })[lang],
  submit: (lang: Lang) => ({ sv: 'Skicka begäran', nb: 'Send forespørsel', en: 'Send request' })[lang],
  fPurpose: (lang: Lang) => ({ sv: 'Varför behövs uppgifterna (inga namn)', nb: 'Hvorfor trengs opplysningene (ingen navn)', en: 'Why the details are needed (no names)' })[lang],
  fScope: (lang: Lang) => ({ sv: 'Vilka delar', nb: 'Hvilke deler', en: 'Which parts' })[lang],
  fUntil: (lang: Lang) => ({ sv: 'Gäller till och med', nb: 'Gjelder til og med', en: 'Valid until' })[lang],
  fNote: (lang: Lang) => ({ sv: 'Kommentar (frivillig)', nb: 'Kommentar (valgfritt)', en: 'Comment (optional)' })[lang],
  requested: (lang: Lang, p: { code: string }) => ({
    sv: `Begäran om uppgifter i ${p.code} är skickad. Du får besked när rektor eller teamledare har tagit ställning.`,
    nb: `Forespørselen om opplysninger i ${p.code} er sendt. Du får beskjed når rektor eller teamleder har tatt stilling.`,
    en: `The request for details in ${p.code} is sent. You will be told when the principal or team lead has decided.`,
  })[lang],
  toApprover: (lang: Lang, p: { code: string; parts: readonly string[]; until: Date; tz: string }) => ({
    sv: `Socialtjänsten begär uppgifter i ärende ${p.code}: ${shareParts(lang, p.parts)}, till och med ${formatDay(p.until, lang, p.tz)}. Skriv \`delning ${p.code}\` för att läsa begäran och godkänna eller avslå.`,
    nb: `Barneverntjenesten ber om opplysninger i sak ${p.code}: ${shareParts(lang, p.parts)}, til og med ${formatDay(p.until, lang, p.tz)}. Skriv \`deling ${p.code}\` for å lese forespørselen og godkjenne eller avslå.`,
    en: `Social services request details in case ${p.code}: ${shareParts(lang, p.parts)}, until ${formatDay(p.until, lang, p.tz)}. Type \`share ${p.code}\` to read the request and approve or decline it.`,
  })[lang],
  approved: (lang: Lang, p: { code: string; parts: readonly string[]; until: Date; tz: string }) => ({
    sv: `Begäran i ${p.code} är godkänd: ${shareParts(lang, p.parts)}, till och med ${formatDay(p.until, lang, p.tz)}.`,
    nb: `Forespørselen i ${p.code} er godkjent: ${shareParts(lang, p.parts)}, til og med ${formatDay(p.until, lang, p.tz)}.`,
    en: `The request in ${p.code} is approved: ${shareParts(lang, p.parts)}, until ${formatDay(p.until, lang, p.tz)}.`,
  })[lang],
  declined: (lang: Lang, p: { code: string }) => ({
    sv: `Begäran om uppgifter i ${p.code} är avslagen.`,
    nb: `Forespørselen om opplysninger i ${p.code} er avslått.`,
    en: `The request for details in ${p.code} is declined.`,
  })[lang],
  listHeader: (lang: Lang, code: string) => ({ sv: `Begäranden från socialtjänsten i ${code}`, nb: `Forespørsler fra barneverntjenesten i ${code}`, en: `Requests from social services in ${code}` })[lang],
  none: (lang: Lang) => ({ sv: 'Det finns inga väntande begäranden.', nb: 'Det finnes ingen ventende forespørsler.', en: 'There are no pending requests.' })[lang],
  line: (lang: Lang, p: { who: string; at: Date; parts: readonly string[]; until: Date; purpose: string; tz: string }) => ({
    sv: `${formatDay(p.at, lang, p.tz)} · ${p.who}: ${shareParts(lang, p.parts)} till och med ${formatDay(p.until, lang, p.tz)} – ${p.purpose}`,
    nb: `${formatDay(p.at, lang, p.tz)} · ${p.who}: ${shareParts(lang, p.parts)} til og med ${formatDay(p.until, lang, p.tz)} – ${p.purpose}`,
    en: `${formatDay(p.at, lang, p.tz)} · ${p.who}: ${shareParts(lang, p.parts)} until ${formatDay(p.until, lang, p.tz)} – ${p.purpose}`,
  })[lang],
  approve: (lang: Lang) => ({ sv: 'Godkänn', nb: 'Godkjenn', en: 'Approve' })[lang],
  decline: (lang: Lang) => ({ sv: 'Avslå', nb: 'Avslå', en: 'Decline' })[lang],
  okApproved: (lang: Lang, p: { code: string }) => ({ sv: `Begäran i ${p.code} är godkänd och registrerad som rättslig grund.`, nb: `Forespørselen i ${p.code} er godkjent og registrert som rettslig grunnlag.`, en: `The request in ${p.code} is approved and recorded as a legal basis.` })[lang],
  okDeclined: (lang: Lang, p: { code: string }) => ({ sv: `Begäran i ${p.code} är avslagen.`, nb: `Forespørselen i ${p.code} er avslått.`, en: `The request in ${p.code} is declined.` })[lang],
  badUntil: (lang: Lang) => ({ sv: 'Välj ett datum efter i dag och högst ett år framåt.', nb: 'Velg en dato etter i dag og høyst ett år frem.', en: 'Choose a date after today and at most a year ahead.' })[lang],
};
