/**
 * Who speaks for a quartier, tried as an attacker would: an address the program has never seen gets its request
 * stored and nothing else (no slot, no place in line, no email to Dynamo, a partner or a typed advisor) until the
 * address is proven and the advisor on file or coordination vouches; contacts on file are served first come, first
 * served; a withdrawal gives the claim back; notices go to the contacts on file, never to whoever wrote last.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, onFile, testDeps, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { keys } from '#adapters/dynamodb/keys';
import { signAction } from '#shared/ids';
import { createQuartier } from '#usecases/quartiers';
import { supportBoard } from '#usecases/support-board';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
type Outbox = { template: string; to: string[]; cc: string[]; data: Record<string, unknown>; subjectRef?: string };

let deps: Deps;
let api: ReturnType<typeof apiClient>;

/** Every email queued in this test's table (none is sent before the outbox is swept). */
const queued = async () => deps.store.query<Outbox>(keys.outboxByStatus('pending'));
const queuedFor = async (requestId: string) => (await queued()).filter((m) => m.subjectRef === requestId);
const recipients = (ms: Outbox[]) => [...new Set(ms.flatMap((m) => [...m.to, ...m.cc]))].sort();

async function quartier(prefix: string, contacts: string[] = []) {
  const id = `${prefix}-${uniq()}`;
  await createQuartier(deps, {
    id,
    name: `Quartier ${prefix}`,
    advisor: { name: 'Conseil au dossier', email: `advisor-${id}@example.org` },
    enrolledYear: '2020-2021',
    contacts: contacts.map((email) => ({ name: 'Personne-ressource', email })),
  });
  return id;
}

const support = (quartierId: string, email: string, extra: Record<string, unknown> = {}) => ({
  path: '/api/additional-support-requests',
  body: {
    quartierId,
    contact: { name: 'Personne', email },
    topic: 'Codesign de notre stratégie',
    advisor: { name: 'Conseil inventé', email: 'victim@example.com' },
    advisorConsulted: true,
    ...extra,
  },
});

const verify = (id: string) => ({
  path: `/api/requests/${id}/verify-email`,
  body: { signature: signAction(deps.config.linkSecret, ['verify-email', id]) },
});
const confirmSig = (id: string) => signAction(deps.config.linkSecret, ['confirm-trust', id]);

beforeAll(async () => {
  deps = await testDeps({
    clock: new ManualClock(new Date('2026-11-27T15:00:00Z')),
    settings: { additional: { slotsPerYear: 9, minutesPerSlot: 1800, offerDays: 10 } },
  });
  api = apiClient(deps);
});

describe('an address not on file', () => {
  it('stores the request and sends one email, to that address: no slot, no claim, no Dynamo, no typed advisor', async () => {
    const q = await quartier('inconnu', ['real@example.org']);
    const r = await api(support(q, 'stranger@example.org'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'unverified' });
    expect(r.body.slot).toBeUndefined();
    const mails = await queuedFor(r.body.id);
    expect(mails.map((m) => m.template)).toEqual(['trust-verify-email']);
    expect(recipients(mails)).toEqual(['stranger@example.org']);
    expect(await deps.store.get(keys.supportClaim('2026-2027', q))).toBeUndefined();
    const board = await supportBoard(deps, '2026-2027');
    expect(board.granted.map((g) => g.requestId)).not.toContain(r.body.id);
    expect(board.waitlist.map((g) => g.requestId)).not.toContain(r.body.id);

    // The status page says what it waits for, and tells the stranger nothing of the quartier's hours.
    const view = await api({ path: `/api/requests/${r.body.id}`, headers: { 'x-status-token': r.body.statusToken } });
    expect(view.body).toMatchObject({ status: 'unverified', balance: null });

    // The real contact is not blocked by the stranger's request.
    const real = await api(support(q, 'REAL@example.org'));
    expect(real.status).toBe(201);
    expect(real.body.outcome).toMatch(/granted|waitlisted/);
  });

  it('twenty anonymous posts for twenty quartiers take no slot', async () => {
    const qs = await Promise.all(Array.from({ length: 20 }, (_, i) => quartier(`anon${i}`)));
    const before = await supportBoard(deps, '2026-2027');
    const answers = await Promise.all(qs.map((q) => api(support(q, `anon-${uniq()}@example.org`))));
    expect(answers.map((a) => a.body.outcome)).toEqual(qs.map(() => 'unverified'));
    const after = await supportBoard(deps, '2026-2027');
    expect(after.granted).toEqual(before.granted);
    expect(after.waitlist).toEqual(before.waitlist);
  });

  it('a learning request from a stranger reaches no partner and no team until trust, then is routed', async () => {
    const q = await quartier('apprentissage');
    const r = await api({
      path: '/api/learning-requests',
      body: {
        quartierId: q,
        contact: { name: 'Nouvelle', email: 'nouvelle@example.org' },
        question: 'Comment capter nos apprentissages ?',
        focus: 'evaluation',
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'unverified', routing: 'unverified' });
    expect(r.body.partnerId).toBeUndefined();
    expect(r.body.availableMinutes).toBeUndefined();
    expect(recipients(await queuedFor(r.body.id))).toEqual(['nouvelle@example.org']);

    // Nothing to vouch for before the address is proven; a forged verification link does nothing.
    expect(
      (await api({ path: `/api/requests/${r.body.id}/trust`, token: TEAM, body: { decision: 'confirm' } })).body.error,
    ).toBe('email-not-verified');
    const forged = await api({ path: `/api/requests/${r.body.id}/verify-email`, body: { signature: 'x'.repeat(43) } });
    expect(forged.status).toBe(409);
    expect(forged.body.error).toBe('invalid-link');

    const verified = await api(verify(r.body.id));
    expect(verified.body).toEqual({ id: r.body.id, status: 'awaiting-confirmation' });
    const asked = (await queuedFor(r.body.id)).filter((m) => m.template === 'trust-confirm');
    expect(recipients(asked)).toEqual([`advisor-${q}@example.org`, deps.config.mail.team].sort());
    // A second click (a mail scanner) changes nothing and sends nothing more.
    await api(verify(r.body.id));
    expect((await queuedFor(r.body.id)).filter((m) => m.template === 'trust-confirm')).toHaveLength(1);

    // The advisor's link opens the request and vouches; a wrong signature does neither.
    const wrong = await api({ path: `/api/requests/${r.body.id}/trust`, query: { sig: confirmSig('other') } });
    expect(wrong.status).toBe(403);
    const seen = await api({ path: `/api/requests/${r.body.id}/trust`, query: { sig: confirmSig(r.body.id) } });
    expect(seen.body).toMatchObject({ kind: 'learning', contact: { email: 'nouvelle@example.org' } });
    const confirmed = await api({
      path: `/api/requests/${r.body.id}/trust`,
      body: { decision: 'confirm', signature: confirmSig(r.body.id) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toMatch(/routed|needs-decision/);
    const after = (await queuedFor(r.body.id)).map((m) => m.template);
    expect(after).toContain('learning-request-received');
    expect(after.some((t) => t === 'learning-request-routed' || t === 'learning-request-needs-decision')).toBe(true);

    // Now on file: the next request from that address is served at once.
    const contacts = await api({ path: `/api/quartiers/${q}/contacts`, token: TEAM });
    expect(contacts.body.map((c: { email: string }) => c.email)).toEqual(['nouvelle@example.org']);
    const again = await api({
      path: '/api/learning-requests',
      body: {
        quartierId: q,
        contact: { name: 'Nouvelle', email: 'Nouvelle@Example.org' },
        question: 'Et ensuite ?',
        focus: 'other',
      },
    });
    expect(again.body.status).not.toBe('unverified');
  });

  it('an additional-support request enters first come, first served at the moment trust is established', async () => {
    const capacity = 2;
    const own = await testDeps({
      clock: new ManualClock(new Date('2026-11-27T15:00:00Z')),
      settings: { additional: { slotsPerYear: capacity, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const ownApi = apiClient(own);
    const mk = async (name: string, contact?: string) => {
      const id = `${name}-${uniq()}`;
      await createQuartier(own, {
        id,
        name,
        advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
        enrolledYear: '2020-2021',
        contacts: contact ? [{ name: 'P', email: contact }] : [],
      });
      return id;
    };
    const early = await mk('tot');
    const waiting = await ownApi(support(early, 'tot@example.org'));
    expect(waiting.body.outcome).toBe('unverified');
    // Two contacts on file take both slots while the early stranger waits for trust.
    for (const n of ['a', 'b']) {
      const q = await mk(n, `${n}@example.org`);
      expect((await ownApi(support(q, `${n}@example.org`))).body.outcome).toBe('granted');
    }
    await ownApi({
      path: `/api/requests/${waiting.body.id}/verify-email`,
      body: { signature: signAction(own.config.linkSecret, ['verify-email', waiting.body.id]) },
    });
    const confirmed = await ownApi({
      path: `/api/requests/${waiting.body.id}/trust`,
      token: TEAM,
      body: { decision: 'confirm' },
    });
    expect(confirmed.body.status).toBe('waitlisted');
    const board = await supportBoard(own, '2026-2027');
    expect(board.waitlist.map((w) => w.requestId)).toEqual([waiting.body.id]);
    // Only now do Dynamo and the advisor on file hear of it; the advisor typed in the form never does.
    const mails = (await own.store.query<Outbox>(keys.outboxByStatus('pending'))).filter(
      (m) => m.subjectRef === waiting.body.id,
    );
    const toDynamo = mails.find((m) => m.template === 'additional-support-request')!;
    expect(toDynamo.to).toEqual([own.config.mail.dynamoContact.email]);
    expect(toDynamo.cc).toEqual([`advisor-${early}@example.org`]);
    expect(recipients(mails)).not.toContain('victim@example.com');
  });

  it('a fourth request acknowledgement to one address within the hour is refused (429), and nothing is written', async () => {
    const qs = await Promise.all(['q1', 'q2', 'q3', 'q4'].map((n) => quartier(n)));
    const email = `flood-${uniq()}@example.org`;
    const answers = [];
    for (const q of qs) answers.push(await api({ ...support(q, email), headers: { 'accept-language': 'en' } }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    expect(answers[3].body.error).toBe('too-many-emails');
    expect(answers[3].body.message).toMatch(/email|e-mail/i);
    const requestsOfQ4 = (await queued()).filter((m) => m.to.includes(email));
    expect(requestsOfQ4).toHaveLength(3);
  });

  it('refused: the request is closed, the requester told, nobody added to the file', async () => {
    const q = await quartier('refus');
    const r = await api(support(q, 'refuse@example.org'));
    await api(verify(r.body.id));
    const refused = await api({
      path: `/api/requests/${r.body.id}/trust`,
      body: { decision: 'refuse', signature: confirmSig(r.body.id), reason: 'Inconnue du quartier' },
    });
    expect(refused.body).toEqual({ id: r.body.id, status: 'not-confirmed' });
    expect((await api({ path: `/api/quartiers/${q}/contacts`, token: TEAM })).body).toEqual([]);
    const mails = await queuedFor(r.body.id);
    expect(mails.find((m) => m.template === 'trust-refused')?.to).toEqual(['refuse@example.org']);
    expect(recipients(mails)).not.toContain(deps.config.mail.dynamoContact.email);
  });
});

describe('contacts on file', () => {
  it('are served first come, first served: 60 simultaneous requests from 60 quartiers, 9 slots', async () => {
    const own = await testDeps({ clock: new ManualClock(new Date('2027-03-01T15:00:00Z')) });
    const ownApi = apiClient(own);
    const qs: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = `fcfs${i}-${uniq()}`;
      await createQuartier(own, {
        id,
        name: `Q${i}`,
        advisor: { name: 'Conseil', email: 'c@example.org' },
        enrolledYear: '2020-2021',
        contacts: [{ name: 'P', email: `p-${id}@example.org` }],
      });
      qs.push(id);
    }
    const answers = await Promise.all(qs.map((q) => ownApi(support(q, `p-${q}@example.org`))));
    expect(answers.map((a) => a.status)).toEqual(qs.map(() => 201));
    const granted = answers.filter((a) => a.body.outcome === 'granted');
    expect(granted.map((a) => a.body.slot).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      answers
        .filter((a) => a.body.outcome === 'waitlisted')
        .map((a) => a.body.waitlistPosition)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  }, 240_000);

  it('a confirmation carries a "this was not me" link that withdraws the request and frees the claim', async () => {
    const q = await quartier('pasmoi', ['owner@example.org']);
    const r = await api(support(q, 'owner@example.org'));
    expect(r.body.outcome).toMatch(/granted|waitlisted/);
    const ack = (await queuedFor(r.body.id)).find((m) => m.template === 'additional-support-outcome')!;
    const link = new URL(String(ack.data.notMeUrl).replace('#/', ''));
    expect(link.searchParams.get('pasmoi')).toBe('1');
    const withdrawn = await api({
      path: `/api/requests/${r.body.id}/withdraw`,
      headers: { 'x-status-token': link.searchParams.get('t')! },
      body: { notMe: true },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toMatch(/released|withdrawn/);
    expect(await deps.store.get(keys.supportClaim('2026-2027', q))).toBeUndefined();
    // The quartier may ask again.
    expect((await api(support(q, 'owner@example.org'))).status).toBe(201);
  });

  it('withdrawal gives the claim back: the quartier asks again, behind those already waiting', async () => {
    const own = await testDeps({
      clock: new ManualClock(new Date('2026-11-27T15:00:00Z')),
      settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
    });
    const ownApi = apiClient(own);
    const ids: string[] = [];
    for (const n of ['x', 'y', 'z']) {
      const id = `${n}-${uniq()}`;
      await createQuartier(own, {
        id,
        name: n,
        advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
        enrolledYear: '2020-2021',
        contacts: [{ name: 'P', email: `${n}@example.org` }],
      });
      ids.push(id);
    }
    const [x, y, z] = ids;
    const rx = await ownApi(support(x, 'x@example.org'));
    const ry = await ownApi(support(y, 'y@example.org'));
    expect([rx.body.outcome, ry.body.outcome]).toEqual(['granted', 'waitlisted']);
    // Before: a second request is refused while the first holds the claim.
    expect((await ownApi(support(x, 'x@example.org'))).body.error).toBe('already-requested');
    // Coordination cancels only with a reason.
    const noReason = await ownApi({ path: `/api/requests/${rx.body.id}/withdraw`, token: TEAM, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('reason');
    const cancelled = await ownApi({
      path: `/api/requests/${rx.body.id}/withdraw`,
      token: TEAM,
      body: { reason: 'Demande faite par erreur' },
    });
    expect(cancelled.body.status).toBe('released');
    const rz = await ownApi(support(z, 'z@example.org'));
    const again = await ownApi(support(x, 'x@example.org'));
    expect(again.status).toBe(201);
    const board = await supportBoard(own, '2026-2027');
    // y was offered x's slot; z and then x wait, in the order they asked.
    expect(board.offers.map((o) => o.requestId)).toEqual([ry.body.id]);
    expect(board.waitlist.map((w) => w.requestId)).toEqual([rz.body.id, again.body.id]);
  });

  it('hour notices go to the contacts on file (each in their language), never to the last stranger who wrote', async () => {
    const q = await quartier('avis');
    await onFile(deps, q, 'fr-contact@example.org');
    await api({
      path: `/api/quartiers/${q}/contacts`,
      token: TEAM,
      body: { name: 'Anne', email: 'en-contact@example.org', locale: 'en' },
    });
    await api(support(q, 'last-writer@example.org'));
    const logged = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { quartierId: q, axis: 'learning', date: '2026-11-20', minutes: 1440, step: 'plan' },
    });
    expect(logged.status).toBe(201);
    const notices = (await queued()).filter((m) => m.subjectRef === q && m.template === 'hours-threshold');
    expect(notices.length).toBeGreaterThan(0);
    const all = recipients(notices);
    expect(all).toContain('fr-contact@example.org');
    expect(all).toContain('en-contact@example.org');
    expect(all).toContain(`advisor-${q}@example.org`);
    expect(all).not.toContain('last-writer@example.org');
  });

  it('coordination manages the file: add, list, remove; bad input names the field', async () => {
    const q = await quartier('dossier');
    const bad = await api({ path: `/api/quartiers/${q}/contacts`, token: TEAM, body: { name: 'X', email: 'pas-un' } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('email');
    const added = await api({
      path: `/api/quartiers/${q}/contacts`,
      token: TEAM,
      body: { name: 'Léa', email: 'L@x.org' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'l@x.org', locale: 'fr' });
    const unknown = await api({
      path: '/api/quartiers/nulle-part/contacts',
      token: TEAM,
      body: { name: 'L', email: 'l@x.org' },
    });
    expect(unknown.status).toBe(404);
    expect((await api({ path: `/api/quartiers/${q}/contacts`, body: undefined })).status).toBe(401);
    const left = await api({ method: 'DELETE', path: `/api/quartiers/${q}/contacts/l%40x.org`, token: TEAM });
    expect(left.body).toEqual([]);
  });
});

describe('secrets stay secret', () => {
  it('no answer but the creation answer carries the status token or its hash; the idempotency record seals it', async () => {
    const q = await quartier('secret', ['s@example.org']);
    const key = `k-${uniq()}`;
    const r = await api({ ...support(q, 's@example.org'), headers: { 'idempotency-key': key } });
    const token = r.body.statusToken as string;
    const record = await deps.store.get(keys.idempotency('additional', key));
    expect(JSON.stringify(record)).not.toContain(token);
    const replay = await api({ ...support(q, 's@example.org'), headers: { 'idempotency-key': key } });
    expect(replay.body.statusToken).toBe(token);
    for (const view of [
      await api({ path: `/api/requests/${r.body.id}`, headers: { 'x-status-token': token } }),
      await api({ path: `/api/requests/${r.body.id}`, token: TEAM }),
    ]) {
      expect(JSON.stringify(view.body)).not.toContain(token);
      expect(JSON.stringify(view.body)).not.toMatch(/statusTokenHash/);
    }
  });
});

describe('a second additional-support request for a quartier', () => {
  it("names the first one's number and the team's address, never its status link", async () => {
    const q = await quartier('double', ['first@example.org', 'second@example.org']);
    const first = await api(support(q, 'first@example.org'));
    expect(first.status).toBe(201);
    const again = await api(support(q, 'second@example.org'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: 'already-requested',
      requestId: first.body.id,
      teamEmail: deps.config.mail.team,
    });
    expect(JSON.stringify(again.body)).not.toContain(first.body.statusToken);
  });
});
