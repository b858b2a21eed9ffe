/**
 * The checks that moved from the routes into their use cases answer as the routes did: who reads a request or a
 * quartier's hours, who logs additional hours, and the answer delay the confirmation page quotes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
let deps: Deps;
let api: ReturnType<typeof apiClient>;
const partner = (id: string) => signLocalToken(deps.config.auth.localSigningKey!, 'partner', id);

beforeAll(async () => {
  deps = await testDeps({
    clock: new ManualClock(new Date('2026-11-28T15:00:00Z')),
    contacts: ['ana@example.org'],
  });
  api = apiClient(deps);
});

const ask = (headers: Record<string, string> = {}) =>
  api({
    path: '/api/learning-requests',
    headers,
    body: {
      quartierId: 'rosemont',
      contact: { name: 'Ana', email: 'ana@example.org' },
      question: 'Quels effets de nos actions ?',
      focus: 'evaluation',
      preferredPartnerId: 'yann-pezzini',
    },
  });

describe('checks made by the use cases', () => {
  it('a routed request quotes the reminder delay of the settings, on a replay too', async () => {
    const days = (await deps.settings()).routing.reminderBusinessDays;
    const first = await ask({ 'idempotency-key': 'route-checks-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'routed', answerWithinBusinessDays: days });
    const replay = await ask({ 'idempotency-key': 'route-checks-1' });
    expect(replay.body).toMatchObject({ id: first.body.id, answerWithinBusinessDays: days });
  });

  it('a request is seen by coordination and the partner holding it; an unknown one is 404 to coordination only', async () => {
    const { id } = (await ask()).body as { id: string };
    expect((await api({ path: `/api/requests/${id}`, token: TEAM })).status).toBe(200);
    expect((await api({ path: `/api/requests/${id}`, token: await partner('yann-pezzini') })).status).toBe(200);
    expect((await api({ path: `/api/requests/${id}`, token: await partner('niska') })).status).toBe(403);
    expect((await api({ path: '/api/requests/nothing-here', token: TEAM })).status).toBe(404);
    expect((await api({ path: '/api/requests/nothing-here', token: await partner('niska') })).status).toBe(403);
  });

  it('additional hours are read and logged by Dynamo alone among partners; a quartier that is none is 404', async () => {
    const log = { quartierId: 'rosemont', axis: 'additional', date: '2026-11-27', minutes: 60 };
    const niska = await partner('niska');
    const dynamo = await partner('dynamo');
    expect((await api({ path: '/api/hour-logs', body: log, token: niska })).status).toBe(403);
    // Past the partner check, the slot rule answers: the quartier holds no additional-support slot.
    const byDynamo = await api({ path: '/api/hour-logs', body: log, token: dynamo });
    expect([byDynamo.status, byDynamo.body.error]).toEqual([409, 'no-slot']);
    const balance = (token: string) =>
      api({ path: '/api/quartiers/rosemont/balance', query: { axis: 'additional' }, token });
    expect((await balance(niska)).status).toBe(403);
    expect((await balance(dynamo)).body).toMatchObject({ quartierId: 'rosemont', axis: 'additional' });
    expect((await api({ path: '/api/quartiers/nowhere/balance', token: TEAM })).status).toBe(404);
  });
});
