/**
 * Dates in running text come from luxon's locale data. The expectations are the hand-written
 * month and weekday lists the nudges used before (kept here as the oracle): the same words in
 * Swedish and Norwegian for every month and weekday; English follows en-GB ("Sept"), as the
 * status views already did.
 */
import { describe, expect, it } from 'vitest';
import { fmtDate, fmtDateTime, formatDay, formatWhen } from '../../src/i18n/index.ts';

const WEEKDAYS = {
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  nb: ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS = {
  sv: ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'],
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
};
const TZ = 'Europe/Stockholm';

describe('formatDay / formatWhen', () => {
  it('names every month and weekday as the nudges always did', () => {
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 7; day++) {
        const at = new Date(Date.UTC(2026, month - 1, day, 11, 0));
        const weekday = (new Date(Date.UTC(2026, month - 1, day)).getUTCDay() + 6) % 7;
        expect(formatDay(at, 'sv', TZ)).toBe(`${WEEKDAYS.sv[weekday]} ${day} ${MONTHS.sv[month - 1]}`);
        expect(formatDay(at, 'nb', TZ)).toBe(`${WEEKDAYS.nb[weekday]} ${day}. ${MONTHS.nb[month - 1]}`);
        expect(formatDay(at, 'en', TZ)).toBe(`${WEEKDAYS.en[weekday]} ${day} ${MONTHS.en[month - 1]}`);
      }
    }
  });

  it('adds the local time in the organisation time zone', () => {
    const at = new Date('2026-12-02T12:00:00Z');
    expect(formatWhen(at, 'sv', TZ)).toBe('onsdag 2 dec kl. 13:00');
    expect(formatWhen(at, 'nb', 'Europe/Oslo')).toBe('onsdag 2. desember kl. 13:00');
    expect(formatWhen(at, 'en', TZ)).toBe('Wednesday 2 Dec at 13:00');
    expect(fmtDate(at, TZ, 'sv')).toBe('2 dec. 2026');
  });
});

describe('fmtDate / fmtDateTime (remembered)', () => {
  it('gives each instant, zone and language its own string, also when asked again', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    for (let round = 0; round < 2; round++) {
      expect(fmtDate(at, TZ, 'sv')).toBe('1 jan. 2027');
      expect(fmtDate(at, 'UTC', 'sv')).toBe('31 dec. 2026');
      expect(fmtDate(at, TZ, 'nb')).toBe('1 jan 2027');
      expect(fmtDateTime(at, TZ, 'en')).toBe('Fri 1 Jan 2027 00:30');
      expect(fmtDateTime(at, 'UTC', 'en')).toBe('Thu 31 Dec 2026 23:30');
      expect(fmtDateTime(new Date(at.getTime() + 60_000), TZ, 'en')).toBe('Fri 1 Jan 2027 00:31');
    }
  });

  it('stays right past the memo bound', () => {
    const base = Date.UTC(2026, 0, 1, 11);
    for (let i = 0; i < 12_000; i++) fmtDate(new Date(base + i * 60_000), TZ, 'sv');
    expect(fmtDate(new Date(base), TZ, 'sv')).toBe('1 jan. 2026');
    expect(fmtDate(new Date(base + 86_400_000 * 40), TZ, 'sv')).toBe('10 feb. 2026');
  });
});
