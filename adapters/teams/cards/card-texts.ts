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
    attachment: 'Bilaga: {name}. Filer skickas inte i Teams – hämta den i konsolen eller Slack.',
    privateSent: 'Jag har svarat dig i vår privata chatt.',
    privateMissing: 'Öppna en chatt med Stafett (skriv `hjälp` där) så kan jag svara dig privat.',
  },
  nb: {
    required: 'Fyll ut dette feltet.',
    invalidNumber: 'Skriv inn et tall.',
    fixErrors: 'Rett de markerte feltene og send igjen.',
    date: 'Dato',
    time: 'Tid',
    optional: 'valgfritt',
    attachment: 'Vedlegg: {name}. Filer sendes ikke i Teams – hent det i konsollen eller Slack.',
    privateSent: 'Jeg har svart deg i vår private chat.',
    privateMissing: 'Åpne en chat med Stafett (skriv `hjelp` der) så kan jeg svare deg privat.',
  },
  en: {
    required: 'Please fill in this field.',
    invalidNumber: 'Enter a number.',
    fixErrors: 'Correct the marked fields and submit again.',
    date: 'Date',
    time: 'Time',
    optional: 'optional',
    attachment: 'Attachment: {name}. Files are not sent in Teams – get it from the console or Slack.',
    privateSent: 'I have answered you in our private chat.',
    privateMissing: 'Open a chat with Stafett (type `help` there) so I can answer you privately.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type CardTextKey = keyof (typeof texts)['sv'];

/** A card widget text in the reader's language. */
export function cardText(lang: Lang | string | undefined, key: CardTextKey, params: Record<string, string> = {}): string {
  const s: string = texts[normalizeLang(lang)][key];
  return s.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
