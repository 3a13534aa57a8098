/**
 * How a typed date reads back to the person, and the question asked when it must be confirmed
 * ("Menar du fredag 15 januari 2027?"), in Swedish, Norwegian bokmål and English.
 */
import { DateTime } from 'luxon';
import type { TypedWhen } from '../commands/dates.ts';
import { readFormDate } from './format.ts';
import { type Lang } from '../i18n/lang.ts';
import { pt } from './plan.texts.ts';
import { tx } from './texts.ts';

const locale: Record<Lang, string> = { sv: 'sv-SE', nb: 'nb-NO', en: 'en-GB' };
const dayFormat: Record<Lang, string> = { sv: 'cccc d LLLL yyyy', nb: 'cccc d. LLLL yyyy', en: 'cccc d LLLL yyyy' };

/** "fredag 15 januari 2027 kl. 13:00", "fredag 15. januar 2027 kl. 13.00", "Friday 15 January 2027 at 13:00". */
export function fmtTypedWhen(when: Pick<TypedWhen, 'date' | 'time'>, lang: Lang): string {
  // The day is a calendar day: formatted in UTC so no zone can move it.
  const day = DateTime.fromISO(when.date, { zone: 'utc' }).setLocale(locale[lang]).toFormat(dayFormat[lang]);
  if (!when.time) return day;
  return `${day} ${pt(lang, 'date.at', { time: lang === 'nb' ? when.time.replace(':', '.') : when.time })}`;
}

/** The question for a reading that needs confirmation (any reading: "Menar du …?"). */
export function dateQuestion(when: TypedWhen, lang: Lang): string {
  const key = `date.confirm.${when.reason ?? 'ambiguous'}` as const;
  return pt(lang, key, { when: fmtTypedWhen(when, lang) });
}

/** How to confirm: type the date with its year, written the way the reader writes dates. */
export function dateConfirmHow(when: Pick<TypedWhen, 'date' | 'time'>, lang: Lang): string {
  const [y, m, d] = when.date.split('-');
  const day = lang === 'nb' ? `${Number(d)}.${Number(m)}.${y}` : when.date;
  const example = when.time ? `${day} ${when.time}` : day;
  return pt(lang, 'date.confirm.how', { example });
}

/**
 * The problem with a date typed in a form field, or null when it reads without doubt: the
 * question and how to confirm when it must be confirmed, "not a date" otherwise.
 */
export function typedDateProblem(text: string, kind: 'date' | 'datetime', lang: Lang, tz: string, now: Date, expect?: 'future' | 'past'): string | null {
  const r = readFormDate(text, tz, now, { ...(expect ? { expect } : {}) });
  if (!r) return tx(lang, kind === 'date' ? 'bad.dateOnly' : 'bad.date');
  if (!r.when.needsConfirmation) return null;
  return `${dateQuestion(r.when, lang)} ${dateConfirmHow(r.when, lang)}`;
}

/** The form intro line for a prefilled date that needs confirmation ("⚠ Menar du …? Formuläret har …"). */
export function prefilledDateIntro(when: TypedWhen, lang: Lang): string {
  return `⚠ ${dateQuestion(when, lang)} ${pt(lang, 'date.prefilled')}`;
}
