/** The working-day calendar and working hours of an organisation. */
import type { WorkingHoursConfig } from '../shared/calendar.ts';
import { orgSettings } from './org-settings.ts';

export interface OrgCalendarSource {
  timeZone: string;
  holidayRegion: string;
  settings: unknown;
}

/** Builds the calendar from an organisation row (settings read by orgSettings). */
export function orgCalendar(org: OrgCalendarSource): WorkingHoursConfig {
  const s = orgSettings(org.settings);
  return {
    region: org.holidayRegion === 'NO' ? 'NO' : 'SE',
    timeZone: org.timeZone,
    extraClosedDays: s.closedDays ?? [],
    workStart: s.workingHours?.start ?? '07:30',
    workEnd: s.workingHours?.end ?? '17:00',
  };
}
