/** Who has access: /api/staff against the local staff directory (the table), as the access page uses it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { routes } from '#functions/api/handler';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
const answerSchema = (method: string, path: string) =>
  routes.find((r) => r.method === method && r.path === path)!.response!();

describe('/api/staff on this machine', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  let partner: string;
  beforeAll(async () => {
    deps = await testDeps({ seed: false, clock: new ManualClock(new Date('2027-01-15T14:00:00Z')) });
    api = apiClient(deps);
    partner = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  });

  it('is for coordination only', async () => {
    const calls = [
      { path: '/api/staff' },
      { path: '/api/staff', body: { email: 'x@example.org', role: 'coordination' } },
      { path: '/api/staff/x%40example.org', method: 'DELETE' },
    ];
    for (const c of calls) {
      expect((await api(c)).status).toBe(401);
      expect((await api({ ...c, token: partner })).status).toBe(403);
    }
    expect((await api({ path: '/api/staff', token: TEAM })).body).toEqual([]);
  });

  it('invites a partner and a coordinator, and lists who has access', async () => {
    const niska = await api({
      path: '/api/staff',
      token: TEAM,
      body: { email: 'Marie.Niska@Example.org', role: 'partner', partnerId: 'niska', name: 'Marie Gagnon' },
    });
    expect(niska.status).toBe(201);
    expect(niska.body).toEqual({
      email: 'marie.niska@example.org',
      role: 'partner',
      partnerId: 'niska',
      name: 'Marie Gagnon',
      status: 'invited',
      createdAt: '2027-01-15T14:00:00.000Z',
    });
    expect(answerSchema('POST', '/api/staff').parse(niska.body)).toEqual(niska.body);
    const team = await api({
      path: '/api/staff',
      token: TEAM,
      body: { email: 'equipe@centraide-mtl.org', role: 'coordination', locale: 'en' },
    });
    expect(team.status).toBe(201);

    const list = await api({ path: '/api/staff', token: TEAM });
    expect(list.status).toBe(200);
    expect(answerSchema('GET', '/api/staff').parse(list.body)).toEqual(list.body);
    expect(list.body.map((a: { email: string; role: string; status: string }) => [a.email, a.role, a.status])).toEqual([
      ['equipe@centraide-mtl.org', 'coordination', 'invited'],
      ['marie.niska@example.org', 'partner', 'invited'],
    ]);
  });

  it('refuses a second invitation to the same address, whatever its case', async () => {
    const again = await api({
      path: '/api/staff',
      token: TEAM,
      body: { email: 'MARIE.niska@example.org', role: 'partner', partnerId: 'dynamo' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: 'staff-already-exists',
      message: 'Un compte existe déjà pour cette adresse.',
    });
  });

  it('names the field of a bad invitation, in the caller’s language, and writes nothing', async () => {
    const before = (await api({ path: '/api/staff', token: TEAM })).body;
    const unknown = await api({
      path: '/api/staff',
      token: TEAM,
      body: { email: 'a@example.org', role: 'partner', partnerId: 'atlantide' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'partnerId', message: expect.stringMatching(/^Partenaire : /) }]);
    const missing = await api({
      path: '/api/staff',
      token: TEAM,
      headers: { 'accept-language': 'en' },
      body: { email: 'a@example.org', role: 'partner' },
    });
    expect(missing.body.issues).toEqual([{ path: 'partnerId', message: 'Partner: required' }]);
    const both = await api({
      path: '/api/staff',
      token: TEAM,
      body: { email: 'a@example.org', role: 'coordination', partnerId: 'niska' },
    });
    expect(both.body.issues).toEqual([
      { path: 'partnerId', message: "Partenaire : l'équipe de coordination ne se rattache à aucun partenaire" },
    ]);
    const email = await api({
      path: '/api/staff',
      token: TEAM,
      body: { email: 'pas-un-courriel', role: 'coordination' },
    });
    expect(email.body.issues[0].path).toBe('email');
    expect((await api({ path: '/api/staff', token: TEAM })).body).toEqual(before);
  });

  it('revokes access: the account stays listed, disabled and in no role', async () => {
    const revoked = await api({ path: '/api/staff/Marie.Niska%40example.org', method: 'DELETE', token: TEAM });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ email: 'marie.niska@example.org', status: 'disabled' });
    expect(answerSchema('DELETE', '/api/staff/{email}').parse(revoked.body)).toEqual(revoked.body);
    const list = (await api({ path: '/api/staff', token: TEAM })).body;
    expect(list.find((a: { email: string }) => a.email === 'marie.niska@example.org')).toEqual({
      email: 'marie.niska@example.org',
      role: null,
      name: 'Marie Gagnon',
      status: 'disabled',
      createdAt: '2027-01-15T14:00:00.000Z',
    });
    const nobody = await api({ path: '/api/staff/personne%40example.org', method: 'DELETE', token: TEAM });
    expect(nobody.status).toBe(404);
  });
});
