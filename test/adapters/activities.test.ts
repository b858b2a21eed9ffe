import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { testDeps, ManualClock, sesMessages, to, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { createSession } from '#usecases/create-session';
import { listRegistrations } from '#usecases/list-registrations';
import { sendActivityReminders } from '#usecases/send-activity-reminders';
import { registrationsCsv } from '#usecases/export-registrations';
import { sweepOutbox } from '#usecases/deliver-notification';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
let deps: Deps;
let clock: ManualClock;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
  deps = await testDeps({ clock });
  api = apiClient(deps);
});

async function newSession(capacity?: number, date = '2027-01-20') {
  const out = await createSession(deps, {
    activityId: 'echanges-de-pratiques',
    date,
    startTime: '09:00',
    duration: 'full-day',
    capacity,
    place: 'Centraide, Montréal',
  });
  if (out.kind !== 'created') throw new Error(out.kind);
  return out.session.id;
}

const registerBody = (tag: string) => ({
  name: `Personne ${tag}`,
  email: `reg-${tag}@example.org`,
  quartierId: 'verdun',
});

function parseInvite(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  return {
    comp,
    event,
    method: comp.getFirstPropertyValue('method'),
    sequence: event.sequence,
    uid: event.uid,
    alarms: comp.getFirstSubcomponent('vevent')!.getAllSubcomponents('valarm').length,
  };
}

const montreal = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Montreal', dateStyle: 'short', timeStyle: 'short' }).format(d);

describe('collective activities', () => {
  it('lists the catalogue from the document, upcoming sessions first', async () => {
    await newSession(undefined, '2027-02-10');
    const catalogue = (await api({ path: '/api/activities' })).body;
    expect(catalogue.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([
        'formation-impact-collectif',
        'formation-captation-apprentissages',
        'atelier-prise-de-decision',
        'festival-impact-collectif',
        'echanges-de-pratiques',
      ]),
    );
    expect(catalogue[0].id).toBe('echanges-de-pratiques');
    expect(catalogue[0].sessions[0]).toMatchObject({ upcoming: true, date: '2027-02-10' });
    const festival = catalogue.find((a: { id: string }) => a.id === 'festival-impact-collectif');
    expect(festival.sessions[0]).toMatchObject({ date: '2023-10-19', duration: 'two-days', upcoming: false });
  });

  it('100 simultaneous registrations to 20 seats: 20 registered, 80 waiting; a cancel promotes the first waiting once', async () => {
    const sessionId = await newSession(20);
    const tag = uniq();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api({ path: `/api/sessions/${sessionId}/registrations`, body: registerBody(`${tag}-${i}`) }),
      ),
    );
    expect(answers.filter((a) => a.body.status === 'registered')).toHaveLength(20);
    expect(answers.filter((a) => a.body.status === 'waitlisted')).toHaveLength(80);
    const dup = await api({ path: `/api/sessions/${sessionId}/registrations`, body: registerBody(`${tag}-0`) });
    expect(dup.status).toBe(409);

    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const regs = await listRegistrations(deps, sessionId);
    const registered = regs.filter((r) => r.status === 'registered');
    const firstWaiting = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => a.ticket! - b.ticket!)[0];
    const confirmation = (await sesMessages(to(registered[0].email)))[0];
    const cancelUrl = confirmation.body.text!.match(/(https?:\/\/\S+#\/annuler\S+)/)![1];
    const params = new URLSearchParams(new URL(cancelUrl).hash.split('?')[1]);
    const cancel = () =>
      api({
        path: `/api/sessions/${sessionId}/registrations/${params.get('r')}/cancel`,
        body: { signature: params.get('sig') },
      });
    const [a, b] = await Promise.all([cancel(), cancel()]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = await listRegistrations(deps, sessionId);
    expect(after.filter((r) => r.status === 'registered')).toHaveLength(20);
    expect(after.find((r) => r.id === firstWaiting.id)!.status).toBe('registered');
    expect(after.filter((r) => r.status === 'waitlisted')).toHaveLength(79);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const promotedMail = await sesMessages(to(firstWaiting.email));
    expect(promotedMail.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Liste d'attente/),
        expect.stringMatching(/^Inscription confirmée/),
      ]),
    );
  });

  it('sends an ICS invite that an independent parser reads with the right Montreal times; a change sends SEQUENCE+1 to everyone', async () => {
    const sessionId = await newSession(undefined, '2027-03-15');
    const tag = uniq();
    for (let i = 0; i < 3; i++)
      await api({ path: `/api/sessions/${sessionId}/registrations`, body: registerBody(`${tag}-${i}`) });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const first = (await sesMessages(to(`reg-${tag}-0@example.org`)))[0];
    const attachment = first.attachments.find((x) => /calendar/.test(x.contentType));
    expect(attachment).toBeTruthy();
    const invite = parseInvite(Buffer.from(attachment!.content, 'base64').toString('utf8'));
    expect(invite.method).toBe('REQUEST');
    expect(invite.sequence).toBe(0);
    expect(invite.alarms).toBe(1);
    expect(montreal(invite.event.startDate.toJSDate())).toBe('2027-03-15 09:00'); // EDT from 14 March
    expect(montreal(invite.event.endDate.toJSDate())).toBe('2027-03-15 16:00');

    const moved = await api({
      method: 'PATCH',
      path: `/api/sessions/${sessionId}`,
      token: TEAM,
      body: { date: '2027-03-22', startTime: '13:00', duration: 'half-day' },
    });
    expect(moved.body).toMatchObject({ sequence: 1, notified: 3 });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    for (let i = 0; i < 3; i++) {
      const mails = await sesMessages(to(`reg-${tag}-${i}@example.org`));
      const updated = mails.find((m) => m.subject.startsWith('Changement'))!;
      const inv = parseInvite(
        Buffer.from(updated.attachments.find((x) => /calendar/.test(x.contentType))!.content, 'base64').toString(
          'utf8',
        ),
      );
      expect(inv.sequence).toBe(1);
      if (i === 0) expect(inv.uid).toBe(invite.uid); // stable per registration, so calendars update in place
      expect(montreal(inv.event.startDate.toJSDate())).toBe('2027-03-22 13:00');
    }
    const cancelled = await api({
      method: 'PATCH',
      path: `/api/sessions/${sessionId}`,
      token: TEAM,
      body: { status: 'cancelled' },
    });
    expect(cancelled.body).toMatchObject({ sequence: 2, status: 'cancelled' });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const cancelMail = (await sesMessages(to(`reg-${tag}-0@example.org`))).find((m) => m.subject.startsWith('Annulé'))!;
    expect(
      parseInvite(
        Buffer.from(cancelMail.attachments.find((x) => /calendar/.test(x.contentType))!.content, 'base64').toString(
          'utf8',
        ),
      ),
    ).toMatchObject({ method: 'CANCEL', sequence: 2 });
    expect(
      (await api({ path: `/api/sessions/${sessionId}/registrations`, body: registerBody(`${tag}-late`) })).status,
    ).toBe(409);
  });

  it('sends reminders 7 days and 1 day before, once each', async () => {
    const sessionId = await newSession(undefined, '2026-12-10');
    const tag = uniq();
    await api({ path: `/api/sessions/${sessionId}/registrations`, body: registerBody(tag) });
    clock.set('2026-12-01T12:00:00Z');
    const nine = await sendActivityReminders(deps);
    clock.set('2026-12-03T12:00:00Z'); // 7 days before
    await sendActivityReminders(deps);
    await sendActivityReminders(deps);
    clock.set('2026-12-09T12:00:00Z'); // 1 day before
    await sendActivityReminders(deps);
    await sendActivityReminders(deps);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const reminders = (await sesMessages(to(`reg-${tag}@example.org`))).filter((m) => m.subject.startsWith('Rappel'));
    expect(reminders.map((m) => m.subject).sort()).toEqual([
      'Rappel : Ateliers « Échanges de pratiques » dans 1 jour',
      'Rappel : Ateliers « Échanges de pratiques » dans 7 jours',
    ]);
    expect(nine.reminders).toBe(0);
    clock.set('2026-11-27T15:00:00Z');
  });

  it('exports registrations as CSV for a French Excel, and takes topic proposals and confirmed subscriptions', async () => {
    const csv = registrationsCsv([
      {
        id: '1',
        sessionId: 's',
        name: '=cmd|calc',
        email: 'a@example.org',
        locale: 'fr',
        status: 'registered',
        createdAt: '2026-11-27T00:00:00Z',
        quartierId: 'verdun',
      },
    ]);
    expect(csv.startsWith('\uFEFF"Nom";"Courriel"')).toBe(true);
    expect(csv).toContain(`"'=cmd|calc";"a@example.org";"verdun";"Inscrite"`);
    const reg = {
      id: '2',
      sessionId: 's',
      name: 'Léa',
      email: 'lea@example.org',
      locale: 'en' as const,
      status: 'waitlisted' as const,
      createdAt: '2026-11-27T00:00:00Z',
      quartierId: 'lachine',
    };
    // Names beside ids, statuses in words: French by default, English when asked.
    expect(registrationsCsv([reg], ';', () => 'Lachine')).toContain(`"Lachine";"Sur la liste d'attente"`);
    const en = registrationsCsv([reg], ',', () => 'Lachine', 'en');
    expect(en.startsWith('\uFEFF"Name","Email","Neighbourhood","Status"')).toBe(true);
    expect(en).toContain('"Lachine","On the waiting list"');
    const sessionId = await newSession(5);
    await api({
      path: `/api/sessions/${sessionId}/registrations`,
      body: { name: 'Éloïse Côté', email: 'eloise@example.org', quartierId: 'verdun' },
    });
    const exported = await api({
      path: `/api/sessions/${sessionId}/registrations`,
      token: TEAM,
      query: { format: 'csv' },
    });
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.text).toContain('Éloïse Côté');
    // Names and words, not ids and codes, for the team's spreadsheet.
    expect(exported.text).toContain('"eloise@example.org";"Verdun";"Inscrite"');

    const proposal = await api({
      path: '/api/topic-proposals',
      body: { name: 'Zoé', email: 'zoe@example.org', topic: 'Mobilisation citoyenne' },
    });
    expect(proposal.status).toBe(201);
    expect((await api({ path: '/api/topic-proposals', token: TEAM })).body[0]).toMatchObject({
      topic: 'Mobilisation citoyenne',
    });

    const email = `sub-${uniq()}@example.org`;
    expect((await api({ path: '/api/mailing-list/subscriptions', body: { email, consent: true } })).status).toBe(202);
    expect((await api({ path: '/api/mailing-list/subscriptions', body: { email, consent: false } })).status).toBe(400);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const confirmUrl = (await sesMessages(to(email)))[0].body.text!.match(/(https?:\/\/\S+#\/confirmation\S+)/)![1];
    const p = new URLSearchParams(new URL(confirmUrl).hash.split('?')[1]);
    // Before confirmation, a bulk message does not reach the address.
    expect(
      (
        await api({
          path: '/api/bulk-messages',
          token: TEAM,
          body: { audience: 'mailing-list', subject: 'Infolettre', body: 'Bonjour' },
        })
      ).body.recipients,
    ).toBe(0);
    expect(
      (await api({ path: '/api/mailing-list/confirm', body: { email: p.get('e'), signature: p.get('sig') } })).body,
    ).toEqual({ status: 'confirmed' });
    const bulk = await api({
      path: '/api/bulk-messages',
      token: TEAM,
      body: { audience: 'mailing-list', subject: 'Infolettre de décembre', body: 'Bonjour' },
    });
    expect(bulk.body.recipients).toBe(1);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const newsletter = (await sesMessages(to(email))).find((m) => m.subject === 'Infolettre de décembre')!;
    const unsub = new URLSearchParams(
      new URL(newsletter.body.text!.match(/(https?:\/\/\S+#\/desabonnement\S+)/)![1]).hash.split('?')[1],
    );
    expect(
      (
        await api({
          path: '/api/mailing-list/unsubscribe',
          body: { email: unsub.get('e'), signature: unsub.get('sig') },
        })
      ).body,
    ).toEqual({ status: 'unsubscribed' });
    expect(
      (
        await api({
          path: '/api/bulk-messages',
          token: TEAM,
          body: { audience: 'mailing-list', subject: 'Encore', body: 'Bonjour' },
        })
      ).body.recipients,
    ).toBe(0);
  });
});
