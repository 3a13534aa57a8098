/**
 * Dates as people type them (Swedish, Norwegian, English), in the organisation's zone, on servers
 * whose own zone is something else. Table tests for every form the help promises, and properties:
 * a typed date reads back exactly, a day without a year is never silently moved, weekdays land on
 * that weekday, and nothing shifts at midnight or across a DST change.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTypedDate, parseTypedDate, whenToFieldValue, whenToInstant, withoutWhen, type DateContext } from '../../src/commands/dates.ts';
import { dateQuestion, fmtTypedWhen } from '../../src/chat/date-question.ts';

const SERVER_ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'];
const ORG_ZONES = ['Europe/Stockholm', 'Europe/Oslo'];
const originalTz = process.env.TZ;

/** Wednesday 2 December 2026, 10:00 in Stockholm. */
const WED = new Date('2026-12-02T09:00:00Z');

const p = (text: string, now = WED, zone = 'Europe/Stockholm', expect?: 'future' | 'past') => parseTypedDate(text, { zone, now, ...(expect ? { expect } : {}) });

for (const serverZone of SERVER_ZONES) {
  describe(`typed dates on a server in ${serverZone}`, () => {
    beforeAll(() => {
      process.env.TZ = serverZone;
    });
    afterAll(() => {
      process.env.TZ = originalTz;
    });

    it('runs in that server zone (the test would prove nothing otherwise)', () => {
      const offset = new Date('2026-12-02T12:00:00Z').getTimezoneOffset();
      expect(offset).toBe(serverZone === 'UTC' ? 0 : serverZone === 'America/Los_Angeles' ? 480 : -840);
    });

    it.each([
      // typed, date, time, needsConfirmation, reason
      ['15/1', '2027-01-15', undefined, true, 'nextYear'],
      ['15.1', '2027-01-15', undefined, true, 'nextYear'],
      ['15.01.2027', '2027-01-15', undefined, false, undefined],
      ['15/1/2027', '2027-01-15', undefined, false, undefined],
      ['15/1 2027', '2027-01-15', undefined, false, undefined],
      ['15. januar', '2027-01-15', undefined, true, 'nextYear'],
      ['15 jan', '2027-01-15', undefined, true, 'nextYear'],
      ['15 jan.', '2027-01-15', undefined, true, 'nextYear'],
      ['15:e januari 2027', '2027-01-15', undefined, false, undefined],
      ['Jan 15', '2027-01-15', undefined, true, 'nextYear'],
      ['15th January 2027', '2027-01-15', undefined, false, undefined],
      ['24 desember', '2026-12-24', undefined, false, undefined],
      ['24 dec', '2026-12-24', undefined, false, undefined],
      ['2027-01-15', '2027-01-15', undefined, false, undefined],
      ['1/12', '2026-12-01', undefined, true, 'past'],
      ['1.12.2026', '2026-12-01', undefined, false, undefined],
      ['2/12', '2026-12-02', undefined, false, undefined],
      ['tisdag', '2026-12-08', undefined, false, undefined],
      ['tirsdag', '2026-12-08', undefined, false, undefined],
      ['Tuesday', '2026-12-08', undefined, false, undefined],
      ['på tisdag', '2026-12-08', undefined, false, undefined],
      ['fredag', '2026-12-04', undefined, false, undefined],
      ['onsdag', '2026-12-09', undefined, true, 'ambiguous'],
      ['nästa tisdag', '2026-12-08', undefined, false, undefined],
      ['neste tirsdag', '2026-12-08', undefined, false, undefined],
      ['nästa fredag', '2026-12-11', undefined, true, 'ambiguous'],
      ['tisdag nästa vecka', '2026-12-08', undefined, false, undefined],
      ['fredag i neste uke', '2026-12-11', undefined, false, undefined],
      ['i tisdags', '2026-12-01', undefined, true, 'past'],
      ['i morgon', '2026-12-03', undefined, false, undefined],
      ['imorgon', '2026-12-03', undefined, false, undefined],
      ['i morgen', '2026-12-03', undefined, false, undefined],
      ['tomorrow', '2026-12-03', undefined, false, undefined],
      ['i övermorgon', '2026-12-04', undefined, false, undefined],
      ['idag', '2026-12-02', undefined, false, undefined],
      ['i dag', '2026-12-02', undefined, false, undefined],
      ['igår', '2026-12-01', undefined, true, 'past'],
      ['kl. 13', '2026-12-02', '13:00', false, undefined],
      ['kl 13', '2026-12-02', '13:00', false, undefined],
      ['klokken 13', '2026-12-02', '13:00', false, undefined],
      ['13.30', '2026-12-02', '13:30', false, undefined],
      ['13:30', '2026-12-02', '13:30', false, undefined],
      ['1pm', '2026-12-02', '13:00', false, undefined],
      ['kl 9', '2026-12-02', '09:00', true, 'past'],
      ['tisdag kl. 13', '2026-12-08', '13:00', false, undefined],
      ['tirsdag kl. 13.30', '2026-12-08', '13:30', false, undefined],
      ['neste tirsdag kl 13', '2026-12-08', '13:00', false, undefined],
      ['i morgon kl 9.15', '2026-12-03', '09:15', false, undefined],
      ['i morgen 08:30', '2026-12-03', '08:30', false, undefined],
      ['kl 13 på fredag', '2026-12-04', '13:00', false, undefined],
      ['15/1 13:00', '2027-01-15', '13:00', true, 'nextYear'],
      ['15.1 kl. 13', '2027-01-15', '13:00', true, 'nextYear'],
      ['15.01.2027 13.30', '2027-01-15', '13:30', false, undefined],
      ['2027-01-15 09:00', '2027-01-15', '09:00', false, undefined],
      ['2027-01-15T09:00', '2027-01-15', '09:00', false, undefined],
      ['fredag 15 januari', '2027-01-15', undefined, false, undefined],
      ['fredag den 15 januari kl 13', '2027-01-15', '13:00', false, undefined],
      ['torsdag 15 januari', '2027-01-15', undefined, true, 'weekdayMismatch'],
      ['tis', '2026-12-08', undefined, false, undefined],
      ['29/2', '2028-02-29', undefined, true, 'nextYear'],
    ] as const)('reads %j', (typed, date, time, needs, reason) => {
      for (const zone of ORG_ZONES) {
        const r = p(typed, WED, zone);
        expect(r, `${typed} in ${zone}`).not.toBeNull();
        expect(r!.date).toBe(date);
        expect(r!.time).toBe(time);
        expect(r!.needsConfirmation).toBe(needs);
        expect(r!.reason).toBe(reason);
      }
    });

    it.each(['', 'foo', '32/1', '15/13', '31/4', '29/2/2027', 'kl 25', '25:00', '13:60', '2026-13-01', 'tisdagar', 'tisdag foo', '15', 'januari', 'kl', '__proto__', 'constructor', 'i __proto__', 'nästa toString', 'hasOwnProperty kl 13'])('rejects %j', (typed) => {
      expect(p(typed)).toBeNull();
    });

    it('reads the day in the organisation zone at midnight, not the server day', () => {
      // 00:30 on Thursday 3 December in Stockholm is still Wednesday 2 December in UTC and in Los Angeles.
      const now = new Date('2026-12-02T23:30:00Z');
      expect(p('idag', now)!.date).toBe('2026-12-03');
      expect(p('i morgon', now)!.date).toBe('2026-12-04');
      expect(p('torsdag', now)).toMatchObject({ date: '2026-12-10', needsConfirmation: true, reason: 'ambiguous' });
      expect(p('3/12', now)).toMatchObject({ date: '2026-12-03', needsConfirmation: false });
      expect(p('2/12', now)).toMatchObject({ date: '2026-12-02', needsConfirmation: true, reason: 'past' });
      // 23:59 on 2 December in Oslo.
      const late = new Date('2026-12-02T22:59:00Z');
      expect(p('idag', late, 'Europe/Oslo')!.date).toBe('2026-12-02');
      expect(p('kl 23.30', late, 'Europe/Oslo')).toMatchObject({ date: '2026-12-02', time: '23:30', needsConfirmation: true, reason: 'past' });
    });

    it('keeps the typed wall-clock time across DST changes', () => {
      // Saturday 27 March 2027, 23:30 in Stockholm; summer time starts at 02:00 on Sunday.
      const spring = new Date('2027-03-27T22:30:00Z');
      const r = p('måndag kl 13', spring)!;
      expect(r).toMatchObject({ date: '2027-03-29', time: '13:00', needsConfirmation: false });
      expect(whenToInstant(r, 'Europe/Stockholm').toISOString()).toBe('2027-03-29T11:00:00.000Z');
      expect(whenToInstant(p('i morgon kl 9', spring)!, 'Europe/Stockholm').toISOString()).toBe('2027-03-28T07:00:00.000Z');
      // Saturday 24 October 2026 in Oslo; winter time starts on Sunday.
      const autumn = new Date('2026-10-24T20:00:00Z');
      const m = p('mandag kl 13', autumn, 'Europe/Oslo')!;
      expect(whenToInstant(m, 'Europe/Oslo').toISOString()).toBe('2026-10-26T12:00:00.000Z');
      expect(p('i morgen', autumn, 'Europe/Oslo')!.date).toBe('2026-10-25');
      expect(whenToInstant({ date: '2026-12-15' }, 'Europe/Stockholm', '16:00').toISOString()).toBe('2026-12-15T15:00:00.000Z');
    });

    it('reads a date for when something was given as a past date', () => {
      expect(p('1/12', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-01', needsConfirmation: false });
      expect(p('15/1', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-01-15', needsConfirmation: false });
      expect(p('15/12', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-15', needsConfirmation: true, reason: 'future' });
      expect(p('20/12', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-20', needsConfirmation: true, reason: 'future' });
      expect(p('igår', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-01', needsConfirmation: false });
      expect(p('i tisdags', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-01', needsConfirmation: false });
      expect(p('i morgon', WED, 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-03', needsConfirmation: true, reason: 'future' });
      // In January, a December day is last December's.
      expect(p('20/12', new Date('2027-01-05T10:00:00Z'), 'Europe/Stockholm', 'past')).toMatchObject({ date: '2026-12-20', needsConfirmation: true, reason: 'lastYear' });
    });

    it('asks about `nästa tisdag` early in the week and reads it as next week', () => {
      const monday = new Date('2026-12-07T09:00:00Z');
      expect(p('tisdag', monday)).toMatchObject({ date: '2026-12-08', needsConfirmation: false });
      expect(p('nästa tisdag', monday)).toMatchObject({ date: '2026-12-15', needsConfirmation: true, reason: 'ambiguous' });
      expect(p('neste tirsdag', monday)).toMatchObject({ date: '2026-12-15', needsConfirmation: true, reason: 'ambiguous' });
      expect(p('tisdag nästa vecka', monday)).toMatchObject({ date: '2026-12-15', needsConfirmation: false });
      const sunday = new Date('2026-12-06T09:00:00Z');
      expect(p('nästa måndag', sunday)).toMatchObject({ date: '2026-12-07', needsConfirmation: false });
      expect(p('måndag', sunday)).toMatchObject({ date: '2026-12-07', needsConfirmation: false });
    });
  });
}

describe('dates inside free text', () => {
  const ctx: DateContext = { zone: 'Europe/Stockholm', now: WED };

  it('finds the date and time after a meeting type and cuts them out', () => {
    const text = 'nätverksmöte tisdag kl. 13';
    const f = findTypedDate(text, ctx)!;
    expect(f.when).toMatchObject({ date: '2026-12-08', time: '13:00', needsConfirmation: false });
    expect(withoutWhen(text, f)).toBe('nätverksmöte');
  });

  it('finds a date after a mention at the end of an action', () => {
    const text = 'Följa med till skolan <@U0KIM> 15 jan';
    const f = findTypedDate(text, ctx)!;
    expect(f.when).toMatchObject({ date: '2027-01-15', needsConfirmation: true, reason: 'nextYear' });
    expect(withoutWhen(text, f)).toBe('Följa med till skolan <@U0KIM>');
  });

  it('takes `senast`, `innen`, `by` with the date', () => {
    for (const [text, rest] of [['Mejla mentorn senast fredag', 'Mejla mentorn'], ['Ring BUP innen 15. januar', 'Ring BUP'], ['Call home by Friday', 'Call home'], ['Gå till skolan', null]] as const) {
      const f = findTypedDate(text, ctx);
      if (rest === null) expect(f).toBeNull();
      else expect(withoutWhen(text, f!)).toBe(rest);
    }
  });

  it('does not read weekday abbreviations or bare numbers in ordinary words', () => {
    expect(findTypedDate('man ska ringa mamma 2 gånger', ctx)).toBeNull();
    expect(findTypedDate('Följer med till skolan på tisdagar', ctx)).toBeNull();
    expect(findTypedDate('ring BUP fre', ctx)).toBeNull();
    expect(findTypedDate('Ringa mamma varje måndag', ctx)).toBeNull();
    expect(findTypedDate('Ring hjem hver mandag', ctx)).toBeNull();
    const f = findTypedDate('Ringa mamma varje måndag 15 jan', ctx)!;
    expect(withoutWhen('Ringa mamma varje måndag 15 jan', f)).toBe('Ringa mamma varje måndag');
  });
});

describe('the confirmation question', () => {
  it('names the weekday, the day and the year in each language', () => {
    const r = p('15/1')!;
    expect(dateQuestion(r, 'sv')).toBe('Menar du fredag 15 januari 2027?');
    expect(dateQuestion(r, 'nb')).toBe('Mener du fredag 15. januar 2027?');
    expect(dateQuestion(r, 'en')).toBe('Do you mean Friday 15 January 2027?');
    expect(dateQuestion(p('12/1 kl 13')!, 'sv')).toBe('Menar du tisdag 12 januari 2027 kl. 13:00?');
    expect(dateQuestion(p('1/12')!, 'sv')).toBe('Det datumet har redan varit: menar du tisdag 1 december 2026?');
    expect(dateQuestion(p('1/12')!, 'nb')).toBe('Den datoen har allerede vært: mener du tirsdag 1. desember 2026?');
    expect(fmtTypedWhen({ date: '2027-01-12', time: '13:00' }, 'en')).toBe('Tuesday 12 January 2027 at 13:00');
  });
});

describe('properties', () => {
  const nowArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
  const zoneArb = fc.constantFrom(...ORG_ZONES);
  const SV_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
  const NB_MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

  it('a date typed with its year reads back exactly, without a question', () => {
    fc.assert(
      fc.property(nowArb, zoneArb, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 4 }), (now, zone, offset, style) => {
        const d = DateTime.fromJSDate(now, { zone }).startOf('day').plus({ days: offset });
        const typed = [d.toISODate()!, `${d.day}.${d.month}.${d.year}`, `${d.day}/${d.month}/${d.year}`, `${d.day}. ${NB_MONTHS[d.month - 1]} ${d.year}`, `${d.day} ${SV_MONTHS[d.month - 1]} ${d.year}`][style]!;
        const r = parseTypedDate(typed, { zone, now });
        expect(r).toMatchObject({ date: d.toISODate(), needsConfirmation: false });
      }),
      { numRuns: 300 },
    );
  });

  it('a day without a year is this year or asks: never silently in the past, never silently moved', () => {
    fc.assert(
      fc.property(nowArb, zoneArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('/', '.'), (now, zone, month, day, sep) => {
        const r = parseTypedDate(`${day}${sep}${month}`, { zone, now });
        const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
        const thisYear = DateTime.utc(Number(today.slice(0, 4)), month, day);
        if (!r) {
          // Only a day that does not exist (31/4, and 29/2 in no year within reach) is refused.
          expect(thisYear.isValid && thisYear.day === day).toBe(false);
          expect(month === 2 && day === 29).toBe(false);
          return;
        }
        expect(Number(r.date.slice(5, 7))).toBe(month);
        expect(Number(r.date.slice(8, 10))).toBe(day);
        if (!r.needsConfirmation) {
          expect(r.date >= today).toBe(true);
          expect(r.date.slice(0, 4)).toBe(today.slice(0, 4));
        } else {
          expect(['past', 'nextYear']).toContain(r.reason);
          if (r.reason === 'past') expect(r.date < today).toBe(true);
          if (r.reason === 'nextYear') expect(r.date > today).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a weekday lands on that weekday within the coming week, and asks when it is today', () => {
    const names = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    fc.assert(
      fc.property(nowArb, zoneArb, fc.integer({ min: 0, max: names.length - 1 }), fc.integer({ min: 0, max: 23 }), (now, zone, i, hour) => {
        const wd = (i % 7) + 1;
        const r = parseTypedDate(`${names[i]} kl ${hour}`, { zone, now })!;
        const today = DateTime.fromJSDate(now, { zone }).startOf('day');
        const day = DateTime.fromISO(r.date, { zone });
        expect(day.weekday).toBe(wd);
        const ahead = Math.round(day.diff(today, 'days').days);
        expect(ahead).toBeGreaterThanOrEqual(1);
        expect(ahead).toBeLessThanOrEqual(7);
        expect(r.needsConfirmation).toBe(ahead === 7);
        // The instant made in the zone shows the typed wall-clock time there (no DST shift).
        const at = DateTime.fromJSDate(whenToInstant(r, zone), { zone });
        if (!(hour === 2 && at.isInDST !== DateTime.fromJSDate(now, { zone }).isInDST)) {
          expect(at.toISODate()).toBe(r.date);
          expect(at.hour).toBe(hour);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a reading written back as a field value reads back the same, without a question', () => {
    fc.assert(
      fc.property(nowArb, zoneArb, fc.constantFrom('15/1', '1/12', 'nästa tisdag', 'onsdag kl 9', 'i morgon 13.30', '29/2', 'torsdag 15 januari'), (now, zone, typed) => {
        const r = parseTypedDate(typed, { zone, now });
        if (!r) return;
        const back = parseTypedDate(whenToFieldValue(r), { zone, now })!;
        expect(back.date).toBe(r.date);
        expect(back.time).toBe(r.time);
        expect(back.needsConfirmation).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), nowArb, (text, now) => {
        parseTypedDate(text, { zone: 'Europe/Oslo', now });
        const f = findTypedDate(text, { zone: 'Europe/Oslo', now });
        if (f) expect(f.end).toBeGreaterThan(f.start);
      }),
      { numRuns: 500 },
    );
  });
});
