/**
 * ICS invites, built with `ical-generator`: a third of the bundle of `ics` with the schema library it validates with
 * (scripts/measure-invite-libs.ts), one package instead of four, and no slower to load. Times are written as UTC
 * instants of the Montreal wall-clock times. Loaded on the first invite, not at cold start: most messages carry none.
 *
 * Each invite is one registration's (its UID is the registration's), so the registrant is its one ATTENDEE, which
 * RFC 5546 requires on METHOD:REQUEST and, for a whole event, on METHOD:CANCEL. PARTSTAT=ACCEPTED because
 * registering is the acceptance; RSVP=FALSE because nothing reads replies at the organizer's address.
 */
import { sessionSpan, type Duration } from '#domain/calendar';

export type InviteInput = {
  uid: string;
  sequence: number;
  title: string;
  description: string;
  date: string;
  startTime: string;
  duration: Duration;
  location?: string;
  url?: string;
  organizerEmail: string;
  /** Absent from messages stored before invites named their attendee; such an invite goes out without one. */
  attendee?: { name: string; email: string };
  method: 'REQUEST' | 'CANCEL';
};

export async function calendarInvite(x: InviteInput, now = new Date()): Promise<string> {
  const {
    default: ical,
    ICalAlarmType,
    ICalAttendeeRole,
    ICalAttendeeStatus,
    ICalCalendarMethod,
    ICalEventStatus,
  } = await import('ical-generator');
  const { start, end } = sessionSpan(x.date, x.startTime, x.duration);
  const cancel = x.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'pic-centraide', product: 'activities', language: 'FR' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: x.uid,
    sequence: x.sequence,
    stamp: now,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    summary: x.title,
    description: x.description,
    location: x.location,
    url: x.url,
    start,
    end,
    organizer: { name: 'Équipe PIC', email: x.organizerEmail },
    attendees: x.attendee
      ? [
          {
            name: x.attendee.name,
            email: x.attendee.email,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.ACCEPTED,
            rsvp: false,
          },
        ]
      : [],
    alarms: cancel ? [] : [{ type: ICalAlarmType.display, trigger: 24 * 3600, description: x.title }],
  });
  return calendar.toString();
}
