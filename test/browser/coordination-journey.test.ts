/**
 * The coordination team's journey in real Chromium, on a phone and on a desktop: the dashboard opens on what needs
 * attention (a request waiting for a decision, a failed email by recipient and subject), shows names rather than
 * ids, asks reasons in the page, toggles a request's audit trail, and asks before opening a year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { onFile } from '../support/harness.ts';
import { DESKTOP, PHONE, useBrowserSystem } from '../support/browser.ts';
import { signLocalToken } from '#shared/auth';
import { keys } from '#adapters/dynamodb/keys';

const NOW = new Date('2026-11-28T01:30:00Z');
const sys = useBrowserSystem({ now: NOW, axe: 'any' });

const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${sys.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
};

/** The status page of the request with hours logged against it. */
let servedStatus = '';

beforeAll(async () => {
  const deps = sys.deps;
  await onFile(deps, 'verdun', 'zoe@example.org', 'Zoé Tremblay');
  await onFile(deps, 'lachine', 'lea@example.org', 'Léa');
  await onFile(deps, 'rosemont', 'ana@example.org', 'Ana');

  // A learning request every partner declines: it waits for the team's decision.
  const asked = await post('/api/learning-requests', {
    quartierId: 'verdun',
    contact: { name: 'Zoé Tremblay', email: 'zoe@example.org' },
    question: 'Comment suivre nos effets sur trois ans ?',
    focus: 'evaluation',
  });
  expect(asked.status).toBe(201);
  for (let k = 0; k < 5; k++) {
    const now = await fetch(`${sys.base}/api/requests/${asked.body.id}`, {
      headers: { 'x-status-token': asked.body.statusToken },
    }).then((r) => r.json());
    if (now.status !== 'routed') break;
    const token = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', now.partner.id);
    await post(`/api/learning-requests/${asked.body.id}/decline`, { reason: 'Pas disponible' }, token);
  }
  // A learning request Niska accepts and logs 32 h against, more than the quartier has: a part is billable.
  await onFile(deps, 'ahuntsic', 'ali@example.org', 'Ali');
  const served = await post('/api/learning-requests', {
    quartierId: 'ahuntsic',
    contact: { name: 'Ali', email: 'ali@example.org' },
    question: 'Comment mesurer notre mobilisation ?',
    focus: 'evaluation',
    preferredPartnerId: 'niska',
    estimatedMinutes: 1920,
    billableAcknowledged: true,
  });
  expect(served.status, JSON.stringify(served.body)).toBe(201);
  const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  expect((await post(`/api/learning-requests/${served.body.id}/accept`, {}, niska)).status).toBe(200);
  // One day's entry at most 24 h: two entries, the second beyond what is available.
  for (const [date, minutes, step] of [
    ['2026-11-27', 1440, 'identify-questions'],
    ['2026-11-27', 480, 'plan'],
  ] as const) {
    const body = { quartierId: 'ahuntsic', axis: 'learning', date, minutes, step, requestId: served.body.id };
    const logged = await post('/api/hour-logs', body, niska);
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  }
  servedStatus = `#/demande/${served.body.id}?t=${served.body.statusToken}`;
  // Two slots granted, one released on each screen size.
  for (const [quartierId, name, email] of [
    ['lachine', 'Léa', 'lea@example.org'],
    ['rosemont', 'Ana', 'ana@example.org'],
  ]) {
    const granted = await post('/api/additional-support-requests', {
      quartierId,
      advisor: { name: 'Conseil PIC', email: `pic-${quartierId}@example.org` },
      contact: { name, email },
      topic: 'Codesign de notre stratégie',
      advisorConsulted: true,
    });
    expect(granted.body.outcome).toBe('granted');
  }
  // An email the service could not deliver.
  const msg = deps.repos.outbox.enqueue(
    { template: 'subscription-confirm', to: ['abonne@example.org'], data: { confirmUrl: 'https://x' } },
    NOW,
  );
  if (!('put' in msg)) throw new Error('outbox');
  await deps.store.put({
    ...msg.put,
    status: 'failed',
    lastError: 'connect ECONNREFUSED 127.0.0.1:4566',
    ...keys.outboxIndex('failed', NOW.toISOString()),
  });
}, 90_000);
describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
])('the coordination journey (%s)', (size, viewport) => {
  it('opens on what needs attention, with names, inline reasons, a toggling journal and a confirmed year opening', async () => {
    const page = await sys.newPage({ viewport });
    await page.goto(`${sys.base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.waitForSelector('.slots li');

    // First on the page: what needs a person, in words.
    const attention = page.locator('section.attention');
    const first = await page.locator('main section').first().getAttribute('class');
    expect(first).toBe('attention');
    const text = await attention.textContent();
    expect(text).toContain("Verdun : demande en attente d'une décision de l'équipe");
    expect(text).toContain('abonne@example.org');
    expect(text).toContain("« Confirmation d'abonnement à la liste d'envoi »");
    expect(text).toContain('Service de courriel injoignable');
    const failed = page.locator('section.failed-emails table');
    expect(await failed.textContent()).toContain('abonne@example.org');
    expect(await failed.textContent()).not.toContain('ECONNREFUSED'.toLowerCase());

    // The slot board names quartiers.
    const board = await page.locator('.slots').textContent();
    expect(board).toMatch(/Place \d : (Lachine|Rosemont)/);
    expect(board).not.toMatch(/: lachine|: rosemont/);
    await sys.check(page, `coordination-${size}`);

    // A reason asked in the page: empty shows the field's error; written, the slot is released.
    const slot = page.locator('.slots li.taken').first();
    const who = (await slot.textContent())?.includes('Lachine') ? 'Lachine' : 'Rosemont';
    const takenBefore = await page.locator('.slots li.taken').count();
    await slot.getByRole('button', { name: `Libérer la place : ${who}` }).click();
    const form = slot.locator('form.reason-form');
    await form.getByRole('button', { name: 'Libérer la place' }).click();
    await form.locator('.field-error').waitFor();
    expect(await form.locator('.field-error').textContent()).toContain('Écrivez le motif');
    expect(await form.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    await sys.check(page, `coordination-reason-${size}`);
    await form.getByLabel('Motif (obligatoire, inscrit au journal)').fill('Le quartier a terminé sa démarche');
    await form.getByRole('button', { name: 'Libérer la place' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.slots li.taken').length === n - 1, takenBefore);

    // The Journal toggles, in Montreal time, with readable actors and the reason given.
    const row = page.getByRole('row', { name: /Verdun/ });
    const toggle = row.getByRole('button', { name: 'Journal' });
    await toggle.click();
    const entries = row.locator('.journal li');
    await entries.first().waitFor();
    const count = await entries.count();
    const journal = await row.locator('.journal').textContent();
    expect(journal).toContain('heure de Montréal');
    expect(journal).toContain('la personne demandeuse');
    expect(journal).toContain('Pas disponible');
    expect(journal).not.toMatch(/requester|system\b|local-/);
    await row.getByRole('button', { name: 'Masquer le journal' }).click();
    expect(await row.locator('.journal').isHidden()).toBe(true);
    await row.getByRole('button', { name: 'Journal' }).click();
    expect(await entries.count()).toBe(count);

    // The request's log shows the hours logged against it: date, duration, step, the billable part.
    const served = page.getByRole('row', { name: /Ahuntsic/ });
    await served.getByRole('button', { name: 'Journal' }).click();
    const hoursLog = served.locator('.journal .hours-log');
    await hoursLog.waitFor();
    const logText = (await hoursLog.textContent()) ?? '';
    expect(logText).toContain('27 novembre 2026');
    expect(logText).toContain('24 h');
    expect(logText).toContain('Planifier la démarche');
    expect(logText).toContain('Niska');
    expect(logText).toMatch(/Heures consignées : 32 h \(à la charge du quartier \d+ h/);

    // The year opening: a summary in hours, and "Exécuter" asks first.
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.locator('#opening-result dl').waitFor();
    expect(await page.locator('#opening-result').textContent()).toContain('Heures allouées');
    expect(await page.locator('#opening-result').textContent()).not.toContain('{');
    await page.getByRole('button', { name: 'Exécuter' }).click();
    await page.getByRole('button', { name: "Oui, ouvrir l'année" }).waitFor();
    expect(await page.locator('.confirm').textContent()).toContain("Ouvrir l'année 2027-2028");
    await sys.check(page, `coordination-opening-${size}`);
    await page.getByRole('button', { name: 'Annuler' }).last().click();
    expect(await page.locator('.confirm').isHidden()).toBe(true);
    await page.context().close();
  }, 90_000);
});

describe('the quartier status page', () => {
  it('shows the hours the partner logged, with the part billable to the quartier', async () => {
    const page = await sys.open(servedStatus);
    const hoursLog = page.locator('main .hours-log');
    await hoursLog.waitFor();
    const text = (await hoursLog.textContent()) ?? '';
    expect(text).toContain('27 novembre 2026');
    expect(text).toContain('8 h');
    expect(text).toContain('Identifier les questions prioritaires');
    expect(text).toMatch(/Heures consignées : 32 h \(à la charge du quartier \d+ h/);
    await sys.check(page, 'status-hours');
    await page.context().close();
  });
});
