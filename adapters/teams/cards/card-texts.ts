/**
 * The few texts the card renderer adds itself (client-side validation, notes). Everything a person
 * reads about their case comes localized from the core; these only describe the card widgets.
 */
import { defineCatalog, type Lang } from '../../../src/i18n/index.ts';

const texts = defineCatalog({
  sv: {
    required: 'Fyll i det här fältet.',
    invalidNumber: 'Ange ett tal.',
    fixErrors: 'Rätta de markerade fälten och skicka igen.',
    date: 'Datum',
    time: 'Tid',
    optional: 'valfritt',
    attachment: '📎 {name}',
    attachmentImageHere: 'Bilden {name} skickas här intill.',
    attachmentImagePrivate: 'Bilden {name} visas bara i en privat chatt med Stafett.',
    attachmentOffered: 'Filen {name} ({size}) kommer strax under. Välj Tillåt så sparas den i din OneDrive.',
    attachmentSentPrivately: 'Filen {name} har skickats till dig i vår privata chatt.',
    attachmentUnavailable: 'Filen {name} kan bara skickas i en privat chatt med Stafett. Öppna chatten och fråga igen där.',
    fileConsentDescription: '{name} från Stafett. Innehåller personuppgifter – hanteras enligt kommunens rutiner.',
    fileSent: 'Här är filen {name}.',
    fileDeclined: 'Okej, filen {name} skickades inte. Fråga igen om du vill ha den.',
    fileGone: 'Filen finns inte längre (den gäller ett dygn och bara för den som bad om den). Fråga igen så skickar jag den på nytt.',
    fileUploadFailed: 'Jag kunde inte spara filen {name} i din OneDrive. Försök igen om en stund.',
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
    attachmentImageHere: 'Bildet {name} sendes her ved siden av.',
    attachmentImagePrivate: 'Bildet {name} vises bare i en privat chat med Stafett.',
    attachmentOffered: 'Filen {name} ({size}) kommer like under. Velg Tillat, så lagres den i din OneDrive.',
    attachmentSentPrivately: 'Filen {name} er sendt til deg i vår private chat.',
    attachmentUnavailable: 'Filen {name} kan bare sendes i en privat chat med Stafett. Åpne chatten og spør igjen der.',
    fileConsentDescription: '{name} fra Stafett. Inneholder personopplysninger – behandles etter kommunens rutiner.',
    fileSent: 'Her er filen {name}.',
    fileDeclined: 'Greit, filen {name} ble ikke sendt. Spør igjen hvis du vil ha den.',
    fileGone: 'Filen finnes ikke lenger (den gjelder et døgn og bare for den som ba om den). Spør igjen, så sender jeg den på nytt.',
    fileUploadFailed: 'Jeg klarte ikke å lagre filen {name} i din OneDrive. Prøv igjen om litt.',
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
    attachmentImageHere: 'The image {name} is sent alongside.',
    attachmentImagePrivate: 'The image {name} is only shown in a private chat with Stafett.',
    attachmentOffered: 'The file {name} ({size}) follows just below. Choose Allow and it is saved in your OneDrive.',
    attachmentSentPrivately: 'The file {name} has been sent to you in our private chat.',
    attachmentUnavailable: 'The file {name} can only be sent in a private chat with Stafett. Open that chat and ask again there.',
    fileConsentDescription: '{name} from Stafett. Contains personal data – handle according to the municipality\'s routines.',
    fileSent: 'Here is the file {name}.',
    fileDeclined: 'All right, the file {name} was not sent. Ask again if you want it.',
    fileGone: 'The file is no longer available (it is kept for a day and only for the person who asked). Ask again and I will send it anew.',
    fileUploadFailed: 'I could not save the file {name} in your OneDrive. Please try again in a while.',
    importNotCsv: 'I can only import attendance files in CSV format (`.csv`). The file {name} was not imported.',
    importTooLarge: 'The file {name} is larger than {limit} MB – split the export.',
    importFailed: 'I could not fetch the file {name}. Please try again in a while.',
    importPersonalOnly: 'Send attendance files to me in our private chat, not here.',
    privateSent: 'I have answered you in our private chat.',
    privateMissing: 'Open a chat with Stafett (type `help` there) so I can answer you privately.',
    moreActions: 'More …',
  },
});

export type CardTextKey = (typeof texts.keys)[number];

/** A card widget text in the reader's language. */
export function cardText(lang: Lang | string | undefined, key: CardTextKey, params: Record<string, string> = {}): string {
  return texts.t(lang, key, params);
}
