/**
 * Dates and times for people, in the organisation's time zone and the reader's language. Month
 * and weekday names come from luxon's locale data (ICU), never from hand-written lists.
 */
import { DateTime } from 'luxon';
import type { Lang } from './lang.ts';

/** The luxon locale of each language (British English: day before month, 24-hour clock). */
export const LOCALES: Readonly<Record<Lang, string>> = { sv: 'sv', nb: 'nb', en: 'en-GB' };

const local = (d: Date | string, tz: string, lang: Lang) => DateTime.fromJSDate(new Date(d), { zone: tz }).setLocale(LOCALES[lang]);

/**
 * The formatted strings of the list views, remembered: a list of 50 cases formats the same 50
 * dates on every read, and luxon's token formatting was a tenth of App Home's CPU (bench/cpu-profile.ts).
 * A pure function of (format, language, zone, instant); bounded, emptied when full.
 */
const MEMO_MAX = 10_000;
const memo = new Map<string, string>();
function remembered(format: string, d: Date, tz: string, lang: Lang): string {
  const key = `${format}|${lang}|${tz}|${new Date(d).getTime()}`;
  let s = memo.get(key);
  if (s === undefined) {
    s = local(d, tz, lang).toFormat(format);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, s);
  }
  return s;
}

/** "tis 2 dec. 2026 13:00" style. */
export function fmtDateTime(d: Date, tz: string, lang: Lang): string {
  return remembered('ccc d LLL yyyy HH:mm', d, tz, lang);
}

/** "2 dec. 2026". */
export function fmtDate(d: Date, tz: string, lang: Lang): string {
  return remembered('d LLL yyyy', d, tz, lang);
}

/** ISO date (YYYY-MM-DD) in the zone, for form defaults. */
export function isoDate(d: Date, tz: string): string {
  return DateTime.fromJSDate(d, { zone: tz }).toISODate()!;
}

/**
 * "tisdag 2 dec" / "tirsdag 2. desember" / "Tuesday 2 Dec" in the organisation's time zone, for
 * running text: Swedish without the abbreviation's dot, Norwegian with the full month name (an
 * abbreviation's dot would double at the end of a sentence, "18. des..").
 */
export function formatDay(at: Date | string, lang: Lang, tz: string): string {
  const d = local(at, tz, lang);
  if (lang === 'nb') return d.toFormat('cccc d. LLLL');
  return `${d.toFormat('cccc d')} ${d.toFormat('LLL').replace(/\.$/, '')}`;
}

/** Local time of day, "13:00". */
export function formatTime(at: Date | string, tz: string): string {
  return DateTime.fromJSDate(new Date(at), { zone: tz }).toFormat('HH:mm');
}

/** "tisdag 2 dec kl. 13:00" / "tirsdag 2. desember kl. 13:00" / "Tuesday 2 Dec at 13:00". */
export function formatWhen(at: Date | string, lang: Lang, tz: string): string {
  return `${formatDay(at, lang, tz)} ${lang === 'en' ? 'at' : 'kl.'} ${formatTime(at, tz)}`;
}

/** A number with one decimal in the language's style: 12,5 (sv/nb) or 12.5 (en). */
export function formatDecimal(lang: Lang, n: number): string {
  const r = Math.round(n * 10) / 10;
  return lang === 'en' ? String(r) : String(r).replace('.', ',');
}
