/** Invitations name the registrant as ATTENDEE (RFC 5546 requires one on METHOD:REQUEST; a whole-event CANCEL too). */
import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { testDeps, ManualClock, sesMessages, to, uniq, type SesMessage } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { createSession } from '#usecases/create-session';
import { sweepOutbox } from '#usecases/deliver-notification';
import { calendarInvite } from '#email/calendar-invite';
import type { Deps } from '#shared/ports';

let deps: Deps;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
  api = apiClient(deps);
});

function vevent(mail: SesMessage) {
  const part = mail.attachments.find((x) => /calendar/.test(x.contentType))!;
  const comp = new ICAL.Component(ICAL.parse(Buffer.from(part.content, 'base64').toString('utf8')));
  return { method: comp.getFirstPropertyValue('method'), event: comp.getFirstSubcomponent('vevent')! };
}

/** URI schemes are case-insensitive (RFC 3986); the library writes MAILTO. */
const address = (v: unknown) => String(v).replace(/^mailto:/i, 'mailto:');

const attendees = (event: ICAL.Component) =>
  event.getAllProperties('attendee').map((p) => ({
    address: address(p.getFirstValue()),
    name: p.getParameter('cn'),
    partstat: p.getParameter('partstat'),
    rsvp: p.getParameter('rsvp'),
  }));

describe('the registrant is the invitation’s attendee', () => {
  it('on the REQUEST sent at registration and on the CANCEL when the session is cancelled', async () => {
    const created = await createSession(deps, {
      activityId: 'festival-impact-collectif',
      date: '2027-03-15',
      startTime: '09:00',
      duration: 'full-day',
      place: 'Centraide, Montréal',
    });
    if (created.kind !== 'created') throw new Error(created.kind);
    const email = `att-${uniq()}@example.org`;
    const registered = await api({
      path: `/api/sessions/${created.session.id}/registrations`,
      body: { name: 'Marie-Ève Tremblay', email, quartierId: 'verdun', locale: 'fr' },
    });
    expect(registered.status).toBe(201);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const request = vevent((await sesMessages(to(email)))[0]);
    expect(request.method).toBe('REQUEST');
    expect(attendees(request.event)).toEqual([
      { address: `mailto:${email}`, name: 'Marie-Ève Tremblay', partstat: 'ACCEPTED', rsvp: 'FALSE' },
    ]);
    expect(address(request.event.getFirstPropertyValue('organizer'))).toBe(`mailto:${deps.config.mail.team}`);

    await api({
      method: 'PATCH',
      path: `/api/sessions/${created.session.id}`,
      token: 'test-coordination-token',
      body: { status: 'cancelled' },
    });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const cancel = (await sesMessages(to(email))).map(vevent).find((v) => v.method === 'CANCEL')!;
    expect(attendees(cancel.event).map((a) => a.address)).toEqual([`mailto:${email}`]);
  });

  it('an invite stored before attendees were named still renders, without one', async () => {
    const ics = await calendarInvite(
      {
        uid: 'r1@pic.centraide-mtl.org',
        sequence: 0,
        title: 'Formation',
        description: 'Résumé',
        date: '2027-03-15',
        startTime: '09:00',
        duration: 'full-day',
        organizerEmail: 'pic@centraide-mtl.org',
        method: 'REQUEST',
      },
      new Date('2026-11-27T15:00:00Z'),
    );
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getAllProperties('attendee')).toHaveLength(0);
    expect(event.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-27T15:00:00Z');
  });
});
