/**
 * How absence speaks in chat, in Swedish, Norwegian and English: the private signal nudge, the
 * importer's summary and its bad-row descriptions, and the names of absence windows ("5 veckor").
 * The texts the domain itself writes stay in src/absence/absence.messages.ts.
 */
import { Duration } from 'luxon';
import { defineCatalog, type Lang, type MessageParams } from '../i18n/index.ts';
import type { RowProblem } from '../absence/csv.ts';

export const absenceChatTexts = defineCatalog({
  sv: {
    'nudge.header': '**Frånvarosignal** – {where}',
    'nudge.student': 'Elev: {student}',
    'nudge.occasions': '{measured} ogiltiga frånvarotillfällen under {window} (gräns: {threshold})',
    'nudge.percent': '{measured} % ogiltig frånvaro under {window} (gräns: {threshold} %)',
    'nudge.guardian': '**Idag:** informera vårdnadshavare om den ogiltiga frånvaron samma dag (skollagen 7 kap. 17 §).',
    'nudge.open': 'Öppna ett ärende direkt: svara `signal {id}`. Eller skriv `ny` för att starta ett ärende själv.',
    'nudge.case': 'Eleven har redan ärende {code}: ta upp signalen där.',
    'nudge.fallback': 'Ingen mentor är känd för eleven, därför får du som elevhälsa/rektor signalen.',
    'window.term': 'terminen',
    'unit.class': 'klass {class}',
    'import.header': 'Import av frånvaro: {file}',
    'import.summary': '{rows} rader lästa · {added} nya · {updated} ändrade · {unchanged} oförändrade · {bad} felaktiga',
    'import.duplicate': 'Filen är redan importerad ({date}). Inget lades till.',
    'import.signals': '{count} nya frånvarosignaler.',
    'import.notified': 'Mentor eller elevhälsa har fått ett privat meddelande om {count} av dem.',
    'import.pending': '{count} signaler skickas privat till mentor eller elevhälsa när Stafett är igång.',
    'import.noSignals': 'Inga nya frånvarosignaler.',
    'import.bad': 'Felaktiga rader (resten är importerad):',
    'import.more': '… och {count} till.',
    'problem.columns': 'fel antal kolumner',
    'problem.student': 'elevreferens saknas',
    'problem.personnummer': 'ogiltigt personnummer',
    'problem.date': 'ogiltigt datum (använd ÅÅÅÅ-MM-DD)',
    'problem.kind': 'okänd frånvarotyp (giltig, ogiltig eller närvarande)',
    'problem.minutes': 'ogiltigt antal minuter',
    'problem.quote': 'citattecken avslutas aldrig',
    'problem.tooLong': 'för långt värde',
    'problem.unit': 'okänd skolenhet – ange en av organisationens skolenheter med kod eller namn',
    'line': 'rad {line}',
  },
  nb: {
    'nudge.header': '**Fraværssignal** – {where}',
    'nudge.student': 'Elev: {student}',
    'nudge.occasions': '{measured} tilfeller av ugyldig fravær over {window} (grense: {threshold})',
    'nudge.percent': '{measured} % ugyldig fravær over {window} (grense: {threshold} %)',
    'nudge.guardian': '**I dag:** informer foresatte om det ugyldige fraværet samme dag.',
    'nudge.open': 'Opprett en sak direkte: svar `signal {id}`. Eller skriv `ny` for å starte en sak selv.',
    'nudge.case': 'Eleven har allerede sak {code}: ta opp signalen der.',
    'nudge.fallback': 'Ingen kontaktlærer er kjent for eleven, derfor får du som elevtjeneste/rektor signalen.',
    'window.term': 'semesteret',
    'unit.class': 'klasse {class}',
    'import.header': 'Import av fravær: {file}',
    'import.summary': '{rows} rader lest · {added} nye · {updated} endret · {unchanged} uendret · {bad} feil',
    'import.duplicate': 'Filen er allerede importert ({date}). Ingenting ble lagt til.',
    'import.signals': '{count} nye fraværssignaler.',
    'import.notified': 'Kontaktlærer eller elevtjeneste har fått en privat melding om {count} av dem.',
    'import.pending': '{count} signaler sendes privat til kontaktlærer eller elevtjeneste når Stafett kjører.',
    'import.noSignals': 'Ingen nye fraværssignaler.',
    'import.bad': 'Rader med feil (resten er importert):',
    'import.more': '… og {count} til.',
    'problem.columns': 'feil antall kolonner',
    'problem.student': 'elevreferanse mangler',
    'problem.personnummer': 'ugyldig fødselsnummer',
    'problem.date': 'ugyldig dato (bruk ÅÅÅÅ-MM-DD)',
    'problem.kind': 'ukjent fraværstype (gyldig, ugyldig eller til stede)',
    'problem.minutes': 'ugyldig antall minutter',
    'problem.quote': 'anførselstegn avsluttes aldri',
    'problem.tooLong': 'for lang verdi',
    'problem.unit': 'ukjent skole – oppgi en av organisasjonens skoler med kode eller navn',
    'line': 'rad {line}',
  },
  en: {
    'nudge.header': '**Absence signal** – {where}',
    'nudge.student': 'Student: {student}',
    'nudge.occasions': '{measured} unauthorised absence occasions over {window} (threshold: {threshold})',
    'nudge.percent': '{measured} % unauthorised absence over {window} (threshold: {threshold} %)',
    'nudge.guardian': '**Today:** inform the guardians of the unauthorised absence the same day.',
    'nudge.open': 'Open a case at once: reply `signal {id}`. Or type `new` to start a case yourself.',
    'nudge.case': 'The student already has case {code}: take the signal up there.',
    'nudge.fallback': 'No mentor is known for the student, so you receive the signal as student health / principal.',
    'window.term': 'the term',
    'unit.class': 'class {class}',
    'import.header': 'Absence import: {file}',
    'import.summary': '{rows} rows read · {added} new · {updated} changed · {unchanged} unchanged · {bad} bad',
    'import.duplicate': 'This file was already imported ({date}). Nothing was added.',
    'import.signals': '{count} new absence signals.',
    'import.notified': 'The mentor or student health team has been told privately about {count} of them.',
    'import.pending': '{count} signals will be sent privately to the mentor or student health team when Stafett is running.',
    'import.noSignals': 'No new absence signals.',
    'import.bad': 'Bad rows (the rest was imported):',
    'import.more': '… and {count} more.',
    'problem.columns': 'wrong number of columns',
    'problem.student': 'student reference missing',
    'problem.personnummer': 'invalid personal identity number',
    'problem.date': 'invalid date (use YYYY-MM-DD)',
    'problem.kind': 'unknown kind (valid, unauthorised or present)',
    'problem.minutes': 'invalid number of minutes',
    'problem.quote': 'quote never closed',
    'problem.tooLong': 'value too long',
    'problem.unit': "unknown school unit – give one of the organisation's units by code or name",
    'line': 'line {line}',
  },
});

/** A localized absence chat text with `{param}` interpolation. */
export function at(lang: Lang, key: AbsenceChatTextKey, params?: MessageParams): string {
  return absenceChatTexts.t(lang, key, params);
}

/** The key of an absence chat text. */
export type AbsenceChatTextKey = (typeof absenceChatTexts.keys)[number];

/** "5 veckor", "1 month", "terminen". */
export function windowText(lang: Lang, window: string): string {
  if (window === 'term') return at(lang, 'window.term');
  const d = Duration.fromISO(window);
  const words: Record<Lang, Record<string, [string, string]>> = {
    sv: { weeks: ['vecka', 'veckor'], months: ['månad', 'månader'], days: ['dag', 'dagar'] },
    nb: { weeks: ['uke', 'uker'], months: ['måned', 'måneder'], days: ['dag', 'dager'] },
    en: { weeks: ['week', 'weeks'], months: ['month', 'months'], days: ['day', 'days'] },
  };
  for (const unit of ['months', 'weeks', 'days'] as const) {
    const n = d.get(unit);
    if (n) return `${n} ${words[lang][unit]![n === 1 ? 0 : 1]}`;
  }
  return window;
}

/** Localized description of a bad row. */
export function problemText(lang: Lang, e: { line: number; problem: RowProblem; column?: string }): string {
  return `${at(lang, 'line', { line: e.line })}: ${at(lang, `problem.${e.problem}`)}${e.column ? ` (${e.column})` : ''}`;
}
