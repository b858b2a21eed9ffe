/**
 * Activities registered elsewhere: the catalogue gives the organiser's link (the activity's, or a session's own),
 * the in-house registration refuses such a session, links are https only, and coordination sets or clears a
 * session's link (and its place and virtual link) with PATCH.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { listRegistrations } from '#usecases/list-registrations';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
let deps: Deps;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
  api = apiClient(deps);
});

type Activity = { id: string; registrationUrl?: string; sessions: Array<{ id: string; registrationUrl?: string }> };
const catalogue = async () => (await api({ path: '/api/activities' })).body as Activity[];

async function addSession(body: Record<string, unknown>) {
  const res = await api({
    path: '/api/sessions',
    token: TEAM,
    body: { date: '2027-03-10', duration: 'full-day', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; registrationUrl?: string; sequence: number };
}

const registerTo = (sessionId: string, locale = 'fr') =>
  api({
    path: `/api/sessions/${sessionId}/registrations`,
    headers: { 'accept-language': locale },
    body: { name: 'Zoé Tremblay', email: 'zoe@example.org', quartierId: 'verdun' },
  });

describe('registration elsewhere', () => {
  it("the catalogue gives Dynamo's site for its three trainings, and none for the festival", async () => {
    const byId = new Map((await catalogue()).map((a) => [a.id, a]));
    for (const id of ['formation-impact-collectif', 'formation-captation-apprentissages', 'atelier-prise-de-decision'])
      expect(byId.get(id)?.registrationUrl, id).toBe('https://dynamocollectivo.com');
    expect(byId.get('festival-impact-collectif')?.registrationUrl).toBeUndefined();
    expect(byId.get('echanges-de-pratiques')?.registrationUrl).toBeUndefined();
  });

  it("refuses the in-house registration to a Dynamo training's session, in both languages, and records nothing", async () => {
    const s = await addSession({ activityId: 'formation-impact-collectif', capacity: 20 });
    const fr = await registerTo(s.id);
    expect(fr.status).toBe(409);
    expect(fr.body).toEqual({
      error: 'registers-elsewhere',
      message: expect.stringMatching(/^L'inscription à cette session se fait sur le site de son organisateur/),
      registrationUrl: 'https://dynamocollectivo.com',
    });
    const en = await registerTo(s.id, 'en');
    expect(en.status).toBe(409);
    expect(en.body.message).toMatch(/^Registration for this session is on its organiser's site/);
    expect(await listRegistrations(deps, s.id)).toEqual([]);
    const listed = (await catalogue()).find((a) => a.id === 'formation-impact-collectif')!;
    expect(listed.sessions.find((x) => x.id === s.id)).toMatchObject({ registeredCount: 0, seatsLeft: 20 });
  });

  it("a session's own link: listed, registration refused; cleared with null, registration is here again", async () => {
    const s = await addSession({ activityId: 'festival-impact-collectif', registrationUrl: 'https://example.org/pic' });
    expect(s.registrationUrl).toBe('https://example.org/pic');
    const listed = (await catalogue()).find((a) => a.id === 'festival-impact-collectif')!;
    expect(listed.sessions.find((x) => x.id === s.id)?.registrationUrl).toBe('https://example.org/pic');
    expect((await registerTo(s.id)).body).toMatchObject({ registrationUrl: 'https://example.org/pic' });

    const cleared = await api({
      method: 'PATCH',
      path: `/api/sessions/${s.id}`,
      token: TEAM,
      body: { registrationUrl: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('registrationUrl');
    // Where people register is not in the invite: registrants get no update for it.
    expect(cleared.body).toMatchObject({ sequence: s.sequence, notified: 0 });
    const relisted = (await catalogue()).find((a) => a.id === 'festival-impact-collectif')!;
    expect(relisted.sessions.find((x) => x.id === s.id)).not.toHaveProperty('registrationUrl');
    expect((await registerTo(s.id)).status).toBe(201);

    const set = await api({
      method: 'PATCH',
      path: `/api/sessions/${s.id}`,
      token: TEAM,
      body: { registrationUrl: 'https://example.org/autre' },
    });
    expect(set.body.registrationUrl).toBe('https://example.org/autre');
  });

  it('takes https links only, on creation and on change, naming the field in the caller’s language', async () => {
    for (const bad of ['http://dynamocollectivo.com', 'javascript:alert(1)', 'https://localhost/x', 'dynamo']) {
      const res = await api({
        path: '/api/sessions',
        token: TEAM,
        body: {
          activityId: 'festival-impact-collectif',
          date: '2027-03-11',
          duration: 'full-day',
          registrationUrl: bad,
        },
      });
      expect(res.status, bad).toBe(400);
      expect(res.body.issues, bad).toEqual([
        {
          path: 'registrationUrl',
          message: "Lien d'inscription externe : une adresse web complète en https:// est attendue",
        },
      ]);
    }
    const s = await addSession({ activityId: 'festival-impact-collectif' });
    const en = await api({
      method: 'PATCH',
      path: `/api/sessions/${s.id}`,
      token: TEAM,
      headers: { 'accept-language': 'en' },
      body: { registrationUrl: 'http://example.org/pic' },
    });
    expect(en.status).toBe(400);
    expect(en.body.issues).toEqual([
      { path: 'registrationUrl', message: 'External registration link: expected a full https:// web address' },
    ]);
    const untouched = (await catalogue()).find((a) => a.id === 'festival-impact-collectif')!;
    expect(untouched.sessions.find((x) => x.id === s.id)).not.toHaveProperty('registrationUrl');
  });

  it('PATCH sets and clears the place and the virtual link; registrants see the change', async () => {
    const s = await addSession({ activityId: 'festival-impact-collectif', place: 'Centraide, Montréal' });
    const patch = (body: Record<string, unknown>) =>
      api({ method: 'PATCH', path: `/api/sessions/${s.id}`, token: TEAM, body });
    const virtual = await patch({ virtualUrl: 'https://meet.example.org/pic', place: null });
    expect(virtual.status).toBe(200);
    expect(virtual.body).toMatchObject({ virtualUrl: 'https://meet.example.org/pic', sequence: s.sequence + 1 });
    expect(virtual.body).not.toHaveProperty('place');
    const back = await patch({ virtualUrl: null, place: 'Maison du quartier' });
    expect(back.body).toMatchObject({ place: 'Maison du quartier', sequence: s.sequence + 2 });
    expect(back.body).not.toHaveProperty('virtualUrl');
    expect((await patch({ virtualUrl: 'http://meet.example.org' })).status).toBe(400);
  });
});

describe("the dashboard's forms", () => {
  it('an empty field is named once, however many of its checks it breaks', async () => {
    const res = await api({
      path: '/api/bulk-messages',
      token: TEAM,
      body: { audience: 'session-registrants', sessionId: '', subject: 'Nouvelles', body: 'Bonjour' },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'sessionId', message: 'Session : obligatoire' }]);
  });
});
