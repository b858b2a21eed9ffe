/**
 * Additional-support slots at their edges: a released slot takes no more hours, an offer ends with its program
 * year at the latest, the quartier whose offer lapsed is told, and every status email's link opens its request.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock, onFile, sesMessages, testDeps, to, uniq, type SesMessage } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { createQuartier } from '#usecases/quartiers';
import { expireOffers } from '#usecases/expire-offers';
import { supportBoard } from '#usecases/support-board';
import { offerDeadline } from '#domain/slots';
import { sweepOutbox } from '#usecases/deliver-notification';
import { getBalance } from '#usecases/get-balance';
import { signLocalToken } from '#shared/auth';
import { addDays, localDateAt, yearEndDate, yearId, yearStartDate } from '#domain/program-year';
import { montrealInstant } from '#domain/calendar';
import type { Deps } from '#shared/ports';
import { keys } from '#adapters/dynamodb/keys';
import { runDaily } from '#functions/daily/handler';

const COORDINATION = 'test-coordination-token';
const fileAdvisor = (q: string) => `advisor-file-${q}@example.org`;
const contactOf = (q: string) => `contact-${q}@example.org`;

const body = (quartierId: string, locale?: 'fr' | 'en') => ({
  quartierId,
  contact: { name: 'Personne-ressource', email: contactOf(quartierId) },
  topic: 'Codesign de notre stratégie de changement',
  advisor: { name: 'Conseil PIC', email: `advisor-said-${quartierId}@example.org` },
  advisorConsulted: true,
  ...(locale ? { locale } : {}),
});

async function quartiers(deps: Deps, n: number, prefix: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}-${uniq()}`;
    await createQuartier(deps, {
      id,
      name: `Quartier ${prefix.toUpperCase()}${i}`,
      advisor: { name: 'Conseil au dossier', email: fileAdvisor(id) },
      enrolledYear: '2020-2021',
      contacts: [{ name: 'Personne-ressource', email: contactOf(id) }],
    });
    ids.push(id);
  }
  return ids;
}

/** What a status link carries: the request id and the credential in the fragment's `t`. */
function linksIn(m: SesMessage) {
  return [...(m.body.text ?? '').matchAll(/#\/demande\/([^?\s]+)\?t=([A-Za-z0-9_%-]+)/g)].map((x) => ({
    id: decodeURIComponent(x[1]),
    t: decodeURIComponent(x[2]),
  }));
}

async function mailsTo(deps: Deps, address: string) {
  await sweepOutbox(deps, { pendingGraceMs: 0 });
  return sesMessages(to(address));
}

describe('a released slot takes no more hours', () => {
  it('an hour log on the additional axis after the slot was released answers 409 no-slot and writes nothing', async () => {
    const deps = await testDeps({
      clock: new ManualClock(new Date('2026-11-27T15:00:00Z')),
      settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const api = apiClient(deps);
    const [a, b] = await quartiers(deps, 2, 'n');
    const ra = (await api({ path: '/api/additional-support-requests', body: body(a) })).body;
    const rb = (await api({ path: '/api/additional-support-requests', body: body(b) })).body;
    expect([ra.outcome, rb.outcome]).toEqual(['granted', 'waitlisted']);
    const released = await api({
      path: `/api/additional-support-requests/${ra.id}/release`,
      body: {},
      headers: { 'x-status-token': ra.statusToken },
    });
    expect(released.status).toBe(200);

    for (const lang of ['fr', 'en']) {
      const log = await api({
        path: '/api/hour-logs',
        token: COORDINATION,
        headers: { 'accept-language': lang },
        body: { quartierId: a, axis: 'additional', date: '2026-11-26', minutes: 60 },
      });
      expect(log.status).toBe(409);
      expect(log.body.error).toBe('no-slot');
    }
    expect(await getBalance(deps, a, 'additional')).toMatchObject({ usedMinutes: 0, allocatedMinutes: 0 });

    // The slot itself works for the quartier it passed to, once accepted.
    const accepted = await api({
      path: `/api/additional-support-requests/${rb.id}/offer`,
      body: { accept: true },
      headers: { 'x-status-token': rb.statusToken },
    });
    expect(accepted.body.outcome).toBe('granted');
    const logB = await api({
      path: '/api/hour-logs',
      token: COORDINATION,
      body: { quartierId: b, axis: 'additional', date: '2026-11-26', minutes: 60 },
    });
    expect(logB.status).toBe(201);
  });

  it('a release and an hour log racing on the same slot: exactly one of them wins, never both', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
    const api = apiClient(deps);
    const qs = await quartiers(deps, 9, 'x');
    const requests: Array<{ id: string; statusToken: string; outcome: string }> = [];
    for (const q of qs) requests.push((await api({ path: '/api/additional-support-requests', body: body(q) })).body);
    expect(requests.every((r) => r.outcome === 'granted')).toBe(true);
    // One race per slot, one slot at a time: releases of different slots share the year's counter and would
    // mostly race each other. The log starts later on each slot (0 to 0.8 s) so that the release wins some
    // races and the log others, however loaded the machine; the assertion holds whichever the store takes first.
    for (const [i, q] of qs.entries()) {
      const release = api({
        path: `/api/additional-support-requests/${requests[i].id}/release`,
        body: {},
        headers: { 'x-status-token': requests[i].statusToken },
      });
      const log = new Promise<void>((r) => setTimeout(r, i * 100)).then(() =>
        api({
          path: '/api/hour-logs',
          token: COORDINATION,
          body: { quartierId: q, axis: 'additional', date: '2026-11-26', minutes: 45 },
        }),
      );
      const [rel, lg] = await Promise.all([release, log]);
      const releasedIt = rel.status === 200;
      const logged = lg.status === 201;
      expect([releasedIt, logged], q).toSatisfy((x: boolean[]) => x.filter(Boolean).length === 1);
      if (releasedIt) expect(lg.body.error).toBe('no-slot');
      else expect(rel.body.error).toBe('hours-logged');
      expect((await getBalance(deps, q, 'additional')).usedMinutes).toBe(logged ? 45 : 0);
    }
  }, 60_000);
});

describe('an offer ends with its program year at the latest', () => {
  it('property: the deadline is offerDays full days ahead, cut at midnight after the last day of the year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2060 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom({ month: 4, day: 1 }, { month: 1, day: 1 }, { month: 9, day: 15 }),
        (startYear, offset, offerDays, yearStart) => {
          const year = yearId(startYear);
          const today = addDays(yearStartDate(year, yearStart), offset);
          fc.pre(today <= yearEndDate(year, yearStart));
          const deadline = offerDeadline(today, offerDays, year, yearStart);
          const lastDay = localDateAt(new Date(deadline.getTime() - 1));
          const expected = [addDays(today, offerDays), yearEndDate(year, yearStart)].sort()[0];
          expect(lastDay).toBe(expected);
          // It ends at midnight, Montreal time, never inside a day.
          expect(deadline.getTime()).toBe(montrealInstant(addDays(lastDay, 1), '00:00').getTime());
          expect(deadline.getTime()).toBeLessThanOrEqual(
            montrealInstant(yearStartDate(yearId(startYear + 1), yearStart), '00:00').getTime(),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an offer made six days before the year ends lapses at its end; the job passes nothing on into a closed year', async () => {
    const clock = new ManualClock(new Date('2027-03-25T15:00:00Z'));
    const deps = await testDeps({
      clock,
      settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const api = apiClient(deps);
    const [a, b, c] = await quartiers(deps, 3, 'y');
    const ra = (await api({ path: '/api/additional-support-requests', body: body(a) })).body;
    const rb = (await api({ path: '/api/additional-support-requests', body: body(b, 'en') })).body;
    const rc = (await api({ path: '/api/additional-support-requests', body: body(c) })).body;
    expect([ra.outcome, rb.outcome, rc.outcome]).toEqual(['granted', 'waitlisted', 'waitlisted']);
    const team = await api({
      path: `/api/additional-support-requests/${ra.id}/release`,
      body: { reason: 'projet suspendu' },
      token: COORDINATION,
    });
    expect(team.body.offeredTo).toBe(rb.id);
    // Ten days would run to 4 April; the year 2026-2027 ends on 31 March (midnight EDT = 04:00 UTC).
    let board = await supportBoard(deps, '2026-2027');
    expect(board.offers).toEqual([
      expect.objectContaining({ requestId: rb.id, expiresAt: '2027-04-01T04:00:00.000Z' }),
    ]);
    const view = await api({ path: `/api/requests/${rb.id}`, headers: { 'x-status-token': rb.statusToken } });
    expect(view.body.offerLastDay).toBe('2027-03-31');

    // The offer email copies the advisor on file (not only the one the requester named).
    const offer = (await mailsTo(deps, contactOf(b))).find((m) => m.subject.includes('offered'));
    expect(offer?.destination.cc).toEqual([fileAdvisor(b)]);
    expect(offer?.body.text).toContain('March 31, 2027');

    clock.set('2027-03-31T23:30:00Z'); // 19:30 on 31 March in Montreal: still open
    expect(await expireOffers(deps)).toEqual({ expired: 0 });
    clock.set('2027-04-01T04:05:00Z'); // just past midnight: over, even before the job runs
    const late = await api({
      path: `/api/additional-support-requests/${rb.id}/offer`,
      body: { accept: true },
      headers: { 'x-status-token': rb.statusToken },
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('no-offer');
    expect(await expireOffers(deps)).toEqual({ expired: 1 });
    expect(await expireOffers(deps)).toEqual({ expired: 0 });
    board = await supportBoard(deps, '2026-2027');
    expect(board.offers).toEqual([]);
    expect(board.free).toEqual([1]);
    expect(board.waitlist.map((w) => w.requestId)).toEqual([rc.id]);
    expect((await getBalance(deps, b, 'additional', '2026-2027')).allocatedMinutes).toBe(0);

    // The quartier whose offer lapsed is told, in its language, with its advisor on file copied and a working link.
    const lapse = (await mailsTo(deps, contactOf(b))).filter((m) => m.subject.includes('expired'));
    expect(lapse).toHaveLength(1);
    expect(lapse[0].subject).toBe('The additional-support slot offer has expired');
    expect(lapse[0].destination.cc).toEqual([fileAdvisor(b)]);
    const [link] = linksIn(lapse[0]);
    const opened = await api({ path: `/api/requests/${link.id}`, headers: { 'x-status-token': link.t } });
    expect(opened.body).toMatchObject({ id: rb.id, status: 'offer-expired' });
    // Nobody else was offered a slot of the closed year.
    expect((await mailsTo(deps, contactOf(c))).map((m) => m.subject)).not.toContain(
      "Une place d'accompagnement additionnel vous est offerte",
    );
  });

  it('an offer made before this rule, with a deadline past the end of its year, still ends with the year', async () => {
    const clock = new ManualClock(new Date('2027-03-25T15:00:00Z'));
    const deps = await testDeps({
      clock,
      settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const api = apiClient(deps);
    const [a, b] = await quartiers(deps, 2, 'z');
    const rs = [];
    for (const q of [a, b]) rs.push((await api({ path: '/api/additional-support-requests', body: body(q) })).body);
    await api({
      path: `/api/additional-support-requests/${rs[0].id}/release`,
      body: {},
      headers: { 'x-status-token': rs[0].statusToken },
    });
    // As the old code wrote it: ten full days, past 31 March.
    const legacy = '2027-04-05T04:00:00.000Z';
    await deps.store.update(keys.supportSlot('2026-2027', 1), {
      set: { offerExpiresAt: legacy, ...keys.offerIndex(legacy) },
    });
    await deps.store.update(keys.request(rs[1].id), { set: { offerExpiresAt: legacy } });
    clock.set('2027-04-01T04:05:00Z');
    const late = await api({
      path: `/api/additional-support-requests/${rs[1].id}/offer`,
      body: { accept: true },
      headers: { 'x-status-token': rs[1].statusToken },
    });
    expect(late.body.error).toBe('no-offer');
    expect(await expireOffers(deps)).toEqual({ expired: 1 });
    expect((await supportBoard(deps, '2026-2027')).offers).toEqual([]);
  });

  it('a lapsed offer in the middle of the year passes on and tells the quartier in French', async () => {
    const clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    const deps = await testDeps({
      clock,
      settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const api = apiClient(deps);
    const [a, b, c] = await quartiers(deps, 3, 'm');
    const rs = [];
    for (const q of [a, b, c]) rs.push((await api({ path: '/api/additional-support-requests', body: body(q) })).body);
    await api({
      path: `/api/additional-support-requests/${rs[0].id}/release`,
      body: {},
      headers: { 'x-status-token': rs[0].statusToken },
    });
    clock.advanceDays(12);
    expect(await expireOffers(deps)).toEqual({ expired: 1 });
    expect((await supportBoard(deps, '2026-2027')).offers).toEqual([expect.objectContaining({ requestId: rs[2].id })]);
    const lapse = (await mailsTo(deps, contactOf(b))).filter((m) => m.subject.includes('expiré'));
    expect(lapse.map((m) => m.subject)).toEqual(["L'offre de place d'accompagnement additionnel a expiré"]);
    expect(lapse[0].body.text).toContain('7 décembre 2026');
  });
});

describe('a rank nobody took', () => {
  /**
   * A year of two slots, its quartiers, and `lost` claims ranked on the year's counter that never reached their
   * slot (a crash between the two, or a retry racing its first attempt): written here as the ranks alone.
   */
  async function year(n: number, prefix: string, lost: number) {
    const clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    const deps = await testDeps({
      clock,
      settings: { additional: { slotsPerYear: 2, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const ids = await quartiers(deps, n, prefix);
    for (let i = 0; i < lost; i++)
      await deps.repos.slots.rankArrival('2026-2027', { capacity: 2, at: clock.now().toISOString() });
    const api = apiClient(deps);
    const claim = async (q: string) => (await api({ path: '/api/additional-support-requests', body: body(q) })).body;
    const minutes = (m: number) => clock.set(new Date(clock.now().getTime() + m * 60_000).toISOString());
    return { clock, deps, ids, api, claim, minutes };
  }

  it('its slot goes to the first in line, once no rank was given for ten minutes, with the offer email', async () => {
    const { deps, ids, api, claim, minutes } = await year(2, 'k', 1);
    const [a, b] = ids;
    const ra = await claim(a);
    const rb = await claim(b);
    // Slot 1 is nobody's: a holds slot 2, b waits.
    expect([ra.outcome, ra.slot, rb.outcome, rb.waitlistPosition]).toEqual(['granted', 2, 'waitlisted', 1]);

    // Five minutes on, a claim could still be on its way to slot 1: left alone.
    minutes(5);
    expect((await runDaily(deps)).supportSlotsReclaimed).toBe(0);
    expect(await deps.repos.slots.slot('2026-2027', 1)).toBeUndefined();

    minutes(6);
    expect((await runDaily(deps)).supportSlotsReclaimed).toBe(1);
    const board = await supportBoard(deps, '2026-2027');
    expect(board.offers).toEqual([expect.objectContaining({ requestId: rb.id, slot: 1 })]);
    expect(board.waitlist).toEqual([]);
    const offer = (await mailsTo(deps, contactOf(b))).filter((m) => m.subject.includes('offerte'));
    expect(offer).toHaveLength(1);
    expect(offer[0].destination.cc).toEqual([fileAdvisor(b)]);
    // The team hears of it, as of a release passed on (the emulator keeps several recipients as one string).
    const team = await sesMessages(
      (m) => m.destination.cc.includes(fileAdvisor(b)) && m.subject.includes('(place 1/2)'),
    );
    expect(team.map((m) => m.subject)).toEqual([
      'Accompagnement additionnel : place offerte — Quartier K1 (place 1/2)',
    ]);
    for (const address of [deps.config.mail.dynamoContact.email, deps.config.mail.team])
      expect(team[0].destination.to.join(', ')).toContain(address);
    // Once: a second run finds the slot offered.
    expect((await runDaily(deps)).supportSlotsReclaimed).toBe(0);

    const accepted = await api({
      path: `/api/additional-support-requests/${rb.id}/offer`,
      body: { accept: true },
      headers: { 'x-status-token': rb.statusToken },
    });
    expect(accepted.body.outcome).toBe('granted');
    expect((await supportBoard(deps, '2026-2027')).granted).toEqual(
      expect.arrayContaining([expect.objectContaining({ requestId: rb.id, slot: 1 })]),
    );
    expect(await getBalance(deps, b, 'additional')).toMatchObject({ allocatedMinutes: 1800 });
  });

  it('two slots nobody took go to the first two in line, in their order', async () => {
    const { deps, ids, claim, minutes } = await year(3, 'w', 2);
    const rs = [];
    for (const q of ids) rs.push(await claim(q));
    expect(rs.map((r) => r.waitlistPosition)).toEqual([1, 2, 3]);
    minutes(11);
    expect((await runDaily(deps)).supportSlotsReclaimed).toBe(2);
    const board = await supportBoard(deps, '2026-2027');
    expect(board.offers.map((o) => [o.requestId, o.slot])).toEqual([
      [rs[0].id, 1],
      [rs[1].id, 2],
    ]);
    expect(board.waitlist.map((w) => w.requestId)).toEqual([rs[2].id]);
  });

  it('with nobody waiting, its slot is freed and the next arrival beyond the capacity takes it', async () => {
    const { clock, deps, ids, claim } = await year(2, 'f', 1);
    const [a, b] = ids;
    const ra = await claim(a);
    expect([ra.outcome, ra.slot]).toEqual(['granted', 2]);
    clock.advanceDays(1);
    expect((await runDaily(deps)).supportSlotsReclaimed).toBe(1);
    expect(await deps.repos.slots.slot('2026-2027', 1)).toMatchObject({ status: 'free' });
    const rb = await claim(b);
    expect([rb.outcome, rb.slot]).toEqual(['granted', 1]);
  });
});

describe('every status email opens its request', () => {
  it('additional support: granted, waitlisted, offered, granted after an offer, released, offer lapsed', async () => {
    const clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    const deps = await testDeps({
      clock,
      settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const api = apiClient(deps);
    const [a, b, c, d] = await quartiers(deps, 4, 'l');
    const rs = [];
    for (const q of [a, b, c, d])
      rs.push((await api({ path: '/api/additional-support-requests', body: body(q) })).body);
    // a releases → b offered; b accepts with the offer email's link alone; b released by the team → c offered;
    // c lets it lapse → d offered.
    await api({
      path: `/api/additional-support-requests/${rs[0].id}/release`,
      body: {},
      headers: { 'x-status-token': rs[0].statusToken },
    });
    const offerMail = (await mailsTo(deps, contactOf(b))).find((m) => m.subject.includes('offerte'))!;
    const offerLink = linksIn(offerMail)[0];
    expect(offerLink.id).toBe(rs[1].id);
    expect(offerLink.t).not.toBe(rs[1].statusToken);
    const accepted = await api({
      path: `/api/additional-support-requests/${offerLink.id}/offer`,
      body: { accept: true },
      headers: { 'x-status-token': offerLink.t },
    });
    expect(accepted.body).toEqual({ id: rs[1].id, outcome: 'granted' });
    await api({
      path: `/api/additional-support-requests/${rs[1].id}/release`,
      body: { reason: 'projet suspendu' },
      token: COORDINATION,
    });
    clock.advanceDays(12);
    expect(await expireOffers(deps)).toEqual({ expired: 1 });

    const seen = new Set<string>();
    for (const [i, q] of [a, b, c, d].entries()) {
      const mails = await mailsTo(deps, contactOf(q));
      expect(mails.length).toBeGreaterThan(0);
      for (const m of mails) {
        // The status link, and on the first acknowledgement of a contact on file the "this was not me" link.
        const links = linksIn(m);
        expect(links.length, m.subject).toBeGreaterThan(0);
        for (const link of links) {
          const view = await api({ path: `/api/requests/${link.id}`, headers: { 'x-status-token': link.t } });
          expect(view.status, m.subject).toBe(200);
          expect(view.body.id).toBe(rs[i].id);
          // No answer but the creation answer carries a credential.
          expect(JSON.stringify(view.body)).not.toContain(link.t);
          expect(JSON.stringify(view.body)).not.toMatch(/statusToken/);
        }
        seen.add(m.subject);
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'Accompagnement additionnel accordé — place 1 sur 1',
        "Accompagnement additionnel : liste d'attente, position 1",
        "Accompagnement additionnel : liste d'attente, position 2",
        "Accompagnement additionnel : liste d'attente, position 3",
        "Une place d'accompagnement additionnel vous est offerte",
        "Votre place d'accompagnement additionnel est libérée",
        "L'offre de place d'accompagnement additionnel a expiré",
      ].sort(),
    );

    // A link opens its own request only, and a made-up credential opens nothing.
    const aLink = linksIn((await mailsTo(deps, contactOf(a)))[0])[0];
    expect((await api({ path: `/api/requests/${rs[1].id}`, headers: { 'x-status-token': aLink.t } })).status).toBe(403);
    expect(
      (await api({ path: `/api/requests/${rs[0].id}`, headers: { 'x-status-token': `${aLink.t.slice(0, -2)}xx` } }))
        .status,
    ).toBe(403);
  });

  it('learning requests: received, accepted, completed, cancelled', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
    const api = apiClient(deps);
    const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
    const submit = async () => {
      const email = `zoe-${uniq()}@example.org`;
      await onFile(deps, 'verdun', email, 'Zoé');
      const r = await api({
        path: '/api/learning-requests',
        body: {
          quartierId: 'verdun',
          contact: { name: 'Zoé', email },
          question: 'Comment mesurer nos effets ?',
          focus: 'evaluation',
          preferredPartnerId: 'niska',
        },
      });
      expect(r.status).toBe(201);
      return { ...r.body, email };
    };
    const done = await submit();
    expect((await api({ path: `/api/learning-requests/${done.id}/accept`, token: niska, body: {} })).status).toBe(200);
    const completed = await api({
      path: `/api/learning-requests/${done.id}/progress`,
      token: niska,
      body: { status: 'completed' },
    });
    expect(completed.body.status).toBe('completed');
    expect(JSON.stringify(completed.body)).not.toMatch(/statusToken/); // the requester's credential, never the partner's
    const cancelled = await submit();
    expect(
      (
        await api({
          path: `/api/learning-requests/${cancelled.id}/cancel`,
          token: COORDINATION,
          body: { reason: 'doublon' },
        })
      ).status,
    ).toBe(200);

    for (const r of [done, cancelled]) {
      const mails = await mailsTo(deps, r.email);
      expect(mails.length).toBe(r === done ? 3 : 2);
      for (const m of mails) {
        const [link] = linksIn(m);
        expect(link, m.subject).toBeDefined();
        const view = await api({ path: `/api/requests/${link.id}`, headers: { 'x-status-token': link.t } });
        expect(view.status, m.subject).toBe(200);
        expect(view.body.id).toBe(r.id);
      }
    }
  });
});
