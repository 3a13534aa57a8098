/**
 * When a dated obligation counts as late. A deadline is due *on a day*: it is overdue from the
 * start of the next day in the organisation's time zone, never in the afternoon of the due date.
 */
import { DateTime } from 'luxon';
import { addDuration, type CalendarConfig, type DurationSpec } from '../shared/calendar.ts';

/** The instant from which anything due before it is overdue: the start of today, local time. */
export function overdueCutoff(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').toJSDate();
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
