import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoEndpoint, ManualClock, testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { keys } from '#adapters/dynamodb/keys';
import { answerAsPartner } from '#usecases/answer-assignment';
import { submitLearningRequest } from '#usecases/submit-learning-request';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';

describe('years and hours at their edges, over HTTP', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  let clock: ManualClock;
  beforeAll(async () => {
    await dynamoEndpoint();
    clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    deps = await testDeps({ clock, contacts: ['zoe@example.org'] });
    api = apiClient(deps);
  }, 240_000);

  it('refuses to open a year that has not started (409, clear message); a preview answers', async () => {
    const at = new ManualClock(new Date('2027-03-31T23:00:00Z')); // 19:00 in Montreal, 31 March
    const early = apiClient(await testDeps({ clock: at }));
    const run = await early({ path: '/api/years/2027-2028/open', query: { dryRun: 'false' }, token: TEAM, body: {} });
    expect(run.status).toBe(409);
    expect(run.body).toMatchObject({ error: 'year-not-started', year: '2027-2028', startsOn: '2027-04-01' });
    expect(run.body.message).toMatch(/n'est pas commencée/);
    const en = await early({
      path: '/api/years/2027-2028/open',
      query: { dryRun: 'false' },
      token: TEAM,
      body: {},
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.message).toMatch(/has not started/);
    const preview = await early({
      path: '/api/years/2027-2028/open',
      query: { dryRun: 'true' },
      token: TEAM,
      body: {},
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ year: '2027-2028', dryRun: true, quartiers: 20 });
  });

  it('answers 404 for the balance or ledger of a quartier that does not exist', async () => {
    for (const id of ['atlantide', 'x'.repeat(5000), 'Verdun%20']) {
      expect((await api({ path: `/api/quartiers/${id}/balance`, token: TEAM })).status).toBe(404);
      expect(
        (await api({ path: `/api/quartiers/${id}/ledger`, query: { year: '2026-2027' }, token: TEAM })).status,
      ).toBe(404);
    }
    expect((await api({ path: '/api/quartiers/verdun/balance', token: TEAM })).status).toBe(200);
  });

  it('an hour log on the learning axis names its step; one entry is at most one day (1,440 minutes)', async () => {
    const base = { quartierId: 'verdun', axis: 'learning', date: '2026-11-02' };
    const noStep = await api({ path: '/api/hour-logs', token: TEAM, body: { ...base, minutes: 60 } });
    expect(noStep.status).toBe(400);
    expect(noStep.body.issues).toEqual([{ path: 'step', message: "Étape de la boucle d'apprentissage : obligatoire" }]);
    const en = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { ...base, minutes: 60 },
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.issues).toEqual([{ path: 'step', message: 'Learning-loop step: required' }]);
    const tooLong = await api({ path: '/api/hour-logs', token: TEAM, body: { ...base, minutes: 1441, step: 'plan' } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues[0].path).toBe('minutes');
    const before = (await api({ path: '/api/quartiers/verdun/balance', token: TEAM })).body.usedMinutes;
    expect(before).toBe(0);
    const day = await api({ path: '/api/hour-logs', token: TEAM, body: { ...base, minutes: 1440, step: 'plan' } });
    expect(day.status).toBe(201);
    // The additional-support axis has no learning loop.
    const additional = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { ...base, axis: 'additional', minutes: 60 },
    });
    expect(additional.body?.issues?.[0]?.path).not.toBe('step');
  });

  it('a log tied to a request: the quartier’s, accepted, dated from the day (Montreal) it was accepted', async () => {
    const submitted = await submitLearningRequest(deps, {
      quartierId: 'rosemont',
      contact: { name: 'Zoé', email: 'zoe@example.org' },
      question: 'Comment mesurer ce qui change ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
      mode: 'virtual',
      locale: 'fr',
    });
    if (submitted.kind !== 'created') throw new Error(submitted.kind);
    const requestId = submitted.response.id;
    const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
    const log = (token: string, body: Record<string, unknown>) =>
      api({
        path: '/api/hour-logs',
        token,
        body: { quartierId: 'rosemont', axis: 'learning', minutes: 60, step: 'plan', requestId, ...body },
      });
    // Not accepted yet: coordination cannot log on it either.
    expect((await log(TEAM, { date: '2026-11-20' })).body).toMatchObject({ error: 'request-not-accepted' });

    // Accepted at 22:00 in Montreal on 24 November (03:00 UTC on the 25th).
    clock.set('2026-11-25T03:00:00Z');
    expect(
      (await answerAsPartner(deps, requestId, { role: 'partner', partnerId: 'niska', sub: 'niska' }, 'accept')).kind,
    ).toBe('accepted');
    clock.set('2026-11-27T15:00:00Z');
    const early = await log(niska, { date: '2026-11-23' });
    expect(early.status).toBe(400);
    expect(early.body.issues).toEqual([
      {
        path: 'date',
        message: 'Date : Les heures ne peuvent pas être datées avant le jour où la demande a été acceptée.',
      },
    ]);
    expect((await log(TEAM, { date: '2026-11-23' })).status).toBe(400);
    expect((await log(niska, { date: '2026-11-24' })).status).toBe(201);
    // Another quartier's request is not this quartier's.
    const elsewhere = await log(TEAM, { quartierId: 'verdun', date: '2026-11-25' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.issues[0].path).toBe('requestId');
    // A partner that does not hold it is refused.
    const dynamo = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'dynamo');
    expect((await log(dynamo, { date: '2026-11-25' })).status).toBe(403);
    const ledger = await api({ path: '/api/quartiers/rosemont/ledger', query: { year: '2026-2027' }, token: TEAM });
    expect(ledger.body.filter((e: { kind: string }) => e.kind === 'consumption')).toHaveLength(1);
  });

  it('adjustments: 400 naming the year outside enrolment..current year; 409 when a total would go negative', async () => {
    const adjust = (body: Record<string, unknown>) =>
      api({
        path: '/api/ledger-adjustments',
        token: TEAM,
        body: { quartierId: 'lachine', axis: 'learning', target: 'usage', reason: 'correction', ...body },
      });
    const future = await adjust({ year: '2027-2028', minutes: 60 });
    expect(future.status).toBe(400);
    expect(future.body.issues[0].path).toBe('year');
    const beforeEnrolment = await adjust({ year: '2019-2020', minutes: 60 });
    expect(beforeEnrolment.status).toBe(400);
    expect(beforeEnrolment.body.issues[0].path).toBe('year');
    const negative = await adjust({ year: '2026-2027', minutes: -60 });
    expect(negative.status).toBe(409);
    expect(negative.body.error).toBe('negative-total');
    expect(await deps.store.get(keys.balance('lachine', 'learning', '2027-2028'))).toBeUndefined();
    expect((await adjust({ year: '2026-2027', minutes: 60 })).status).toBe(201);
  });

  it('the same Idempotency-Key with another body is 409 idempotency-key-reused', async () => {
    const body = { quartierId: 'villeray', axis: 'learning', date: '2026-11-03', minutes: 45, step: 'plan' };
    const headers = { 'idempotency-key': 'hours-villeray-1' };
    const first = await api({ path: '/api/hour-logs', token: TEAM, body, headers });
    const again = await api({ path: '/api/hour-logs', token: TEAM, body, headers });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await api({ path: '/api/hour-logs', token: TEAM, body: { ...body, minutes: 60 }, headers });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('idempotency-key-reused');
    expect((await api({ path: '/api/quartiers/villeray/balance', token: TEAM })).body.usedMinutes).toBe(45);
  });
});
