/**
 * The few texts the card renderer adds itself (client-side validation, notes). Everything a person
 * reads about their case comes localized from the core; these only describe the card widgets.
 */
import { normalizeLang, type Lang } from '../../../src/shared/i18n.ts';

const texts = {
  sv: {
    required: 'Fyll i det här fältet.',
    invalidNumber: 'Ange ett tal.',
    fixErrors: 'Rätta de markerade fälten och skicka igen.',
    date: 'Datum',
    time: 'Tid',
    optional: 'valfritt',
    attachment: '📎 {name}',
    attachmentShow: 'Visa/dölj {name}',
    attachmentTruncated: 'Visar de första {shown} av {total} tecknen. Hela filen finns i konsolen eller Slack.',
    attachmentImageHere: 'Bilden {name} skickas här intill.',
    attachmentImagePrivate: 'Bilden {name} visas bara i en privat chatt med Stafett.',
    attachmentBinary: 'Filen {name} kan inte visas i Teams – hämta den i konsolen eller Slack.',
    importNotCsv: 'Jag kan bara läsa in närvarofiler i CSV-format (`.csv`). Filen {name} lästes inte in.',
    importTooLarge: 'Filen {name} är större än {limit} MB – dela upp exporten.',
    importFailed: 'Jag kunde inte hämta filen {name}. Försök igen om en stund.',
    importPersonalOnly: 'Skicka närvarofiler till mig i vår privata chatt, inte här.',
    privateSent: 'Jag har svarat dig i vår privata chatt.',
    privateMissing: 'Öppna en chatt med Stafett (skriv `hjälp` där) så kan jag svara dig privat.',
    moreActions: 'Fler val …',
  },
  nb: {
    required: 'Fyll ut dette feltet.',
    invalidNumber: 'Skriv inn et tall.',
    fixErrors: 'Rett de markerte feltene og send igjen.',
    date: 'Dato',
    time: 'Tid',
    optional: 'valgfritt',
    attachment: '📎 {name}',
    attachmentShow: 'Vis/skjul {name}',
    attachmentTruncated: 'Viser de første {shown} av {total} tegnene. Hele filen finnes i konsollen eller Slack.',
    attachmentImageHere: 'Bildet {name} sendes her ved siden av.',
    attachmentImagePrivate: 'Bildet {name} vises bare i en privat chat med Stafett.',
    attachmentBinary: 'Filen {name} kan ikke vises i Teams – hent den i konsollen eller Slack.',
    importNotCsv: 'Jeg kan bare lese inn fraværsfiler i CSV-format (`.csv`). Filen {name} ble ikke lest inn.',
    importTooLarge: 'Filen {name} er større enn {limit} MB – del opp eksporten.',
    importFailed: 'Jeg klarte ikke å hente filen {name}. Prøv igjen om litt.',
    importPersonalOnly: 'Send fraværsfiler til meg i vår private chat, ikke her.',
    privateSent: 'Jeg har svart deg i vår private chat.',
    privateMissing: 'Åpne en chat med Stafett (skriv `hjelp` der) så kan jeg svare deg privat.',
    moreActions: 'Flere valg …',
  },
  en: {
    required: 'Please fill in this field.',
    invalidNumber: 'Enter a number.',
    fixErrors: 'Correct the marked fields and submit again.',
    date: 'Date',
    time: 'Time',
    optional: 'optional',
    attachment: '📎 {name}',
    attachmentShow: 'Show/hide {name}',
    attachmentTruncated: 'Showing the first {shown} of {total} characters. The whole file is in the console or Slack.',
    attachmentImageHere: 'The image {name} is sent alongside.',
    attachmentImagePrivate: 'The image {name} is only shown in a private chat with Stafett.',
    attachmentBinary: 'The file {name} cannot be shown in Teams – get it from the console or Slack.',
    importNotCsv: 'I can only import attendance files in CSV format (`.csv`). The file {name} was not imported.',
    importTooLarge: 'The file {name} is larger than {limit} MB – split the export.',
    importFailed: 'I could not fetch the file {name}. Please try again in a while.',
    importPersonalOnly: 'Send attendance files to me in our private chat, not here.',
    privateSent: 'I have answered you in our private chat.',
    privateMissing: 'Open a chat with Stafett (type `help` there) so I can answer you privately.',
    moreActions: 'More …',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type CardTextKey = keyof (typeof texts)['sv'];

/** A card widget text in the reader's language. */
export function cardText(lang: Lang | string | undefined, key: CardTextKey, params: Record<string, string> = {}): string {
  const s: string = texts[normalizeLang(lang)][key];
  return s.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
