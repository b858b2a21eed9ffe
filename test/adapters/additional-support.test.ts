import { beforeAll, describe, expect, it } from 'vitest';
import { testDeps, ManualClock, sesMessages, to, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { createQuartier } from '#usecases/quartiers';
import { expireOffers } from '#usecases/expire-offers';
import { supportBoard } from '#usecases/support-board';
import { sweepOutbox } from '#usecases/deliver-notification';
import { logHours } from '#usecases/log-hours';
import { getBalance } from '#usecases/get-balance';
import type { Deps } from '#shared/ports';

const body = (quartierId: string, email = `contact-${quartierId}@example.org`) => ({
  quartierId,
  contact: { name: 'Personne-ressource', email },
  topic: 'Codesign de notre stratégie de changement',
  advisor: { name: 'Conseil PIC', email: `advisor-${quartierId}@example.org` },
  advisorConsulted: true,
});

describe('additional support: nine slots, first come first served', () => {
  let deps: Deps;
  let clock: ManualClock;
  const ids: string[] = [];

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    deps = await testDeps({ clock });
    for (let i = 0; i < 200; i++) {
      ids.push(`c${i}-${uniq()}`);
      await createQuartier(deps, {
        id: ids[i],
        name: `Quartier ${i}`,
        advisor: { name: 'Conseil', email: 'a@example.org' },
        enrolledYear: '2020-2021',
        contacts: [{ name: 'Personne-ressource', email: `contact-${ids[i]}@example.org` }],
      });
    }
  });

  it('200 requests at once from 200 quartiers: exactly 9 granted, 191 waiting at positions 1…191 — ten times over', async () => {
    const api = apiClient(deps);
    for (let round = 0; round < 10; round++) {
      clock.set(`${2027 + round}-06-01T15:00:00Z`);
      const answers = await Promise.all(
        ids.map((q) => api({ path: '/api/additional-support-requests', body: body(q) })),
      );
      expect(answers.filter((a) => a.status !== 201).map((a) => a.body)).toEqual([]);
      const granted = answers.filter((a) => a.body.outcome === 'granted');
      const waiting = answers.filter((a) => a.body.outcome === 'waitlisted');
      expect(granted).toHaveLength(9);
      expect(granted.map((a) => a.body.slot).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(waiting.map((a) => a.body.waitlistPosition).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 191 }, (_, i) => i + 1),
      );
      const board = await supportBoard(deps, `${2027 + round}-${2028 + round}`);
      expect(board.granted).toHaveLength(9);
      expect(board.waitlist).toHaveLength(191);
    }
  }, 400_000);

  it('20 simultaneous requests from one quartier create one request; the others are told it exists', async () => {
    const api = apiClient(deps);
    for (let round = 0; round < 10; round++) {
      clock.set(`${2040 + round}-06-01T15:00:00Z`);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => api({ path: '/api/additional-support-requests', body: body(ids[0]) })),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      const refused = answers.filter((a) => a.status === 409);
      expect(refused).toHaveLength(19);
      expect(refused[0].body).toMatchObject({ error: 'already-requested' });
    }
  }, 120_000);

  it('the same Idempotency-Key twice: one request, the same answer', async () => {
    const api = apiClient(deps);
    clock.set('2060-06-01T15:00:00Z');
    const key = `k-${uniq()}`;
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        api({ path: '/api/additional-support-requests', body: body(ids[1]), headers: { 'idempotency-key': key } }),
      ),
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const c = await api({
      path: '/api/additional-support-requests',
      body: { ...body(ids[1]), topic: 'un autre sujet' },
      headers: { 'idempotency-key': key },
    });
    expect(c.status).toBe(409);
  });

  it('refuses a request without the advisor confirmation, naming the field, and writes nothing', async () => {
    const api = apiClient(deps);
    clock.set('2061-06-01T15:00:00Z');
    const { advisorConsulted, ...rest } = body(ids[2]);
    const r = await api({ path: '/api/additional-support-requests', body: { ...rest, advisorConsulted: false } });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe('advisorConsulted');
    expect(r.body.issues[0].message).toMatch(/conseill/);
    expect((await supportBoard(deps, '2061-2062')).granted).toHaveLength(0);
  });
});

describe('release, offer, accept or expiry', () => {
  it('release → offer → accept, and release → offer → expiry → next offer, with the emails', async () => {
    const clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    const deps = await testDeps({
      clock,
      settings: { additional: { slotsPerYear: 2, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const api = apiClient(deps);
    const qs: string[] = [];
    for (let i = 0; i < 5; i++) {
      qs.push(`r${i}-${uniq()}`);
      await createQuartier(deps, {
        id: qs[i],
        name: `Quartier R${i}`,
        advisor: { name: 'Conseil', email: `advisor-${qs[i]}@example.org` },
        enrolledYear: '2020-2021',
        contacts: [{ name: 'Personne-ressource', email: `contact-${qs[i]}@example.org` }],
      });
    }
    const answers = [];
    for (const q of qs) answers.push((await api({ path: '/api/additional-support-requests', body: body(q) })).body);
    expect(answers.map((a) => a.outcome)).toEqual(['granted', 'granted', 'waitlisted', 'waitlisted', 'waitlisted']);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    // Chantal at Dynamo gets every request, the advisor copied; the full year points to RCL.
    const dynamoMail = await sesMessages(
      (m) =>
        m.destination.to.includes(deps.config.mail.dynamoContact.email) &&
        m.destination.cc.includes(`advisor-${qs[2]}@example.org`),
    );
    expect(dynamoMail).toHaveLength(1);
    const waitMail = await sesMessages(to(`contact-${qs[2]}@example.org`));
    expect(waitMail[0].subject).toContain("liste d'attente, position 1");
    expect(waitMail[0].body.text).toContain('Leadership rassembleur');

    // Hours were logged on slot 1: it can no longer be released.
    await logHours(
      deps,
      { quartierId: qs[0], axis: 'additional', date: '2026-11-20', minutes: 60 },
      { role: 'coordination', sub: 't' },
    );
    const refused = await api({
      path: `/api/additional-support-requests/${answers[0].id}/release`,
      body: {},
      headers: { 'x-status-token': answers[0].statusToken },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('hours-logged');

    // The requester of slot 2 releases it with the status token: the first waiting quartier gets an offer.
    const forged = await api({
      path: `/api/additional-support-requests/${answers[1].id}/release`,
      body: {},
      headers: { 'x-status-token': answers[2].statusToken },
    });
    expect(forged.status).toBe(403);
    const released = await api({
      path: `/api/additional-support-requests/${answers[1].id}/release`,
      body: {},
      headers: { 'x-status-token': answers[1].statusToken },
    });
    expect(released.status).toBe(200);
    expect(released.body.offeredTo).toBe(answers[2].id);
    expect((await getBalance(deps, qs[1], 'additional')).allocatedMinutes).toBe(0);
    // Releasing again does not promote a second time.
    const twice = await api({
      path: `/api/additional-support-requests/${answers[1].id}/release`,
      body: {},
      headers: { 'x-status-token': answers[1].statusToken },
    });
    expect(twice.status).toBe(409);
    let board = await supportBoard(deps, '2026-2027');
    expect(board.offers).toEqual([expect.objectContaining({ requestId: answers[2].id, slot: 2 })]);
    expect(board.waitlist.map((w) => w.requestId)).toEqual([answers[3].id, answers[4].id]);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    expect((await sesMessages(to(`contact-${qs[2]}@example.org`))).map((m) => m.subject)).toContain(
      "Une place d'accompagnement additionnel vous est offerte",
    );

    // The offer is accepted with the status token: slot 2 is granted, with its 30 h.
    const accepted = await api({
      path: `/api/additional-support-requests/${answers[2].id}/offer`,
      body: { accept: true },
      headers: { 'x-status-token': answers[2].statusToken },
    });
    expect(accepted.body).toEqual({ id: answers[2].id, outcome: 'granted' });
    expect((await getBalance(deps, qs[2], 'additional')).allocatedMinutes).toBe(1800);

    // The coordination team releases slot 2 again, with a reason: the offer goes to the next; nobody answers.
    const team = await api({
      path: `/api/additional-support-requests/${answers[2].id}/release`,
      body: { reason: 'projet suspendu' },
      token: 'test-coordination-token',
    });
    expect(team.body.offeredTo).toBe(answers[3].id);
    clock.advanceDays(5);
    expect(await expireOffers(deps)).toEqual({ expired: 0 });
    clock.advanceDays(7);
    expect(await expireOffers(deps)).toEqual({ expired: 1 });
    board = await supportBoard(deps, '2026-2027');
    expect(board.offers).toEqual([expect.objectContaining({ requestId: answers[4].id, slot: 2 })]);
    expect(board.waitlist).toEqual([]);
    expect(await expireOffers(deps)).toEqual({ expired: 0 });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    expect((await sesMessages(to(`contact-${qs[4]}@example.org`))).map((m) => m.subject)).toContain(
      "Une place d'accompagnement additionnel vous est offerte",
    );
    // The coordination team can move a waiting request to the front, only with a reason kept in the audit trail.
    const extra = [];
    for (let i = 0; i < 2; i++) {
      const q = `o${i}-${uniq()}`;
      await createQuartier(deps, {
        id: q,
        name: `Quartier O${i}`,
        advisor: { name: 'Conseil', email: 'c@example.org' },
        enrolledYear: '2020-2021',
        contacts: [{ name: 'Personne-ressource', email: `contact-${q}@example.org` }],
      });
      extra.push((await api({ path: '/api/additional-support-requests', body: body(q) })).body);
    }
    expect(
      (
        await api({
          path: '/api/additional-support/2026-2027/override',
          token: 'test-coordination-token',
          body: { requestId: extra[1].id },
        })
      ).status,
    ).toBe(400);
    const moved = await api({
      path: '/api/additional-support/2026-2027/override',
      token: 'test-coordination-token',
      body: { requestId: extra[1].id, reason: 'urgence dans le quartier' },
    });
    expect(moved.body.waitlist.map((w: { requestId: string }) => w.requestId)).toEqual([extra[1].id, extra[0].id]);
    const audit = await api({ path: `/api/requests/${extra[1].id}`, token: 'test-coordination-token' });
    expect(audit.body.history.find((h: { event: string }) => h.event === 'waitlist-override')).toMatchObject({
      reason: 'urgence dans le quartier',
      by: 'local-coordination',
    });

    const status = await api({
      path: `/api/requests/${answers[3].id}`,
      headers: { 'x-status-token': answers[3].statusToken },
    });
    expect(status.body.status).toBe('offer-expired');
    expect(status.body.history.map((h: { event: string }) => h.event)).toEqual([
      'submitted',
      'waitlisted',
      'offered',
      'offer-expired',
    ]);
  });
});
