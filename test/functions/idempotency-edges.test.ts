/**
 * Idempotency-Key at its edges: every route that advertises the header honours it (a replay answers the same and
 * writes nothing; the key with another request is 409), the OpenAPI document advertises it exactly there, and a
 * key longer than 200 characters is a 400 naming the header on every route.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDeps, ManualClock, uniq, tableItems } from '../support/harness.ts';
import { apiClient, type Call } from '../support/api.ts';
import { createSession } from '#usecases/create-session';
import { register } from '#usecases/register-to-session';
import { proposeTopic } from '#usecases/propose-topic';
import { listQuartiers } from '#usecases/quartiers';
import { operationId, requestFingerprint, IDEMPOTENCY_LEASE_MS } from '#usecases/idempotency';
import { TopicProposalSchema } from '#shared/schemas';
import { isLimitCounter, keys } from '#adapters/dynamodb/keys';
import type { Deps } from '#shared/ports';
import { signLocalToken } from '#shared/auth';

const TEAM = 'test-coordination-token';
let deps: Deps;
let clock: ManualClock;
let api: ReturnType<typeof apiClient>;

/** Every item of the table except idempotency records and abuse-limit counters: what a request created or changed. */
async function everything() {
  const items = await tableItems(deps);
  return items
    .filter((i) => !String(i.pk).startsWith('IDEMPOTENCY#') && !isLimitCounter(i))
    .map((i) => JSON.stringify(i))
    .sort();
}

async function failedMessage() {
  const msg = deps.repos.outbox.enqueue(
    { template: 'subscription-confirm', to: [`f-${uniq()}@example.org`], data: { confirmUrl: 'https://x' } },
    clock.now(),
  );
  if (!('put' in msg)) throw new Error('outbox');
  await deps.store.put({ ...msg.put, status: 'failed', ...keys.outboxIndex('failed', clock.now().toISOString()) });
  return msg.put.id as string;
}

type Sample = { call: () => Promise<Call>; other: () => Promise<Call> };
let sessionWithRegistrant: string;
let openSession: string;
let freeQuartiers: string[];
let heldRequest: string;

/** One real request per route that advertises the header, and another request under the same key. */
const samples: Record<string, Sample> = {
  'POST /api/quartiers': (() => {
    const id = `q-${uniq()}`;
    const body = { id, name: 'Quartier témoin', advisor: { name: 'Conseil', email: 'c@example.org' } };
    return {
      call: async () => ({ path: '/api/quartiers', token: TEAM, body }),
      other: async () => ({ path: '/api/quartiers', token: TEAM, body: { ...body, name: 'Autre nom' } }),
    };
  })(),
  'POST /api/quartiers/{id}/contacts': (() => {
    const body = { name: 'Léa', email: `lea-${uniq()}@example.org` };
    return {
      call: async () => ({ path: '/api/quartiers/verdun/contacts', token: TEAM, body }),
      other: async () => ({ path: '/api/quartiers/verdun/contacts', token: TEAM, body: { ...body, name: 'Léa T.' } }),
    };
  })(),
  'POST /api/sessions': (() => {
    const body = { activityId: 'formation-impact-collectif', date: '2027-05-05', duration: 'full-day', capacity: 10 };
    return {
      call: async () => ({ path: '/api/sessions', token: TEAM, body }),
      other: async () => ({ path: '/api/sessions', token: TEAM, body: { ...body, capacity: 11 } }),
    };
  })(),
  'POST /api/sessions/{sessionId}/registrations': (() => {
    const body = { name: 'Zoé', email: `zoe-${uniq()}@example.org` };
    return {
      call: async () => ({ path: `/api/sessions/${openSession}/registrations`, body }),
      other: async () => ({ path: `/api/sessions/${openSession}/registrations`, body: { ...body, name: 'Zoé T.' } }),
    };
  })(),
  'POST /api/topic-proposals': (() => {
    const body = { name: 'Zoé', email: 'zoe@example.org', topic: 'Mobilisation citoyenne' };
    return {
      call: async () => ({ path: '/api/topic-proposals', body }),
      other: async () => ({ path: '/api/topic-proposals', body: { ...body, topic: 'Autre sujet' } }),
    };
  })(),
  'POST /api/mailing-list/subscriptions': (() => {
    const body = { email: `sub-${uniq()}@example.org`, consent: true };
    return {
      call: async () => ({ path: '/api/mailing-list/subscriptions', body }),
      other: async () => ({ path: '/api/mailing-list/subscriptions', body: { ...body, locale: 'en' } }),
    };
  })(),
  'POST /api/bulk-messages': (() => {
    const body = () => ({
      audience: 'session-registrants',
      sessionId: sessionWithRegistrant,
      subject: 'Rappel',
      body: 'Bonjour',
    });
    return {
      call: async () => ({ path: '/api/bulk-messages', token: TEAM, body: body() }),
      other: async () => ({ path: '/api/bulk-messages', token: TEAM, body: { ...body(), subject: 'Autre' } }),
    };
  })(),
  'POST /api/notifications/{id}/retry': (() => {
    let id: string | undefined;
    return {
      call: async () => {
        id ??= await failedMessage();
        return { method: 'POST', path: `/api/notifications/${id}/retry`, token: TEAM };
      },
      other: async () => ({ method: 'POST', path: `/api/notifications/${await failedMessage()}/retry`, token: TEAM }),
    };
  })(),
  'POST /api/hour-logs': (() => {
    const body = { quartierId: 'verdun', axis: 'learning', date: '2026-11-20', minutes: 60, step: 'plan' };
    return {
      call: async () => ({ path: '/api/hour-logs', token: TEAM, body }),
      other: async () => ({ path: '/api/hour-logs', token: TEAM, body: { ...body, minutes: 90 } }),
    };
  })(),
  'POST /api/ledger-adjustments': (() => {
    const body = {
      quartierId: 'verdun',
      axis: 'learning',
      year: '2026-2027',
      target: 'allocation',
      minutes: 60,
      reason: 'Heures ajoutées par le comité',
    };
    return {
      call: async () => ({ path: '/api/ledger-adjustments', token: TEAM, body }),
      other: async () => ({ path: '/api/ledger-adjustments', token: TEAM, body: { ...body, minutes: 30 } }),
    };
  })(),
  'POST /api/learning-requests': (() => {
    const body = {
      quartierId: 'verdun',
      contact: { name: 'Zoé Tremblay', email: 'zoe@example.org' },
      question: 'Comment savoir si notre plan de quartier change quelque chose ?',
      focus: 'evaluation',
    };
    return {
      call: async () => ({ path: '/api/learning-requests', body }),
      other: async () => ({ path: '/api/learning-requests', body: { ...body, question: 'Une autre question ?' } }),
    };
  })(),
  'POST /api/learning-requests/{id}/journal': (() => {
    const body = { kind: 'intent', text: 'Si cela réussit, la table suivra ses effets.' };
    const path = () => `/api/learning-requests/${heldRequest}/journal`;
    return {
      call: async () => ({ path: path(), token: TEAM, body }),
      other: async () => ({ path: path(), token: TEAM, body: { ...body, text: 'Une autre intention.' } }),
    };
  })(),
  'POST /api/learning-requests/{id}/outcomes': (() => {
    const body = {
      actor: 'La table de quartier',
      change: 'Elle suit trois indicateurs partagés.',
      contribution: "L'accompagnement a aidé à les choisir.",
      shared: false,
    };
    const path = () => `/api/learning-requests/${heldRequest}/outcomes`;
    return {
      call: async () => ({ path: path(), token: TEAM, body }),
      other: async () => ({ path: path(), token: TEAM, body: { ...body, actor: 'Le comité' } }),
    };
  })(),
  'POST /api/additional-support-requests': (() => {
    const body = () => ({
      quartierId: freeQuartiers[0],
      contact: { name: 'Personne-ressource', email: 'contact@example.org' },
      topic: 'Codesign de notre stratégie de changement',
      advisor: { name: 'Conseil PIC', email: 'advisor@example.org' },
      advisorConsulted: true,
    });
    return {
      call: async () => ({ path: '/api/additional-support-requests', body: body() }),
      other: async () => ({ path: '/api/additional-support-requests', body: { ...body(), topic: 'Un autre sujet' } }),
    };
  })(),
};

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
  deps = await testDeps({ clock, contacts: ['zoe@example.org', 'contact@example.org'] });
  api = apiClient(deps);
  const made = async (capacity: number) => {
    const s = await createSession(deps, {
      activityId: 'festival-impact-collectif',
      date: '2027-04-14',
      duration: 'full-day',
      capacity,
    });
    if (s.kind !== 'created') throw new Error(s.kind);
    return s.session.id;
  };
  openSession = await made(50);
  sessionWithRegistrant = await made(5);
  await register(deps, sessionWithRegistrant, { name: 'Léa', email: `lea-${uniq()}@example.org`, locale: 'fr' });
  freeQuartiers = (await listQuartiers(deps)).map((q) => q.id).filter((id) => id !== 'verdun');
  // A learning request its partner has accepted: its journal and outcomes are open.
  const held = await api({
    path: '/api/learning-requests',
    body: {
      quartierId: 'rosemont',
      contact: { name: 'Contact', email: 'contact@example.org' },
      question: 'Comment mesurer nos effets ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
      estimatedMinutes: 600,
    },
  });
  heldRequest = held.body.id;
  const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  expect((await api({ path: `/api/learning-requests/${heldRequest}/accept`, token: niska, body: {} })).status).toBe(
    200,
  );
});

const withKey = (c: Call, key: string, extra: Record<string, string> = {}): Call => ({
  ...c,
  headers: { ...c.headers, 'idempotency-key': key, ...extra },
});

describe('Idempotency-Key', () => {
  it('is advertised in the OpenAPI document exactly on the routes that honour it', async () => {
    const doc = (await api({ path: '/api/openapi.json' })).body;
    const advertised = Object.entries(doc.paths as Record<string, Record<string, { parameters: { name: string }[] }>>)
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.parameters.some((p) => p.name === 'Idempotency-Key'))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(advertised).toEqual(Object.keys(samples).sort());
    expect(doc.paths['/api/sessions/{sessionId}/registrations/{id}/cancel'].post.parameters).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    );
  });

  for (const [route, sample] of Object.entries(samples)) {
    it(`${route}: a replay answers the same and writes nothing; the key with another request is 409`, async () => {
      const key = `k-${uniq()}`;
      const other = await sample.other();
      const first = await api(withKey(await sample.call(), key));
      expect(first.status, JSON.stringify(first.body)).toBeGreaterThanOrEqual(200);
      expect(first.status).toBeLessThan(300);
      const after = await everything();

      const replay = await api(withKey(await sample.call(), key));
      expect({ status: replay.status, body: replay.body }).toEqual({ status: first.status, body: first.body });
      const reused = await api(withKey(other, key, { 'accept-language': 'en' }));
      expect(reused.status).toBe(409);
      expect(reused.body).toEqual({
        error: 'idempotency-key-reused',
        message: 'This idempotency key was already used for another request.',
      });
      const tooLong = await api(withKey(other, 'k'.repeat(201)));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.issues[0].path).toBe('Idempotency-Key');
      expect(await everything()).toEqual(after);
    });
  }

  it('a key over 200 characters is a 400 naming the header on every route, in the caller’s language', async () => {
    const long = { 'idempotency-key': 'x'.repeat(201) };
    const calls: Call[] = [
      { path: '/api/health', headers: long },
      { path: '/api/hour-logs', token: TEAM, body: { quartierId: 'verdun' }, headers: long },
      { path: '/api/quartiers/verdun/balance', token: TEAM, headers: long },
      { path: '/api/mailing-list/confirm', body: {}, headers: long },
    ];
    for (const c of calls) {
      const res = await api(c);
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        {
          path: 'Idempotency-Key',
          message: "Clé d'idempotence (en-tête Idempotency-Key) : au plus 200 caractères ASCII imprimables",
        },
      ]);
    }
    const en = await api({ path: '/api/health', headers: { ...long, 'accept-language': 'en' } });
    expect(en.body.issues[0].message).toBe(
      'Idempotency key (Idempotency-Key header): at most 200 printable ASCII characters',
    );
    const control = await api({ path: '/api/health', headers: { 'idempotency-key': 'a\u0001b' } });
    expect(control.status).toBe(400);
    expect((await api({ path: '/api/health', headers: { 'idempotency-key': 'x'.repeat(200) } })).status).toBe(200);
  });

  it('the same key sent many times at once creates one thing; each answer is the first or "in progress"', async () => {
    const key = `k-${uniq()}`;
    const body = { name: 'Zoé', email: 'zoe@example.org', topic: `Sujet ${key}` };
    const before = (await deps.store.query(keys.proposalsList())).length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api({ path: '/api/topic-proposals', body, headers: { 'idempotency-key': key } })),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of created) expect(a.body).toEqual(created[0].body);
    for (const a of answers.filter((x) => x.status !== 201))
      expect(a).toMatchObject({ status: 409, body: { error: 'idempotency-in-progress' } });
    expect((await deps.store.query(keys.proposalsList())).length).toBe(before + 1);
    const later = await api({ path: '/api/topic-proposals', body, headers: { 'idempotency-key': key } });
    expect(later).toMatchObject({ status: 201, body: created[0].body });
  });

  it('a run that died after creating: the replay waits for the lease, then runs again and creates nothing twice', async () => {
    const key = `k-${uniq()}`;
    const body = { name: 'Zoé', email: 'zoe@example.org', topic: `Après panne ${key}` };
    const scope = 'POST /api/topic-proposals';
    // The first run claimed the key and created the proposal (and its email), then died before storing its answer.
    await deps.store.put({
      ...keys.idempotency(scope, key),
      state: 'in-progress',
      fingerprint: requestFingerprint(null, '/api/topic-proposals', TopicProposalSchema.parse(body)),
      claimId: 'dead',
      leaseUntil: new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS).toISOString(),
    });
    const first = await proposeTopic(deps, TopicProposalSchema.parse(body), operationId(scope, key));
    const after = await everything();

    const during = await api({ path: '/api/topic-proposals', body, headers: { 'idempotency-key': key } });
    expect(during).toMatchObject({ status: 409, body: { error: 'idempotency-in-progress' } });
    clock.set(new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS + 1000).toISOString());
    const retried = await api({ path: '/api/topic-proposals', body, headers: { 'idempotency-key': key } });
    expect(first.kind).toBe('proposed');
    expect(retried).toMatchObject({ status: 201, body: { id: 'id' in first ? first.id : undefined } });
    expect(await everything()).toEqual(after);
    clock.set('2026-11-27T15:00:00Z');
  });

  it('a refused request releases its key: the same key works once the cause is fixed', async () => {
    const key = `k-${uniq()}`;
    const body = { activityId: 'atelier-inexistant', date: '2027-05-06', duration: 'full-day' };
    const refused = await api({ path: '/api/sessions', token: TEAM, body, headers: { 'idempotency-key': key } });
    expect(refused.status).toBe(404);
    const fixed = await api({
      path: '/api/sessions',
      token: TEAM,
      body: { ...body, activityId: 'formation-impact-collectif' },
      headers: { 'idempotency-key': key },
    });
    expect(fixed.status).toBe(201);
  });
});
