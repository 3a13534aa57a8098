import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { evaluateStudent, evaluateThreshold, occasions, termKey, unauthorisedPercent, windowFor, type StudentRecord } from '../../src/absence/thresholds.ts';
import type { CalendarConfig } from '../../src/shared/calendar.ts';

const cal: CalendarConfig = { region: 'SE', timeZone: 'Europe/Stockholm' };
const occ5 = { key: 'occasions-5', kind: 'occasions' as const, value: 5, window: 'P5W' };
const pct20 = { key: 'percent-20', kind: 'percent' as const, value: 20, window: 'P5W' };

/** Four 60-minute lessons a day on every weekday from `from` to `to`, with the given absences. */
function schedule(from: string, to: string, absent: Record<string, number[] | 'day'> = {}, kind: 'UNAUTHORISED' | 'VALID' = 'UNAUTHORISED', className = '7A'): StudentRecord[] {
  const out: StudentRecord[] = [];
  for (let d = DateTime.fromISO(from); d <= DateTime.fromISO(to); d = d.plus({ days: 1 })) {
    if (d.weekday > 5) continue;
    const date = d.toISODate()!;
    const a = absent[date];
    for (let l = 1; l <= 4; l++) {
      const isAbsent = a === 'day' || (Array.isArray(a) && a.includes(l));
      out.push({ date, lessonKey: String(l), scheduledMin: 60, absentMin: isAbsent ? 60 : 0, kind: isAbsent ? kind : 'PRESENT', className });
    }
  }
  return out;
}

describe('windowFor', () => {
  it('should hold 25 school days for five ordinary weeks', () => {
    const w = windowFor('P5W', '2026-11-20', cal);
    expect(w.schoolDays).toHaveLength(25);
    expect(w.from).toBe('2026-10-19');
  });

  it('should stretch back over public holidays and closed days', () => {
    // Week 44 (26–30 Oct 2026) is the autumn break; 1 Jan and 6 Jan are public holidays.
    const closed: CalendarConfig = { ...cal, extraClosedDays: [{ from: '2026-10-26', to: '2026-10-30' }] };
    const w = windowFor('P5W', '2026-11-20', closed);
    expect(w.schoolDays).toHaveLength(25);
    expect(w.schoolDays).not.toContain('2026-10-27');
    expect(w.from).toBe('2026-10-12');
    const jan = windowFor('P1W', '2027-01-08', cal);
    expect(jan.schoolDays).toEqual(['2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08', '2026-12-30'].sort());
  });

  it('should start a term window at the start of the term', () => {
    const w = windowFor('term', '2026-09-04', cal);
    expect(w.from).toBe('2026-08-01');
    expect(w.schoolDays[0]).toBe('2026-08-03');
    expect(termKey('2026-09-04')).toBe('2026-HT');
    expect(termKey('2027-03-01')).toBe('2027-VT');
  });
});

describe('occasions', () => {
  it('should count one occasion per unbroken run of unauthorised lessons', () => {
    const recs = schedule('2026-11-16', '2026-11-20', { '2026-11-16': 'day', '2026-11-17': [1, 4], '2026-11-18': [2, 3] });
    const w = windowFor('P5W', '2026-11-20', cal);
    expect(occasions(recs, w)).toEqual(['2026-11-16', '2026-11-17', '2026-11-17', '2026-11-18']);
  });

  it('should ignore valid absence, zero-minute rows and days that are not school days', () => {
    const recs: StudentRecord[] = [
      ...schedule('2026-11-16', '2026-11-16', { '2026-11-16': [1] }, 'VALID'),
      { date: '2026-11-17', lessonKey: '1', scheduledMin: 60, absentMin: 0, kind: 'UNAUTHORISED' },
      { date: '2026-11-21', lessonKey: '1', scheduledMin: 60, absentMin: 60, kind: 'UNAUTHORISED' }, // Saturday
      { date: '2026-12-25', lessonKey: '1', scheduledMin: 60, absentMin: 60, kind: 'UNAUTHORISED' }, // juldagen
    ];
    expect(occasions(recs, windowFor('P5W', '2026-12-28', cal))).toEqual([]);
  });

  it('should hit at the fifth occasion and say when it was reached', () => {
    const recs = schedule('2026-10-19', '2026-11-20', { '2026-10-20': [1], '2026-10-28': [2], '2026-11-04': 'day', '2026-11-10': [4], '2026-11-12': [1], '2026-11-19': [2] });
    const r = evaluateThreshold(recs, occ5, cal, '2026-11-20');
    expect(r).toMatchObject({ hit: true, measured: 6, reachedOn: '2026-11-12', periodKey: '2026-HT' });
    // As the window rolls on, the October occasions leave it.
    expect(evaluateThreshold(recs, occ5, cal, '2026-11-27')).toMatchObject({ measured: 5, hit: true });
    expect(evaluateThreshold(recs, occ5, cal, '2026-12-04')).toMatchObject({ measured: 4, hit: false });
  });

  it('should keep counting when a student changes class', () => {
    const before = schedule('2026-11-02', '2026-11-10', { '2026-11-03': [1], '2026-11-05': [2], '2026-11-09': [3] }, 'UNAUTHORISED', '7A');
    const after = schedule('2026-11-11', '2026-11-20', { '2026-11-12': [1], '2026-11-18': [2] }, 'UNAUTHORISED', '7B');
    const { results, currentClass } = evaluateStudent([...after, ...before], [occ5], cal, '2026-11-20');
    expect(results[0]).toMatchObject({ hit: true, measured: 5 });
    expect(currentClass).toBe('7B');
  });
});

describe('unauthorised percentage', () => {
  it('should reach 20 % at exactly one day in five', () => {
    const recs = schedule('2026-10-19', '2026-11-20', { '2026-10-19': 'day', '2026-10-26': 'day', '2026-11-02': 'day', '2026-11-09': 'day', '2026-11-16': 'day' });
    const r = evaluateThreshold(recs, pct20, cal, '2026-11-20');
    expect(r).toMatchObject({ measured: 20, hit: true, judged: true });
    const p = unauthorisedPercent(recs, r.window);
    expect(p).toMatchObject({ basis: 'minutes', scheduled: 25 * 240, unauthorised: 5 * 240, daysWithData: 25 });
  });

  it('should use only the days with data in a partial first week, but not judge fewer than five days', () => {
    const three = schedule('2026-11-18', '2026-11-20', { '2026-11-19': 'day' });
    expect(evaluateThreshold(three, pct20, cal, '2026-11-20')).toMatchObject({ measured: 33.3, judged: false, hit: false });
    const five = schedule('2026-11-16', '2026-11-20', { '2026-11-19': 'day' });
    expect(evaluateThreshold(five, pct20, cal, '2026-11-20')).toMatchObject({ measured: 20, judged: true, hit: true });
  });

  it('should not let a holiday week dilute the percentage', () => {
    // Absent one day a week for four weeks; week 44 is a closed week with no lessons.
    const closed: CalendarConfig = { ...cal, extraClosedDays: [{ from: '2026-10-26', to: '2026-10-30' }] };
    const recs = schedule('2026-10-12', '2026-11-20', { '2026-10-12': 'day', '2026-11-02': 'day', '2026-11-09': 'day', '2026-11-16': 'day', '2026-10-19': 'day' })
      .filter((r) => r.date < '2026-10-26' || r.date > '2026-10-30');
    const r = evaluateThreshold(recs, pct20, closed, '2026-11-20');
    expect(r.window.schoolDays).toHaveLength(25);
    expect(r).toMatchObject({ measured: 20, hit: true });
  });

  it('should count lessons when the export has no minutes', () => {
    const recs: StudentRecord[] = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].flatMap((date, i) => [
      { date, lessonKey: '1', scheduledMin: null, absentMin: null, kind: i < 2 ? 'UNAUTHORISED' : 'PRESENT' },
      { date, lessonKey: '2', scheduledMin: null, absentMin: null, kind: 'PRESENT' },
    ]);
    expect(evaluateThreshold(recs, pct20, cal, '2026-11-20')).toMatchObject({ measured: 20, hit: true });
  });

  it('should count partial lateness by minutes', () => {
    const recs = schedule('2026-11-16', '2026-11-20');
    recs[0] = { ...recs[0]!, kind: 'UNAUTHORISED', absentMin: 30 };
    expect(evaluateThreshold(recs, pct20, cal, '2026-11-20').measured).toBe(Math.round((30 / (20 * 60)) * 1000) / 10);
  });
});
