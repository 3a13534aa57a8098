/**
 * The texts the absence domain itself writes, in Swedish, Norwegian and English: the column names
 * and the missing-columns problem of a refused file (a DomainError's message), and the reason of a
 * case opened from a signal (stored with the case). How absence speaks in chat — the signal
 * nudge, the import summary, bad-row descriptions — is src/chat/absence.messages.ts.
 */
import { defineCatalog, type Lang, type MessageParams } from '../i18n/index.ts';

export const absenceTexts = defineCatalog({
  sv: {
    'import.columns': 'Filen saknar kolumner: {missing}. Förväntade kolumner: elev, datum, frånvarotyp (giltig/ogiltig/närvarande) och gärna skolenhet, klass, lektion, schemalagd tid och frånvaro i minuter. Andra kolumnnamn kan mappas i organisationens inställning attendanceColumns.',
    'field.student': 'elev', 'field.unit': 'skolenhet', 'field.class': 'klass', 'field.date': 'datum', 'field.lesson': 'lektion', 'field.scheduledMin': 'schemalagd tid (min)', 'field.absentMin': 'frånvaro (min)', 'field.scheduledHours': 'schemalagda timmar', 'field.absentHours': 'frånvaro (timmar)', 'field.kind': 'frånvarotyp',
    'case.reason': 'Frånvarosignal: {measure}',
  },
  nb: {
    'import.columns': 'Filen mangler kolonner: {missing}. Forventede kolonner: elev, dato, fraværstype (gyldig/ugyldig/til stede) og gjerne skole, klasse, time, planlagt tid og fravær i minutter. Andre kolonnenavn kan kobles i organisasjonens innstilling attendanceColumns.',
    'field.student': 'elev', 'field.unit': 'skole', 'field.class': 'klasse', 'field.date': 'dato', 'field.lesson': 'time', 'field.scheduledMin': 'planlagt tid (min)', 'field.absentMin': 'fravær (min)', 'field.scheduledHours': 'planlagte timer', 'field.absentHours': 'fravær (timer)', 'field.kind': 'fraværstype',
    'case.reason': 'Fraværssignal: {measure}',
  },
  en: {
    'import.columns': 'The file lacks columns: {missing}. Expected columns: student, date, kind (valid/unauthorised/present) and preferably school unit, class, lesson, scheduled and absent minutes. Other column names can be mapped in the organisation setting attendanceColumns.',
    'field.student': 'student', 'field.unit': 'school unit', 'field.class': 'class', 'field.date': 'date', 'field.lesson': 'lesson', 'field.scheduledMin': 'scheduled min', 'field.absentMin': 'absent min', 'field.scheduledHours': 'scheduled hours', 'field.absentHours': 'absent hours', 'field.kind': 'kind',
    'case.reason': 'Absence signal: {measure}',
  },
});

/** A localized absence text with `{param}` interpolation. */
export function at(lang: Lang, key: AbsenceTextKey, params?: MessageParams): string {
  return absenceTexts.t(lang, key, params);
}

/** The key of an absence text. */
export type AbsenceTextKey = (typeof absenceTexts.keys)[number];
