import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { onFile, testDeps, ManualClock, sesMessages, to, uniq } from '../support/harness.ts';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { sweepOutbox } from '#usecases/deliver-notification';
import { chaseUnansweredRequests } from '#usecases/chase-unanswered-requests';
import { signLocalToken } from '#shared/auth';
import type { Deps } from '#shared/ports';

let deps: Deps;
let server: Server;
let base: string;
let clock: ManualClock;

async function http(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

const partnerEmail = (id: string) => `accompagnement-${id}@example.org`;

/** The accept/decline link of the newest assignment email sent to a partner for a request. */
async function linkFor(partner: string, requestId: string, action: 'accept' | 'decline') {
  await sweepOutbox(deps, { pendingGraceMs: 0 });
  const mails = (await sesMessages(to(partnerEmail(partner)))).filter((m) => m.body.text?.includes(requestId));
  const text = mails.at(-1)?.body.text ?? '';
  const url = text.match(new RegExp(`(https?://\\S+action=${action}\\S+)`))?.[1];
  expect(url, `no ${action} link for ${partner}`).toBeTruthy();
  return new URLSearchParams(new URL(url!).hash.split('?')[1]);
}

async function submit(extra: Record<string, unknown> = {}) {
  const email = `zoe-${uniq()}@example.org`;
  await onFile(deps, 'verdun', email, 'Zoé');
  const r = await http('/api/learning-requests', {
    body: {
      quartierId: 'verdun',
      contact: { name: 'Zoé', email },
      question: 'Comment mesurer nos effets ?',
      focus: 'evaluation',
      estimatedMinutes: 600,
      ...extra,
    },
  });
  expect(r.status).toBe(201);
  return { ...r.body, email };
}

const answer = (params: URLSearchParams, reason?: string) =>
  http(`/api/learning-requests/${params.get('id')}/answer`, {
    body: {
      action: params.get('action'),
      partnerId: params.get('p'),
      assignment: Number(params.get('a')),
      signature: params.get('sig'),
      ...(reason ? { reason } : {}),
    },
  });

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  clock = new ManualClock(new Date('2026-11-27T15:00:00Z')); // a Friday
  deps = await testDeps({ clock, env: { PIC_PUBLIC_BASE_URL: base }, contacts: ['lea@example.org'] });
  server = await startGateway({ port, api: makeApiHandler(routes, async () => deps) });
});
afterAll(() => new Promise((r) => server.close(r)));

describe('learning requests end to end through the local API', () => {
  it('submit → partner email → accept link → accepted → hours logged → status page shows them', async () => {
    const req = await submit({ preferredPartnerId: 'niska' });
    expect(req).toMatchObject({ status: 'routed', partnerId: 'niska', year: '2026-2027', availableMinutes: 1860 });
    expect(req.statusToken.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits, base64url

    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const confirmation = await sesMessages(to(req.email));
    expect(confirmation[0].body.text).toContain('31 h');
    const accept = await linkFor('niska', req.id, 'accept');
    expect((await answer(accept)).body).toMatchObject({ status: 'accepted', outcome: 'accepted' });
    expect((await answer(accept)).status).toBe(409); // a used link is refused

    const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
    const logged = await http('/api/hour-logs', {
      headers: { authorization: `Bearer ${niska}` },
      body: {
        quartierId: 'verdun',
        axis: 'learning',
        date: '2026-11-27',
        minutes: 120,
        step: 'identify-questions',
        requestId: req.id,
      },
    });
    expect(logged.status).toBe(201);
    const progress = await http(`/api/learning-requests/${req.id}/progress`, {
      headers: { authorization: `Bearer ${niska}` },
      body: { step: 'plan' },
    });
    expect(progress.body).toMatchObject({ status: 'in-progress', step: 'plan' });

    const status = await http(`/api/requests/${req.id}`, { headers: { 'x-status-token': req.statusToken } });
    expect(status.body).toMatchObject({
      status: 'in-progress',
      step: 'plan',
      partner: { id: 'niska', name: 'Niska' },
      balance: { usedMinutes: 120, availableMinutes: 1740 },
      // The hour entry logged against the request, as the quartier sees it.
      hours: [
        {
          date: '2026-11-27',
          minutes: 120,
          billableMinutes: 0,
          step: 'identify-questions',
          partner: { id: 'niska', name: 'Niska' },
        },
      ],
    });
    expect(status.body.history.map((h: { event: string }) => h.event)).toEqual([
      'submitted',
      'routed',
      'accepted',
      'step:plan',
    ]);
    expect(status.body.contact).toBeUndefined(); // the requester's view carries no staff detail
    expect((await http(`/api/requests/${req.id}?token=wrong`)).status).toBe(403);
  });

  it('a decline re-routes to the next partner (never back), a forged link is refused, all declined asks the team', async () => {
    const req = await submit({ preferredPartnerId: 'dynamo' });
    const forged = await linkFor('dynamo', req.id, 'decline');
    forged.set('sig', `${forged.get('sig')!.slice(0, -2)}xx`);
    expect((await answer(forged)).status).toBe(409);
    forged.set('p', 'niska');
    expect((await answer(forged)).status).toBe(409);

    const first = await answer(await linkFor('dynamo', req.id, 'decline'), 'pas de disponibilité');
    expect(first.body).toMatchObject({ outcome: 'rerouted' });
    const second = first.body.partnerId;
    expect(second).not.toBe('dynamo');
    const afterSecond = await answer(await linkFor(second, req.id, 'decline'));
    expect(afterSecond.body.partnerId).not.toBe('dynamo');
    expect(afterSecond.body.partnerId).not.toBe(second);
    const last = await answer(await linkFor(afterSecond.body.partnerId, req.id, 'decline'));
    expect(last.body).toMatchObject({ outcome: 'needs-decision', status: 'needs-decision', partnerId: null });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const team = (await sesMessages(to(deps.config.mail.team))).filter((m) => m.subject.includes(req.id));
    expect(team[0].subject).toMatch(/^Décision requise/);
    // The coordination team decides.
    const assigned = await http(`/api/learning-requests/${req.id}/assign`, {
      headers: { authorization: 'Bearer test-coordination-token' },
      body: { partnerId: 'niska', reason: 'entente avec Niska' },
    });
    expect(assigned.body).toMatchObject({ status: 'routed', partnerId: 'niska' });
  });

  it('reminds a silent partner after 5 business days and re-routes after 10, telling the team', async () => {
    clock.set('2026-11-27T15:00:00Z');
    const req = await submit({ preferredPartnerId: 'yann-pezzini' });
    clock.set('2026-12-03T15:00:00Z'); // 4 business days
    expect((await chaseUnansweredRequests(deps)).reminded).toBe(0);
    clock.set('2026-12-04T15:00:00Z'); // 5
    expect((await chaseUnansweredRequests(deps)).reminded).toBeGreaterThanOrEqual(1);
    expect((await chaseUnansweredRequests(deps)).reminded).toBe(0); // once
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    expect(
      (await sesMessages(to(partnerEmail('yann-pezzini')))).some(
        (m) => m.subject.startsWith('Rappel') && m.body.text?.includes(req.id),
      ),
    ).toBe(true);
    clock.set('2026-12-11T15:00:00Z'); // 10
    await chaseUnansweredRequests(deps);
    const status = await http(`/api/requests/${req.id}`, { headers: { 'x-status-token': req.statusToken } });
    expect(status.body.status).toBe('routed');
    expect(status.body.partner.id).not.toBe('yann-pezzini');
    expect(status.body.history.map((h: { event: string }) => h.event)).toContain('no-answer');
  });

  it('asks for the billable acknowledgement when the estimate exceeds the available hours', async () => {
    clock.set('2026-11-27T15:00:00Z');
    const r = await http('/api/learning-requests', {
      body: {
        quartierId: 'lachine',
        contact: { name: 'Léa', email: 'lea@example.org' },
        question: 'Une question ?',
        focus: 'other',
        estimatedMinutes: 40 * 60,
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe('billableAcknowledged');
    expect(r.body.issues[0].message).toContain('à la charge du quartier');
    const ok = await http('/api/learning-requests', {
      body: {
        quartierId: 'lachine',
        contact: { name: 'Léa', email: 'lea@example.org' },
        question: 'Une question ?',
        focus: 'other',
        estimatedMinutes: 40 * 60,
        billableAcknowledged: true,
      },
    });
    expect(ok.status).toBe(201);
    const key = uniq();
    const h = { 'idempotency-key': key };
    const a = await http('/api/learning-requests', {
      headers: h,
      body: {
        quartierId: 'lachine',
        contact: { name: 'Léa', email: 'lea@example.org' },
        question: 'Idem, la même question ?',
        focus: 'other',
      },
    });
    const b = await http('/api/learning-requests', {
      headers: h,
      body: {
        quartierId: 'lachine',
        contact: { name: 'Léa', email: 'lea@example.org' },
        question: 'Idem, la même question ?',
        focus: 'other',
      },
    });
    expect(b.body).toEqual(a.body);
  });
});
