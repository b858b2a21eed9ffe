/** The learning harvest (issue 18) against DynamoDB Local, through the API handler: who writes what when, consent. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, onFile, testDeps, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { parseCsv } from '#domain/csv';
import { harvestInNumbers } from '#usecases/harvest-year';
import { openYear } from '#usecases/open-year';
import { templates } from '#email/templates';
import { keys } from '#adapters/dynamodb/keys';
import type { OutboxRecord } from '#usecases/outbox';
import type { Deps } from '#shared/ports';

let deps: Deps;
let api: ReturnType<typeof apiClient>;
let clock: ManualClock;
let niska: string;
let dynamo: string;
const TEAM = 'test-coordination-token';

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
  deps = await testDeps({ clock });
  api = apiClient(deps);
  niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  dynamo = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'dynamo');
});

/** A learning request of `quartierId`, held by niska, taken as far as `until`. */
async function request(quartierId = 'verdun', until: 'routed' | 'accepted' | 'in-progress' = 'in-progress') {
  // An address of its own each time: one address gets a few confirmations an hour.
  const email = `lea-${uniq()}@example.org`;
  await onFile(deps, quartierId, email);
  const r = await api({
    path: '/api/learning-requests',
    body: {
      quartierId,
      contact: { name: 'Léa Tremblay', email, phone: '514 555-1234' },
      question: 'Comment mesurer nos effets ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
      estimatedMinutes: 600,
    },
  });
  expect(r.status).toBe(201);
  const id = r.body.id as string;
  if (until !== 'routed')
    expect((await api({ path: `/api/learning-requests/${id}/accept`, token: niska, body: {} })).status).toBe(200);
  if (until === 'in-progress')
    expect(
      (await api({ path: `/api/learning-requests/${id}/progress`, token: niska, body: { status: 'in-progress' } }))
        .status,
    ).toBe(200);
  return { id, token: r.body.statusToken as string };
}

const outcome = (extra: Record<string, unknown> = {}) => ({
  actor: 'La table de quartier',
  change: 'Elle suit maintenant trois indicateurs partagés avec ses membres.',
  contribution: "L'accompagnement a aidé à choisir les indicateurs.",
  evidence: 'Procès-verbal de mars',
  themes: ['évaluation et apprentissage'],
  shared: false,
  ...extra,
});

describe('the journal', () => {
  it('is written by the partner holding the request, coordination and the quartier; another partner gets 403', async () => {
    const r = await request();
    const path = `/api/learning-requests/${r.id}/journal`;
    const byPartner = await api({ path, token: niska, body: { kind: 'intent', text: 'Si cela réussit, la table…' } });
    expect(byPartner.status).toBe(201);
    expect(byPartner.body).toMatchObject({
      kind: 'intent',
      author: { role: 'partner', partnerId: 'niska' },
      at: '2026-11-27T15:00:00.000Z',
      quartierId: 'verdun',
      year: '2026-2027',
      partnerId: 'niska',
      focus: 'evaluation',
    });
    clock.advanceDays(1);
    const byQuartier = await api({
      path,
      headers: { 'x-status-token': r.token },
      body: { kind: 'step', step: 'plan', text: 'Nous avons choisi nos questions.' },
    });
    expect(byQuartier.status).toBe(201);
    expect(byQuartier.body.author).toEqual({ role: 'requester' });
    clock.advanceDays(1);
    expect((await api({ path, token: TEAM, body: { kind: 'step', step: 'analyse', text: 'Note' } })).status).toBe(201);

    expect((await api({ path, token: dynamo, body: { kind: 'intent', text: 'Pas le mien' } })).status).toBe(403);
    expect((await api({ path, body: { kind: 'intent', text: 'Sans lien' } })).status).toBe(403);
    expect(
      (await api({ path, headers: { 'x-status-token': 'nope' }, body: { kind: 'intent', text: 'x' } })).status,
    ).toBe(403);
    expect((await api({ path, token: dynamo })).status).toBe(403);

    const read = await api({ path, headers: { 'x-status-token': r.token } });
    expect(read.status).toBe(200);
    expect(read.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['intent', 'step', 'step']);
    // The quartier sees who wrote by role, not the staff account.
    expect(read.body.entries[2].author).toEqual({ role: 'coordination' });
    expect(read.body.themes).toEqual(['impact collectif', 'gouvernance collective', 'évaluation et apprentissage']);
  });

  it('asks a step for step notes, keeps the after-action review for once the work has started, edits keep the author', async () => {
    const routed = await request('verdun', 'routed');
    const path = (id: string) => `/api/learning-requests/${id}/journal`;
    const early = await api({ path: path(routed.id), token: niska, body: { kind: 'after-action', text: 'Trop tôt' } });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('too-early-for-review');
    const noStep = await api({ path: path(routed.id), token: niska, body: { kind: 'step', text: 'Sans étape' } });
    expect(noStep.status).toBe(400);
    expect(noStep.body.issues[0].path).toBe('step');

    const r = await request();
    const review = await api({
      path: path(r.id),
      token: niska,
      body: { kind: 'after-action', text: 'Prévu : x. Arrivé : y. Pourquoi : z. Autrement : w.' },
    });
    expect(review.status).toBe(201);
    clock.advanceDays(1);
    const edited = await api({
      method: 'PATCH',
      path: `${path(r.id)}/${review.body.id}`,
      headers: { 'x-status-token': r.token },
      body: { text: 'Corrigé par le quartier' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      text: 'Corrigé par le quartier',
      author: { role: 'partner', partnerId: 'niska' },
      at: review.body.at,
      editedBy: { role: 'requester' },
    });
    const missing = await api({ method: 'PATCH', path: `${path(r.id)}/nope`, token: niska, body: { text: 'x' } });
    expect(missing.status).toBe(404);
  });

  it('closes with the request: a cancelled request takes no more entries', async () => {
    const r = await request('verdun', 'routed');
    const cancel = await api({
      path: `/api/learning-requests/${r.id}/cancel`,
      headers: { 'x-status-token': r.token },
      body: {},
    });
    expect(cancel.status).toBe(200);
    const late = await api({
      path: `/api/learning-requests/${r.id}/journal`,
      headers: { 'x-status-token': r.token },
      body: { kind: 'intent', text: 'Trop tard' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('journal-closed');
  });
});

describe('outcome statements and consent', () => {
  it('are recorded by the writers; only the quartier consents to share, staff may withdraw; themes from the list', async () => {
    const r = await request();
    const path = `/api/learning-requests/${r.id}/outcomes`;
    const sharedByPartner = await api({ path, token: niska, body: outcome({ shared: true }) });
    expect(sharedByPartner.status).toBe(409);
    expect(sharedByPartner.body.error).toBe('consent-from-quartier');
    const unknown = await api({ path, token: niska, body: outcome({ themes: ['météo'] }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].path).toBe('themes');
    expect((await api({ path, token: dynamo, body: outcome() })).status).toBe(403);

    const o = await api({ path, token: niska, body: outcome() });
    expect(o.status).toBe(201);
    expect(o.body).toMatchObject({ shared: false, author: { role: 'partner', partnerId: 'niska' } });
    const share = `${path}/${o.body.id}/share`;
    expect((await api({ path: share, token: niska, body: { shared: true } })).status).toBe(409);
    const given = await api({ path: share, headers: { 'x-status-token': r.token }, body: { shared: true } });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ shared: true, sharedAt: clock.now().toISOString() });
    const byQuartier = await api({
      path,
      headers: { 'x-status-token': r.token },
      body: outcome({ actor: 'Les membres', shared: true }),
    });
    expect(byQuartier.status).toBe(201);

    const edited = await api({
      method: 'PATCH',
      path: `${path}/${o.body.id}`,
      headers: { 'x-status-token': r.token },
      body: { change: 'Quatre indicateurs', themes: ['impact collectif'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ change: 'Quatre indicateurs', themes: ['impact collectif'], shared: true });

    const withdrawn = await api({ path: share, token: TEAM, body: { shared: false } });
    expect(withdrawn.body.shared).toBe(false);
    const history = await api({ path: `/api/requests/${r.id}`, token: TEAM });
    expect(history.body.history.map((h: { event: string }) => h.event)).toEqual(
      expect.arrayContaining(['outcome-shared', 'outcome-unshared']),
    );
  });

  it('is shown, with the after-action reviews, when the quartier opens its next request', async () => {
    const first = await request('rosemont');
    await api({ path: `/api/learning-requests/${first.id}/outcomes`, token: niska, body: outcome() });
    await api({
      path: `/api/learning-requests/${first.id}/journal`,
      token: niska,
      body: { kind: 'after-action', text: 'Ce que nous ferons autrement' },
    });
    const next = await request('rosemont', 'routed');
    const forQuartier = await api({
      path: `/api/learning-requests/${next.id}/journal`,
      headers: { 'x-status-token': next.token },
    });
    expect(forQuartier.body.entries).toEqual([]);
    expect(forQuartier.body.earlier.outcomes.map((o: { requestId: string }) => o.requestId)).toEqual([first.id]);
    expect(forQuartier.body.earlier.reviews[0].text).toBe('Ce que nous ferons autrement');
    const forPartner = await api({ path: `/api/learning-requests/${next.id}/journal`, token: niska });
    expect(forPartner.body.earlier.outcomes).toHaveLength(1);

    // An address not on file learns nothing of the quartier before trust is established, and cannot write.
    const stranger = await api({
      path: '/api/learning-requests',
      body: {
        quartierId: 'rosemont',
        contact: { name: 'Inconnu', email: `inconnu-${uniq()}@example.org` },
        question: 'Que savez-vous de nous ?',
        focus: 'evaluation',
        estimatedMinutes: 60,
      },
    });
    expect(stranger.body.status).toBe('unverified');
    const unproven = await api({
      path: `/api/learning-requests/${stranger.body.id}/journal`,
      headers: { 'x-status-token': stranger.body.statusToken },
    });
    expect(unproven.body).toMatchObject({ open: false, earlier: { outcomes: [], reviews: [] } });
    expect(forQuartier.body.open).toBe(true);
  });
});

describe("the year's harvest", () => {
  it('gives coordination every outcome and review with counts, as JSON and as a French Excel CSV', async () => {
    const freshClock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
    const fresh = await testDeps({ clock: freshClock });
    const before = { deps, api };
    deps = fresh;
    api = apiClient(fresh);
    try {
      const a = await request('verdun');
      freshClock.advanceDays(1);
      const b = await request('rosemont');
      await api({ path: `/api/learning-requests/${a.id}/outcomes`, token: niska, body: outcome() });
      freshClock.advanceDays(1);
      await api({
        path: `/api/learning-requests/${b.id}/outcomes`,
        headers: { 'x-status-token': b.token },
        body: outcome({ themes: ['impact collectif', 'gouvernance collective'], shared: true, actor: '=Léa Tremblay' }),
      });
      await api({
        path: `/api/learning-requests/${a.id}/journal`,
        token: niska,
        body: { kind: 'after-action', text: 'Bilan' },
      });
      expect((await api({ path: '/api/harvest/2026-2027', token: niska })).status).toBe(403);
      const h = await api({ path: '/api/harvest/2026-2027', token: TEAM });
      expect(h.status).toBe(200);
      expect(h.body.counts).toEqual({
        outcomes: 2,
        shared: 1,
        reviews: 1,
        quartiers: 2,
        byTheme: { 'évaluation et apprentissage': 1, 'impact collectif': 1, 'gouvernance collective': 1 },
        byFocus: { evaluation: 2 },
        byPartner: { niska: 2 },
      });
      expect(h.body.outcomes[0]).toMatchObject({ quartierName: 'Verdun', partnerName: expect.any(String) });

      const csv = await api({ path: '/api/harvest/2026-2027', token: TEAM, query: { format: 'csv' } });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.startsWith('\uFEFF"Type";"Date";"Quartier"')).toBe(true);
      const rows = parseCsv(csv.text, ';');
      expect(rows).toHaveLength(4);
      expect(rows[2].cells[6]).toBe("'=Léa Tremblay"); // a formula is neutralised
      expect(rows[3].cells[0]).toBe('bilan après action');
      expect(rows[1].cells[4]).toBe('Évaluation'); // the focus in words, not its code
      const asked = await api({ path: '/api/harvest/2026-2027', token: TEAM, query: { format: 'csv', lang: 'en' } });
      expect(parseCsv(asked.text, ';')[0].cells[0]).toBe('Kind');
      expect(parseCsv(asked.text, ';')[1].cells[4]).toBe('Evaluation');
      const en = await api({
        path: '/api/harvest/2026-2027',
        token: TEAM,
        query: { format: 'csv' },
        headers: { 'accept-language': 'en' },
      });
      expect(parseCsv(en.text, ';')[0].cells[0]).toBe('Kind');

      const pub = await api({ path: '/api/harvest/2026-2027/shared' });
      expect(pub.status).toBe(200);
      expect(pub.body.outcomes).toHaveLength(1);
      expect(pub.body.outcomes[0]).toEqual({
        quartier: 'Rosemont',
        focus: 'evaluation',
        themes: ['impact collectif', 'gouvernance collective'],
        actor: '=[…]',
        change: outcome().change,
        contribution: outcome().contribution,
        evidence: outcome().evidence,
      });
      expect(JSON.stringify(pub.body)).not.toMatch(/lea-|Tremblay|514/);
      expect((await api({ path: '/api/harvest/1999/shared' })).status).toBe(404);

      expect(await harvestInNumbers(fresh, '2025-2026')).toBeUndefined();
      // The next year's opening tells the team what this one harvested.
      freshClock.set('2027-04-02T12:00:00Z');
      await openYear(fresh, '2027-2028', { dryRun: false });
      const summary = (await fresh.store.query<OutboxRecord>(keys.outboxByStatus('pending'))).find(
        (m) => m.template === 'year-opening-summary',
      )!;
      expect(summary.data.harvest).toEqual({
        year: '2026-2027',
        outcomes: 2,
        shared: 1,
        reviews: 1,
        quartiers: 2,
        byTheme: { 'évaluation et apprentissage': 1, 'impact collectif': 1, 'gouvernance collective': 1 },
      });
      const text = templates['year-opening-summary'](summary.data as never, 'fr').paragraphs.join('\n');
      expect(text).toContain('Récolte des apprentissages 2026-2027 : 2 effets (dont 1 partagés par leur quartier)');
    } finally {
      deps = before.deps;
      api = before.api;
    }
  });
});
