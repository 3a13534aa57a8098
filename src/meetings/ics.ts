/**
 * iCalendar invitation for a meeting (RFC 5545, iTIP RFC 5546). The UID is derived from the
 * meeting id and SEQUENCE grows with every change, so a reschedule or cancellation updates the
 * same calendar entry. The title carries only the case code and the meeting type.
 *
 * Times are written as the organisation's wall time under its TZID, with a VTIMEZONE for it,
 * whatever the server's `TZ`: ical-generator given a JS `Date` would write the *process's* wall
 * time under the TZID, so it is given a luxon DateTime in the organisation's zone instead.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { vtimezone } from './vtimezone.ts';

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsMeeting {
  id: string;
  caseCode: string;
  typeLabel: string;
  startsAt: Date;
  durationMin: number;
  location?: string | null;
  link?: string | null;
  sequence: number;
  cancelled: boolean;
  timeZone: string;
  /** RFC 5546 requires an ORGANIZER for REQUEST and CANCEL: the organisation's no-reply address. */
  organizer: IcsPerson;
  /** The invited staff (people with an e-mail address). */
  attendees: IcsPerson[];
  /** When the file is made (DTSTAMP); from the service clock so tests are repeatable. */
  stamp: Date;
}

/** Builds the .ics text for one meeting; every line, the last included, ends with CRLF. */
export function meetingIcs(m: IcsMeeting): string {
  const zone = m.timeZone;
  const start = DateTime.fromJSDate(m.startsAt, { zone });
  const end = start.plus({ minutes: m.durationMin });
  const cal = ical({
    prodId: { company: 'Stafett', product: 'stafett', language: 'SV' },
    method: m.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-level name: ical-generator would then write DTSTAMP as local time, which must be
    // UTC (RFC 5545 §3.8.7.2). The generator still defines every event's TZID.
    timezone: { name: '', generator: (tz) => (tz ? vtimezone(tz, start.year - 1, end.year + 1) : null) },
  });
  const seen = new Set<string>();
  const attendees = m.attendees.filter((a) => {
    const key = a.email.toLowerCase();
    if (seen.has(key) || key === m.organizer.email.toLowerCase()) return false;
    seen.add(key);
    return true;
  });
  cal.createEvent({
    id: `${m.id}@stafett`,
    sequence: m.sequence,
    stamp: DateTime.fromJSDate(m.stamp, { zone: 'utc' }),
    start,
    end,
    timezone: zone,
    summary: `${m.caseCode} – ${m.typeLabel}`,
    location: m.location ?? undefined,
    url: m.link ?? undefined,
    status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: m.organizer.name, email: m.organizer.email },
    attendees: attendees.map((a) => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      // Answers would go to a no-reply address: do not ask for them.
      rsvp: false,
    })),
  });
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
