/**
 * iCalendar invitation for a meeting. The UID is derived from the meeting id and SEQUENCE grows
 * with every change, so a reschedule or cancellation updates the same calendar entry. The title
 * carries only the case code and the meeting type.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

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
}

/** Builds the .ics text for one meeting. */
export function meetingIcs(m: IcsMeeting): string {
  const cal = ical({ prodId: { company: 'Stafett', product: 'stafett', language: 'SV' }, method: m.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  cal.createEvent({
    id: `${m.id}@stafett`,
    sequence: m.sequence,
    start: m.startsAt,
    end: new Date(m.startsAt.getTime() + m.durationMin * 60_000),
    timezone: m.timeZone,
    summary: `${m.caseCode} – ${m.typeLabel}`,
    location: m.location ?? undefined,
    url: m.link ?? undefined,
    status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
