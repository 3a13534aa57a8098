/** Dates and times for people, in the organisation's time zone and the reader's language. */
import { DateTime } from 'luxon';
import { parseTypedDate, whenToInstant, type TypedWhen } from '../commands/dates.ts';

export type Lang = 'sv' | 'nb' | 'en';

const locale: Record<Lang, string> = { sv: 'sv-SE', nb: 'nb-NO', en: 'en-GB' };

/** "tis 2 dec 13:00" style. */
export function fmtDateTime(d: Date, tz: string, lang: Lang): string {
  return DateTime.fromJSDate(d, { zone: tz }).setLocale(locale[lang]).toFormat(lang === 'en' ? 'ccc d LLL yyyy HH:mm' : 'ccc d LLL yyyy HH:mm');
}

/** "2 dec 2026". */
export function fmtDate(d: Date, tz: string, lang: Lang): string {
  return DateTime.fromJSDate(d, { zone: tz }).setLocale(locale[lang]).toFormat('d LLL yyyy');
}

/** ISO date (YYYY-MM-DD) in the zone, for form defaults. */
export function isoDate(d: Date, tz: string): string {
  return DateTime.fromJSDate(d, { zone: tz }).toISODate()!;
}

/**
 * Reads a date or date-time typed in a form or the console, in the organisation's zone, as people
 * type dates (see commands/dates.ts): `2026-12-01 13:00`, `1/12 13:00`, `15. januar`, `tisdag kl. 13`,
 * `i morgon`. The reading says whether it must be confirmed (`when.needsConfirmation`).
 */
export function readFormDate(text: string, tz: string, now: Date, opts: { defaultTime?: string; expect?: 'future' | 'past' } = {}): { at: Date; when: TypedWhen } | null {
  const when = parseTypedDate(text, { zone: tz, now, ...(opts.expect ? { expect: opts.expect } : {}) });
  if (!when) return null;
  return { at: whenToInstant(when, tz, opts.defaultTime), when };
}

/**
 * The instant of a typed date, whether or not it needs confirmation (callers that can ask use
 * readFormDate). Kept for the form submission in chat.service until it asks too.
 */
export function parseLocalDateTime(text: string, tz: string, now: Date, defaultTime = '09:00'): Date | null {
  return readFormDate(text, tz, now, { defaultTime })?.at ?? null;
}
