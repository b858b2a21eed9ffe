/**
 * Privacy by design (issue 19, Law 25) against DynamoDB Local, through the API handler: the notice, access and
 * portability, erasure across every kind of record (a property: afterwards no record holds the address or the name,
 * and every balance and count is as before), retention by the daily job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock, onFile, testDeps, uniq, tableItems } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { parseCsv } from '#domain/csv';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { listQuartiers } from '#usecases/quartiers';
import { runDaily } from '#functions/daily/handler';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
let deps: Deps;
let api: ReturnType<typeof apiClient>;
let clock: ManualClock;
let niska: string;
let quartiers: string[];
let session: string;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
  deps = await testDeps({ clock });
  api = apiClient(deps);
  niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  quartiers = (await listQuartiers(deps)).map((q) => q.id);
  const s = await api({
    path: '/api/sessions',
    token: TEAM,
    body: { activityId: 'festival-impact-collectif', date: '2027-05-05', duration: 'full-day', capacity: 30 },
  });
  expect(s.status).toBe(201);
  session = s.body.id;
});

/** Every item of the table, as stored. */
async function everything() {
  const items = await tableItems(deps);
  return items;
}

/** The program's figures: balances, slots and their counter, seats, partners' loads, the harvest; numbers only. */
async function figures() {
  const counted = /^(LEDGER#|SUPPORT#|PARTNER#|YEAR#|SESSION#|HARVEST#)/;
  const out: Record<string, unknown> = {};
  for (const i of await everything()) {
    if (!counted.test(String(i.pk)) || String(i.sk).startsWith('REG#') || String(i.sk).startsWith('EMAIL#')) continue;
    for (const [k, v] of Object.entries(i)) if (typeof v === 'number') out[`${i.pk}|${i.sk}|${k}`] = v;
  }
  return out;
}

/**
 * One person with a record of every kind: a contact on file of `quartierId`, a learning request (in progress, with
 * a journal entry through their status link), an additional-support request, a registration, a sign-up to the
 * mailing list with its consent, a topic proposal; and emails to them and about them waiting in the outbox.
 */
async function person(quartierId: string, name: string, email: string) {
  await onFile(deps, quartierId, email, name);
  const contact = { name, email, phone: '514 555-1234' };
  const learning = await api({
    path: '/api/learning-requests',
    body: {
      quartierId,
      contact,
      question: 'Comment mesurer nos effets ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
      estimatedMinutes: 600,
    },
  });
  expect(learning.status).toBe(201);
  const id = learning.body.id as string;
  const token = learning.body.statusToken as string;
  expect((await api({ path: `/api/learning-requests/${id}/accept`, token: niska, body: {} })).status).toBe(200);
  const progress = { status: 'in-progress' };
  expect((await api({ path: `/api/learning-requests/${id}/progress`, token: niska, body: progress })).status).toBe(200);
  const journal = await api({
    path: `/api/learning-requests/${id}/journal`,
    headers: { 'x-status-token': token },
    body: { kind: 'intent', text: 'Nous voulons mieux suivre nos effets.' },
  });
  expect(journal.status).toBe(201);
  // The partner's notes name them: the text stays, without them, once they are erased.
  const notes = await api({
    path: `/api/learning-requests/${id}/journal`,
    token: niska,
    body: { kind: 'step', step: 'plan', text: `Rencontre avec ${name} (${email}, ${contact.phone}).` },
  });
  expect(notes.status).toBe(201);
  const additional = await api({
    path: '/api/additional-support-requests',
    body: { quartierId, contact, topic: 'Codesign de notre stratégie', advisorConsulted: true },
  });
  expect(additional.status).toBe(201);
  const reg = await api({ path: `/api/sessions/${session}/registrations`, body: { name, email } });
  expect(reg.status).toBe(201);
  const sub = await api({ path: '/api/mailing-list/subscriptions', body: { email, consent: true } });
  expect(sub.status).toBe(202);
  const proposal = await api({ path: '/api/topic-proposals', body: { name, email, topic: 'Mobilisation citoyenne' } });
  expect(proposal.status).toBe(201);
  return { learning: id, additional: additional.body.id as string, token, registration: reg.body.id as string };
}

const holds = (items: Record<string, unknown>[], needle: string) =>
  items.filter((i) => JSON.stringify(i).toLowerCase().includes(needle.toLowerCase()));

describe('the privacy notice', () => {
  it('GET /api/privacy gives anyone the facts, the person in charge as coordination set them', async () => {
    const res = await api({ path: '/api/privacy' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      officer: DEFAULT_SETTINGS.privacy.officer,
      retentionYears: 2,
      storage: { country: 'Canada', region: 'ca-central-1' },
      answerWithinDays: 30,
    });
    expect(res.body.categories.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['requests', 'registrations', 'mailing-list', 'contacts', 'proposals', 'emails']),
    );
    const settings = (await api({ path: '/api/settings', token: TEAM })).body;
    const officer = { name: 'Claire Dubé, directrice', email: 'claire@example.org', address: '1 rue Test, Montréal' };
    const put = await api({
      method: 'PUT',
      path: '/api/settings',
      token: TEAM,
      body: { ...settings, privacy: { officer, retentionYears: 3 } },
    });
    expect(put.status).toBe(200);
    const fresh = apiClient({ ...deps, settings: async () => put.body });
    expect((await fresh({ path: '/api/privacy' })).body).toMatchObject({ officer, retentionYears: 3 });
    await api({ method: 'PUT', path: '/api/settings', token: TEAM, body: settings });
  });
});

describe('access and erasure', () => {
  it('are for coordination only: 401 without a sign-in, 403 for a partner', async () => {
    const query = { email: 'x@example.org' };
    expect((await api({ path: '/api/privacy/export', query })).status).toBe(401);
    expect((await api({ path: '/api/privacy/export', query, token: niska })).status).toBe(403);
    const body = { email: 'x@example.org', reason: 'Demande écrite' };
    expect((await api({ path: '/api/privacy/erase', body })).status).toBe(401);
    expect((await api({ path: '/api/privacy/erase', body, token: niska })).status).toBe(403);
    expect((await api({ path: '/api/privacy/retention-preview' })).status).toBe(401);
  });

  it('exports every record that holds the address, as JSON and as CSV', async () => {
    const email = `Lea-${uniq()}@Example.org`;
    const p = await person(quartiers[0]!, 'Léa Tremblay', email);
    const res = await api({ path: '/api/privacy/export', token: TEAM, query: { email: email.toUpperCase() } });
    expect(res.status).toBe(200);
    const x = res.body;
    expect(x.email).toBe(email.toLowerCase());
    expect(x.requests.map((r: { id: string }) => r.id).sort()).toEqual([p.learning, p.additional].sort());
    expect(x.requests[0].contact).toMatchObject({ name: 'Léa Tremblay', phone: '514 555-1234' });
    expect(JSON.stringify(x)).not.toContain('statusTokenHash');
    expect(x.registrations).toEqual([expect.objectContaining({ id: p.registration, name: 'Léa Tremblay' })]);
    expect(x.mailingList).toEqual([
      expect.objectContaining({ status: 'pending', consent: expect.objectContaining({ wording: expect.any(String) }) }),
    ]);
    expect(x.quartierContacts).toEqual([expect.objectContaining({ quartierId: quartiers[0], name: 'Léa Tremblay' })]);
    expect(x.proposals).toEqual([expect.objectContaining({ topic: 'Mobilisation citoyenne' })]);
    expect(x.journal).toEqual([expect.objectContaining({ text: 'Nous voulons mieux suivre nos effets.' })]);
    expect(x.emails.length).toBeGreaterThan(0);

    const csv = await api({ path: '/api/privacy/export', token: TEAM, query: { email, format: 'csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''), ';');
    expect(rows[0]?.cells).toEqual(['record', 'id', 'field', 'value']);
    const cells = rows.map((r) => r.cells);
    // Kept as typed: the export gives back what the person provided.
    expect(cells).toContainEqual(['requests', p.learning, 'contact.email', email]);
    expect(cells).toContainEqual(['registrations', p.registration, 'name', 'Léa Tremblay']);
    expect(cells).toContainEqual(['mailingList', email.toLowerCase(), 'status', 'pending']);
  });

  it('erases a person everywhere; no record holds the address or the name; every figure stays', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Léa', 'Zoé', 'Mathis', "N'Dèye", 'Ana-Maria'),
        fc.constantFrom('Tremblay', 'Gagnon', 'Nguyễn', 'Ouellet-Roy'),
        fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/),
        async (first, last, local) => {
          const quartierId = quartiers[1 + run++]!;
          const name = `${first} ${last} ${uniq()}`;
          const email = `${local}.${uniq()}@example.org`;
          const p = await person(quartierId, name, email);
          expect(holds(await everything(), email).length).toBeGreaterThan(0);
          const before = await figures();

          const erased = await api({
            path: '/api/privacy/erase',
            token: TEAM,
            body: { email: email.toUpperCase(), reason: 'Demande écrite du 27 novembre' },
          });
          expect(erased.status).toBe(200);
          expect(erased.body).toMatchObject({ erased: true, cancelledEmails: expect.any(Number) });
          expect(erased.body.cancelledEmails).toBeGreaterThan(0);

          const after = await everything();
          expect(holds(after, email)).toEqual([]);
          expect(holds(after, name)).toEqual([]);
          const theirs = [p.learning, p.additional].map((id) => `REQUEST#${id}`);
          expect(holds(after, '514 555-1234').filter((i) => theirs.includes(String(i.pk)))).toEqual([]);
          expect(await figures()).toEqual(before);
          // Their links stop working: the status token, and the journal through it.
          const status = await api({ path: `/api/requests/${p.learning}`, headers: { 'x-status-token': p.token } });
          expect(status.status).toBe(403);
          const journal = await api({
            path: `/api/learning-requests/${p.learning}/journal`,
            headers: { 'x-status-token': p.token },
          });
          expect(journal.status).toBe(403);
          // The export finds nothing any more; the erasure's record says who, when and why, never the address.
          const again = (await api({ path: '/api/privacy/export', token: TEAM, query: { email } })).body;
          expect([again.requests, again.registrations, again.mailingList, again.quartierContacts]).toEqual([
            [],
            [],
            [],
            [],
          ]);
          const record = (await deps.repos.privacy.erasures())[0];
          expect(record).toMatchObject({
            at: clock.now().toISOString(),
            by: 'local-coordination',
            reason: 'Demande écrite du 27 novembre',
            cause: 'erase',
          });
          expect(JSON.stringify(record)).not.toContain(email.split('@')[0]);
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);
});

describe('retention', () => {
  it('the daily job anonymises requests closed and sessions held longer ago than the setting, once', async () => {
    const local = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    const d = await testDeps({ clock: local });
    const call = apiClient(d);
    const email = `old-${uniq()}@example.org`;
    const quartierId = (await listQuartiers(d))[0]!.id;
    await onFile(d, quartierId, email, 'Ancien Contact');
    const sent = await call({
      path: '/api/learning-requests',
      body: { quartierId, contact: { name: 'Ancien Contact', email }, question: 'Une question ?', focus: 'evaluation' },
    });
    expect(sent.status).toBe(201);
    const cancel = await call({
      path: `/api/learning-requests/${sent.body.id}/cancel`,
      token: TEAM,
      body: { reason: 'Le quartier a changé de projet' },
    });
    expect(cancel.status).toBe(200);
    const s = await call({
      path: '/api/sessions',
      token: TEAM,
      body: { activityId: 'festival-impact-collectif', date: '2026-12-01', duration: 'full-day', capacity: 10 },
    });
    const reg = await call({ path: `/api/sessions/${s.body.id}/registrations`, body: { name: 'Ancien', email } });
    expect(reg.status).toBe(201);
    const proposal = { name: 'Ancien', email, topic: 'Mobilisation citoyenne' };
    expect((await call({ path: '/api/topic-proposals', body: proposal })).status).toBe(201);
    // A sign-up never confirmed, and one email sent.
    expect((await call({ path: '/api/mailing-list/subscriptions', body: { email, consent: true } })).status).toBe(202);
    const [message] = await d.repos.outbox.withStatus('pending');
    const at = local.now().toISOString();
    const claimed = (await d.repos.outbox.claim(message!.id, at, '2026-11-27T15:05:00.000Z'))!;
    expect(await d.repos.outbox.settle(claimed, { status: 'sent', sentAt: at, sesMessageId: 'ses-1' })).toBe(true);

    // A year later nothing is due; the dashboard's preview says so.
    local.set('2027-12-15T12:00:00Z');
    const preview = await call({ path: '/api/privacy/retention-preview', token: TEAM });
    expect(preview.body).toMatchObject({ requests: 0, registrations: 0, others: 0 });
    expect((await runDaily(d)).retentionAnonymised).toBe(0);

    // Two years and more after the request closed and the session took place, both go.
    local.set('2028-12-15T12:00:00Z');
    expect((await call({ path: '/api/privacy/retention-preview', token: TEAM })).body).toMatchObject({
      requests: 1,
      registrations: 1,
      others: 3,
    });
    const seats = (await d.repos.sessions.get(s.body.id))!.registeredCount;
    expect((await runDaily(d)).retentionAnonymised).toBe(5);
    const r = (await d.repos.requests.get(sent.body.id))!;
    expect(r.contact.email).not.toBe(email);
    expect(r.contact.name).not.toBe('Ancien Contact');
    const regs = await d.repos.sessions.registrations(s.body.id);
    expect(regs.map((x) => x.email)).not.toContain(email);
    expect((await d.repos.sessions.get(s.body.id))!.registeredCount).toBe(seats);
    expect((await d.repos.privacy.erasures())[0]).toMatchObject({ cause: 'retention', by: 'system', records: 5 });
    expect(await d.repos.community.subscriber(email)).toBeUndefined();
    expect((await d.repos.community.proposals()).map((p) => p.email)).not.toContain(email);
    expect(await d.repos.outbox.get(message!.id)).toBeUndefined();
    // Idempotent: the next day's run finds nothing.
    local.advanceDays(1);
    expect((await runDaily(d)).retentionAnonymised).toBe(0);
    expect((await call({ path: '/api/privacy/retention-preview', token: TEAM })).body).toMatchObject({
      requests: 0,
      registrations: 0,
      others: 0,
    });
  }, 60_000);
});
