/**
 * Threshold arithmetic over one student's attendance records. Pure: no database, no clock.
 *
 * - A window ("P5W", "P1M", "term") ends on the evaluation date and holds as many school days as
 *   a normal period of that length (weekdays). Public holidays and the organisation's closed days
 *   are not school days, so a holiday week stretches the window back rather than diluting it.
 *   Records on days that are not school days are ignored.
 * - An unauthorised *occasion* is one unbroken run of unauthorised lessons on one day: skipping the
 *   whole day is one occasion, skipping the first and the last lesson is two.
 * - The unauthorised *percentage* is unauthorised minutes over scheduled minutes in the window (or
 *   lessons over lessons when an export has no minutes). It is only judged with data for at least
 *   `minDays` school days, so a first partial week cannot raise a false alarm.
 * - Records are per student, whatever the class: a student who changes class keeps their history.
 */
import { DateTime, Duration } from 'luxon';
import type { AbsenceThreshold } from '../playbooks/index.ts';
import { isWorkingDay, type CalendarConfig } from '../shared/calendar.ts';
import type { AttendanceKind } from './csv.ts';

export interface StudentRecord {
  /** YYYY-MM-DD. */
  date: string;
  lessonKey: string;
  scheduledMin: number | null;
  absentMin: number | null;
  kind: AttendanceKind | string;
  className?: string | null;
}

export interface Window {
  /** First and last date of the window (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  /** The school days in the window, ascending. */
  schoolDays: string[];
}

export interface ThresholdResult {
  key: string;
  kind: 'occasions' | 'percent';
  /** The threshold's value (occasions, or percent). */
  threshold: number;
  /** What was measured: occasions, or percent with one decimal. */
  measured: number;
  hit: boolean;
  /** False when there was too little data to judge (percent rules). */
  judged: boolean;
  window: Window;
  /** The date the threshold was reached (the n-th occasion, or the window end for percent). */
  reachedOn: string | null;
  /** Dedupe key: one signal per rule per student per term. */
  periodKey: string;
}

export interface EvaluateOptions {
  /** Minimum school days with data before a percentage is judged; default 5. */
  minDays?: number;
}

const iso = (d: DateTime) => d.toISODate()!;
const day = (s: string, cal: CalendarConfig) => DateTime.fromISO(s, { zone: cal.timeZone });

/** True when the ISO date is a school day in the calendar. */
export function isSchoolDay(date: string, cal: CalendarConfig): boolean {
  return isWorkingDay(day(date, cal), cal);
}

/** "2026-HT" (autumn term, from 1 August) or "2027-VT" (spring term). */
export function termKey(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 8 ? `${y}-HT` : `${y}-VT`;
}

/** First date of the term containing `date`. */
export function termStart(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 8 ? `${y}-08-01` : `${y}-01-01`;
}

/** The window of `spec` ending on `asOf` (inclusive). */
export function windowFor(spec: string, asOf: string, cal: CalendarConfig): Window {
  const end = day(asOf, cal);
  if (spec === 'term') {
    const days: string[] = [];
    for (let d = day(termStart(asOf), cal); d <= end; d = d.plus({ days: 1 })) if (isWorkingDay(d, cal)) days.push(iso(d));
    return { from: termStart(asOf), to: asOf, schoolDays: days };
  }
  const duration = Duration.fromISO(spec);
  if (!duration.isValid) throw new RangeError(`windowFor: invalid duration "${spec}"`);
  const nominalStart = end.minus(duration).plus({ days: 1 });
  const weekdays = cal.workingWeekdays ?? [1, 2, 3, 4, 5];
  let target = 0;
  for (let d = nominalStart; d <= end; d = d.plus({ days: 1 })) if (weekdays.includes(d.weekday)) target++;
  // Walk back over school days only; never further than twice the nominal length.
  const limit = end.minus(duration).minus(duration);
  const days: string[] = [];
  let d = end;
  for (; d > limit && days.length < target; d = d.minus({ days: 1 })) if (isWorkingDay(d, cal)) days.push(iso(d));
  days.reverse();
  return { from: days[0] ?? asOf, to: asOf, schoolDays: days };
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'sv', { numeric: true });
}

const isUnauthorised = (r: StudentRecord) => r.kind === 'UNAUTHORISED' && (r.absentMin === null || r.absentMin > 0);

/** The unauthorised occasions in the window: one date per occasion, ascending. */
export function occasions(records: readonly StudentRecord[], w: Window): string[] {
  const days = new Set(w.schoolDays);
  const byDate = new Map<string, StudentRecord[]>();
  for (const r of records) {
    if (!days.has(r.date)) continue;
    let list = byDate.get(r.date);
    if (!list) byDate.set(r.date, (list = []));
    list.push(r);
  }
  const out: string[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const list = byDate.get(date)!.sort((a, b) => naturalCompare(a.lessonKey, b.lessonKey));
    let inRun = false;
    for (const r of list) {
      const u = isUnauthorised(r);
      if (u && !inRun) out.push(date);
      inRun = u;
    }
  }
  return out;
}

export interface PercentResult {
  percent: number;
  basis: 'minutes' | 'lessons';
  scheduled: number;
  unauthorised: number;
  daysWithData: number;
}

/** Unauthorised share of scheduled time in the window (school days only). */
export function unauthorisedPercent(records: readonly StudentRecord[], w: Window): PercentResult {
  const days = new Set(w.schoolDays);
  const inWindow = records.filter((r) => days.has(r.date));
  const byMinutes = inWindow.length > 0 && inWindow.every((r) => r.scheduledMin !== null);
  let scheduled = 0;
  let unauthorised = 0;
  for (const r of inWindow) {
    if (byMinutes) {
      scheduled += r.scheduledMin!;
      if (r.kind === 'UNAUTHORISED') unauthorised += Math.min(r.absentMin ?? r.scheduledMin!, r.scheduledMin!);
    } else {
      scheduled += 1;
      if (r.kind === 'UNAUTHORISED') unauthorised += r.absentMin !== null && r.scheduledMin ? Math.min(1, r.absentMin / r.scheduledMin) : 1;
    }
  }
  const percent = scheduled > 0 ? Math.round((unauthorised / scheduled) * 1000) / 10 : 0;
  return { percent, basis: byMinutes ? 'minutes' : 'lessons', scheduled, unauthorised, daysWithData: new Set(inWindow.map((r) => r.date)).size };
}

/** Evaluates one threshold for one student as of a date. */
export function evaluateThreshold(records: readonly StudentRecord[], t: Pick<AbsenceThreshold, 'key' | 'kind' | 'value' | 'window'>, cal: CalendarConfig, asOf: string, opts: EvaluateOptions = {}): ThresholdResult {
  const w = windowFor(t.window, asOf, cal);
  if (t.kind === 'occasions') {
    const occ = occasions(records, w);
    const n = Math.ceil(t.value);
    const reachedOn = occ.length >= n ? occ[n - 1]! : null;
    return { key: t.key, kind: t.kind, threshold: t.value, measured: occ.length, hit: reachedOn !== null, judged: true, window: w, reachedOn, periodKey: termKey(reachedOn ?? asOf) };
  }
  const p = unauthorisedPercent(records, w);
  const judged = p.daysWithData >= (opts.minDays ?? 5);
  const hit = judged && p.percent >= t.value;
  return { key: t.key, kind: t.kind, threshold: t.value, measured: p.percent, hit, judged, window: w, reachedOn: hit ? asOf : null, periodKey: termKey(asOf) };
}

/** Evaluates every threshold; the class reported is the one of the latest record. */
export function evaluateStudent(records: readonly StudentRecord[], thresholds: readonly Pick<AbsenceThreshold, 'key' | 'kind' | 'value' | 'window'>[], cal: CalendarConfig, asOf: string, opts: EvaluateOptions = {}): { results: ThresholdResult[]; currentClass: string | null } {
  let latest: StudentRecord | undefined;
  for (const r of records) if (r.date <= asOf && (!latest || r.date >= latest.date)) latest = r;
  return { results: thresholds.map((t) => evaluateThreshold(records, t, cal, asOf, opts)), currentClass: latest?.className ?? null };
}
