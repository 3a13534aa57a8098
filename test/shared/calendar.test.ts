import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  addWorkingDays,
  easterSunday,
  holidayOn,
  holidaysFor,
  isWorkingDay,
  nextWorkingWindowStart,
  type CalendarConfig,
  type WorkingHoursConfig,
} from '../../src/shared/calendar.ts';

const SE: CalendarConfig = { region: 'SE', timeZone: 'Europe/Stockholm' };
const NO: CalendarConfig = { region: 'NO', timeZone: 'Europe/Oslo' };
const SE_HOURS: WorkingHoursConfig = { ...SE, workStart: '07:30', workEnd: '17:00' };

const sthlm = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' });
const oslo = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Europe/Oslo' });
const dates = (year: number, region: 'SE' | 'NO'): Record<string, string> =>
  Object.fromEntries(holidaysFor(year, region).map((h) => [h.key, h.date]));

describe('easterSunday', () => {
  it('should compute known Easter dates', () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ month: 3, day: 28 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
    expect(easterSunday(2285)).toEqual({ month: 3, day: 22 });
  });
});

describe('holidaysFor', () => {
  it('should list the Swedish holidays of 2026', () => {
    const se = dates(2026, 'SE');
    expect(se).toMatchObject({
      nyarsdagen: '2026-01-01',
      'trettondedag-jul': '2026-01-06',
      langfredagen: '2026-04-03',
      paskdagen: '2026-04-05',
      'annandag-pask': '2026-04-06',
      'forsta-maj': '2026-05-01',
      'kristi-himmelsfard': '2026-05-14',
      nationaldagen: '2026-06-06',
      midsommarafton: '2026-06-19',
      midsommardagen: '2026-06-20',
      'alla-helgons-dag': '2026-10-31',
      julafton: '2026-12-24',
      juldagen: '2026-12-25',
      'annandag-jul': '2026-12-26',
      nyarsafton: '2026-12-31',
    });
    const list = holidaysFor(2026, 'SE');
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list.find((h) => h.key === 'paskdagen')?.name).toBe('Påskdagen');
  });

  it('should place midsommar and alla helgons dag on the right Saturdays', () => {
    expect(dates(2025, 'SE')).toMatchObject({
      midsommarafton: '2025-06-20',
      midsommardagen: '2025-06-21',
      'alla-helgons-dag': '2025-11-01',
    });
    expect(dates(2027, 'SE')).toMatchObject({ midsommardagen: '2027-06-26', 'alla-helgons-dag': '2027-11-06' });
  });

  it('should list the Norwegian holidays of 2026', () => {
    const no = dates(2026, 'NO');
    expect(no).toEqual({
      nyttarsdag: '2026-01-01',
      skjaertorsdag: '2026-04-02',
      langfredag: '2026-04-03',
      'forste-paskedag': '2026-04-05',
      'andre-paskedag': '2026-04-06',
      'arbeidernes-dag': '2026-05-01',
      'kristi-himmelfart': '2026-05-14',
      grunnlovsdag: '2026-05-17',
      'forste-pinsedag': '2026-05-24',
      'andre-pinsedag': '2026-05-25',
      'forste-juledag': '2026-12-25',
      'andre-juledag': '2026-12-26',
    });
    expect(holidayOn(oslo('2026-05-17T12:00'), NO)?.name).toBe('Grunnlovsdag');
  });
});

describe('isWorkingDay', () => {
  it('should treat weekends, holidays, eves and extra closed days as non-working', () => {
    expect(isWorkingDay(sthlm('2026-04-02'), SE)).toBe(true); // skärtorsdag is a working day in Sweden
    expect(isWorkingDay(oslo('2026-04-02'), NO)).toBe(false); // skjærtorsdag is not in Norway
    expect(isWorkingDay(sthlm('2026-06-19'), SE)).toBe(false); // midsommarafton
    expect(isWorkingDay(sthlm('2026-12-24'), SE)).toBe(false);
    expect(isWorkingDay(oslo('2026-12-24'), NO)).toBe(true);
    expect(isWorkingDay(sthlm('2026-03-07'), SE)).toBe(false); // Saturday
    const sportlov: CalendarConfig = { ...SE, extraClosedDays: [{ from: '2026-02-23', to: '2026-02-27' }, '2026-03-13'] };
    expect(isWorkingDay(sthlm('2026-02-25'), sportlov)).toBe(false);
    expect(isWorkingDay(sthlm('2026-03-13'), sportlov)).toBe(false);
    expect(isWorkingDay(sthlm('2026-03-02'), sportlov)).toBe(true);
  });

  it('should judge the date in the organisation time zone', () => {
    // Friday 23:30 UTC is already Saturday in Stockholm.
    expect(isWorkingDay(DateTime.fromISO('2026-03-06T23:30:00Z', { zone: 'utc' }), SE)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('should skip Easter in Sweden and Norway', () => {
    expect(addWorkingDays(sthlm('2026-04-02T10:00'), 1, SE).toISO()).toBe('2026-04-07T10:00:00.000+02:00');
    expect(addWorkingDays(oslo('2026-04-01T10:00'), 1, NO).toISO()).toBe('2026-04-07T10:00:00.000+02:00');
    expect(addWorkingDays(sthlm('2026-04-07T10:00'), -1, SE).toISODate()).toBe('2026-04-02');
    expect(addWorkingDays(oslo('2026-04-07T10:00'), -1, NO).toISODate()).toBe('2026-04-01');
  });

  it('should skip Christmas and New Year', () => {
    const start = sthlm('2026-12-23T09:00');
    expect(addWorkingDays(start, 1, SE).toISODate()).toBe('2026-12-28');
    expect(addWorkingDays(start, 3, SE).toISODate()).toBe('2026-12-30');
    expect(addWorkingDays(start, 4, SE).toISODate()).toBe('2027-01-04');
    expect(addWorkingDays(start, 6, SE).toISODate()).toBe('2027-01-07'); // trettondedag jul skipped
    expect(addWorkingDays(oslo('2026-12-23T09:00'), 1, NO).toISODate()).toBe('2026-12-24');
    expect(addWorkingDays(oslo('2026-12-24T09:00'), 1, NO).toISODate()).toBe('2026-12-28');
  });

  it('should keep local time across the DST change and return start for n = 0', () => {
    expect(addWorkingDays(sthlm('2026-03-27T09:00'), 1, SE).toISO()).toBe('2026-03-30T09:00:00.000+02:00');
    expect(addWorkingDays(sthlm('2026-03-28T09:00'), 0, SE).toISO()).toBe('2026-03-28T09:00:00.000+01:00');
  });

  it('should skip extra closed days', () => {
    const cal: CalendarConfig = { ...SE, extraClosedDays: [{ from: '2026-02-23', to: '2026-02-27' }] };
    expect(addWorkingDays(sthlm('2026-02-20T08:00'), 1, cal).toISODate()).toBe('2026-03-02');
  });

  it('should always land on a working day, never before the start (property)', () => {
    const min = Date.UTC(2020, 0, 1);
    const max = Date.UTC(2035, 11, 31);
    fc.assert(
      fc.property(
        fc.integer({ min, max }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(SE, NO),
        (ms, n, cal) => {
          const d = DateTime.fromMillis(ms, { zone: cal.timeZone });
          const r = addWorkingDays(d, n, cal);
          expect(isWorkingDay(r, cal)).toBe(true);
          expect(r > d).toBe(true);
          const back = addWorkingDays(d, -n, cal);
          expect(isWorkingDay(back, cal)).toBe(true);
          expect(back < d).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should undo itself from a working day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 1, max: 25 }), (ms, n) => {
        const d = DateTime.fromMillis(ms, { zone: SE.timeZone });
        fc.pre(isWorkingDay(d, SE));
        const there = addWorkingDays(d, n, SE);
        const back = addWorkingDays(there, -n, SE);
        // Same wall-clock time; a 02:xx time that does not exist on the DST day may shift.
        expect(back.toISODate()).toBe(d.toISODate());
      }),
      { numRuns: 200 },
    );
  });
});

describe('nextWorkingWindowStart', () => {
  it('should return the instant itself inside working hours', () => {
    const t = sthlm('2026-03-10T10:15');
    expect(nextWorkingWindowStart(t, SE_HOURS).toISO()).toBe(t.toISO());
  });

  it('should move an early morning to 07:30 the same day and 17:00 to the next day', () => {
    expect(nextWorkingWindowStart(sthlm('2026-03-10T06:00'), SE_HOURS).toISO()).toBe('2026-03-10T07:30:00.000+01:00');
    expect(nextWorkingWindowStart(sthlm('2026-03-10T17:00'), SE_HOURS).toISO()).toBe('2026-03-11T07:30:00.000+01:00');
  });

  it('should move a Friday evening to Monday 07:30 local time', () => {
    const r = nextWorkingWindowStart(sthlm('2026-01-16T18:30'), SE_HOURS);
    expect(r.toISO()).toBe('2026-01-19T07:30:00.000+01:00');
    expect(r.zoneName).toBe('Europe/Stockholm');
  });

  it('should land on 07:30 local after the spring DST change (last Sunday of March)', () => {
    // Given in UTC: Friday 2026-03-27 18:00 in Stockholm. Clocks go forward on Sunday 29 March.
    const r = nextWorkingWindowStart(DateTime.fromISO('2026-03-27T17:00:00Z', { zone: 'utc' }), SE_HOURS);
    expect(r.toISO()).toBe('2026-03-30T07:30:00.000+02:00');
    expect(r.toUTC().toISO()).toBe('2026-03-30T05:30:00.000Z');
    // An instant during the Sunday of the change itself.
    expect(nextWorkingWindowStart(DateTime.fromISO('2026-03-29T01:30:00Z'), SE_HOURS).toISO()).toBe(
      '2026-03-30T07:30:00.000+02:00',
    );
  });

  it('should land on 07:30 local after the autumn DST change (last Sunday of October)', () => {
    const r = nextWorkingWindowStart(sthlm('2026-10-23T20:00'), SE_HOURS);
    expect(r.toISO()).toBe('2026-10-26T07:30:00.000+01:00');
    expect(r.toUTC().toISO()).toBe('2026-10-26T06:30:00.000Z');
  });

  it('should skip holidays', () => {
    expect(nextWorkingWindowStart(sthlm('2026-04-02T18:00'), SE_HOURS).toISO()).toBe('2026-04-07T07:30:00.000+02:00');
    expect(nextWorkingWindowStart(oslo('2026-05-13T17:30'), { ...NO, workStart: '08:00', workEnd: '16:00' }).toISO()).toBe(
      '2026-05-15T08:00:00.000+02:00',
    );
  });

  it('should refuse a malformed working time', () => {
    expect(() => nextWorkingWindowStart(sthlm('2026-03-10T10:00'), { ...SE, workStart: '7.30', workEnd: '17:00' })).toThrow(
      /workStart/,
    );
  });
});

describe('addDuration', () => {
  it('should add calendar durations and roll forward off non-working days', () => {
    expect(addDuration(sthlm('2026-03-19T09:00'), 'P3W', SE).toISODate()).toBe('2026-04-09');
    expect(addDuration(sthlm('2026-03-13T09:00'), 'P3W', SE).toISO()).toBe('2026-04-07T09:00:00.000+02:00'); // långfredagen → tisdag
    expect(addDuration(sthlm('2026-05-29T09:00'), 'P3W', SE).toISODate()).toBe('2026-06-22'); // midsommarafton
    expect(addDuration(oslo('2026-05-03T09:00'), 'P14D', NO).toISODate()).toBe('2026-05-18'); // 17 May is a Sunday
    expect(addDuration(sthlm('2026-04-30T09:00'), 'P2M', SE).toISODate()).toBe('2026-06-30');
  });

  it('should add working days', () => {
    expect(addDuration(sthlm('2026-04-01T09:00'), { workingDays: 3 }, SE).toISODate()).toBe('2026-04-08');
  });

  it('should refuse an invalid duration', () => {
    expect(() => addDuration(sthlm('2026-04-01T09:00'), '3 weeks', SE)).toThrow(/ISO-8601/);
  });
});
