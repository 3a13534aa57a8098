/**
 * The few texts the Slack adapter writes itself about files (refusals before the core is asked).
 * Everything about attendance and cases comes localized from the core.
 */
import { defineCatalog } from '../../src/i18n/index.ts';

const texts = defineCatalog({
  sv: {
    notCsv: 'Jag kan bara läsa in närvarofiler i CSV-format (`.csv`). Filen {name} lästes inte in.',
    tooLarge: 'Filen {name} är för stor ({size} MB). Gränsen är {limit} MB – dela upp exporten.',
    downloadFailed: 'Jag kunde inte hämta filen {name} från Slack. Försök igen om en stund.',
    oneFile: 'Skicka en CSV-fil i taget.',
    attachmentFailed: 'Bilagan {name} kunde inte laddas upp här.',
  },
  nb: {
    notCsv: 'Jeg kan bare lese inn fraværsfiler i CSV-format (`.csv`). Filen {name} ble ikke lest inn.',
    tooLarge: 'Filen {name} er for stor ({size} MB). Grensen er {limit} MB – del opp eksporten.',
    downloadFailed: 'Jeg klarte ikke å hente filen {name} fra Slack. Prøv igjen om litt.',
    oneFile: 'Send én CSV-fil om gangen.',
    attachmentFailed: 'Vedlegget {name} kunne ikke lastes opp her.',
  },
  en: {
    notCsv: 'I can only import attendance files in CSV format (`.csv`). The file {name} was not imported.',
    tooLarge: 'The file {name} is too large ({size} MB). The limit is {limit} MB – split the export.',
    downloadFailed: 'I could not fetch the file {name} from Slack. Please try again in a while.',
    oneFile: 'Send one CSV file at a time.',
    attachmentFailed: 'The attachment {name} could not be uploaded here.',
  },
});

export type FileTextKey = (typeof texts.keys)[number];

/** A file text in the reader's language (`sv-SE`, `nb_NO`, `en-GB` … are all understood). */
export function fileText(lang: string | undefined, key: FileTextKey, params: Record<string, string> = {}): string {
  return texts.t(lang, key, params);
}
