/**
 * Texts about reports of concern (orosanmälan / bekymringsmelding) as functions of (lang, params).
 * Notices carry the case code and the time only: never the reporter's text or the reporter's
 * name, so nothing personal reaches a chat where a notice might be read over a shoulder.
 */
import { formatWhen } from '../i18n/index.ts';
import type { Lang } from '../i18n/lang.ts';


/** To the baton holder: a report was filed in their case. */
export function concernFiledForHolder(lang: Lang, p: { code: string; at: Date; tz: string }): string {
  const when = formatWhen(p.at, lang, p.tz);
  return {
    sv: `En orosanmälan har registrerats i ärende ${p.code} (${when}). Se \`status ${p.code}\`.`,
    nb: `En bekymringsmelding er registrert i sak ${p.code} (${when}). Se \`status ${p.code}\`.`,
    en: `A report of concern has been recorded in case ${p.code} (${when}). See \`status ${p.code}\`.`,
  }[lang];
}

/** To social services: a report was filed; the button opens the report itself. */
export function concernFiledForSocialServices(lang: Lang, p: { code: string; at: Date; tz: string }): string {
  const when = formatWhen(p.at, lang, p.tz);
  return {
    sv: `En orosanmälan till socialtjänsten har registrerats i ärende ${p.code} (${when}). Anmälan – vem, när och vad – visas med knappen nedan. Resten av ärendet kräver samtycke eller en godkänd begäran (\`delning ${p.code}\`).`,
    nb: `En bekymringsmelding til barneverntjenesten er registrert i sak ${p.code} (${when}). Meldingen – hvem, når og hva – vises med knappen nedenfor. Resten av saken krever samtykke eller en godkjent forespørsel (\`deling ${p.code}\`).`,
    en: `A report of concern to social services has been recorded in case ${p.code} (${when}). The report – who, when and what – is shown with the button below. The rest of the case needs consent or an approved request (\`share ${p.code}\`).`,
  }[lang];
}

export function concernViewButton(lang: Lang): string {
  return { sv: 'Visa orosanmälan', nb: 'Vis bekymringsmelding', en: 'Show report of concern' }[lang];
}

export function concernListHeader(lang: Lang, code: string): string {
  return { sv: `Orosanmälningar i ${code}`, nb: `Bekymringsmeldinger i ${code}`, en: `Reports of concern in ${code}` }[lang];
}

export function concernListEmpty(lang: Lang): string {
  return { sv: 'Inga orosanmälningar är registrerade.', nb: 'Ingen bekymringsmeldinger er registrert.', en: 'No reports of concern are recorded.' }[lang];
}

export function concernRecipient(lang: Lang, recipient: string): string {
  if (recipient === 'BARNEVERN') return { sv: 'barnevernet', nb: 'barneverntjenesten', en: 'child welfare services' }[lang];
  return { sv: 'socialtjänsten', nb: 'sosialtjenesten', en: 'social services' }[lang];
}

export function concernLine(lang: Lang, p: { at: Date; tz: string; reporter: string; recipient: string; note: string | null }): string {
  const when = formatWhen(p.at, lang, p.tz);
  const none = { sv: '(ingen notering)', nb: '(ingen merknad)', en: '(no note)' }[lang];
  const to = { sv: 'till', nb: 'til', en: 'to' }[lang];
  return `${when} · ${p.reporter} → ${to} ${concernRecipient(lang, p.recipient)}: ${p.note ?? none}`;
}

/** The status hint for social services who see only the summary but may read the reports. */
export function concernSummaryHint(lang: Lang, n: number): string {
  return {
    sv: `Orosanmälningar i ärendet: ${n}. Anmälan visas för socialtjänsten; resten av ärendet kräver samtycke eller en godkänd begäran.`,
    nb: `Bekymringsmeldinger i saken: ${n}. Meldingen vises for barneverntjenesten; resten av saken krever samtykke eller en godkjent forespørsel.`,
    en: `Reports of concern in the case: ${n}. The report is shown to social services; the rest of the case needs consent or an approved request.`,
  }[lang];
}

/** The "should a report be made?" prompt, answered when a report already exists. */
export function concernCheckAnswered(lang: Lang, p: { code: string; at: Date; tz: string }): string {
  const when = formatWhen(p.at, lang, p.tz);
  return {
    sv: `Orosanmälan: gjord ${when} – frågan är besvarad. Skriv \`oro ${p.code}\` om en ny anmälan görs.`,
    nb: `Bekymringsmelding: sendt ${when} – spørsmålet er besvart. Skriv \`bekymring ${p.code}\` hvis en ny melding sendes.`,
    en: `Report of concern: made ${when} – the question is answered. Type \`concern ${p.code}\` if a new report is made.`,
  }[lang];
}
