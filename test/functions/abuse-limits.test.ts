/**
 * The public routes are reached from printed QR codes, without an account: a few emails of one kind per address and
 * hour, a per-client rate on public POSTs, and bodies taken only as declared JSON. Through the real API handler,
 * against DynamoDB Local.
 */
import { withStore } from '#shared/wiring';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, quartierWithContact, testDeps, uniq } from '../support/harness.ts';
import { apiClient, apiEvent, type Call } from '../support/api.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { keys } from '#adapters/dynamodb/keys';
import { clientKey, MAIL_QUOTA_PER_HOUR, networkOf } from '#usecases/abuse-limits';
import { createSession } from '#usecases/create-session';
import { message } from '#shared/i18n';
import type { Deps } from '#shared/ports';
import { changedKeys, tableFingerprint } from '../../bench/drills.ts';

const TEAM = 'test-coordination-token';
const subscription = (email: string) => ({ path: '/api/mailing-list/subscriptions', body: { email, consent: true } });
const learning = () => ({
  quartierId: 'verdun',
  contact: { name: 'Zoé Tremblay', email: `zoe-${uniq()}@example.org` },
  question: 'Comment savoir si notre plan de quartier change quelque chose ?',
  focus: 'evaluation',
});

async function outboxTo(deps: Deps, email: string) {
  const pending = await deps.store.query<{ to: string[]; template: string }>(keys.outboxByStatus('pending'));
  return pending.filter((m) => m.to.includes(email));
}

describe('emails of one kind to one address, per hour', () => {
  let deps: Deps;
  let clock: ManualClock;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-27T15:10:00Z'));
    deps = await testDeps({ clock });
    api = apiClient(deps);
  });

  const newSession = async (date: string) => {
    const out = await createSession(deps, {
      activityId: 'echanges-de-pratiques',
      date,
      startTime: '09:00',
      duration: 'full-day',
      place: 'Centraide, Montréal',
    });
    if (out.kind !== 'created') throw new Error(out.kind);
    return out.session.id;
  };

  it('refuses a 4th subscription confirmation in the hour (429, French and English), writing nothing', async () => {
    const email = `sub-${uniq()}@example.org`;
    // The same address however it is written.
    for (const written of [email, email.toUpperCase(), email])
      expect((await api(subscription(written))).status).toBe(202);
    expect(await outboxTo(deps, email)).toHaveLength(MAIL_QUOTA_PER_HOUR);

    const before = await tableFingerprint(deps);
    const fr = await api(subscription(email));
    expect(fr.status).toBe(429);
    expect(fr.body).toEqual({ error: 'too-many-emails', message: message('too-many-emails', 'fr') });
    expect(fr.body.message).toMatch(/courriels/);
    const en = await api({ ...subscription(email), headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(429);
    expect(en.body.message).toBe(message('too-many-emails', 'en'));
    expect(en.body.message).toMatch(/emails/);
    expect(changedKeys(before, await tableFingerprint(deps))).toEqual([]);
    expect(await outboxTo(deps, email)).toHaveLength(MAIL_QUOTA_PER_HOUR);
    // The refused attempts did not count: the counter stops at the quota.
    const counter = await deps.store.get<{ count: number; ttl: number }>(
      keys.mailQuota('subscription-confirm', email, '2026-11-27T15'),
    );
    expect(counter?.count).toBe(MAIL_QUOTA_PER_HOUR);
    expect(counter?.ttl).toBe(Date.parse('2026-11-27T17:00:00Z') / 1000);

    // Another address is served; the next hour, this one too.
    expect((await api(subscription(`other-${uniq()}@example.org`))).status).toBe(202);
    clock.set('2026-11-27T16:00:00Z');
    expect((await api(subscription(email))).status).toBe(202);
    clock.set('2026-11-27T15:10:00Z');
  });

  it('never refuses one person registering to four different sessions and subscribing in the same hour', async () => {
    const email = `reg-${uniq()}@example.org`;
    const sessions = await Promise.all(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04'].map(newSession));
    for (const id of sessions) {
      const res = await api({ path: `/api/sessions/${id}/registrations`, body: { name: 'Zoé', email } });
      expect(res.status, id).toBe(201);
    }
    expect((await api(subscription(email))).status).toBe(202);
    expect(await outboxTo(deps, email)).toHaveLength(5);
  });

  it('counts registering again after cancelling: a 4th confirmation of one session is refused', async () => {
    const email = `again-${uniq()}@example.org`;
    const id = await newSession('2027-03-10');
    const register = () => api({ path: `/api/sessions/${id}/registrations`, body: { name: 'Zoé', email } });
    for (let i = 0; i < MAIL_QUOTA_PER_HOUR; i++) {
      const reg = await register();
      expect(reg.status).toBe(201);
      const cancel = { path: `/api/sessions/${id}/registrations/${reg.body.id}/cancel`, token: TEAM, body: {} };
      expect((await api(cancel)).status).toBe(200);
    }
    const before = await tableFingerprint(deps);
    const refused = await register();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('too-many-emails');
    expect(changedKeys(before, await tableFingerprint(deps))).toEqual([]);
  });
});

describe('public POSTs per client address', () => {
  let deps: Deps;
  let clock: ManualClock;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    deps = await testDeps({ clock, env: { PIC_PUBLIC_POSTS_PER_MINUTE: '3', PIC_PUBLIC_POSTS_PER_HOUR: '5' } });
    api = apiClient(deps);
  });
  const post = (sourceIp: string, extra: Partial<Call> = {}) => ({
    ...subscription(`c-${uniq()}@example.org`),
    sourceIp,
    ...extra,
  });

  it('answers 429 with Retry-After past the minute limit, by address: X-Forwarded-For changes nothing', async () => {
    clock.set('2026-11-27T15:00:20Z');
    for (let i = 0; i < 3; i++) expect((await api(post('203.0.113.7'))).status).toBe(202);
    const fr = await api(post('203.0.113.7'));
    expect(fr.status).toBe(429);
    expect(fr.body).toEqual({ error: 'too-many-requests', message: message('too-many-requests', 'fr') });
    expect(fr.headers['retry-after']).toBe('40');
    // A forged header naming another client is still this client.
    const forged = await api(
      post('203.0.113.7', { headers: { 'x-forwarded-for': '198.51.100.9', 'accept-language': 'en' } }),
    );
    expect(forged.status).toBe(429);
    expect(forged.body.message).toBe(message('too-many-requests', 'en'));
    // Another client is served, whatever address its header names.
    expect((await api(post('203.0.113.8', { headers: { 'x-forwarded-for': '203.0.113.7' } }))).status).toBe(202);
    // Reading is not limited, nor is staff work.
    expect((await api({ path: '/api/activities', sourceIp: '203.0.113.7' })).status).toBe(200);
    const staff = await api({
      path: '/api/sessions',
      token: TEAM,
      sourceIp: '203.0.113.7',
      body: { activityId: 'echanges-de-pratiques', date: '2027-06-01', duration: 'full-day' },
    });
    expect(staff.status).toBe(201);
  });

  it('refuses past the hour limit while the minutes turn, until the next hour', async () => {
    const ip = '192.0.2.44';
    clock.set('2026-11-27T15:10:00Z');
    for (let i = 0; i < 3; i++) expect((await api(post(ip))).status).toBe(202);
    clock.set('2026-11-27T15:11:00Z');
    for (let i = 0; i < 2; i++) expect((await api(post(ip))).status).toBe(202);
    const refused = await api(post(ip));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(49 * 60));
    clock.set('2026-11-27T16:00:00Z');
    expect((await api(post(ip))).status).toBe(202);
  });

  it('counts every request of the window, refused by validation or not, and stores no address', async () => {
    const ip = '192.0.2.45';
    clock.set('2026-11-27T17:00:00Z');
    const invalid = { path: '/api/mailing-list/subscriptions', body: { email: 'pas-un-courriel' }, sourceIp: ip };
    for (let i = 0; i < 3; i++) expect((await api(invalid)).status).toBe(400);
    expect((await api(post(ip))).status).toBe(429);
    const counters = [...(await tableFingerprint(deps, { withCounters: true })).values()].filter((v) =>
      v.includes('LIMIT#CLIENT#'),
    );
    expect(counters.length).toBeGreaterThan(0);
    for (const v of counters) expect(v).not.toMatch(/192\.0\.2|203\.0\.113/);
  });

  it('counts events without a source address under one client, and an IPv6 client by its /64', async () => {
    clock.set('2026-11-27T18:00:00Z');
    const handler = makeApiHandler(routes, async () => deps);
    const bare = () => {
      const e = apiEvent(post('x'));
      delete (e.requestContext.http as { sourceIp?: string }).sourceIp;
      return handler(e, { awsRequestId: 'test' });
    };
    for (let i = 0; i < 3; i++) expect((await bare()).statusCode).toBe(202);
    expect((await bare()).statusCode).toBe(429);

    for (let i = 1; i <= 3; i++) expect((await api(post(`2001:db8:1:2::${i}`))).status).toBe(202);
    expect((await api(post('2001:0db8:0001:0002:ffff::9'))).status).toBe(429);
    expect((await api(post('2001:db8:1:3::1'))).status).toBe(202);
    expect(networkOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(networkOf('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('secret', undefined)).toBe(clientKey('secret', undefined));
    expect(clientKey('secret', '192.0.2.1')).not.toBe(clientKey('other', '192.0.2.1'));
  });

  it('lets a request through when its counter cannot be updated (no outage from the limit)', async () => {
    clock.set('2026-11-27T19:00:00Z');
    const failing = Object.create(deps.store, {
      update: {
        value: async () => {
          throw new Error('lock held too long');
        },
      },
    });
    const through = apiClient(withStore(deps, failing));
    for (let i = 0; i < 5; i++) expect((await through(post('192.0.2.46'))).status).toBe(202);
  });
});

describe('an additional-support claim counts its client in its own transaction', () => {
  let deps: Deps;
  let clock: ManualClock;
  let api: ReturnType<typeof apiClient>;
  const quartiers = Array.from({ length: 5 }, (_, i) => `claims-${i}-${uniq()}`);
  beforeAll(async () => {
    clock = new ManualClock(new Date('2027-06-01T20:00:00Z'));
    deps = await testDeps({ clock, env: { PIC_PUBLIC_POSTS_PER_MINUTE: '3', PIC_PUBLIC_POSTS_PER_HOUR: '5' } });
    api = apiClient(deps);
    for (const id of quartiers) await quartierWithContact(deps, id);
  });
  const claim = (quartierId: string, sourceIp: string) => ({
    path: '/api/additional-support-requests',
    sourceIp,
    body: {
      quartierId,
      contact: { name: 'Personne-ressource', email: `contact-${quartierId}@example.org` },
      topic: 'Codesign de notre stratégie de changement',
      advisor: { name: 'Conseil', email: 'advisor@example.org' },
      advisorConsulted: true,
    },
  });
  const countOf = async (ip: string, hour: string) =>
    deps.store.get<Record<string, number>>(keys.clientWindow(clientKey(deps.config.linkSecret, ip), hour));

  it('the same limits as every public POST, each post counted once, nothing stored past them', async () => {
    const ip = '198.51.100.20';
    const [a, b, c] = quartiers;
    expect((await api(claim(a, ip))).status).toBe(201);
    // Refused by the claim's own rules: counted apart, once.
    expect((await api(claim(a, ip))).status).toBe(409);
    expect((await api(claim('nulle-part', ip))).status).toBe(400);
    const over = await api(claim(b, ip));
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('60');
    expect(await claimOf(deps, b)).toBeUndefined();
    clock.set('2027-06-01T20:01:00Z');
    expect((await api(claim(b, ip))).status).toBe(201);
    const hourOver = await api(claim(c, ip));
    expect(hourOver.status).toBe(429);
    expect(hourOver.headers['retry-after']).toBe(String(59 * 60));
    expect(await claimOf(deps, c)).toBeUndefined();
    expect(await countOf(ip, '2027-06-01T20')).toMatchObject({ count: 6, m00: 4, m01: 2 });
  });

  it('stores the claim when its count could not be written with it, and counts the post apart', async () => {
    clock.set('2027-06-01T21:00:00Z');
    const ip = '198.51.100.21';
    let conflicts = 0;
    const busy: Deps = {
      ...deps,
      tx: {
        // The client's counter too busy to take part (a conflict outlasting the store's retries), once.
        commit: async (writes) =>
          writes.some((w) => w.name === 'client-post') && conflicts++ === 0
            ? { ok: false, reasons: writes.map(() => null), refused: { 'client-post': 'conflict' }, current: {} }
            : deps.tx.commit(writes),
      },
    };
    const res = await apiClient(busy)(claim(quartiers[3], ip));
    expect(res.status).toBe(201);
    expect(conflicts).toBe(1);
    expect(await claimOf(deps, quartiers[3])).toBeDefined();
    expect(await countOf(ip, '2027-06-01T21')).toMatchObject({ count: 1, m00: 1 });
  });
});

async function claimOf(deps: Deps, quartierId: string) {
  return deps.store.get(keys.supportClaim('2027-2028', quartierId));
}

describe('JSON routes take only declared JSON', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    deps = await testDeps();
    api = apiClient(deps);
  });

  it('answers 415 to a body sent as a form, as text or without a Content-Type, and writes nothing', async () => {
    const before = await tableFingerprint(deps);
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json-foo',
      'application/jsonx',
      undefined,
    ]) {
      for (const locale of ['fr', 'en'] as const) {
        const res = await api({
          path: '/api/learning-requests',
          rawBody: JSON.stringify(learning()),
          headers: { 'content-type': type, 'accept-language': locale },
        });
        expect(res.status, String(type)).toBe(415);
        expect(res.body).toEqual({
          error: 'unsupported-media-type',
          message: message('unsupported-media-type', locale),
        });
      }
    }
    // Also without any body at all.
    expect(
      (await api({ path: '/api/learning-requests', method: 'POST', headers: { 'content-type': undefined } })).status,
    ).toBe(415);
    expect(changedKeys(before, await tableFingerprint(deps))).toEqual([]);
  });

  it('takes application/json whatever its case and parameters', async () => {
    const res = await api({
      path: '/api/learning-requests',
      body: learning(),
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    expect(res.status).toBe(201);
    const upper = await api({
      ...subscription(`json-${uniq()}@example.org`),
      headers: { 'content-type': 'Application/JSON ;charset=utf-8' },
    });
    expect(upper.status).toBe(202);
  });
});
