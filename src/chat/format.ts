/** Dates and times for people, in the organisation's time zone and the reader's language. */
import { DateTime } from 'luxon';

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
 * Parses a date or date-time typed in a form or the console, in the organisation's zone:
 * `2026-12-01`, `2026-12-01 13:00`, `2026-12-01T13:00`, `1/12 13:00`, `idag 13:00`, `imorgon`.
 */
export function parseLocalDateTime(text: string, tz: string, now: Date, defaultTime = '09:00'): Date | null {
  const t = text.trim().toLowerCase().replace(/\s+kl\.?\s+/, ' ');
  if (!t) return null;
  const base = DateTime.fromJSDate(now, { zone: tz });
  let m = /^(\d{4}-\d{2}-\d{2})(?:[ t](\d{1,2})[:.](\d{2}))?$/.exec(t);
  let day: DateTime | null = null;
  let hh: string | undefined;
  let mm: string | undefined;
  if (m) {
    day = DateTime.fromISO(m[1]!, { zone: tz });
    hh = m[2];
    mm = m[3];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2})[:.](\d{2}))?$/.exec(t))) {
    day = DateTime.fromObject({ year: base.year, month: Number(m[2]), day: Number(m[1]) }, { zone: tz });
    if (day.isValid && day < base.startOf('day')) day = day.plus({ years: 1 });
    hh = m[3];
    mm = m[4];
  } else if ((m = /^(idag|i dag|today|imorgon|i morgon|tomorrow|overmorgon|i övermorgon|övermorgon)(?:\s+(\d{1,2})[:.](\d{2}))?$/.exec(t))) {
    const add = /morgon|tomorrow/.test(m[1]!) ? (/över|over/.test(m[1]!) ? 2 : 1) : 0;
    day = base.startOf('day').plus({ days: add });
    hh = m[2];
    mm = m[3];
  }
  if (!day || !day.isValid) return null;
  const [dh, dm] = defaultTime.split(':');
  const result = day.set({ hour: Number(hh ?? dh), minute: Number(mm ?? dm), second: 0, millisecond: 0 });
  if (!result.isValid || Number(hh ?? 0) > 23 || Number(mm ?? 0) > 59) return null;
  return result.toJSDate();
}
