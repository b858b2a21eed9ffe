/** A partner reads the ledger entries it logged on a quartier it serves (the hours screen lists them), no others. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
let deps: Deps;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  deps = await testDeps({ clock: new ManualClock(new Date('2026-11-28T01:30:00Z')), contacts: ['ana@example.org'] });
  api = apiClient(deps);
});

describe('GET /api/quartiers/{id}/ledger for a partner', () => {
  it("lists the partner's own entries on a quartier it serves, and refuses a partner that does not serve it", async () => {
    const yann = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'yann-pezzini');
    const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
    const created = await api({
      path: '/api/learning-requests',
      body: {
        quartierId: 'rosemont',
        contact: { name: 'Ana', email: 'ana@example.org' },
        question: 'Quels effets de nos actions ?',
        focus: 'evaluation',
        preferredPartnerId: 'yann-pezzini',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await api({ path: `/api/learning-requests/${id}/accept`, body: {}, token: yann })).status).toBe(200);
    const year = (await api({ path: `/api/requests/${id}`, token: yann })).body.year as string;
    const entry = { quartierId: 'rosemont', axis: 'learning', date: '2026-11-27', step: 'plan' };
    expect(
      (await api({ path: '/api/hour-logs', body: { ...entry, minutes: 90, requestId: id }, token: yann })).status,
    ).toBe(201);
    expect((await api({ path: '/api/hour-logs', body: { ...entry, minutes: 30 }, token: TEAM })).status).toBe(201);

    const mine = await api({ path: '/api/quartiers/rosemont/ledger', query: { year }, token: yann });
    expect(mine.status).toBe(200);
    expect(mine.body.map((e: { minutes: number; requestId?: string }) => [e.minutes, e.requestId])).toEqual([[90, id]]);
    const all = await api({ path: '/api/quartiers/rosemont/ledger', query: { year }, token: TEAM });
    expect(all.body.filter((e: { kind: string }) => e.kind === 'consumption').length).toBe(2);
    expect((await api({ path: '/api/quartiers/rosemont/ledger', query: { year }, token: niska })).status).toBe(403);
  });
});
