/**
 * ICS invites, built with the `ics` library. Times are written as UTC instants of the Montreal wall-clock times.
 * The library (and the schema library it validates with) is loaded on the first invite, not at cold start: most
 * messages carry no invite, and its module setup is a tenth of the delivery functions' start-up.
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
  method: 'REQUEST' | 'CANCEL';
};

const parts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

export async function calendarInvite(x: InviteInput): Promise<string> {
  const { createEvent } = await import('ics');
  const { start, end } = sessionSpan(x.date, x.startTime, x.duration);
  const { error, value } = createEvent({
    uid: x.uid,
    sequence: x.sequence,
    method: x.method,
    status: x.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    title: x.title,
    description: x.description,
    location: x.location,
    url: x.url,
    start: parts(start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: parts(end),
    endInputType: 'utc',
    endOutputType: 'utc',
    organizer: { name: 'Équipe PIC', email: x.organizerEmail },
    productId: 'pic-centraide/activities',
    alarms:
      x.method === 'CANCEL'
        ? []
        : [{ action: 'display', description: x.title, trigger: { hours: 24, minutes: 0, before: true } }],
  });
  if (error || !value) throw new Error(`calendar invite: ${error?.message ?? 'empty'}`);
  return value;
}
