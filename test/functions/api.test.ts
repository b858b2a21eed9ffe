import { beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { keys } from '#adapters/dynamodb/keys';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
const learning = {
  quartierId: 'verdun',
  contact: { name: 'Zoé Tremblay', email: 'zoe@example.org' },
  question: 'Comment savoir si notre plan de quartier change quelque chose ?',
  focus: 'evaluation',
};

describe('the HTTP contract', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    deps = await testDeps({ contacts: ['zoe@example.org'] });
    api = apiClient(deps);
  });

  it('answers health, quartiers and partners', async () => {
    expect((await api({ path: '/api/health' })).body).toEqual({ ok: true });
    const quartiers = (await api({ path: '/api/quartiers' })).body;
    expect(quartiers).toHaveLength(20);
    expect(quartiers[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
    const partners = (await api({ path: '/api/partners', headers: { 'accept-language': 'en' } })).body;
    expect(partners.map((p: { id: string }) => p.id).sort()).toEqual(['dynamo', 'niska', 'yann-pezzini']);
    expect(partners.find((p: { id: string }) => p.id === 'niska').description).toMatch(/cooperative/);
  });

  it('names the field in French by default, in English on request, and writes nothing', async () => {
    const before = await deps.store.query(keys.requestsOfKindAndStatus('learning', 'routed'));
    const fr = await api({
      path: '/api/learning-requests',
      body: { ...learning, contact: { name: 'Zoé', email: 'pas-un-courriel' } },
    });
    expect(fr.status).toBe(400);
    expect(fr.body.error).toBe('validation');
    expect(fr.body.issues).toEqual([
      {
        path: 'contact.email',
        message: 'Courriel de la personne-ressource : entrez une adresse courriel au format nom@exemple.org',
      },
    ]);
    const en = await api({
      path: '/api/learning-requests',
      body: { ...learning, focus: 'astrology' },
      headers: { 'accept-language': 'en-CA,en;q=0.8' },
    });
    expect(en.body.issues[0]).toEqual({ path: 'focus', message: 'Focus: choose one of the options' });
    const unknown = await api({ path: '/api/learning-requests', body: { ...learning, extra: 1 } });
    expect(unknown.body.issues[0].path).toBe('extra');
    const inPerson = await api({ path: '/api/learning-requests', body: { ...learning, mode: 'in-person' } });
    expect(inPerson.body.issues[0]).toEqual({
      path: 'modeReason',
      message: 'Raison de la rencontre en personne : obligatoire pour une rencontre en personne',
    });
    const noQuartier = await api({ path: '/api/learning-requests', body: { ...learning, quartierId: 'atlantide' } });
    expect(noQuartier.status).toBe(400);
    expect(noQuartier.body.issues[0]).toEqual({ path: 'quartierId', message: 'Quartier : Quartier inconnu.' });
    expect(await deps.store.query(keys.requestsOfKindAndStatus('learning', 'routed'))).toEqual(before);
  });

  it('writes each refusal for a person, in both languages: what to do, with the limit or an example', async () => {
    const learningFr = await api({
      path: '/api/learning-requests',
      body: { ...learning, question: 'Q ?', estimatedMinutes: 0, contact: { name: 'Zoé', email: 'zoe', phone: 'x' } },
    });
    expect(learningFr.body.issues).toEqual([
      {
        path: 'contact.email',
        message: 'Courriel de la personne-ressource : entrez une adresse courriel au format nom@exemple.org',
      },
      {
        path: 'contact.phone',
        message: 'Téléphone de la personne-ressource : entrez un numéro de téléphone, par exemple 514 555-1234',
      },
      {
        path: 'question',
        message: "Question d'apprentissage : décrivez votre question en une phrase au moins (10 caractères ou plus)",
      },
      { path: 'estimatedMinutes', message: 'Estimation des heures : entrez un nombre plus grand que 0' },
    ]);
    const additionalEn = await api({
      path: '/api/additional-support-requests',
      headers: { 'accept-language': 'en' },
      body: { quartierId: 'verdun', contact: learning.contact, topic: 'x'.repeat(2001), advisorConsulted: false },
    });
    expect(additionalEn.body.issues).toEqual([
      { path: 'topic', message: 'Topic: write at most 2000 characters' },
      { path: 'advisorConsulted', message: 'Advisor consulted: tick the box to confirm' },
    ]);
    const subscribe = await api({ path: '/api/mailing-list/subscriptions', body: { email: 'a@example.org' } });
    expect(subscribe.body.issues).toEqual([
      { path: 'consent', message: 'Consentement : cochez la case pour le confirmer' },
    ]);
    // Nothing of the parser's own vocabulary reaches a person.
    for (const r of [learningFr, additionalEn, subscribe])
      for (const i of r.body.issues) expect(i.message).not.toMatch(/attendu|expected|invalide|invalid|Trop|Too/);
  });

  it('refuses malformed JSON, wrong types, oversized bodies, unknown routes and methods with a 4xx', async () => {
    expect((await api({ path: '/api/learning-requests', rawBody: '{"quartierId": ' })).status).toBe(400);
    expect((await api({ path: '/api/learning-requests', rawBody: '[1,2]' })).status).toBe(400);
    expect((await api({ path: '/api/learning-requests', rawBody: 'null' })).status).toBe(400);
    expect(
      (await api({ path: '/api/learning-requests', body: { ...learning, question: 'x'.repeat(40_000) } })).status,
    ).toBe(413);
    expect((await api({ path: '/api/nowhere' })).status).toBe(404);
    expect((await api({ path: '/api/health', method: 'DELETE' })).status).toBe(405);
    expect(
      (
        await api({
          path: '/api/learning-requests',
          rawBody: 'a=b',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
  });

  it('checks bearer tokens and roles on staff routes', async () => {
    const newQuartier = {
      id: 'nouveau-quartier',
      name: 'Nouveau',
      advisor: { name: 'Conseil', email: 'c@example.org' },
    };
    expect((await api({ path: '/api/quartiers', body: newQuartier })).status).toBe(401);
    expect((await api({ path: '/api/quartiers', body: newQuartier, token: 'forged' })).status).toBe(401);
    const partner = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
    expect((await api({ path: '/api/quartiers', body: newQuartier, token: partner })).status).toBe(403);
    const otherKey = await signLocalToken('another-key-that-is-long-enough', 'coordination');
    expect((await api({ path: '/api/quartiers', body: newQuartier, token: otherKey })).status).toBe(401);
    const coordination = await signLocalToken(deps.config.auth.localSigningKey!, 'coordination');
    expect((await api({ path: '/api/quartiers', body: newQuartier, token: coordination })).status).toBe(201);
    expect((await api({ path: '/api/quartiers', body: newQuartier, token: TEAM })).status).toBe(409);
    expect((await api({ path: '/api/quartiers' })).body.map((q: { id: string }) => q.id)).toContain('nouveau-quartier');
  });

  it('lets the coordination team read and change the rules, validated', async () => {
    const current = await api({ path: '/api/settings', token: TEAM });
    expect(current.body).toMatchObject({
      learning: { annualMinutes: 1860, availableCapMinutes: 3720 },
      additional: { slotsPerYear: 9, minutesPerSlot: 1800 },
      yearStart: { month: 4, day: 1 },
    });
    const bad = await api({
      method: 'PUT',
      path: '/api/settings',
      token: TEAM,
      body: { ...current.body, additional: { ...current.body.additional, slotsPerYear: -1 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('additional.slotsPerYear');
    expect(bad.body.issues[0].message).toMatch(
      /^Places par année \(axe 2\) : entrez un nombre égal ou plus grand que 0$/,
    );
    expect(await deps.store.get<{ settings: unknown }>(keys.settings())).toMatchObject({ settings: current.body });
    const partner = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'dynamo');
    expect((await api({ method: 'PUT', path: '/api/settings', token: partner, body: current.body })).status).toBe(403);
    const ok = await api({
      method: 'PUT',
      path: '/api/settings',
      token: TEAM,
      body: { ...current.body, additional: { ...current.body.additional, slotsPerYear: 10 } },
    });
    expect(ok.status).toBe(200);
    expect(
      (await deps.store.get<{ settings: { additional: { slotsPerYear: number } } }>(keys.settings()))!.settings
        .additional.slotsPerYear,
    ).toBe(10);
    await api({ method: 'PUT', path: '/api/settings', token: TEAM, body: current.body });
  });

  it('publishes the OpenAPI document generated from the schemas', async () => {
    const doc = (await api({ path: '/api/openapi.json' })).body;
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/learning-requests'].post;
    expect(post.requestBody.content['application/json'].schema.properties.focus.enum).toEqual([
      'strategic-clarity',
      'evaluation',
      'other',
    ]);
    expect(post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['quartierId', 'contact', 'question', 'focus']),
    );
    expect(doc.paths['/api/hour-logs'].post.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(25);
  });

  it('logs hours with the balance and refuses future dates', async () => {
    const ok = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { quartierId: 'verdun', axis: 'learning', date: '2026-11-02', minutes: 90, step: 'plan' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ year: '2026-2027', billableMinutes: 0 });
    const future = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { quartierId: 'verdun', axis: 'learning', date: '2027-01-02', minutes: 90, step: 'plan' },
    });
    expect(future.status).toBe(400);
    expect(future.body.issues[0]).toEqual({
      path: 'date',
      message: 'Date : Les heures ne peuvent pas être datées dans le futur.',
    });
    const notes = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { quartierId: 'verdun', axis: 'learning', date: '2026-11-02', minutes: 1.5 },
    });
    expect(notes.status).toBe(400);
    const balance = await api({ path: '/api/quartiers/verdun/balance', token: TEAM });
    expect(balance.body).toMatchObject({
      year: '2026-2027',
      allocatedMinutes: 1860,
      carriedInMinutes: 0,
      usedMinutes: 90,
      availableMinutes: 1770,
      billableMinutes: 0,
      carryExpiresOn: null,
    });
    const partner = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
    expect((await api({ path: '/api/quartiers/verdun/balance', token: partner })).status).toBe(403);
    expect(
      (
        await api({
          path: '/api/hour-logs',
          token: partner,
          body: { quartierId: 'verdun', axis: 'learning', date: '2026-11-02', minutes: 90, step: 'plan' },
        })
      ).status,
    ).toBe(403);
  });

  it('reports the minutes logged per partner and month over every quartier', async () => {
    const fresh = await testDeps();
    const call = apiClient(fresh);
    const [a, b] = (await call({ path: '/api/quartiers' })).body.map((q: { id: string }) => q.id);
    for (const [quartierId, date, minutes] of [
      [a, '2026-10-05', 60],
      [b, '2026-10-20', 45],
      [a, '2026-11-02', 30],
    ] as const) {
      expect(
        (
          await call({
            path: '/api/hour-logs',
            token: TEAM,
            body: { quartierId, axis: 'learning', date, minutes, step: 'analyse' },
          })
        ).status,
      ).toBe(201);
    }
    const report = await call({ path: '/api/reports/hours', query: { year: '2026-2027' }, token: TEAM });
    expect(report.body).toEqual([
      { partnerId: 'coordination', month: '2026-10', minutes: 105 },
      { partnerId: 'coordination', month: '2026-11', minutes: 30 },
    ]);
    expect((await call({ path: '/api/reports/hours', query: { year: '2025-2026' }, token: TEAM })).body).toEqual([]);
  });
});
