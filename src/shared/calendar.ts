import { DateTime, Duration } from 'luxon';

/**
 * Working days and public holidays for Sweden and Norway. Pure functions; every DateTime is
 * interpreted in the organisation's IANA time zone (`CalendarConfig.timeZone`).
 */

export type HolidayRegion = 'SE' | 'NO';

/** An inclusive range of closed dates, e.g. a school holiday week. ISO dates (YYYY-MM-DD). */
export interface ClosedRange {
  from: string;
  to: string;
}

export interface CalendarConfig {
  region: HolidayRegion;
  /** IANA zone, e.g. "Europe/Stockholm", "Europe/Oslo". */
  timeZone: string;
  /** Extra non-working days (ISO dates or inclusive ranges), e.g. school holidays. */
  extraClosedDays?: readonly (string | ClosedRange)[];
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday); default Monday–Friday. */
  workingWeekdays?: readonly number[];
}

export interface WorkingHoursConfig extends CalendarConfig {
  /** Local start of the working window, "HH:mm" (e.g. "07:30"). */
  workStart: string;
  /** Local end of the working window, "HH:mm", exclusive (e.g. "17:00"). */
  workEnd: string;
}

export interface Holiday {
  /** Stable id, e.g. "midsommarafton", "grunnlovsdag". */
  key: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Name in the region's language. */
  name: string;
  /** English name. */
  nameEn: string;
}

/** A deadline offset: ISO-8601 duration ("P3W") or a count of working days. */
export type DurationSpec = string | { workingDays: number };

const DEFAULT_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher) as month and day. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/** The Saturday within [first, first + 6] of the given month (midsommardagen, alla helgons dag). */
function saturdayFrom(year: number, month: number, firstDay: number): DateTime {
  const start = DateTime.utc(year, month, firstDay);
  return start.plus({ days: (6 - start.weekday + 7) % 7 });
}

const holidayCache = new Map<string, Holiday[]>();

/** Public holidays (and non-working eves) for a year and region, sorted by date. */
export function holidaysFor(year: number, region: HolidayRegion): Holiday[] {
  const cacheKey = `${region}:${year}`;
  const cached = holidayCache.get(cacheKey);
  if (cached) return cached.map((h) => ({ ...h }));

  const e = easterSunday(year);
  const easter = DateTime.utc(year, e.month, e.day);
  const fixed = (month: number, day: number): DateTime => DateTime.utc(year, month, day);
  const list: [string, DateTime, string, string][] = [];

  if (region === 'SE') {
    const midsommardagen = saturdayFrom(year, 6, 20);
    list.push(
      ['nyarsdagen', fixed(1, 1), 'Nyårsdagen', "New Year's Day"],
      ['trettondedag-jul', fixed(1, 6), 'Trettondedag jul', 'Epiphany'],
      ['langfredagen', easter.minus({ days: 2 }), 'Långfredagen', 'Good Friday'],
      ['paskdagen', easter, 'Påskdagen', 'Easter Sunday'],
      ['annandag-pask', easter.plus({ days: 1 }), 'Annandag påsk', 'Easter Monday'],
      ['forsta-maj', fixed(5, 1), 'Första maj', 'May Day'],
      ['kristi-himmelsfard', easter.plus({ days: 39 }), 'Kristi himmelsfärdsdag', 'Ascension Day'],
      ['pingstdagen', easter.plus({ days: 49 }), 'Pingstdagen', 'Whit Sunday'],
      ['nationaldagen', fixed(6, 6), 'Sveriges nationaldag', 'National Day of Sweden'],
      ['midsommarafton', midsommardagen.minus({ days: 1 }), 'Midsommarafton', 'Midsummer Eve'],
      ['midsommardagen', midsommardagen, 'Midsommardagen', 'Midsummer Day'],
      ['alla-helgons-dag', saturdayFrom(year, 10, 31), 'Alla helgons dag', "All Saints' Day"],
      ['julafton', fixed(12, 24), 'Julafton', 'Christmas Eve'],
      ['juldagen', fixed(12, 25), 'Juldagen', 'Christmas Day'],
      ['annandag-jul', fixed(12, 26), 'Annandag jul', 'Boxing Day'],
      ['nyarsafton', fixed(12, 31), 'Nyårsafton', "New Year's Eve"],
    );
  } else {
    list.push(
      ['nyttarsdag', fixed(1, 1), 'Første nyttårsdag', "New Year's Day"],
      ['skjaertorsdag', easter.minus({ days: 3 }), 'Skjærtorsdag', 'Maundy Thursday'],
      ['langfredag', easter.minus({ days: 2 }), 'Langfredag', 'Good Friday'],
      ['forste-paskedag', easter, 'Første påskedag', 'Easter Sunday'],
      ['andre-paskedag', easter.plus({ days: 1 }), 'Andre påskedag', 'Easter Monday'],
      ['arbeidernes-dag', fixed(5, 1), 'Arbeidernes dag', 'Labour Day'],
      ['grunnlovsdag', fixed(5, 17), 'Grunnlovsdag', 'Constitution Day'],
      ['kristi-himmelfart', easter.plus({ days: 39 }), 'Kristi himmelfartsdag', 'Ascension Day'],
      ['forste-pinsedag', easter.plus({ days: 49 }), 'Første pinsedag', 'Whit Sunday'],
      ['andre-pinsedag', easter.plus({ days: 50 }), 'Andre pinsedag', 'Whit Monday'],
      ['forste-juledag', fixed(12, 25), 'Første juledag', 'Christmas Day'],
      ['andre-juledag', fixed(12, 26), 'Andre juledag', 'Boxing Day'],
    );
  }

  const holidays = list
    .map(([key, date, name, nameEn]) => ({ key, date: date.toISODate() ?? '', name, nameEn }))
    .sort((a, b) => a.date.localeCompare(b.date));
  holidayCache.set(cacheKey, holidays);
  return holidays.map((h) => ({ ...h }));
}

function assertValid(date: DateTime, what: string): void {
  if (!date.isValid) throw new RangeError(`${what}: invalid DateTime (${date.invalidReason ?? 'unknown'})`);
}

function localDate(date: DateTime, cal: CalendarConfig): DateTime {
  assertValid(date, 'calendar');
  const local = date.setZone(cal.timeZone);
  if (!local.isValid) throw new RangeError(`calendar: unknown time zone "${cal.timeZone}"`);
  return local;
}

/** The public holiday on this local date, if any. */
export function holidayOn(date: DateTime, cal: CalendarConfig): Holiday | undefined {
  const local = localDate(date, cal);
  const iso = local.toISODate();
  return holidaysFor(local.year, cal.region).find((h) => h.date === iso);
}

function isExtraClosed(iso: string, cal: CalendarConfig): boolean {
  for (const c of cal.extraClosedDays ?? []) {
    if (typeof c === 'string' ? c === iso : c.from <= iso && iso <= c.to) return true;
  }
  return false;
}

/** True if the local date (in `cal.timeZone`) is a weekday, not a public holiday and not an extra closed day. */
export function isWorkingDay(date: DateTime, cal: CalendarConfig): boolean {
  const local = localDate(date, cal);
  if (!(cal.workingWeekdays ?? DEFAULT_WEEKDAYS).includes(local.weekday)) return false;
  const iso = local.toISODate() ?? '';
  if (holidaysFor(local.year, cal.region).some((h) => h.date === iso)) return false;
  return !isExtraClosed(iso, cal);
}

// A year without a working day means the calendar is misconfigured; stop instead of looping forever.
const MAX_SCAN_DAYS = 366 * 2;

function step(date: DateTime, dir: 1 | -1, cal: CalendarConfig): DateTime {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    // plus({days}) keeps the local wall-clock time across DST changes.
    d = d.plus({ days: dir });
    if (isWorkingDay(d, cal)) return d;
  }
  throw new RangeError('calendar: no working day found within two years; check the configuration');
}

/**
 * Moves `n` working days from `start`, keeping the local time of day. n = 0 returns `start`
 * (in the calendar zone); negative n goes backwards. The result is always a working day when n ≠ 0.
 */
export function addWorkingDays(start: DateTime, n: number, cal: CalendarConfig): DateTime {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
  let d = localDate(start, cal);
  const dir = n < 0 ? -1 : 1;
  for (let i = 0; i < Math.abs(n); i++) d = step(d, dir, cal);
  return d;
}

/** `date` if it is a working day, otherwise the next working day at the same local time. */
export function rollForwardToWorkingDay(date: DateTime, cal: CalendarConfig): DateTime {
  const local = localDate(date, cal);
  return isWorkingDay(local, cal) ? local : step(local, 1, cal);
}

function parseTimeOfDay(s: string, what: string): { hour: number; minute: number } {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new RangeError(`${what}: expected "HH:mm", got "${s}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function atTime(day: DateTime, t: { hour: number; minute: number }): DateTime {
  return day.set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });
}

/**
 * `instant` itself if it lies inside working hours on a working day; otherwise the start of the
 * next working window, in `cal.timeZone` (wall-clock times, so correct across DST changes).
 */
export function nextWorkingWindowStart(instant: DateTime, cal: WorkingHoursConfig): DateTime {
  const start = parseTimeOfDay(cal.workStart, 'workStart');
  const end = parseTimeOfDay(cal.workEnd, 'workEnd');
  const local = localDate(instant, cal);
  if (isWorkingDay(local, cal)) {
    const windowStart = atTime(local, start);
    const windowEnd = atTime(local, end);
    if (local < windowStart) return windowStart;
    if (local < windowEnd) return local;
  }
  const next = step(local.startOf('day'), 1, cal);
  return atTime(next, start);
}

/**
 * Applies a deadline offset. Working days use `addWorkingDays`; a calendar duration that lands
 * on a non-working day moves forward to the next working day (same local time).
 */
export function addDuration(start: DateTime, spec: DurationSpec, cal: CalendarConfig): DateTime {
  if (typeof spec !== 'string') return addWorkingDays(start, spec.workingDays, cal);
  const duration = Duration.fromISO(spec);
  if (!duration.isValid) throw new RangeError(`addDuration: invalid ISO-8601 duration "${spec}"`);
  return rollForwardToWorkingDay(localDate(start, cal).plus(duration), cal);
}
