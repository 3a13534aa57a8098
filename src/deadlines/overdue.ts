/**
 * When a dated obligation counts as late. A deadline is due *on a day*: it is overdue from the
 * start of the next day in the organisation's time zone, never in the afternoon of the due date.
 */
import { DateTime } from 'luxon';
import { addDuration, type CalendarConfig, type DurationSpec } from '../shared/calendar.ts';

interface LocalDay {
  /** This day in the zone: [from, until) in epoch ms. */
  from: number;
  until: number;
  /** The last millisecond of its ISO week (Monday to Sunday), local time. */
  weekEnd: number;
}
const days = new Map<string, LocalDay>();

/**
 * Today's bounds in a time zone, remembered until the day ends there: luxon's zone arithmetic
 * costs about 0.1 ms a call, and every list, App Home and digest asks for today. Correct for any
 * instant (a clock set back, a day of 23 or 25 hours): the entry is used only inside its own day.
 */
function localDay(now: Date, timeZone: string): LocalDay {
  const t = now.getTime();
  const hit = days.get(timeZone);
  if (hit && t >= hit.from && t < hit.until) return hit;
  const d = DateTime.fromJSDate(now, { zone: timeZone });
  const start = d.startOf('day');
  const day = { from: start.toMillis(), until: start.plus({ days: 1 }).toMillis(), weekEnd: d.endOf('week').toMillis() };
  if (days.size >= 64) days.clear();
  days.set(timeZone, day);
  return day;
}

/** The instant from which anything due before it is overdue: the start of today, local time. */
export function overdueCutoff(now: Date, timeZone: string): Date {
  return new Date(localDay(now, timeZone).from);
}

/** The end of this week (Sunday 23:59:59.999), local time: App Home's "this week". */
export function weekEndOf(now: Date, timeZone: string): Date {
  return new Date(localDay(now, timeZone).weekEnd);
}

/** Whether something due at `dueAt` is overdue at `now` (the day after its due date, locally). */
export function isOverdue(dueAt: Date, now: Date, timeZone: string): boolean {
  return dueAt.getTime() < overdueCutoff(now, timeZone).getTime();
}

/** The start of the day after the due date: when an overdue notice may go out. */
export function overdueFrom(dueAt: Date, timeZone: string): Date {
  return DateTime.fromJSDate(dueAt, { zone: timeZone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/** Whether `at` falls on a later local day than `dueAt` (late, as opposed to on the due date). */
export function isLate(at: Date, dueAt: Date, timeZone: string): boolean {
  return at.getTime() >= overdueFrom(dueAt, timeZone).getTime();
}

/** Start of the earliest sensible day of a window rule (e.g. 2 weeks after the goal meeting). */
export function earliestFor(triggeredAt: Date, earliest: DurationSpec, cal: CalendarConfig): Date {
  return addDuration(DateTime.fromJSDate(triggeredAt, { zone: cal.timeZone }), earliest, cal).startOf('day').toJSDate();
}
